//! A normalized [`Value`] in the JSONL records: one fixed set of keys for every kind, so a value
//! column has one type in a table, and the way back to the model's value.

use serde::{Deserialize, Serialize};

use crate::model::Value;
use crate::names::closed_enum;

closed_enum! {
    "value kind",
    /// The kind of a [`Value`]: its `kind` tag.
    pub enum ValueTag {
        /// [`Value::Number`].
        Number = "number",
        /// [`Value::Range`].
        Range = "range",
        /// [`Value::Ordinal`].
        Ordinal = "ordinal",
        /// [`Value::Date`].
        Date = "date",
        /// [`Value::Duration`].
        Duration = "duration",
        /// [`Value::Relative`].
        Relative = "relative",
        /// [`Value::Boolean`].
        Boolean = "boolean",
        /// [`Value::Category`].
        Category = "category",
    }
}

/// A normalized value flattened into a fixed set of keys; the keys its kind does not use are null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FlatValue {
    /// The value kind: the `kind` tag of [`Value`].
    pub kind: ValueTag,
    /// The number (number and ordinal kinds).
    pub number: Option<f64>,
    /// Lower bound (range).
    pub min: Option<f64>,
    /// Whether the lower bound belongs to the interval (range).
    pub min_inclusive: Option<bool>,
    /// Upper bound (range).
    pub max: Option<f64>,
    /// Whether the upper bound belongs to the interval (range).
    pub max_inclusive: Option<bool>,
    /// Approximate (number, range).
    pub approximate: Option<bool>,
    /// ISO 8601 string (date, duration).
    pub iso: Option<String>,
    /// What it is relative to, in words (relative).
    pub description: Option<String>,
    /// The answer (boolean).
    pub boolean: Option<bool>,
    /// The category (category).
    pub category: Option<String>,
}

impl FlatValue {
    /// The value back from its flattened form; `Err(key)` names the key its kind needs and lacks
    /// (for an ordinal, also a `number` that is not a whole `u32`).
    pub fn to_value(&self) -> Result<Value, &'static str> {
        let approximate = self.approximate.unwrap_or(false);
        Ok(match self.kind {
            ValueTag::Number => Value::Number { value: self.number.ok_or("number")?, approximate },
            ValueTag::Range => Value::Range {
                min: self.min,
                min_inclusive: self.min_inclusive.unwrap_or(false),
                max: self.max,
                max_inclusive: self.max_inclusive.unwrap_or(false),
                approximate,
            },
            ValueTag::Ordinal => {
                let n = self.number.ok_or("number")?;
                if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
                    return Err("number");
                }
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Value::Ordinal { value: n as u32 }
            }
            ValueTag::Date => Value::Date { iso: self.iso.clone().ok_or("iso")? },
            ValueTag::Duration => Value::Duration { iso: self.iso.clone().ok_or("iso")? },
            ValueTag::Relative => Value::Relative { description: self.description.clone().ok_or("description")? },
            ValueTag::Boolean => Value::Boolean { value: self.boolean.ok_or("boolean")? },
            ValueTag::Category => Value::Category { value: self.category.clone().ok_or("category")? },
        })
    }
}

impl From<&Value> for FlatValue {
    fn from(v: &Value) -> FlatValue {
        let mut o = FlatValue {
            kind: v.tag(),
            number: None,
            min: None,
            min_inclusive: None,
            max: None,
            max_inclusive: None,
            approximate: None,
            iso: None,
            description: None,
            boolean: None,
            category: None,
        };
        match v {
            Value::Number { value, approximate } => {
                o.number = Some(*value);
                o.approximate = Some(*approximate);
            }
            Value::Range { min, min_inclusive, max, max_inclusive, approximate } => {
                o.min = *min;
                o.min_inclusive = Some(*min_inclusive);
                o.max = *max;
                o.max_inclusive = Some(*max_inclusive);
                o.approximate = Some(*approximate);
            }
            Value::Ordinal { value } => o.number = Some(f64::from(*value)),
            Value::Date { iso } | Value::Duration { iso } => o.iso = Some(iso.clone()),
            Value::Relative { description } => o.description = Some(description.clone()),
            Value::Boolean { value } => o.boolean = Some(*value),
            Value::Category { value } => o.category = Some(value.clone()),
        }
        o
    }
}
