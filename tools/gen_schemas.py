#!/usr/bin/env python3
"""Writes schema/*.schema.json (JSON Schema draft 2020-12) for every file kind the corpus ships.

The schemas are committed; this script is how they were written and how to rewrite them after a
model change (`python3 tools/gen_schemas.py`). A test checks them against the meta-schema and every
shipped file against them, and the Rust model uses `deny_unknown_fields`, so a drift fails CI.
"""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
BASE = "https://crocus-corpus.github.io/schema/"
VERSION = "1.0.0"

LABELS = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
          "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]
NAMED = LABELS[:11]
ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "minLength": 1, "maxLength": 100}


def p(desc, schema, title=None):
    d = dict(schema)
    d["title"] = title or desc.split(":")[0].split(".")[0][:60]
    d["description"] = desc
    return d


def obj(title, desc, props, required=None):
    return {"type": "object", "title": title, "description": desc, "additionalProperties": False,
            "properties": props, "required": required if required is not None else list(props)}


def nullable(ref):
    return {"anyOf": [ref, {"type": "null"}]}


OFFSET = {"type": "integer", "minimum": 0, "maximum": 100000000}
SPAN_PROPS = {
    "start": p("First Unicode code point of the span (0-based, inclusive).", OFFSET, "Start"),
    "end": p("One past the last code point (exclusive): text[start:end] in Python.", OFFSET, "End"),
    "text": p("The covered text; must equal the slice of the document.", {"type": "string", "minLength": 1}, "Text"),
}

NUM = {"type": "number"}
BOOL = {"type": "boolean"}
# ISO 8601 calendar date of day, month or year precision (reference dates, publication dates).
ISO_DATE = {"type": "string", "pattern": "^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$"}
# An absolute http(s) URL with a host and no whitespace (the validator parses it further).
URL = {"type": "string", "pattern": "^https?://[^\\s/?#]+[^\\s]*$"}
WIKIDATA = {"type": "string", "pattern": "^Q[1-9][0-9]*$"}
WIKIPEDIA = obj("Wikipedia article", "The entity's English Wikipedia article, as found and read.", {
    "title": {"type": "string", "minLength": 1, "title": "Title", "description": "Exact article title."},
    "url": {"type": "string", "pattern": "^https://en\\.wikipedia\\.org/wiki/[^\\s]+$", "title": "URL",
            "description": "https://en.wikipedia.org/wiki/<Title_with_underscores>."}})


def value_variant(kind, desc, props, required):
    props = {"kind": p("Value kind tag.", {"const": kind}, "Kind"), **props}
    return obj(f"{kind} value", desc, props, ["kind", *required])


VALUE = {
    "title": "Normalized value",
    "description": "A normalized value of a numeric or temporal mention, or of a claim on a proposition.",
    "oneOf": [
        value_variant("number", "A number.", {
            "value": p("The number.", NUM, "Value"),
            "approximate": p("True for 'around', 'about'.", BOOL, "Approximate")}, ["value"]),
        value_variant("range", "An interval; an absent bound is unbounded.", {
            "min": p("Lower bound.", NUM, "Min"),
            "min_inclusive": p("Whether the lower bound belongs to the interval ('at least').", BOOL, "Min inclusive"),
            "max": p("Upper bound.", NUM, "Max"),
            "max_inclusive": p("Whether the upper bound belongs to the interval.", BOOL, "Max inclusive"),
            "approximate": p("True for vague bounds ('almost', 'hundreds').", BOOL, "Approximate")}, []),
        value_variant("ordinal", "A rank.", {"value": p("The rank (fourth = 4).", {"type": "integer", "minimum": 0}, "Value")}, ["value"]),
        value_variant("date", "An ISO 8601 date, month, year, --MM-DD day without year, or interval.", {
            "iso": p("ISO 8601 string.", {"type": "string", "pattern": "^(\\d{4}(-\\d{2}(-\\d{2})?)?|--\\d{2}(-\\d{2})?)(/(\\d{4}(-\\d{2}(-\\d{2})?)?))?$"}, "ISO 8601")}, ["iso"]),
        value_variant("duration", "An ISO 8601 duration.", {
            "iso": p("ISO 8601 duration (P6M, PT48H).", {"type": "string", "pattern": "^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$"}, "ISO 8601")}, ["iso"]),
        value_variant("relative", "A relative expression the text does not anchor.", {
            "description": p("What it is relative to, in words.", {"type": "string", "minLength": 1}, "Description")}, ["description"]),
        value_variant("boolean", "A yes/no answer.", {"value": p("The answer.", BOOL, "Value")}, ["value"]),
        value_variant("category", "A categorical answer.", {"value": p("The category.", {"type": "string", "minLength": 1}, "Value")}, ["value"]),
    ],
}

