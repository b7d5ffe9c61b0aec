//! Closed lists of names (labels, kinds, units), each defined once.
//!
//! Why it exists: a label set is written in the files, parsed from the command line, shown to a
//! person and listed in the JSON Schemas. [`closed_enum!`] declares each variant with its name once
//! and derives the rest from it: serde's names (and so the schemas), `as_str`, `ALL`, `Display`,
//! `FromStr`, and, with the `cli` feature, clap's `ValueEnum`.

use std::fmt;

/// A string that names no variant of a closed list (a label set, a kind, a unit).
///
/// ```
/// use crocus_corpus::Label;
///
/// let err = "PERSONS".parse::<Label>().unwrap_err();
/// assert_eq!(err.given(), "PERSONS");
/// assert!(err.to_string().starts_with("unknown entity label `PERSONS`; expected one of: PERSON, NORP"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    what: &'static str,
    given: String,
    expected: Vec<&'static str>,
}

impl ParseEnumError {
    /// The string that was given.
    pub fn given(&self) -> &str {
        &self.given
    }
    /// The names that would have been accepted.
    pub fn expected(&self) -> &[&'static str] {
        &self.expected
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`; expected one of: {}", self.what, self.given, self.expected.join(", "))
    }
}

impl std::error::Error for ParseEnumError {}

/// Finds the variant of `all` whose name is `s`: the one parser behind every closed list's `FromStr`.
pub(crate) fn parse_named<T: Copy>(
    s: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
    what: &'static str,
) -> Result<T, ParseEnumError> {
    all.iter().copied().find(|v| name(*v) == s).ok_or_else(|| ParseEnumError {
        what,
        given: s.to_string(),
        expected: all.iter().map(|v| name(*v)).collect(),
    })
}

/// Declares a fieldless enum whose variants each have one name, and derives from those names
/// serde, `as_str`, `ALL`, `Display`, `FromStr` and (feature `cli`) `clap::ValueEnum`.
macro_rules! closed_enum {
    (
        $what:literal,
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $str:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $str)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($str),+].len()] = [$($name::$variant),+];

            /// The name as written in the files and on the command line.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $str, )+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::names::ParseEnumError;
            fn from_str(s: &str) -> Result<$name, $crate::names::ParseEnumError> {
                $crate::names::parse_named(s, &$name::ALL, $name::as_str, $what)
            }
        }

        #[cfg(feature = "cli")]
        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                &$name::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    };
}

pub(crate) use closed_enum;

#[cfg(test)]
mod tests {
    use crate::model::jsonl::{PartyKind, RecordKind, TargetKind, ValueTag};
    use crate::model::{
        Attribution, ClaimType, Genre, Label, OffsetUnit, QualityFlagKind, RegionKind, StanceLabel, TargetLabel,
        ValueKind,
    };

    /// Each name parses back to its variant, and is the name serde writes.
    macro_rules! round_trip {
        ($($t:ty),*) => {$(
            for v in <$t>::ALL {
                assert_eq!(v.to_string().parse::<$t>(), Ok(v));
                assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::from(v.as_str()));
                assert_eq!(serde_json::from_value::<$t>(v.as_str().into()).unwrap(), v);
            }
            let err = "no such name".parse::<$t>().unwrap_err();
            assert_eq!(err.expected().len(), <$t>::ALL.len());
        )*};
    }

    #[test]
    fn names_round_trip() {
        round_trip!(
            Label,
            Genre,
            RegionKind,
            QualityFlagKind,
            Attribution,
            ClaimType,
            ValueKind,
            StanceLabel,
            TargetLabel,
            OffsetUnit,
            RecordKind,
            ValueTag,
            PartyKind,
            TargetKind
        );
        assert_eq!(Label::ALL.len(), 18);
        assert!("WORK_OF_ART".parse::<Label>().is_ok());
        assert!("work_of_art".parse::<Label>().is_err());
    }
}
