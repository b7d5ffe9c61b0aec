"""Validates a JSONL file line by line with Python jsonschema's Draft202012Validator (the peer)."""
import json, sys, time
from jsonschema import Draft202012Validator

schema = json.load(open(sys.argv[2], encoding="utf-8"))
v = Draft202012Validator(schema)
t = time.perf_counter()
errors = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        if line.strip():
            errors += sum(1 for _ in v.iter_errors(json.loads(line)))
print(f"{time.perf_counter() - t:.3f}")
print(f"python jsonschema: {errors} errors", file=sys.stderr)
