#!/usr/bin/env python3
"""Majority-class document stance baseline, leave one document out: each document gets, for
every target, the label most frequent among the other four documents' document stances (ties
broken FAVOR, AGAINST, NONE). Reads dist/crocus.jsonl and annotations/targets.json.

Writes majority.document-stances.jsonl. Usage: python baselines/majority_stance.py
"""
import collections
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Output directory: baselines/ (or the first argument, for the reproducibility check).
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "baselines"
ORDER = ["FAVOR", "AGAINST", "NONE"]


def main():
    docs = [json.loads(l) for l in open(ROOT / "dist/crocus.jsonl", encoding="utf-8")]
    targets = [t["id"] for t in json.load(open(ROOT / "annotations/targets.json", encoding="utf-8"))["targets"]]
    with open(OUT / "majority.document-stances.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            others = collections.Counter(s["label"] for o in docs if o["id"] != d["id"] for s in o["document_stances"])
            label = max(ORDER, key=lambda l: (others[l], -ORDER.index(l)))
            for t in targets:
                out.write(json.dumps({"document": d["id"], "target_id": t, "label": label}) + "\n")


if __name__ == "__main__":
    main()
