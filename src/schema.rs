//! The JSON Schemas of every file kind, generated from the model types.
//!
//! Why it exists: the schemas in `schema/` are the contract a contributor's editor and CI check
//! against, and the serde model is the contract the readers enforce. `generate` (feature
//! `schema`) derives the first from the second with `schemars`, so the two cannot disagree: label
//! sets and kinds are the Rust enums, descriptions are the doc comments, every record is
//! closed (`additionalProperties: false`) as serde's `deny_unknown_fields` closes it, and
//! `schema_version` is [`SCHEMA_VERSION`](crate::SCHEMA_VERSION); each root is titled by its [`FileKind`]. The committed files are kept
//! current by a freshness test (`tests/schema.rs`; `UPDATE_SCHEMA=1` rewrites them).
//!
//! ```
//! # #[cfg(feature = "schema")] {
//! use crocus_corpus::schema::{generate, FileKind};
//!
//! let schema: serde_json::Value = serde_json::from_str(&generate(FileKind::ExportClaims)).unwrap();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["additionalProperties"], false);
//! # }
//! ```

/// The kinds of file the corpus ships, each with its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// `corpus/manifest.json`.
    Manifest,
    /// `annotations/<document id>.json`.
    Annotation,
    /// `annotations/entities.json`.
    Entities,
    /// `annotations/propositions.json`.
    Propositions,
    /// `annotations/targets.json`.
    Targets,
    /// A line of the document JSONL export.
    ExportDocuments,
    /// A line of the entity JSONL export.
    ExportEntities,
    /// A line of the claim JSONL export.
    ExportClaims,
    /// A line of the stance JSONL export.
    ExportStances,
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 9] = [
        FileKind::Manifest,
        FileKind::Annotation,
        FileKind::Entities,
        FileKind::Propositions,
        FileKind::Targets,
        FileKind::ExportDocuments,
        FileKind::ExportEntities,
        FileKind::ExportClaims,
        FileKind::ExportStances,
    ];

    /// The schema's file name under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Manifest => "manifest.schema.json",
            FileKind::Annotation => "annotation.schema.json",
            FileKind::Entities => "entities.schema.json",
            FileKind::Propositions => "propositions.schema.json",
            FileKind::Targets => "targets.schema.json",
            FileKind::ExportDocuments => "export-documents.schema.json",
            FileKind::ExportEntities => "export-entities.schema.json",
            FileKind::ExportClaims => "export-claims.schema.json",
            FileKind::ExportStances => "export-stances.schema.json",
        }
    }

    /// The kind of a file by its path relative to the corpus root.
    pub fn of_path(path: &str) -> Option<FileKind> {
        let path = path.replace('\\', "/");
        let name = path.rsplit('/').next().unwrap_or(&path);
        match name {
            "manifest.json" => Some(FileKind::Manifest),
            "entities.json" => Some(FileKind::Entities),
            "propositions.json" => Some(FileKind::Propositions),
            "targets.json" => Some(FileKind::Targets),
            n if n.ends_with(".json") => Some(FileKind::Annotation),
            _ => None,
        }
    }
}

impl FileKind {
    /// The kind of a JSONL record kind's lines.
    pub fn of_record(kind: crate::model::jsonl::RecordKind) -> FileKind {
        use crate::model::jsonl::RecordKind;
        match kind {
            RecordKind::Documents => FileKind::ExportDocuments,
            RecordKind::Entities => FileKind::ExportEntities,
            RecordKind::Claims => FileKind::ExportClaims,
            RecordKind::Stances => FileKind::ExportStances,
        }
    }

    /// The schema's title.
    pub fn title(self) -> &'static str {
        match self {
            FileKind::Manifest => "crocus-corpus document manifest",
            FileKind::Annotation => "crocus-corpus annotation file",
            FileKind::Entities => "crocus-corpus entity registry",
            FileKind::Propositions => "crocus-corpus proposition registry",
            FileKind::Targets => "crocus-corpus stance targets",
            FileKind::ExportDocuments => "crocus-corpus JSONL document record",
            FileKind::ExportEntities => "crocus-corpus JSONL entity record",
            FileKind::ExportClaims => "crocus-corpus JSONL claim record",
            FileKind::ExportStances => "crocus-corpus JSONL stance record",
        }
    }

    /// True for the records of the JSONL export, whose schemas describe what the writer emits
    /// (every key present).
    pub fn is_export(self) -> bool {
        matches!(
            self,
            FileKind::ExportDocuments | FileKind::ExportEntities | FileKind::ExportClaims | FileKind::ExportStances
        )
    }
}

