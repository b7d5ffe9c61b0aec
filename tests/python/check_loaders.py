#!/usr/bin/env python3
"""Loads the committed exports in dist/ the way users do, with no schema or tweak given.

Run by .ci/run in a fresh virtual environment (pandas, duckdb, datasets, conllu, spacy, seqeval).
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


def card():
    import yaml
    return yaml.safe_load((ROOT / "README.md").read_text(encoding="utf-8").split("---\n")[1])


def data_files(config):
    """{split: [paths]} of a config of the card."""
    files = config["data_files"]
    if isinstance(files, str):
        return {"train": sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(files))}
    return {f["split"]: f["path"] if isinstance(f["path"], list) else [f["path"]] for f in files}


def null_typed(features, path=""):
    """Paths of the columns typed null, however deep."""
    import datasets
    out = []
    if isinstance(features, dict):
        for k, v in features.items():
            out += null_typed(v, f"{path}/{k}")
    elif isinstance(features, (list, tuple)):
        out += null_typed(features[0], path + "[]")
    elif isinstance(features, datasets.Sequence):
        out += null_typed(features.feature, path + "[]")
    elif isinstance(features, datasets.LargeList if hasattr(datasets, "LargeList") else ()):
        out += null_typed(features.feature, path + "[]")
    elif hasattr(features, "feature"):
        out += null_typed(features.feature, path + "[]")
    elif isinstance(features, datasets.Value) and features.dtype == "null":
        out.append(path)
    return out


@check("datasets: every config of the card loads with exactly its declared features, none typed null")
def _():
    import datasets
    meta = card()
    configs = {c["config_name"]: c for c in meta["configs"]}
    declared = {i["config_name"]: datasets.Features._from_yaml_list(i["features"]) for i in meta["dataset_info"]}
    assert set(configs) == set(declared), (set(configs), set(declared))
    assert {"documents", "entities", "claims", "stances", "sentences"} <= set(configs)
    for name, c in configs.items():
        ds = datasets.load_dataset(str(ROOT), name)
        for split, paths in data_files(c).items():
            n = sum(sum(1 for _ in open(ROOT / p, encoding="utf-8")) for p in paths)
            assert ds[split].num_rows == n, (name, split, ds[split].num_rows, n)
            assert ds[split].features == declared[name], (name, split)
            assert not null_typed(ds[split].features), (name, null_typed(ds[split].features))
    # Leave-one-document-out: each fold tests on one document and trains on the others.
    folds = [n for n in configs if n.startswith("sentences-fold-")]
    docs = {json.loads(l)["id"] for l in open(DIST / "crocus.jsonl", encoding="utf-8")}
    assert len(folds) == len(docs)
    held_out = set()
    for f in folds:
        ds = datasets.load_dataset(str(ROOT), f)
        test_docs, train_docs = set(ds["test"]["document"]), set(ds["train"]["document"])
        assert len(test_docs) == 1 and not (test_docs & train_docs) and test_docs | train_docs == docs
        held_out |= test_docs
    assert held_out == docs


def duckdb_type(feature):
    """The DuckDB type of a datasets feature."""
    import datasets
    if isinstance(feature, dict):
        return "STRUCT(" + ", ".join(f'"{k}" {duckdb_type(v)}' for k, v in feature.items()) + ")"
    if isinstance(feature, list):
        return duckdb_type(feature[0]) + "[]"
    if isinstance(feature, datasets.ClassLabel):
        return "BIGINT"
    if hasattr(feature, "feature"):
        return duckdb_type(feature.feature) + "[]"
    return {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}[feature.dtype]


@check("duckdb: every config's files read with the card's types, the same as datasets gives")
def _():
    import datasets
    import duckdb
    meta = card()
    configs = {c["config_name"]: c for c in meta["configs"]}
    for info in meta["dataset_info"]:
        features = datasets.Features._from_yaml_list(info["features"])
        columns = {k: duckdb_type(v) for k, v in features.items()}
        paths = sorted({p for ps in data_files(configs[info["config_name"]]).values() for p in ps})
        files = "[" + ", ".join(f"'{ROOT / p}'" for p in paths) + "]"
        spec = "{" + ", ".join(f"'{k}': '{v}'" for k, v in columns.items()) + "}"
        rel = duckdb.sql(f"SELECT * FROM read_json({files}, columns = {spec}, format = 'newline_delimited')")
        got = dict(zip(rel.columns, (str(t) for t in rel.types)))
        norm = lambda t: t.replace('"', "").replace(" ", "").upper()  # noqa: E731
        assert {k: norm(v) for k, v in got.items()} == {k: norm(v) for k, v in columns.items()}, info["config_name"]
        assert "NULL" not in " ".join(got.values()) and "JSON" not in " ".join(got.values())
        n = rel.count("*").fetchall()[0][0]
        assert n == sum(sum(1 for _ in open(ROOT / p, encoding="utf-8")) for p in paths)


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
