//! Schema pieces the derive cannot express alone (feature `schema`).

use schemars::{json_schema, Schema, SchemaGenerator};

/// `schema_version`: exactly [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
pub(crate) fn schema_version(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": crate::SCHEMA_VERSION })
}
