//! The rules of the format, each with a stable code (`E012 span-text-mismatch`): the validator
//! checks all of them, and every error a reader of this crate returns names the rule it breaks
//! ([`ErrorKind::code`](crate::ErrorKind::code)), with or without the `validate` feature.
//!
//! It lives outside the validator so that the classification of errors does not depend on
//! features: `Corpus::from_dir` reports a text of the wrong length as E006 whether or not the
//! validator is compiled in.
//!
//! ```
//! use crocus_corpus::code::{Code, Severity};
//!
//! let code: Code = "E012".parse().unwrap();
//! assert_eq!(code, Code::SpanTextMismatch);
//! assert_eq!(code.to_string(), "E012 span-text-mismatch");
//! assert_eq!(code.severity(), Severity::Error);
//! ```

use serde::Serialize;

/// How serious a diagnostic is. Warnings become errors under `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is invalid.
    Error,
    /// Probably a mistake; an error under `--strict`.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $severity:ident, $doc:literal;)*) => {
        /// The stable code of every rule. Codes never change meaning; retired codes are not reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            /// The code (`E012`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }
            /// The rule's name (`span-text-mismatch`).
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }
            /// The default severity.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
            /// One sentence on the rule.
            pub fn explain(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

codes! {
    InvalidJson = "E001", "invalid-json", Error, "The file is not well-formed JSON (truncated, empty, trailing data, nested too deeply).";
    InvalidUtf8 = "E002", "invalid-utf8", Error, "The file is not valid UTF-8.";
    ByteOrderMark = "E003", "byte-order-mark", Error, "The file starts with a UTF-8 byte-order mark; JSON and the texts must not.";
    SchemaViolation = "E004", "schema-violation", Error, "A value does not match the file's JSON Schema (wrong type, missing or unknown field, label not in its set).";
    TextHashMismatch = "E005", "text-hash-mismatch", Error, "A text's SHA-256 differs from its manifest record: the text changed.";
    TextLengthMismatch = "E006", "text-length-mismatch", Error, "A text's length in characters or bytes differs from its manifest record.";
    TextFormat = "E007", "text-format", Error, "A text has a byte-order mark or CRLF line endings; texts are UTF-8 with LF, byte for byte as received.";
    MissingFile = "E008", "missing-file", Error, "A file the manifest names is missing.";
    UnknownDocument = "E009", "unknown-document", Error, "An annotation file names a document that is not in the manifest.";
    SpanOutOfRange = "E010", "span-out-of-range", Error, "A span does not satisfy 0 <= start < end <= length of the text (in code points).";
    SpanEmpty = "E011", "span-empty", Error, "A span is empty or reversed (start >= end).";
    SpanTextMismatch = "E012", "span-text-mismatch", Error, "A span's `text` differs from the slice of the document it points at.";
    SpanWhitespaceEdge = "E013", "span-whitespace-edge", Error, "A span starts or ends with whitespace.";
    SpanOutsideRegion = "E014", "span-outside-region", Error, "An annotated span is not inside one headline or body region.";
    RegionTiling = "E015", "region-tiling", Error, "Regions do not tile the text: a gap, an overlap, or a wrong order.";
    EntityOverlap = "E016", "entity-overlap", Error, "Two entity mentions overlap; the entity layer is flat.";
    DuplicateId = "E017", "duplicate-id", Error, "An id is used twice within its scope.";
    UnresolvedReference = "E018", "unresolved-reference", Error, "A reference names something that does not exist.";
    IncompatibleType = "E019", "incompatible-type", Error, "A mention links to a registry entity of an incompatible type.";
    MissingLink = "E020", "missing-link", Error, "A named mention (PERSON ... LANGUAGE) has no registry entity.";
    MissingValue = "E021", "missing-value", Error, "A numeric or temporal mention has no normalized value.";
    MisplacedLinkOrValue = "E022", "misplaced-link-or-value", Error, "A numeric or temporal mention links to an entity, or a named mention carries a value.";
    ClaimValueMismatch = "E023", "claim-value-mismatch", Error, "A claim's value does not fit its proposition (missing, kind differs, or a value without a proposition).";
    MissingDocumentStance = "E024", "missing-document-stance", Error, "A document has no stance for a registered target, or two for one target.";
    StanceLabelMismatch = "E025", "stance-label-mismatch", Error, "A stance label does not fit its target kind (claims take SUPPORT/DENY/QUERY/COMMENT, others FAVOR/AGAINST/NEUTRAL).";
    DocumentFileMismatch = "E026", "document-file-mismatch", Error, "An annotation file's name differs from `<document>.json`.";
    ClaimerMentionMismatch = "E027", "claimer-mention-mismatch", Error, "A claimer or holder names a mention that links to another entity.";
    ReferenceShape = "E028", "reference-shape", Error, "A proposition's reference value or an entity's Wikipedia link is malformed: a value not of the proposition's kind, a date that is not a calendar date, references not oldest first, a URL that is not absolute http(s), a Wikipedia URL that is not its title's.";
    UnannotatedRepeat = "W101", "unannotated-repeat", Warning, "An annotated surface string occurs again in the document's headline or body, unannotated and not listed in `exceptions`.";
    UnusedRegistryEntry = "W102", "unused-registry-entry", Warning, "A registry entry (entity, proposition) nothing refers to.";
    MissingAlias = "W103", "missing-alias", Warning, "A mention's surface form is not among its registry entity's aliases.";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.as_str(), self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A code is parsed from its code (`E012`, any case) or its name (`span-text-mismatch`).
impl std::str::FromStr for Code {
    type Err = String;
    fn from_str(s: &str) -> Result<Code, String> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s) || c.name() == s)
            .ok_or_else(|| format!("`{s}` is neither a rule code (E001…) nor a rule name (invalid-json…)"))
    }
}
