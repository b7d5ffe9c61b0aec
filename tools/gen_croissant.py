#!/usr/bin/env python3
"""Writes croissant.json (MLCommons Croissant 1.0) from dist/ and the export schemas.

Run after the exports change (`python3 tools/gen_croissant.py`); a Rust test keeps the SHA-256
of every distributed file fresh, and .ci/run runs `mlcroissant validate`.
"""
import hashlib, json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
VERSION = re.search(r'^version = "([^"]+)"', (ROOT / "Cargo.toml").read_text(), re.M).group(1)

CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract",
    "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet",
    "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform", "samplingRate": "cr:samplingRate", "equivalentProperty": "cr:equivalentProperty",
}

TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean"}


def sha(rel):
    return hashlib.sha256((ROOT / rel).read_bytes()).hexdigest()


def fields(record_set, file_id, schema_name, only=None):
    schema = json.loads((ROOT / "schema" / schema_name).read_text())
    out = []
    for name, prop in schema["properties"].items():
        if only and name not in only:
            continue
        t = prop.get("type", "string")
        if isinstance(t, list):
            t = next(x for x in t if x != "null")
        if t == "array":
            t = "string"
            repeated = True
        else:
            repeated = False
        if "enum" in prop:
            t = "string"
        f = {"@type": "cr:Field", "@id": f"{record_set}/{name}", "name": name, "description": prop.get("description", name),
             "dataType": TYPES.get(t, "sc:Text"), "source": {"fileObject": {"@id": file_id}, "extract": {"column": name}}}
        if repeated:
            f["repeated"] = True
        out.append(f)
    return out


FILES = [
    ("crocus-jsonl", "dist/crocus.jsonl", "application/jsonlines", "Documents, one per line, with every annotation layer."),
    ("entities-jsonl", "dist/entities.jsonl", "application/jsonlines", "Entity mentions, one flat record per line."),
    ("claims-jsonl", "dist/claims.jsonl", "application/jsonlines", "Claims, one flat record per line."),
    ("stances-jsonl", "dist/stances.jsonl", "application/jsonlines", "Span stances, one flat record per line."),
    ("crocus-conll", "dist/crocus.conll", "text/plain", "CoNLL-2003 token file, OntoNotes labels, IOB2."),
    ("crocus-conll2003", "dist/crocus-conll2003.conll", "text/plain", "CoNLL-2003 token file, CoNLL-2003 labels, IOB2."),
    ("crocus-conllu", "dist/crocus.conllu", "text/plain", "CoNLL-U with entity tags and claim and stance ids in MISC."),
] + [
    (f"sentences-{p.stem}", f"dist/sentences/{p.name}", "application/jsonlines",
     f"Sentences of {p.stem}: tokens with offsets, IOB2 ner_tags, claim and stance spans.")
    for p in sorted((ROOT / "dist" / "sentences").glob("*.jsonl"))
]

doc = {
    "@context": CONTEXT,
    "@type": "sc:Dataset",
    "conformsTo": "http://mlcommons.org/croissant/1.0",
    "name": "crocus-corpus",
    "description": "Five English news and opinion texts about the March 2024 Crocus City Hall attack in Moscow, "
                   "with span-level annotations for entities (OntoNotes 5.0 types, linked across documents), claims "
                   "(claimer, cue, attribution, check-worthiness, cross-document propositions with normalized values) "
                   "and stance (document and span level).",
    "license": "https://creativecommons.org/licenses/by/4.0/",
    "version": VERSION,
    "datePublished": "2026-11-22",
    "inLanguage": "en",
    "keywords": ["named-entity-recognition", "claim-detection", "stance-detection", "fact-checking", "entity-linking"],
    "citeAs": "crocus-corpus contributors. crocus-corpus: entities, claims and stance in five texts on the Crocus City Hall attack. "
              f"Version {VERSION}, 2026.",
    "creator": {"@type": "sc:Organization", "name": "The crocus-corpus contributors"},
    "isLiveDataset": False,
    "distribution": [
        {"@type": "cr:FileObject", "@id": fid, "name": fid, "description": desc, "contentUrl": rel,
         "encodingFormat": fmt, "sha256": sha(rel)}
        for fid, rel, fmt, desc in FILES
    ],
    "recordSet": [
        {"@type": "cr:RecordSet", "@id": "documents", "name": "documents", "description": "One record per document.",
         "field": fields("documents", "crocus-jsonl", "export-documents.schema.json",
                         ["id", "source_file", "sha256", "title", "language", "genre", "offsets", "text"])},
        {"@type": "cr:RecordSet", "@id": "entities", "name": "entities", "description": "One record per entity mention.",
         "field": fields("entities", "entities-jsonl", "export-entities.schema.json")},
        {"@type": "cr:RecordSet", "@id": "claims", "name": "claims", "description": "One record per claim.",
         "field": fields("claims", "claims-jsonl", "export-claims.schema.json")},
        {"@type": "cr:RecordSet", "@id": "stances", "name": "stances", "description": "One record per span stance.",
         "field": fields("stances", "stances-jsonl", "export-stances.schema.json")},
    ],
}
(ROOT / "croissant.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
