//! The offset unit: the one definition of the three ways to count a position in a text.
//!
//! The files count Unicode code points; the JSONL export can count UTF-16 code units or UTF-8
//! bytes instead, and says which in its `offsets` key. The export, the JSONL reader and the
//! command line all use this type.

use crate::names::closed_enum;

closed_enum! {
    "offset unit",
    /// The unit a record's offsets count.
    ///
    /// ```
    /// use crocus_corpus::model::OffsetUnit;
    ///
    /// let unit: OffsetUnit = "utf16".parse()?;
    /// assert_eq!(unit, OffsetUnit::Utf16);
    /// assert_eq!(unit.to_string(), "utf16");
    /// # Ok::<(), crocus_corpus::model::ParseEnumError>(())
    /// ```
    #[derive(Default)]
    pub enum OffsetUnit {
        /// Unicode code points (Python).
        #[default]
        Codepoint = "codepoint",
        /// UTF-16 code units (JavaScript, Java, UIMA).
        Utf16 = "utf16",
        /// UTF-8 bytes (Rust, C).
        Byte = "byte",
    }
}
