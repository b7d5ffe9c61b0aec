#!/usr/bin/env bash
# Reproducible benchmarks: `bash bench/run.sh [N]` from a clean clone (needs python3, node/npm).
# Prints the figures BENCHMARKS.md reports. N (default 2000) is the number of documents of the
# comparison file; the memory series uses N/20, N/2 and 5N... see below.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-2000}"
WORK="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$WORK"
VENV="${BENCH_VENV:-$PWD/.venv-bench}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo build -q --release --features cli --bins --examples
BIN=target/release/crocus
t() { /usr/bin/time -f "%e %M" "$@" 2> "$WORK/time" > "$WORK/out" || true; tail -1 "$WORK/time"; }

cargo run -q --release --features export --example generate_large -- "$N" "$WORK/big.jsonl" 2>/dev/null
cargo run -q --release --features export --example generate_large -- "$N" "$WORK/bad.jsonl" 100 2>/dev/null
SIZE=$(stat -c %s "$WORK/big.jsonl")
echo "file: $N documents, $((SIZE / 1000000)) MB"

read -r V_S V_KB < <(t $BIN validate "$WORK/big.jsonl")
grep -q "valid: 0 errors" "$WORK/out" || { echo "unexpected: big.jsonl is not valid"; exit 1; }
read -r B_S B_KB < <(t $BIN validate "$WORK/bad.jsonl")
echo "crocus validate: ${V_S}s ($(python3 -c "print(round($SIZE/1e6/$V_S,1))") MB/s), peak RSS $((V_KB / 1024)) MiB; with 100 broken records: ${B_S}s, $(grep -c '^error\[E012\]' "$WORK/out") E012 reported"
P1=$(target/release/examples/parse_baseline "$WORK/big.jsonl" 1 2>/dev/null)
PN=$(target/release/examples/parse_baseline "$WORK/big.jsonl" "$(nproc)" 2>/dev/null)
echo "serde_json parse only: ${P1}s on 1 thread, ${PN}s on $(nproc) threads"
echo "ratio validate/parse throughput: $(python3 -c "print(round($P1/$V_S,2))") vs 1-thread parse, $(python3 -c "print(round($PN/$V_S,2))") vs $(nproc)-thread parse (target >= 0.5)"

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check jsonschema
PY=$("$VENV/bin/python" bench/py_jsonschema.py "$WORK/big.jsonl" schema/export-documents.schema.json 2>/dev/null)
echo "python jsonschema Draft202012Validator loop: ${PY}s; crocus is $(python3 -c "print(round($PY/$V_S,1))")x faster (target >= 50x)"

mkdir -p "$WORK/node" && cp bench/ajv_validate.mjs "$WORK/node/" && (cd "$WORK/node" && npm install -s --no-audit --no-fund ajv@8 >/dev/null 2>&1)
AJV=$(node "$WORK/node/ajv_validate.mjs" "$WORK/big.jsonl" schema/export-documents.schema.json 2>/dev/null)
echo "ajv (draft 2020-12) loop: ${AJV}s; crocus is $(python3 -c "print(round($AJV/$V_S,1))")x faster (target >= 5x)"

echo "streaming export of the same file (crocus export --input, every core):"
for F in "conll" "conllu" "jsonl --record entities" "jsonl --offsets utf16"; do
  # shellcheck disable=SC2086
  read -r S KB < <(t $BIN export --input "$WORK/big.jsonl" --format $F --out "$WORK/export.out")
  echo "  --format $F: ${S}s ($(python3 -c "print(round($SIZE/1e6/$S,1))") MB/s of input), $(( $(stat -c %s "$WORK/export.out") / 1000000 )) MB out, peak RSS $((KB / 1024)) MiB"
done
rm -f "$WORK/export.out"

echo "peak memory by input size (validate; export --format conllu):"
for M in $((N / 20)) $((N / 2)) $((N * 5)); do
  cargo run -q --release --features export --example generate_large -- "$M" "$WORK/m.jsonl" 2>/dev/null
  read -r S KB < <(t $BIN validate "$WORK/m.jsonl")
  read -r ES EKB < <(t $BIN export --input "$WORK/m.jsonl" --format conllu --out "$WORK/m.conllu")
  echo "  $M documents ($(( $(stat -c %s "$WORK/m.jsonl") / 1000000 )) MB): validate ${S}s, peak RSS $((KB / 1024)) MiB; export ${ES}s, peak RSS $((EKB / 1024)) MiB"
  rm -f "$WORK/m.jsonl" "$WORK/m.conllu"
done

for i in $(seq 21); do target/release/examples/first_load; done | sort -n | sed -n 11p | \
  awk '{print "Corpus::embedded() first load: " $1 " µs; then parsing every document'"'"'s annotations on first access: " $2 " µs (median of 21 processes; target < 1000 for the first load)"}' 
deps() { cargo tree -q -e "$1" --prefix none | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | grep -vc '^crocus-corpus'; }
echo "library dependencies with default features: $(deps normal) distinct crates (cargo tree -e normal; target <= 10), of which $(deps normal,no-proc-macro) are linked into the library (the rest is serde_derive's build-time proc-macro stack)"
echo "export throughput and in-process timings (divan):"
cargo bench -q --all-features --bench throughput 2>/dev/null | sed 's/^/  /'
rm -rf "$WORK"
