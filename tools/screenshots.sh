#!/usr/bin/env bash
# Makes the README's screenshots (docs/screenshot-desktop.png, docs/screenshot-phone.png) from the
# current build: builds `crocus`, loads `crocus render --html` in headless Chromium with the
# browser check (tests/browser/check_html.py), and records in each PNG, as tEXt chunks, the
# release the binary reports (`crocus-corpus-release`) and its `--version` line (`Software`).
# tests/screenshots.rs fails when the committed screenshots record another release than the crate's.
#
#     bash tools/screenshots.sh            # into docs/
#     bash tools/screenshots.sh OUT_DIR    # elsewhere, relative to the repository root (.ci/run: target/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --features cli
CROCUS="${CARGO_TARGET_DIR:-target}/debug/crocus"
OUT="${1:-docs}"
mkdir -p "$OUT"
SHOTS="$(mktemp -d)"
trap 'rm -rf "$SHOTS"' EXIT
SCREENSHOT_DIR="$SHOTS" python3 tests/browser/check_html.py "$CROCUS"
VERSION_LINE="$("$CROCUS" --version)"
python3 - "$SHOTS" "$VERSION_LINE" "$OUT" <<'PY'
import pathlib, struct, sys, zlib

shots, version_line, out_dir = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
release = version_line.split()[1]  # "crocus 0.2.0 (data 0.2.0, schema 1.0.0)"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


for name in ["desktop", "phone"]:
    png = (shots / f"screenshot-{name}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n", name
    ihdr_end = 8 + 12 + struct.unpack(">I", png[8:12])[0]  # IHDR is the first chunk
    text = chunk(b"tEXt", b"crocus-corpus-release\0" + release.encode("latin-1")) + \
        chunk(b"tEXt", b"Software\0" + version_line.encode("latin-1"))
    out = out_dir / f"screenshot-{name}.png"
    out.write_bytes(png[:ihdr_end] + text + png[ihdr_end:])
    print(f"{out}: release {release}")
PY
