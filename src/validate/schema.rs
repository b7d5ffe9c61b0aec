//! The JSON Schemas shipped in `schema/` (generated from the model by [`crate::schema`]), compiled
//! into the crate and compiled once into validators.

use std::sync::OnceLock;

pub use crate::schema::FileKind;

impl FileKind {
    /// The schema's text.
    pub fn schema_text(self) -> &'static str {
        match self {
            FileKind::Manifest => include_str!("../../schema/manifest.schema.json"),
            FileKind::Annotation => include_str!("../../schema/annotation.schema.json"),
            FileKind::Entities => include_str!("../../schema/entities.schema.json"),
            FileKind::Propositions => include_str!("../../schema/propositions.schema.json"),
            FileKind::Targets => include_str!("../../schema/targets.schema.json"),
            FileKind::ExportDocuments => include_str!("../../schema/export-documents.schema.json"),
            FileKind::ExportEntities => include_str!("../../schema/export-entities.schema.json"),
            FileKind::ExportClaims => include_str!("../../schema/export-claims.schema.json"),
            FileKind::ExportStances => include_str!("../../schema/export-stances.schema.json"),
        }
    }

    fn index(self) -> usize {
        FileKind::ALL.iter().position(|k| *k == self).expect("listed")
    }

    /// The schema, parsed once.
    fn schema(self) -> &'static serde_json::Value {
        static CELLS: [OnceLock<serde_json::Value>; 9] = [const { OnceLock::new() }; 9];
        CELLS[self.index()].get_or_init(|| serde_json::from_str(self.schema_text()).expect("shipped schemas parse"))
    }

    /// The property names the schema allows at the top level.
    pub(crate) fn record_keys(self) -> &'static std::collections::BTreeSet<String> {
        static CELLS: [OnceLock<std::collections::BTreeSet<String>>; 9] = [const { OnceLock::new() }; 9];
        CELLS[self.index()].get_or_init(|| {
            self.schema()["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
        })
    }

    /// The compiled validator.
    pub fn validator(self) -> &'static jsonschema::Validator {
        static CELLS: [OnceLock<jsonschema::Validator>; 9] = [const { OnceLock::new() }; 9];
        CELLS[self.index()]
            .get_or_init(|| jsonschema::draft202012::new(self.schema()).expect("shipped schemas compile"))
    }

    /// The same schema compiled for [`Tape`](super::tape::Tape)s, the representation JSONL
    /// validation parses records into.
    pub(crate) fn tape_validator(self) -> &'static jsonschema::Validator<super::tape::TapeJson> {
        static CELLS: [OnceLock<jsonschema::Validator<super::tape::TapeJson>>; 9] = [const { OnceLock::new() }; 9];
        CELLS[self.index()].get_or_init(|| {
            jsonschema::options_for::<super::tape::TapeJson>()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(self.schema())
                .expect("shipped schemas compile")
        })
    }
}

/// A shipped schema by its name (`annotation`, `annotation.schema.json`), for `crocus schema`.
pub fn by_name(name: &str) -> Option<&'static str> {
    let name = name.trim_end_matches(".json").trim_end_matches(".schema");
    FileKind::ALL.iter().find(|k| k.schema_file().trim_end_matches(".schema.json") == name).map(|k| k.schema_text())
}
