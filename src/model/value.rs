use serde::{Deserialize, Serialize};

/// A normalized value of a numeric or temporal mention, or of a claim on a proposition.
///
/// Serialized with a `kind` tag: `{"kind": "range", "min": 130, "min_inclusive": false}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Value {
    /// A number, possibly approximate ("around 170").
    Number {
        /// The number.
        #[serde(serialize_with = "num::f64")]
        value: f64,
        /// True for "around", "about", "some".
        #[serde(default, skip_serializing_if = "is_false")]
        approximate: bool,
    },
    /// An interval; a missing bound is unbounded ("more than 130": min 130, exclusive).
    Range {
        /// Lower bound.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "num::opt_f64")]
        min: Option<f64>,
        /// Whether the lower bound belongs to the interval.
        #[serde(default, skip_serializing_if = "is_false")]
        min_inclusive: bool,
        /// Upper bound.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "num::opt_f64")]
        max: Option<f64>,
        /// Whether the upper bound belongs to the interval.
        #[serde(default, skip_serializing_if = "is_false")]
        max_inclusive: bool,
        /// True for vague bounds ("almost 100", "hundreds").
        #[serde(default, skip_serializing_if = "is_false")]
        approximate: bool,
    },
    /// A rank ("fourth" is 4).
    Ordinal {
        /// The rank.
        value: u32,
    },
    /// An ISO 8601 date, month, year, day without year (`--03-22`) or interval (`1980/1989`).
    Date {
        /// The ISO 8601 string.
        #[cfg_attr(feature = "schema", schemars(pattern(crate::model::ISO_DATE)))]
        iso: String,
    },
    /// An ISO 8601 duration (`P6M`, `PT48H`).
    Duration {
        /// The ISO 8601 string.
        #[cfg_attr(feature = "schema", schemars(pattern(crate::model::ISO_DURATION)))]
        iso: String,
    },
    /// A relative expression the text does not anchor, described in words.
    Relative {
        /// What it is relative to.
        description: String,
    },
    /// A yes/no answer (claims only).
    Boolean {
        /// The answer.
        value: bool,
    },
    /// A categorical answer (claims only).
    Category {
        /// The category.
        value: String,
    },
}

/// Whole numbers are written without a fraction (`139`, not `139.0`).
mod num {
    use serde::Serializer;

    pub fn f64<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(*v as i64)
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn opt_f64<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => f64(v, s),
            None => s.serialize_none(),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Value {
    /// The `kind` tag as written in the files.
    pub fn kind(&self) -> &'static str {
        self.tag().as_str()
    }

    /// The kind, as an enum.
    pub fn tag(&self) -> super::jsonl::ValueTag {
        use super::jsonl::ValueTag;
        match self {
            Value::Number { .. } => ValueTag::Number,
            Value::Range { .. } => ValueTag::Range,
            Value::Ordinal { .. } => ValueTag::Ordinal,
            Value::Date { .. } => ValueTag::Date,
            Value::Duration { .. } => ValueTag::Duration,
            Value::Relative { .. } => ValueTag::Relative,
            Value::Boolean { .. } => ValueTag::Boolean,
            Value::Category { .. } => ValueTag::Category,
        }
    }

    /// The interval of real numbers this value allows, as `(min, min_inclusive, max, max_inclusive)`,
    /// for numbers and ranges; `None` for other kinds. An approximate number allows only itself.
    pub fn interval(&self) -> Option<(f64, bool, f64, bool)> {
        match *self {
            Value::Number { value, .. } => Some((value, true, value, true)),
            Value::Ordinal { value } => Some((value as f64, true, value as f64, true)),
            Value::Range { min, min_inclusive, max, max_inclusive, .. } => Some((
                min.unwrap_or(f64::NEG_INFINITY),
                min.is_some() && min_inclusive,
                max.unwrap_or(f64::INFINITY),
                max.is_some() && max_inclusive,
            )),
            _ => None,
        }
    }

    /// True when both values can hold at once: overlapping intervals, equal dates (a date without
    /// a year is compatible with any year that has that day), equal booleans and categories.
    /// Values of different kinds that cannot be compared are treated as compatible.
    pub fn compatible_with(&self, other: &Value) -> bool {
        if let (Some(a), Some(b)) = (self.interval(), other.interval()) {
            return intervals_meet(a, b);
        }
        match (self, other) {
            (Value::Date { iso: a }, Value::Date { iso: b }) => dates_compatible(a, b),
            (Value::Boolean { value: a }, Value::Boolean { value: b }) => a == b,
            (Value::Category { value: a }, Value::Category { value: b }) => a == b,
            (Value::Duration { iso: a }, Value::Duration { iso: b }) => a == b,
            _ => true,
        }
    }

