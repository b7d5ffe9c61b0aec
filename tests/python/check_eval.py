#!/usr/bin/env python3
"""Cross-checks `crocus eval` against seqeval (strict mode, IOB2) and conlleval (the PyPI
`conlleval` 0.2 port of conlleval.pl): on CoNLL predictions, the entity micro P/R/F1 and the
per-label figures of the scorer equal seqeval's, and its counts (correct, predicted, gold chunks,
overall and per label) equal conlleval's.

Usage: check_eval.py PATH/TO/crocus. Run by .ci/run in its virtual environment (seqeval, conlleval).
The predictions are the committed baselines and deterministic perturbations of the gold
export (every 7th entity dropped, every 5th relabelled, every 11th cut to its first token),
in the OntoNotes and the CoNLL-2003 label sets.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import conlleval
from seqeval.metrics import classification_report
from seqeval.scheme import IOB2

ROOT = pathlib.Path(__file__).resolve().parents[2]
CROCUS = sys.argv[1]


def read_conll(text):
    """Sentences of (token, tag) lines, and the raw lines (to write a perturbed copy)."""
    sents, cur = [], []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split()
        cur.append((cols[0], cols[-1]))
    if cur:
        sents.append(cur)
    return sents


def perturb(text, labels):
    """Drops, relabels and shortens entities of a gold CoNLL export, deterministically."""
    out, n, mode = [], 0, None
    for line in text.splitlines():
        cols = line.split(" ")
        if len(cols) != 4 or line.startswith("-DOCSTART-"):
            out.append(line)
            continue
        tag = cols[3]
        if tag.startswith("B-"):
            n += 1
            mode = "drop" if n % 7 == 0 else "relabel" if n % 5 == 0 else "cut" if n % 11 == 0 else None
            if mode == "drop":
                tag = "O"
            elif mode == "relabel":
                lab = tag[2:]
                tag = "B-" + labels[(labels.index(lab) + 1) % len(labels)]
        elif tag.startswith("I-"):
            if mode in ("drop", "cut"):
                tag = "O"
            elif mode == "relabel":
                lab = tag[2:]
                tag = "I-" + labels[(labels.index(lab) + 1) % len(labels)]
        else:
            mode = None
        out.append(" ".join(cols[:3] + [tag]))
    return "\n".join(out) + "\n"


def crocus_eval(path, labels):
    out = subprocess.run([CROCUS, "--root", str(ROOT), "eval", "--format", "json", "--labels", labels, str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["entities"]


def seqeval(gold_text, pred_text):
    gold = [[t for _, t in s] for s in read_conll(gold_text)]
    pred = [[t for _, t in s] for s in read_conll(pred_text)]
    assert [len(s) for s in gold] == [len(s) for s in pred]
    return classification_report(gold, pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)


def conlleval_counts(gold_text, pred_text):
    """conlleval's chunk counts: {label or "": (correct, predicted, gold)}."""
    lines = []
    for gs, ps in zip(read_conll(gold_text), read_conll(pred_text)):
        lines += [f"{tok} {g} {p}" for (tok, g), (_, p) in zip(gs, ps)] + [""]
    r = conlleval.evaluate(lines)
    count = lambda c: (c["stats"]["correct"], c["stats"]["pred"], c["stats"]["gold"])  # noqa: E731
    out = {label: count(c) for label, c in r["slots"]["chunks"].items()}
    out[""] = count(r["overall"]["chunks"])
    return out


def compare(name, gold_text, pred_path, labels):
    ours = crocus_eval(pred_path, labels)
    theirs = seqeval(gold_text, pred_path.read_text(encoding="utf-8"))
    ok = True
    for key in ("precision", "recall", "f1"):
        a, b = ours["micro"][key], theirs["micro avg"][key if key != "f1" else "f1-score"]
        ok &= abs(a - b) < 1e-9
    for label, fig in ours["per_label"].items():
        if fig["gold"] == 0 and fig["predicted"] == 0:
            continue
        s = theirs.get(label, {"precision": 0, "recall": 0, "f1-score": 0, "support": 0})
        ok &= abs(fig["f1"] - s["f1-score"]) < 1e-9 and fig["gold"] == s["support"]
    counts = conlleval_counts(gold_text, pred_path.read_text(encoding="utf-8"))
    mine = {label: (f["true_positives"], f["predicted"], f["gold"]) for label, f in ours["per_label"].items()}
    mine[""] = (ours["micro"]["true_positives"], ours["micro"]["predicted"], ours["micro"]["gold"])
    ok &= mine == counts
    print(f"{'ok  ' if ok else 'FAIL'} {name}: crocus eval F1 {ours['micro']['f1']:.6f}, "
          f"seqeval F1 {theirs['micro avg']['f1-score']:.6f}, conlleval {counts['']} (correct, predicted, gold)")
    return ok


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for gold_name, labels in (("crocus.conll", "ontonotes"), ("crocus-conll2003.conll", "conll2003")):
            gold_text = (ROOT / "dist" / gold_name).read_text(encoding="utf-8")
            # The labels the gold uses, in a fixed order: a relabelled entity takes the next one.
            names = sorted({t[2:] for s in read_conll(gold_text) for _, t in s if t != "O"})
            pred = pathlib.Path(tmp) / ("perturbed-" + gold_name)
            pred.write_text(perturb(gold_text, names), encoding="utf-8")
            results.append(compare(f"perturbed {gold_name}", gold_text, pred, labels))
        for pred in sorted((ROOT / "baselines").glob("*.conll")):
            gold_name = "crocus-conll2003.conll" if "conll2003" in pred.name else "crocus.conll"
            labels = "conll2003" if "conll2003" in pred.name else "ontonotes"
            gold_text = (ROOT / "dist" / gold_name).read_text(encoding="utf-8")
            results.append(compare(f"baselines/{pred.name}", gold_text, pred, labels))
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