TEXT_SPAN = obj("Text span", "A span with its text.", SPAN_PROPS)

HOLDER = {
    "title": "Claimer or holder",
    "description": "Who asserts a claim or holds a stance: the author, a named source, or an unnamed source.",
    "oneOf": [
        obj("Author", "The author of the text.", {"kind": p("Tag.", {"const": "author"}, "Kind")}),
        obj("Named source", "A registry entity and the mention that names it in this document.", {
            "kind": p("Tag.", {"const": "entity"}, "Kind"),
            "entity": p("Registry entity id.", ID, "Entity"),
            "mention": p("Id of the entity mention in this document.", {"type": "string"}, "Mention")}),
        obj("Unnamed source", "An unnamed source, with the words that describe it if any.", {
            "kind": p("Tag.", {"const": "unnamed"}, "Kind"),
            "description": p("The describing words, or null.", nullable({"$ref": "#/$defs/text_span"}), "Description")},
            ["kind"]),
    ],
}


def schema(name, title, desc, props, required=None, defs=None):
    s = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name,
         "title": title, "description": desc, "type": "object", "additionalProperties": False,
         "properties": {"$schema": p("Path or URL of this schema, so editors validate and complete the file.", {"type": "string"}, "Schema"),
                        "schema_version": p(f"Version of the file format ({VERSION}).", {"const": VERSION}, "Schema version"),
                        **props},
         "required": ["schema_version", *(required if required is not None else list(props))],
         "x-schema-version": VERSION}
    if defs:
        s["$defs"] = defs
    return s


