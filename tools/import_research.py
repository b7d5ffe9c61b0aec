#!/usr/bin/env python3
"""Writes the research helpers' findings into the registries (issue 16), once.

    python3 tools/import_research.py REFERENCES.json WIKIPEDIA.json
    cargo run --features cli -- fmt annotations/propositions.json annotations/entities.json

Reads the two research files (formats in docs/facts.md) and sets, in annotations/propositions.json,
each referenced proposition's `references` (oldest first, by `as_of`), and in
annotations/entities.json each linked entity's `wikipedia` {title, url} and `wikidata`. Nothing
else is changed; propositions and entities the research did not reference or link are left
without. References listed in DROPPED (a spot check did not find the value on the page) are not
written. Non-ASCII characters in URLs are percent-encoded (RFC 3986), which names the same page.

The committed registries are the result; nothing reads the research files at build or test time.
"""
import json
import pathlib
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (proposition id, source URL): references whose value a spot check did not find on the page read.
DROPPED = {
}


def encode_url(url):
    # Percent-encode what is not ASCII; leave existing escapes and reserved characters alone.
    return urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")


def reference(r):
    s = r["source"]
    out = {"value": r["value"], "as_of": r["as_of"],
           "source": {"title": s.get("title"), "publisher": s["publisher"], "published": s.get("published"),
                      "url": encode_url(s["url"])}}
    if r.get("note"):
        out["note"] = r["note"]
    return out


def main(references_path, wikipedia_path):
    research = json.loads(pathlib.Path(references_path).read_text(encoding="utf-8"))
    links = json.loads(pathlib.Path(wikipedia_path).read_text(encoding="utf-8"))

    props_path = ROOT / "annotations/propositions.json"
    props = json.loads(props_path.read_text(encoding="utf-8"))
    by_id = {p["id"]: p for p in props["propositions"]}
    dropped = 0
    for row in research["propositions"]:
        p = by_id[row["id"]]  # a KeyError names an id the registry lacks
        p.pop("references", None)
        if row["status"] != "referenced":
            continue
        refs = []
        for r in row.get("references") or []:
            if (row["id"], r["source"]["url"]) in DROPPED:
                dropped += 1
                continue
            refs.append(reference(r))
        refs.sort(key=lambda r: r["as_of"])  # stable: equal dates keep the research order
        if refs:
            p["references"] = refs
    props_path.write_text(json.dumps(props, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    ents_path = ROOT / "annotations/entities.json"
    ents = json.loads(ents_path.read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in ents["entities"]}
    for row in links["entities"]:
        e = by_id[row["id"]]
        e.pop("wikipedia", None)
        e.pop("wikidata", None)
        if row["status"] == "linked" and row.get("wikipedia"):
            w = row["wikipedia"]
            e["wikipedia"] = {"title": w["title"], "url": encode_url(w["url"])}
            if row.get("wikidata"):
                e["wikidata"] = row["wikidata"]
    ents_path.write_text(json.dumps(ents, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    n_refs = sum(len(p.get("references", [])) for p in props["propositions"])
    n_props = sum(1 for p in props["propositions"] if p.get("references"))
    n_links = sum(1 for e in ents["entities"] if e.get("wikipedia"))
    print(f"{n_refs} references on {n_props} propositions ({dropped} dropped); "
          f"{n_links} of {len(ents['entities'])} entities linked")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
