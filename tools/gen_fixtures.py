#!/usr/bin/env python3
"""Writes tests/fixtures/validate/<code>-<name>/: one fixture per validator rule.

Each fixture holds only the files that differ from tests/fixtures/base/, a valid mini corpus; the
test overlays them on a copy of the base and expects diagnostics of that one rule and no other.
"""
import copy, json, pathlib, shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE = ROOT / "tests/fixtures/base"
OUT = ROOT / "tests/fixtures/validate"
ANN = "annotations/mini.json"


def load(rel):
    return json.loads((BASE / rel).read_text(encoding="utf-8"))


def text(rel):
    return (BASE / rel).read_bytes()


def dumps(o):
    return (json.dumps(o, ensure_ascii=False, indent=2) + "\n").encode()


FIX = {}


def fixture(name):
    def deco(fn):
        FIX[name] = fn
        return fn
    return deco


def ann_with(mut):
    a = load(ANN)
    mut(a)
    return {ANN: dumps(a)}


@fixture("E001-invalid-json")
def _():
    return {ANN: text(ANN)[:200]}


@fixture("E002-invalid-utf8")
def _():
    return {ANN: text(ANN).replace(b"Putin", b"Put\xffn", 1)}


@fixture("E003-byte-order-mark")
def _():
    return {ANN: b"\xef\xbb\xbf" + text(ANN)}


@fixture("E004-schema-violation")
def _():
    return ann_with(lambda a: a["entities"][0].update(label="PERSN"))


@fixture("E005-text-hash-mismatch")
def _():
    m = load("corpus/manifest.json")
    m["documents"][0]["sha256"] = "0" * 64
    return {"corpus/manifest.json": dumps(m)}


@fixture("E006-text-length-mismatch")
def _():
    m = load("corpus/manifest.json")
    m["documents"][0]["chars"] += 1
    return {"corpus/manifest.json": dumps(m)}


@fixture("E007-text-format")
def _():
    # A CRLF text with a manifest record that matches it, so only the format rule fires.
    import hashlib
    t = text("corpus/texts/mini.txt").replace(b"\n\nShare", b"\r\nShare")
    m = load("corpus/manifest.json")
    d = m["documents"][0]
    d["sha256"] = hashlib.sha256(t).hexdigest()
    d["chars"] -= 0
    d["bytes"] = len(t)
    d["chars"] = len(t.decode())
    return {"corpus/texts/mini.txt": t, "corpus/manifest.json": dumps(m)}


@fixture("E008-missing-file")
def _():
    m = load("corpus/manifest.json")
    extra = copy.deepcopy(m["documents"][0])
    extra["id"], extra["source_file"] = "gone", "gone.txt"
    m["documents"].append(extra)
    return {"corpus/manifest.json": dumps(m)}


@fixture("E009-unknown-document")
def _():
    a = load(ANN)
    a["document"] = "nowhere"
    return {"annotations/nowhere.json": dumps(a)}


@fixture("E010-span-out-of-range")
def _():
    return ann_with(lambda a: a["stances"][0].update(end=10_000))


@fixture("E011-span-empty")
def _():
    return ann_with(lambda a: a["claims"][2].update(end=a["claims"][2]["start"]))


@fixture("E012-span-text-mismatch")
def _():
    return ann_with(lambda a: a["entities"][6].update(text="Bidden"))


@fixture("E013-span-whitespace-edge")
def _():
    def m(a):
        c = a["claims"][2]
        c["end"] += 1
        c["text"] += "."
        c["start"] -= 1
        c["text"] = " " + c["text"]
    return ann_with(m)


@fixture("E014-span-outside-region")
def _():
    def m(a):
        t = text("corpus/texts/mini.txt").decode()
        i = t.index("Share")
        a["claims"][2].update(start=i, end=i + 5, text="Share")
    return ann_with(m)