    /// A short human rendering: `>130`, `>=139`, `137`, `2024-03-22`, `true`.
    pub fn display(&self) -> String {
        fn n(x: f64) -> String {
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            }
        }
        match self {
            Value::Number { value, approximate } => format!("{}{}", if *approximate { "~" } else { "" }, n(*value)),
            Value::Range { min, min_inclusive, max, max_inclusive, approximate } => {
                let a = if *approximate { "~" } else { "" };
                match (min, max) {
                    (Some(lo), Some(hi)) => format!(
                        "{a}{}{}, {}{}",
                        if *min_inclusive { "[" } else { "(" },
                        n(*lo),
                        n(*hi),
                        if *max_inclusive { "]" } else { ")" }
                    ),
                    (Some(lo), None) => format!("{a}{}{}", if *min_inclusive { ">=" } else { ">" }, n(*lo)),
                    (None, Some(hi)) => format!("{a}{}{}", if *max_inclusive { "<=" } else { "<" }, n(*hi)),
                    (None, None) => "any".to_string(),
                }
            }
            Value::Ordinal { value } => format!("#{value}"),
            Value::Date { iso } | Value::Duration { iso } => iso.clone(),
            Value::Relative { description } => format!("relative: {description}"),
            Value::Boolean { value } => value.to_string(),
            Value::Category { value } => value.clone(),
        }
    }
}

/// As [`Value::display`]: `>130`, `~170`, `[130, 150]`, `2024-03-22`.
///
/// ```
/// use crocus_corpus::model::Value;
///
/// let v: Value = serde_json::from_str(r#"{"kind": "range", "min": 130}"#).unwrap();
/// assert_eq!(v.to_string(), ">130");
/// ```
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

fn intervals_meet(a: (f64, bool, f64, bool), b: (f64, bool, f64, bool)) -> bool {
    // The larger of the two lower bounds must not exceed the smaller upper bound.
    let (lo, lo_inc) = if a.0 > b.0 || (a.0 == b.0 && !a.1) { (a.0, a.1) } else { (b.0, b.1) };
    let (hi, hi_inc) = if a.2 < b.2 || (a.2 == b.2 && !a.3) { (a.2, a.3) } else { (b.2, b.3) };
    lo < hi || (lo == hi && lo_inc && hi_inc)
}

fn dates_compatible(a: &str, b: &str) -> bool {
    // Compare component by component; `--MM-DD` has no year and `YYYY` has no month.
    fn parts(s: &str) -> (Option<&str>, Option<&str>, Option<&str>) {
        if let Some(rest) = s.strip_prefix("--") {
            let mut it = rest.splitn(2, '-');
            return (None, it.next(), it.next());
        }
        let mut it = s.splitn(3, '-');
        (it.next(), it.next(), it.next())
    }
    if a.contains('/') || b.contains('/') {
        return a == b || !(a.contains('/') && b.contains('/'));
    }
    let (ya, ma, da) = parts(a);
    let (yb, mb, db) = parts(b);
    let same = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    same(ya, yb) && same(ma, mb) && same(da, db)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<f64>, min_inclusive: bool, max: Option<f64>, max_inclusive: bool) -> Value {
        Value::Range { min, min_inclusive, max, max_inclusive, approximate: false }
    }

    #[test]
    fn bound_semantics() {
        let more_than_130 = range(Some(130.0), false, None, false);
        let at_least_139 = range(Some(139.0), true, None, false);
        let n = |v: f64| Value::Number { value: v, approximate: false };
        assert!(more_than_130.compatible_with(&n(133.0)));
        assert!(!more_than_130.compatible_with(&n(130.0)));
        assert!(!at_least_139.compatible_with(&n(137.0)));
        assert!(at_least_139.compatible_with(&n(139.0)));
        assert!(at_least_139.compatible_with(&more_than_130));
        assert!(!range(None, false, Some(100.0), false).compatible_with(&range(Some(100.0), true, None, false)));
    }

    #[test]
    fn dates() {
        let d = |s: &str| Value::Date { iso: s.into() };
        assert!(d("--03-22").compatible_with(&d("2024-03-22")));
        assert!(!d("--03-22").compatible_with(&d("--03-23")));
        assert!(!d("2017").compatible_with(&d("2021")));
        assert!(d("2021").compatible_with(&d("2021-08")));
    }
}
