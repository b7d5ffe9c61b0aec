#!/usr/bin/env python3
"""Claim baseline: every sentence with a number, a date or a reporting verb is one check-worthy
claim asserted by the author, spanning the whole sentence. Reads only the texts' sentences
(dist/sentences/*.jsonl, computed from the text alone), never the annotations.

Writes claim-sentences.claims.jsonl. Usage: python baselines/claim_sentences.py
"""
import json
import pathlib
import sys
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
# Output directory: baselines/ (or the first argument, for the reproducibility check).
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "baselines"
MONTHS = ("January February March April May June July August September October November December "
          "Jan. Feb. Aug. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
REPORTING = ("say says said tell tells told report reports reported claim claims claimed state states stated "
             "announce announces announced warn warns warned deny denies denied confirm confirms confirmed "
             "accuse accuses accused blame blames blamed insist insists insisted suggest suggests suggested "
             "according add adds added acknowledge acknowledged admit admitted believe believes believed")
MONTH_WORDS = set(MONTHS.split())
REPORTING_WORDS = set(REPORTING.split())


def is_claim(tokens):
    if any(re.search(r"\d", t) for t in tokens):
        return True
    if any(t in MONTH_WORDS for t in tokens):
        return True
    return any(t.lower() in REPORTING_WORDS for t in tokens)


def main():
    docs = [json.loads(l)["id"] for l in open(ROOT / "dist/crocus.jsonl", encoding="utf-8")]
    n = 0
    with open(OUT / "claim-sentences.claims.jsonl", "w", encoding="utf-8") as out:
        for d in docs:
            for line in open(ROOT / "dist/sentences" / f"{d}.jsonl", encoding="utf-8"):
                s = json.loads(line)
                if is_claim(s["tokens"]):
                    out.write(json.dumps({"document": d, "start": s["start"], "end": s["end"],
                                          "claimer_kind": "author", "checkworthy": True}) + "\n")
                    n += 1
    print(f"{n} claims")


if __name__ == "__main__":
    main()
