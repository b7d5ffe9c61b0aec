//! Schema pieces the derive cannot express alone (feature `schema`).

use schemars::{json_schema, Schema, SchemaGenerator};

/// `schema_version`: exactly [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
pub(crate) fn schema_version(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": crate::SCHEMA_VERSION })
}

/// A registry entity's `type`: the named labels only (those [`Label::is_named`] accepts).
///
/// [`Label::is_named`]: crate::model::Label::is_named
pub(crate) fn named_label(_: &mut SchemaGenerator) -> Schema {
    let named: Vec<&str> =
        crate::model::Label::ALL.into_iter().filter(|l| l.is_named()).map(crate::model::Label::as_str).collect();
    json_schema!({ "type": "string", "enum": named })
}