/// The prefix of every schema's `$id`: a URN, an identifier that names no web address (the
/// project has no public address yet; the schemas ship in `schema/` and inside the crate).
pub const SCHEMA_BASE_URL: &str = "urn:crocus-corpus:schema:";

/// The JSON Schema (draft 2020-12, self-contained) of a file kind, as committed in `schema/`:
/// pretty-printed with a final newline.
#[cfg(feature = "schema")]
pub fn generate(kind: FileKind) -> String {
    use crate::model::{self, jsonl};

    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let settings = if kind.is_export() { settings.for_serialize() } else { settings.for_deserialize() };
    let generator = settings.into_generator();
    let schema = match kind {
        FileKind::Manifest => generator.into_root_schema_for::<model::Manifest>(),
        FileKind::Annotation => generator.into_root_schema_for::<model::AnnotationFile>(),
        FileKind::Entities => generator.into_root_schema_for::<model::EntityRegistry>(),
        FileKind::Propositions => generator.into_root_schema_for::<model::PropositionRegistry>(),
        FileKind::Targets => generator.into_root_schema_for::<model::TargetRegistry>(),
        FileKind::ExportDocuments => generator.into_root_schema_for::<jsonl::DocumentLine>(),
        FileKind::ExportEntities => generator.into_root_schema_for::<jsonl::EntityLine>(),
        FileKind::ExportClaims => generator.into_root_schema_for::<jsonl::ClaimLine>(),
        FileKind::ExportStances => generator.into_root_schema_for::<jsonl::StanceLine>(),
    };
    let mut value = schema.to_value();
    if let Some(root) = value.as_object_mut() {
        root.insert("$id".into(), format!("{SCHEMA_BASE_URL}{}", kind.schema_file()).into());
        root.insert("title".into(), kind.title().into());
    }
    fold_constants(&mut value);
    plain_descriptions(&mut value);
    serde_json::to_string_pretty(&value).expect("schemas serialize") + "\n"
}

/// Rewrites a `oneOf` of documented constants (how `schemars` writes a unit enum whose variants
/// have doc comments) as one `enum`, with the variants' docs in the description: the same
/// constraint, and a validator error that lists the allowed names.
#[cfg(feature = "schema")]
fn fold_constants(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let names: Option<Vec<(Value, Option<String>)>> =
                map.get("oneOf").and_then(Value::as_array).and_then(|v| {
                    v.iter()
                        .map(|s| {
                            let c = s.get("const")?.clone();
                            let d = s.get("description").and_then(Value::as_str).map(str::to_string);
                            Some((c, d))
                        })
                        .collect()
                });
            if let Some(names) = names {
                map.remove("oneOf");
                let described: Vec<String> =
                    names.iter().filter_map(|(c, d)| Some(format!("`{}`: {}", c.as_str()?, d.as_deref()?))).collect();
                map.insert("enum".into(), Value::Array(names.into_iter().map(|(c, _)| c).collect()));
                if !described.is_empty() {
                    let head = map.get("description").and_then(Value::as_str).map(str::to_string);
                    let text = match head {
                        Some(h) => format!("{h}\n\n{}", described.join("\n")),
                        None => described.join("\n"),
                    };
                    map.insert("description".into(), text.into());
                }
            }
            map.values_mut().for_each(fold_constants);
        }
        Value::Array(items) => items.iter_mut().for_each(fold_constants),
        _ => {}
    }
}

/// Rustdoc links in the doc comments (`` [`Claimer`](super::Claimer) ``) become plain code
/// (`` `Claimer` ``) in the schemas' descriptions.
#[cfg(feature = "schema")]
fn plain_descriptions(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::String(d)) = map.get_mut("description") {
                *d = plain_links(d);
            }
            map.values_mut().for_each(plain_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

#[cfg(feature = "schema")]
fn plain_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("[`") {
        let Some(j) = rest[i + 2..].find("`]") else { break };
        out.push_str(&rest[..i]);
        out.push_str(&rest[i + 1..i + 2 + j + 1]);
        rest = &rest[i + 2 + j + 2..];
        if rest.starts_with('(') {
            if let Some(k) = rest.find(')') {
                rest = &rest[k + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    #[test]
    fn rustdoc_links_become_code() {
        assert_eq!(super::plain_links("a [`Claimer`](super::Claimer) or [`Value`]."), "a `Claimer` or `Value`.");
        assert_eq!(super::plain_links("no links [x]"), "no links [x]");
    }
}
