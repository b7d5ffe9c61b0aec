#!/usr/bin/env python3
"""Builds the adjudicated entity layer (v0.1.0) from the two blind passes.

Run once, at adjudication; the adjudicated files are then edited directly (and kept canonical
with `crocus fmt`). Kept so that the path from raw passes to the final layer can be reread.

Where the passes agree, the agreed annotation is taken. Where they differ, the decision below
(DECISIONS) is applied; each is recorded in CHANGELOG.md. Aliases are recomputed from the final
mentions.
"""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
P = ROOT / "annotations/passes/entities"
DOCS = [d["id"] for d in json.load(open(ROOT / "corpus/manifest.json"))["documents"]]

# Registry id adjudication: pass-B id -> final id (pass-A ids are kept otherwise).
ID_MAP_A = {"washington": "washington-dc", "saint-petersburg": "st-petersburg"}
ID_MAP_B = {"centcom": "us-central-command", "idf": "israel-defense-forces"}
# Value adjudication, by (document, surface): which pass's value is kept.
VALUE_FROM_B = {("why-isis-target-russia", "scores")}  # "scores": at least 40, no upper bound


def load(pass_name, doc):
    return json.load(open(P / pass_name / f"{doc}.json", encoding="utf-8"))


def main():
    reg_a = {e["id"]: e for e in json.load(open(P / "pass-a/registry.json"))["entities"]}
    reg_b = {e["id"]: e for e in json.load(open(P / "pass-b/registry.json"))["entities"]}
    final_reg = {}
    for doc in DOCS:
        a, b = load("pass-a", doc), load("pass-b", doc)
        bmap = {(e["start"], e["end"], e["label"]): e for e in b["entities"]}
        out = []
        for e in sorted(a["entities"], key=lambda e: (e["start"], e["end"])):
            key = (e["start"], e["end"], e["label"])
            other = bmap.get(key)
            assert other is not None, f"{doc}: span only in pass A: {e}"
            m = {"id": f"e{len(out) + 1}", "start": e["start"], "end": e["end"], "text": e["text"], "label": e["label"]}
            if "entity" in e and e.get("entity"):
                ea = ID_MAP_A.get(e["entity"], e["entity"])
                eb = ID_MAP_B.get(other["entity"], other["entity"])
                assert ea == eb, f"{doc}: link disagreement {e['text']}: {ea} vs {eb}"
                m["entity"] = ea
                src = reg_a.get(e["entity"]) or reg_b[other["entity"]]
                entry = final_reg.setdefault(ea, {"id": ea, "type": src["type"], "name": src["name"], "aliases": set(),
                                                  "description": src["description"]})
                entry["aliases"].add(e["text"])
            else:
                m["value"] = other["value"] if (doc, e["text"]) in VALUE_FROM_B else e["value"]
            out.append(m)
        assert len(out) == len(b["entities"]), f"{doc}: span only in pass B"
        exc = {(x["start"], x["end"]): x for x in a.get("exceptions", []) + b.get("exceptions", [])}
        ann_path = ROOT / f"annotations/{doc}.json"
        ann = json.load(open(ann_path, encoding="utf-8"))
        ann["entities"] = out
        ann["exceptions"] = [{"start": x["start"], "end": x["end"], "text": x["text"], "reason": x["reason"]}
                             for x in sorted(exc.values(), key=lambda x: (x["start"], x["end"]))]
        ann_path.write_text(json.dumps(ann, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # The version the registry already has: the Rust constant SCHEMA_VERSION is the one source.
    version = json.load(open(ROOT / "annotations/entities.json", encoding="utf-8"))["schema_version"]
    reg = {"$schema": "../schema/entities.schema.json", "schema_version": version,
           "entities": [dict(e, aliases=sorted(e["aliases"])) for _, e in sorted(final_reg.items())]}
    (ROOT / "annotations/entities.json").write_text(json.dumps(reg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
