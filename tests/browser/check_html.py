#!/usr/bin/env python3
"""Loads `crocus render --html` in headless Chromium: the DOM has every annotation, and a desktop
and a phone screenshot are taken (into $SCREENSHOT_DIR, default target/screenshots; the README's
in docs/ are made with tools/screenshots.sh). Run by .ci/run:

    python3 tests/browser/check_html.py target/debug/crocus
"""
import os, pathlib, re, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CROCUS = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/crocus")
import shutil
BROWSER = next((b for b in ["chromium", "chromium-browser", "google-chrome"] if shutil.which(b)), "chromium")
CHROMIUM = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    page = pathlib.Path(tmp) / "crocus.html"
    subprocess.run([CROCUS, "render", "--html", "--out", str(page)], check=True, cwd=ROOT)
    html = page.read_text(encoding="utf-8")
    # Links to Wikipedia articles and reference sources are plain <a href>, followed only on a click;
    # nothing is loaded from elsewhere.
    loads = re.findall(r'(?:src|srcset|poster|data)=["\']?https?:|<link|url\(\s*["\']?https?:|@import', html)
    check(not loads and "<script" not in html, "self-contained: nothing loaded from elsewhere, no script")
    check(html.count('href="https://en.wikipedia.org/wiki/') > 100, "entity labels link to Wikipedia articles")
    profile = pathlib.Path(tmp) / "profile"
    dom = subprocess.run(CHROMIUM + [f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    stats = subprocess.run([CROCUS, "stats", "--format", "json"], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    import json
    total_entities = sum(d["entities_total"] for d in json.loads(stats)["documents"])
    check(dom.count('<mark class="ent"') == total_entities, f"the browser's DOM has all {total_entities} entity marks")
    check(len(re.findall(r'<article id="', dom)) == 5, "five documents")
    check('id="conflicts"' in dom and dom.count('class="conflict"') > 5, "the conflicts table, with conflicting values marked")
    check(dom.count('tabindex="0"') > total_entities, "annotations are reachable with the keyboard")
    for name, size in [("desktop", "1280,1800"), ("phone", "390,1600")]:
        shots = pathlib.Path(os.environ.get("SCREENSHOT_DIR", ROOT / "target" / "screenshots"))
        shots.mkdir(parents=True, exist_ok=True)
        out = shots / f"screenshot-{name}.png"
        subprocess.run(CHROMIUM + [f"--user-data-dir={profile}-{name}", f"--window-size={size}", f"--screenshot={out}", "--virtual-time-budget=5000",
                                   page.as_uri()], capture_output=True, timeout=120)
        check(out.exists() and out.stat().st_size > 20000, f"{name} screenshot taken ({out})")

print(f"browser: {5 + 2 + 1 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