@fixture("E015-region-tiling")
def _():
    m = load("corpus/manifest.json")
    m["documents"][0]["regions"][2]["start"] += 1
    return {"corpus/manifest.json": dumps(m)}


@fixture("E016-entity-overlap")
def _():
    def m(a):
        a["entities"].append(dict(a["entities"][1], id="e9"))  # "Kyiv" twice
    return ann_with(m)


@fixture("E017-duplicate-id")
def _():
    return ann_with(lambda a: a["claims"][1].update(id="c1"))


@fixture("E018-unresolved-reference")
def _():
    return ann_with(lambda a: a["stances"][0]["target"].update(id="c99"))


@fixture("E019-incompatible-type")
def _():
    r = load("annotations/entities.json")
    r["entities"][2]["type"] = "ORG"  # moscow
    return {"annotations/entities.json": dumps(r)}


@fixture("E020-missing-link")
def _():
    def m(a):
        del a["entities"][0]["entity"]
    return ann_with(m)


@fixture("E021-missing-value")
def _():
    def m(a):
        del a["entities"][3]["value"]
    return ann_with(m)


@fixture("E022-misplaced-link-or-value")
def _():
    return ann_with(lambda a: a["entities"][3].update(entity="moscow"))


@fixture("E023-claim-value-mismatch")
def _():
    return ann_with(lambda a: a["claims"][0].update(value={"kind": "number", "value": 3}))


@fixture("E024-missing-document-stance")
def _():
    return ann_with(lambda a: a.update(document_stances=[]))


@fixture("E025-stance-label-mismatch")
def _():
    return ann_with(lambda a: a["stances"][0].update(label="AGAINST"))


@fixture("E026-document-file-mismatch")
def _():
    a = load(ANN)
    return {ANN: None, "annotations/mini-copy.json": dumps(a)}


@fixture("E027-claimer-mention-mismatch")
def _():
    return ann_with(lambda a: a["claims"][0]["claimer"].update(mention="e2"))


@fixture("E028-reference-shape")
def _():
    # A value of the wrong kind, references out of order, a day that does not exist, a URL that
    # RFC 3986 rejects, and a Wikipedia URL that is not its title's: each passes the schema.
    p = load("annotations/propositions.json")
    src = {"title": "A page", "publisher": "A publisher", "published": "2024-03-23", "url": "https://example.org/%zz"}
    p["propositions"][0]["references"] = [
        {"value": {"kind": "number", "value": 1}, "as_of": "2024-03-25", "source": dict(src, url="https://example.org/page")},
        {"value": {"kind": "boolean", "value": False}, "as_of": "2024-02-30", "source": src}]
    e = load("annotations/entities.json")
    for x in e["entities"]:
        if x["id"] == "kyiv":
            x["wikipedia"] = {"title": "Kyiv", "url": "https://en.wikipedia.org/wiki/Kiev_Oblast"}
    return {"annotations/propositions.json": dumps(p), "annotations/entities.json": dumps(e)}


@fixture("W101-unannotated-repeat")
def _():
    def m(a):
        a["entities"] = [e for e in a["entities"] if e["id"] != "e5"]
    return ann_with(m)


@fixture("W102-unused-registry-entry")
def _():
    r = load("annotations/entities.json")
    r["entities"].append({"id": "zz-nobody", "type": "PERSON", "name": "Nobody", "aliases": ["Nobody"], "description": "Not in any text."})
    return {"annotations/entities.json": dumps(r)}


@fixture("W103-missing-alias")
def _():
    r = load("annotations/entities.json")
    r["entities"][4]["aliases"] = ["Vladimir Putin"]
    return {"annotations/entities.json": dumps(r)}


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    for name, fn in FIX.items():
        for rel, data in fn().items():
            p = OUT / name / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            if data is None:
                (p.parent / (p.name + ".delete")).write_bytes(b"")
            else:
                p.write_bytes(data)


if __name__ == "__main__":
    main()