def write(name, s):
    (ROOT / "schema" / name).write_text(json.dumps(s, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


region = obj("Region", "A region of the text; regions tile the text in order.", {
    "kind": p("headline, body or boilerplate; only headline and body are annotated.", {"enum": ["headline", "body", "boilerplate"]}, "Kind"),
    "start": SPAN_PROPS["start"], "end": SPAN_PROPS["end"],
    "article": p("1-based article number of a headline or body region.", {"type": "integer", "minimum": 1}, "Article")},
    ["kind", "start", "end"])
meta = nullable(obj("Metadata field", "A value the text states, with the span that states it.", {
    "value": p("The value.", {"type": "string", "minLength": 1}, "Value"),
    "evidence": {"$ref": "#/$defs/text_span", "title": "Evidence", "description": "Where the text states it."}}))
flag = obj("Quality flag", "A text-quality problem a user must know about.", {
    "kind": p("The problem.", {"enum": ["scraping_boilerplate", "machine_translation", "paraphrase_spinning", "multiple_articles", "typos"]}, "Kind"),
    "note": p("What it means for a user.", {"type": "string", "minLength": 1}, "Note"),
    "evidence": p("Spans that show it.", {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text_span"}}, "Evidence")})
document = obj("Document record", "What the corpus knows about one text.", {
    "id": p("Stable slug id.", ID, "Id"),
    "source_file": p("Seed file name under corpus/texts/.", {"type": "string", "pattern": "^[^/\\\\]+\\.txt$"}, "Source file"),
    "sha256": p("SHA-256 of the text bytes, lowercase hex.", {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "SHA-256"),
    "chars": p("Length in Unicode code points.", {"type": "integer", "minimum": 0}, "Characters"),
    "bytes": p("Length in UTF-8 bytes.", {"type": "integer", "minimum": 0}, "Bytes"),
    "title": p("The headline, or null when the text has none.", {"type": ["string", "null"]}, "Title"),
    "language": p("BCP 47 language tag.", {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]+)*$"}, "Language"),
    "genre": p("Genre as judged from the text.", {"enum": ["news", "analysis", "opinion"]}, "Genre"),
    "author": {**meta, "title": "Author", "description": "The author, only where the text states it."},
    "publisher": {**meta, "title": "Publisher", "description": "The publisher, only where the text states it."},
    "url": {**meta, "title": "URL", "description": "The URL, only where the text states it."},
    "date": {**meta, "title": "Date", "description": "The publication date (ISO 8601), only where the text states it."},
    "regions": p("Regions tiling the text in order.", {"type": "array", "minItems": 1, "items": region}, "Regions"),
    "quality_flags": p("Text-quality problems.", {"type": "array", "items": flag}, "Quality flags")})
write("manifest.schema.json", schema("manifest.schema.json", "crocus-corpus document manifest",
      "corpus/manifest.json: one record per document, in seed order.",
      {"documents": p("The documents.", {"type": "array", "items": document}, "Documents")},
      defs={"text_span": TEXT_SPAN}))

mention = obj("Entity mention", "One entity mention: named labels link to the registry, numeric and temporal labels carry a value.", {
    "id": p("Unique within the document (e1, e2, ...).", {"type": "string", "pattern": "^e[0-9]+$"}, "Id"),
    **SPAN_PROPS,
    "label": p("OntoNotes 5.0 label.", {"enum": LABELS}, "Label"),
    "entity": p("Registry entity id (named labels).", ID, "Entity"),
    "value": {"$ref": "#/$defs/value", "title": "Value", "description": "Normalized value (numeric and temporal labels)."}},
    ["id", "start", "end", "text", "label"])
claim = obj("Claim", "A checkable factual claim.", {
    "id": p("Unique within the document (c1, c2, ...).", {"type": "string", "pattern": "^c[0-9]+$"}, "Id"),
    **SPAN_PROPS,
    "claimer": {"$ref": "#/$defs/holder", "title": "Claimer", "description": "Who asserts it."},
    "cue": p("The attribution cue, or null.", nullable({"$ref": "#/$defs/text_span"}), "Cue"),
    "attribution": p("authorial, direct_quote or indirect.", {"enum": ["authorial", "direct_quote", "indirect"]}, "Attribution"),
    "types": p("Claim types.", {"type": "array", "minItems": 1, "uniqueItems": True,
                                "items": {"enum": ["event", "numerical", "temporal", "causal", "attribution", "prediction"]}}, "Types"),
    "checkworthy": p("Whether a fact-checker would want it verified.", BOOL, "Check-worthy"),
    "proposition": p("Id of the proposition it gives a value for.", ID, "Proposition"),
    "value": {"$ref": "#/$defs/value", "title": "Value", "description": "The value it gives for the proposition."}},
    ["id", "start", "end", "text", "claimer", "attribution", "types", "checkworthy"])
stance_target = {"title": "Stance target", "description": "A registry target, a registry entity, or a claim of the same document.",
                 "oneOf": [obj(f"{k} target", f"A {k}.", {"kind": p("Tag.", {"const": k}, "Kind"), "id": p("Its id.", {"type": "string", "minLength": 1}, "Id")})
                           for k in ("target", "entity", "claim")]}
span_stance = obj("Span stance", "A span expressing a holder's evaluation of a target.", {
    "id": p("Unique within the document (s1, s2, ...).", {"type": "string", "pattern": "^s[0-9]+$"}, "Id"),
    **SPAN_PROPS,
    "holder": {"$ref": "#/$defs/holder", "title": "Holder", "description": "Whose evaluation."},
    "target": stance_target,
    "label": p("FAVOR/AGAINST/NEUTRAL toward targets and entities; SUPPORT/DENY/QUERY/COMMENT toward claims.",
               {"enum": ["FAVOR", "AGAINST", "NEUTRAL", "SUPPORT", "DENY", "QUERY", "COMMENT"]}, "Label")})
doc_stance = obj("Document stance", "The author's stance toward one target over the whole document.", {
    "target": p("Target id.", ID, "Target"),
    "label": p("FAVOR, AGAINST or NONE.", {"enum": ["FAVOR", "AGAINST", "NONE"]}, "Label"),
    "evidence": p("Ids of supporting span stances.", {"type": "array", "uniqueItems": True, "items": {"type": "string"}}, "Evidence")})
exception = obj("Exception", "An occurrence of an annotated surface string left unannotated on purpose.", {
    **SPAN_PROPS, "reason": p("Why it is not annotated.", {"type": "string", "minLength": 3}, "Reason")})
write("annotation.schema.json", schema("annotation.schema.json", "crocus-corpus annotation file",
      "annotations/<document id>.json: every annotation layer of one document.",
      {"document": p("The document id, as in the manifest.", ID, "Document"),
       "entities": p("Entity mentions, sorted by offset.", {"type": "array", "items": mention}, "Entities"),
       "claims": p("Claims, sorted by offset.", {"type": "array", "items": claim}, "Claims"),
       "stances": p("Span stances, sorted by offset.", {"type": "array", "items": span_stance}, "Stances"),
       "document_stances": p("One stance per registered target.", {"type": "array", "items": doc_stance}, "Document stances"),
       "exceptions": p("Exceptions to the repeat sweep.", {"type": "array", "items": exception}, "Exceptions")},
      ["document"], defs={"text_span": TEXT_SPAN, "value": VALUE, "holder": HOLDER}))

entity = obj("Registry entity", "One real-world entity.", {
    "id": p("Slug of the canonical name.", ID, "Id"),
    "type": p("Its type (a named label).", {"enum": NAMED}, "Type"),
    "name": p("Canonical name.", {"type": "string", "minLength": 1}, "Name"),
    "aliases": p("Every surface form the corpus uses.", {"type": "array", "uniqueItems": True, "items": {"type": "string", "minLength": 1}}, "Aliases"),
    "description": p("One line on what it is.", {"type": "string", "minLength": 1}, "Description"),
    "wikipedia": WIKIPEDIA,
    "wikidata": p("Wikidata item id, only where a page read shows it.", WIKIDATA, "Wikidata")},
    ["id", "type", "name", "aliases", "description"])
write("entities.schema.json", schema("entities.schema.json", "crocus-corpus entity registry",
      "annotations/entities.json: one record per real-world entity.",
      {"entities": p("The entities, sorted by id.", {"type": "array", "items": entity}, "Entities")}))

source = obj("Source", "The public page a reference value was read on.", {
    "title": p("The page's title, as read, or null when the page read shows none.", {"anyOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}, "Title"),
    "publisher": p("Its publisher.", {"type": "string", "minLength": 1}, "Publisher"),
    "published": p("Its publication date (ISO 8601), or null when the page shows none.", {"anyOf": [ISO_DATE, {"type": "null"}]}, "Published"),
    "url": p("URL of the page actually read (http or https).", URL, "URL")})
reference = obj("Reference value", "What one public source says, as of one date.", {
    "value": {"$ref": "#/$defs/value", "title": "Value", "description": "The value, in the proposition's value kind and unit."},
    "as_of": p("The date the value holds as of (ISO 8601 day, month or year).", ISO_DATE, "As of"),
    "source": source,
    "note": p("A few words of context in the annotator's own words.", {"type": "string", "minLength": 1}, "Note")},
    ["value", "as_of", "source"])
proposition = obj("Proposition", "A checkable fact that two or more claims answer.", {
    "id": p("Slug id.", ID, "Id"),
    "question": p("The fact as a question.", {"type": "string", "minLength": 5}, "Question"),
    "value_kind": p("The kind of answer.", {"enum": ["number", "date", "year", "boolean", "category"]}, "Value kind"),
    "unit": p("Unit of a numeric answer, or null.", {"type": ["string", "null"]}, "Unit"),
    "references": p("What public sources say, oldest first; absent where none was read.", {"type": "array", "items": reference}, "References")},
    ["id", "question", "value_kind"])
write("propositions.schema.json", schema("propositions.schema.json", "crocus-corpus proposition registry",
      "annotations/propositions.json: checkable facts across the texts.",
      {"propositions": p("The propositions.", {"type": "array", "items": proposition}, "Propositions")}, defs={"value": VALUE}))

target = obj("Stance target", "A target every document is judged against.", {
    "id": p("Slug id.", ID, "Id"), "definition": p("One-sentence definition.", {"type": "string", "minLength": 5}, "Definition")})
write("targets.schema.json", schema("targets.schema.json", "crocus-corpus stance targets",
      "annotations/targets.json: the stance-target registry.",
      {"targets": p("The targets.", {"type": "array", "items": target}, "Targets")}))


# ---- JSONL export records -------------------------------------------------------------------
def nul(t, desc, title):
    return p(desc, {"type": [t, "null"]}, title)


FLAT_VALUE = obj("Flat value", "A normalized value flattened into a fixed set of keys; absent keys are null.", {
    "kind": nul("string", "Value kind.", "Kind"),
    "number": nul("number", "A number (number and ordinal kinds).", "Number"),
    "min": nul("number", "Lower bound (range).", "Min"),
    "min_inclusive": nul("boolean", "Lower bound inclusive (range).", "Min inclusive"),
    "max": nul("number", "Upper bound (range).", "Max"),
    "max_inclusive": nul("boolean", "Upper bound inclusive (range).", "Max inclusive"),
    "approximate": nul("boolean", "Approximate (number, range).", "Approximate"),
    "iso": nul("string", "ISO 8601 string (date, duration).", "ISO 8601"),
    "description": nul("string", "Description (relative).", "Description"),
    "boolean": nul("boolean", "Answer (boolean).", "Boolean"),
    "category": nul("string", "Answer (category).", "Category")})
EXPORT_SPAN = obj("Span", "A span; offsets in the record's offset unit.", {
    "start": p("Start offset.", {"type": "integer", "minimum": 0}, "Start"),
    "end": p("End offset (exclusive).", {"type": "integer", "minimum": 0}, "End"),
    "text": p("The covered text.", {"type": "string"}, "Text")})
EXPORT_HOLDER = obj("Claimer or holder", "Who asserts or holds it.", {
    "kind": p("author, entity or unnamed.", {"enum": ["author", "entity", "unnamed"]}, "Kind"),
    "entity_id": nul("string", "Registry entity id (entity).", "Entity id"),
    "entity_name": nul("string", "Registry entity name (entity).", "Entity name"),
    "mention_id": nul("string", "Mention that names the source (entity).", "Mention id"),
    "description": {"anyOf": [{"$ref": "#/$defs/span"}, {"type": "null"}], "title": "Description", "description": "Words describing an unnamed source."}})
EXPORT_REFERENCE = obj("Reference value", "What one public source says, as of one date.", {
    "value": {"$ref": "#/$defs/flat_value", "title": "Value", "description": "The reference value."},
    "as_of": p("Date the value holds as of.", {"type": "string"}, "As of"),
    "source": obj("Source", "The page read.", {
        "title": nul("string", "Title, or null.", "Title"), "publisher": p("Publisher.", {"type": "string"}, "Publisher"),
        "published": nul("string", "Publication date, or null.", "Published"), "url": p("URL.", {"type": "string"}, "URL")}),
    "note": nul("string", "Note, or null.", "Note")})
VERDICTS = ["agrees", "contradicts", "outdated", "not_comparable"]
EXPORT_VERDICT = obj("Verdict", "A claim's value judged against the proposition's references.", {
    "verdict": p("agrees, contradicts, outdated or not_comparable.", {"enum": VERDICTS}, "Verdict"),
    "reference": p("Index in the proposition's references of the one judged against.", {"type": "integer", "minimum": 0}, "Reference"),
    "earlier": nul("integer", "Index of an earlier reference the value agrees with, or null.", "Earlier")})
DOC_RECORD = schema("export-documents.schema.json", "crocus-corpus JSONL document record",
    "One line of the document JSONL export: a document with every layer and the registries resolved.", {
    "id": p("Document id.", {"type": "string"}, "Id"),
    "source_file": p("Seed file name.", {"type": "string"}, "Source file"),
    "sha256": p("SHA-256 of the text.", {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "SHA-256"),
    "title": nul("string", "Headline, or null.", "Title"),
    "language": p("Language tag.", {"type": "string"}, "Language"),
    "genre": p("Genre.", {"enum": ["news", "analysis", "opinion"]}, "Genre"),
    "author": {"anyOf": [obj("Author", "Author with evidence.", {"value": p("Name.", {"type": "string"}, "Value"), "evidence": {"$ref": "#/$defs/span"}}), {"type": "null"}],
               "title": "Author", "description": "The author where the text states it, else null."},
    "date": {"anyOf": [obj("Date", "Publication date with evidence.", {"value": p("ISO 8601 date.", {"type": "string"}, "Value"), "evidence": {"$ref": "#/$defs/span"}}), {"type": "null"}],
             "title": "Date", "description": "The publication date where the text states it, else null (verdicts use it)."},
    "offsets": p("Unit of every offset in the record.", {"enum": ["codepoint", "utf16", "byte"]}, "Offsets"),
    "text": p("The full text, byte for byte.", {"type": "string"}, "Text"),
    "regions": p("Regions tiling the text.", {"type": "array", "items": obj("Region", "A region.", {
        "kind": p("Region kind.", {"enum": ["headline", "body", "boilerplate"]}, "Kind"),
        "start": p("Start.", {"type": "integer"}, "Start"), "end": p("End.", {"type": "integer"}, "End"),
        "article": nul("integer", "Article number, null for boilerplate.", "Article")})}, "Regions"),
    "quality_flags": p("Text-quality flags.", {"type": "array", "items": obj("Quality flag", "A flag.", {
        "kind": p("Flag kind.", {"type": "string"}, "Kind"), "note": p("Note.", {"type": "string"}, "Note"),
        "evidence": p("Evidence spans.", {"type": "array", "items": {"$ref": "#/$defs/span"}}, "Evidence")})}, "Quality flags"),
    "entities": p("Entity mentions.", {"type": "array", "items": obj("Entity mention", "A mention.", {
        "id": p("Mention id.", {"type": "string"}, "Id"), **{k: v for k, v in EXPORT_SPAN["properties"].items()},
        "label": p("OntoNotes label.", {"enum": LABELS}, "Label"),
        "entity": {"anyOf": [obj("Registry entity", "The linked entity.", {
            "id": p("Id.", {"type": "string"}, "Id"), "type": p("Type.", {"enum": NAMED}, "Type"),
            "name": p("Name.", {"type": "string"}, "Name"), "description": p("Description.", {"type": "string"}, "Description"),
            "wikipedia": {"anyOf": [WIKIPEDIA, {"type": "null"}], "title": "Wikipedia", "description": "English Wikipedia article, or null."},
            "wikidata": nul("string", "Wikidata item id, or null.", "Wikidata")}), {"type": "null"}],
            "title": "Entity", "description": "The registry entity (named labels), else null."},
        "value": {"anyOf": [{"$ref": "#/$defs/flat_value"}, {"type": "null"}], "title": "Value", "description": "Normalized value (numeric and temporal labels), else null."}})}, "Entities"),
    "claims": p("Claims.", {"type": "array", "items": obj("Claim", "A claim.", {
        "id": p("Claim id.", {"type": "string"}, "Id"), **{k: v for k, v in EXPORT_SPAN["properties"].items()},
        "claimer": {"$ref": "#/$defs/holder", "title": "Claimer", "description": "Who asserts it."},
        "cue": {"anyOf": [{"$ref": "#/$defs/span"}, {"type": "null"}], "title": "Cue", "description": "Attribution cue, or null."},
        "attribution": p("Attribution.", {"enum": ["authorial", "direct_quote", "indirect"]}, "Attribution"),
        "types": p("Claim types.", {"type": "array", "items": {"type": "string"}}, "Types"),
        "checkworthy": p("Check-worthy.", {"type": "boolean"}, "Check-worthy"),
        "proposition": {"anyOf": [obj("Proposition", "The proposition answered.", {
            "id": p("Id.", {"type": "string"}, "Id"), "question": p("Question.", {"type": "string"}, "Question"),
            "value_kind": p("Value kind.", {"type": "string"}, "Value kind"), "unit": nul("string", "Unit.", "Unit"),
            "references": p("Reference values with their sources, oldest first.", {"type": "array", "items": EXPORT_REFERENCE}, "References")}), {"type": "null"}],
            "title": "Proposition", "description": "The proposition, or null."},
        "value": {"anyOf": [{"$ref": "#/$defs/flat_value"}, {"type": "null"}], "title": "Value", "description": "The value given, or null."},
        "verdict": {"anyOf": [EXPORT_VERDICT, {"type": "null"}], "title": "Verdict",
                    "description": "The value judged against the proposition's references (computed), or null when there is none."}})}, "Claims"),
    "stances": p("Span stances.", {"type": "array", "items": obj("Span stance", "A span stance.", {
        "id": p("Stance id.", {"type": "string"}, "Id"), **{k: v for k, v in EXPORT_SPAN["properties"].items()},
        "holder": {"$ref": "#/$defs/holder", "title": "Holder", "description": "Whose evaluation."},
        "target": obj("Target", "What it evaluates.", {"kind": p("Kind.", {"enum": ["target", "entity", "claim"]}, "Kind"),
            "id": p("Id.", {"type": "string"}, "Id"), "name": nul("string", "Definition, entity name or claim text.", "Name")}),
        "label": p("Label.", {"enum": ["FAVOR", "AGAINST", "NEUTRAL", "SUPPORT", "DENY", "QUERY", "COMMENT"]}, "Label")})}, "Stances"),
    "document_stances": p("Document stances.", {"type": "array", "items": obj("Document stance", "A document stance.", {
        "target": p("Target id.", {"type": "string"}, "Target"), "definition": nul("string", "Target definition.", "Definition"),
        "label": p("Label.", {"enum": ["FAVOR", "AGAINST", "NONE"]}, "Label"),
        "evidence": p("Span stance ids.", {"type": "array", "items": {"type": "string"}}, "Evidence")})}, "Document stances")},
    defs={"span": EXPORT_SPAN, "flat_value": FLAT_VALUE, "holder": EXPORT_HOLDER})
del DOC_RECORD["properties"]["$schema"], DOC_RECORD["properties"]["schema_version"]
DOC_RECORD["required"] = [r for r in DOC_RECORD["required"] if r != "schema_version"]
write("export-documents.schema.json", DOC_RECORD)


def flat_schema(name, title, desc, props):
    s = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + name, "title": title,
         "description": desc, "type": "object", "additionalProperties": False, "properties": props,
         "required": list(props), "x-schema-version": VERSION}
    write(name, s)


def value_cols():
    return {f"value_{k}": {**v, "title": f"Value: {v['title']}"} for k, v in FLAT_VALUE["properties"].items()}


BASE_COLS = {"document": p("Document id.", {"type": "string"}, "Document"), "id": p("Annotation id.", {"type": "string"}, "Id"),
             "start": p("Start offset.", {"type": "integer"}, "Start"), "end": p("End offset.", {"type": "integer"}, "End"),
             "text": p("Covered text.", {"type": "string"}, "Text")}
HOLDER_COLS = lambda pre: {f"{pre}_kind": p("author, entity or unnamed.", {"enum": ["author", "entity", "unnamed"]}, "Kind"),
                           f"{pre}_entity_id": nul("string", "Registry entity id.", "Entity id"),
                           f"{pre}_entity_name": nul("string", "Registry entity name.", "Entity name"),
                           f"{pre}_mention_id": nul("string", "Naming mention id.", "Mention id"),
                           f"{pre}_description": nul("string", "Words describing an unnamed source.", "Description")}
flat_schema("export-entities.schema.json", "crocus-corpus JSONL entity record", "One entity mention per line.", {
    **BASE_COLS, "label": p("OntoNotes label.", {"enum": LABELS}, "Label"),
    "entity_id": nul("string", "Registry entity id.", "Entity id"), "entity_type": nul("string", "Registry entity type.", "Entity type"),
    "entity_name": nul("string", "Registry entity name.", "Entity name"),
    "entity_wikipedia": nul("string", "URL of the entity's English Wikipedia article.", "Entity Wikipedia"), **value_cols()})
flat_schema("export-claims.schema.json", "crocus-corpus JSONL claim record", "One claim per line.", {
    **BASE_COLS, **HOLDER_COLS("claimer"),
    "cue_start": nul("integer", "Cue start.", "Cue start"), "cue_end": nul("integer", "Cue end.", "Cue end"), "cue_text": nul("string", "Cue text.", "Cue text"),
    "attribution": p("Attribution.", {"enum": ["authorial", "direct_quote", "indirect"]}, "Attribution"),
    "types": p("Claim types.", {"type": "array", "items": {"type": "string"}}, "Types"),
    "checkworthy": p("Check-worthy.", {"type": "boolean"}, "Check-worthy"),
    "proposition_id": nul("string", "Proposition id.", "Proposition"), "proposition_question": nul("string", "Proposition question.", "Question"),
    **value_cols(),
    "verdict": {"anyOf": [{"enum": VERDICTS}, {"type": "null"}], "title": "Verdict", "description": "The value judged against the proposition's references, or null."},
    "verdict_reference_value": nul("string", "The reference value judged against, rendered.", "Reference value"),
    "verdict_reference_as_of": nul("string", "The date it holds as of.", "Reference as of"),
    "verdict_reference_publisher": nul("string", "Its source's publisher.", "Reference publisher"),
    "verdict_reference_url": nul("string", "Its source's URL.", "Reference URL")})
flat_schema("export-stances.schema.json", "crocus-corpus JSONL stance record", "One span stance per line.", {
    **BASE_COLS, **HOLDER_COLS("holder"),
    "target_kind": p("target, entity or claim.", {"enum": ["target", "entity", "claim"]}, "Target kind"),
    "target_id": p("Target id.", {"type": "string"}, "Target id"), "target_name": nul("string", "Definition, name or claim text.", "Target name"),
    "label": p("Label.", {"enum": ["FAVOR", "AGAINST", "NEUTRAL", "SUPPORT", "DENY", "QUERY", "COMMENT"]}, "Label")})
