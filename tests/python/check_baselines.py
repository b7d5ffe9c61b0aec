#!/usr/bin/env python3
"""The committed baseline predictions are what their scripts make: each script of baselines/ is
run into a temporary directory and its output compared byte for byte with the committed file.

Run by .ci/run in its virtual environment (spaCy and the en_core_web_sm package pinned there).
"""
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = {
    "spacy_ner.py": ["spacy-en_core_web_sm.entities.jsonl", "spacy-en_core_web_sm.conll"],
    "claim_sentences.py": ["claim-sentences.claims.jsonl"],
    "majority_stance.py": ["majority.document-stances.jsonl"],
}

failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for script, outputs in SCRIPTS.items():
        subprocess.run([sys.executable, str(ROOT / "baselines" / script), tmp], check=True, capture_output=True)
        for name in outputs:
            same = (pathlib.Path(tmp) / name).read_bytes() == (ROOT / "baselines" / name).read_bytes()
            failed += not same
            print(f"{'ok  ' if same else 'FAIL'} baselines/{name} is what baselines/{script} makes")
print(f"{sum(len(o) for o in SCRIPTS.values()) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
