//! Schema pieces the derive cannot express alone, each derived from the model rather than listed
//! (feature `schema`).

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// The `kind` tags of an internally tagged enum (`Value`, `Claimer`, `StanceTarget`), as a string
/// enum: the schema of a record key that holds such a tag.
pub(crate) fn tags_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let tags = tags(T::json_schema(generator));
    json_schema!({ "type": "string", "enum": tags })
}

/// [`tags_of`], or null.
pub(crate) fn nullable_tags_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let mut tags = tags(T::json_schema(generator));
    tags.push(serde_json::Value::Null);
    json_schema!({ "type": ["string", "null"], "enum": tags })
}

fn tags(schema: Schema) -> Vec<serde_json::Value> {
    let variants = schema.get("oneOf").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let tags: Vec<serde_json::Value> =
        variants.iter().filter_map(|v| v.pointer("/properties/kind/const").cloned()).collect();
    assert_eq!(tags.len(), variants.len(), "every variant of a tagged enum has a `kind` const");
    tags
}

/// `schema_version`: exactly [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
pub(crate) fn schema_version(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "const": crate::SCHEMA_VERSION })
}
