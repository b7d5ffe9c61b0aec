#!/usr/bin/env python3
"""Loads the committed exports in dist/ the way users do, with no schema or tweak given.

Run by .ci/run in a fresh virtual environment (pandas, duckdb, datasets, conllu, spacy).
Prints `N passed, N failed` and exits non-zero on any failure.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
JSONL = ["crocus.jsonl", "entities.jsonl", "claims.jsonl", "stances.jsonl"]
results = []


def check(name):
    def deco(fn):
        try:
            fn()
            results.append((name, None))
            print(f"ok   {name}")
        except Exception as e:  # noqa: BLE001 - report every failure
            results.append((name, e))
            print(f"FAIL {name}: {type(e).__name__}: {e}")
        return fn
    return deco


def nonempty(name):
    path = DIST / name
    return path.stat().st_size > 0


def lines(name):
    return sum(1 for _ in open(DIST / name, encoding="utf-8"))


for name in JSONL:
    if not nonempty(name):
        print(f"skip {name}: the layer has no annotations yet")
        continue

    @check(f"pandas read_json {name}")
    def _(name=name):
        import pandas as pd
        df = pd.read_json(DIST / name, lines=True)
        assert len(df) == lines(name), (len(df), lines(name))

    @check(f"duckdb read_json_auto {name}")
    def _(name=name):
        import duckdb
        n = duckdb.sql(f"SELECT count(*) FROM read_json_auto('{DIST / name}')").fetchall()[0][0]
        assert n == lines(name), n

    @check(f"datasets load_dataset json {name}")
    def _(name=name):
        import datasets
        ds = datasets.load_dataset("json", data_files=str(DIST / name), split="train")
        assert ds.num_rows == lines(name), ds.num_rows


@check("datasets: every config of the README dataset card loads from the committed files")
def _():
    import datasets
    import yaml
    card = (ROOT / "README.md").read_text(encoding="utf-8").split("---\n")[1]
    configs = yaml.safe_load(card)["configs"]
    assert {c["config_name"] for c in configs} == {"documents", "entities", "claims", "stances"}
    for c in configs:
        if not nonempty(pathlib.Path(c["data_files"]).name):
            print(f"     skip config {c['config_name']}: no annotations yet")
            continue
        ds = datasets.load_dataset(str(ROOT), c["config_name"], split="train")
        assert ds.num_rows == lines(pathlib.Path(c["data_files"]).name), (c, ds.num_rows)


@check("datasets: document text and entity spans agree")
def _():
    import datasets
    ds = datasets.load_dataset("json", data_files=str(DIST / "crocus.jsonl"), split="train")
    for row in ds:
        for e in row["entities"]:
            assert row["text"][e["start"]:e["end"]] == e["text"], e


@check("conllu parse and rebuild")
def _():
    import conllu
    text = (DIST / "crocus.conllu").read_text(encoding="utf-8")
    sents = conllu.parse(text)
    assert len(sents) > 200
    docs = {json.loads(l)["id"]: json.loads(l) for l in open(DIST / "crocus.jsonl", encoding="utf-8")}
    for s in sents:
        for tok in s:
            misc = tok["misc"] or {}
            assert set(misc) <= {"NE", "Claims", "Stances", "SpaceAfter", "SpacesAfter"}, misc
    assert all("sent_id" in s.metadata and "text" in s.metadata for s in sents)
    assert {s.metadata.get("newdoc id") for s in sents if "newdoc id" in s.metadata} == set(docs)


@check("spacy convert -c ner (CoNLL-2003)")
def _():
    with tempfile.TemporaryDirectory() as out:
        for name in ["crocus.conll", "crocus-conll2003.conll"]:
            r = subprocess.run([sys.executable, "-m", "spacy", "convert", str(DIST / name), out, "-c", "ner", "-n", "10"],
                               capture_output=True, text=True)
            assert r.returncode == 0, r.stderr + r.stdout
            produced = list(pathlib.Path(out).glob("*.spacy"))
            assert produced, r.stdout
            import spacy
            from spacy.tokens import DocBin
            nlp = spacy.blank("en")
            docs = list(DocBin().from_disk(produced[0]).get_docs(nlp.vocab))
            ents = sum(len(d.ents) for d in docs)
            assert ents > 300, ents
            for p in produced:
                p.unlink()


@check("CoNLL-2003 reader as in the Hugging Face conll2003 loader")
def _():
    # The loader's logic: split lines on spaces, tokens[0] and tokens[3], -DOCSTART- and blank
    # lines separate examples.
    n_tokens = n_examples = 0
    tokens = []
    for line in open(DIST / "crocus-conll2003.conll", encoding="utf-8"):
        if line.startswith("-DOCSTART-") or line in ("", "\n"):
            if tokens:
                n_examples += 1
                tokens = []
        else:
            splits = line.split(" ")
            assert len(splits) == 4, line
            assert splits[3].rstrip() in {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}, line
            tokens.append(splits[0])
            n_tokens += 1
    assert n_examples > 200 and n_tokens > 5000, (n_examples, n_tokens)


failed = sum(1 for _, e in results if e)
print(f"python loaders: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
