//! A borrowed, flat JSON representation ("tape") that the schema validator reads in place.
//!
//! Why it exists: validating a large JSONL export is bound by parsing. Parsing a line into
//! `serde_json::Value` allocates a `String` for every key and string and a `BTreeMap` for every
//! object, then frees them all again; that is most of the time `crocus validate` spends on a
//! record. A [`Tape`] is one `Vec` per record: strings and keys borrow from the line (escaped
//! strings are the only ones copied), and containers record where they end so that members and
//! elements are walked without pointers. `serde_json`'s parser still does the parsing (same
//! grammar, same error messages and positions); only what it builds is different.
//!
//! The `jsonschema` crate validates any representation that implements its `Json` traits, so the
//! shipped schemas run over the tape unchanged. Lookups follow `serde_json::Value` semantics: if a
//! key repeats in an object, the last occurrence wins.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use jsonschema::JsonType;
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// One entry of a tape: a scalar, a member name, or the head of a container.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Entry<'a> {
    Null,
    Bool(bool),
    Number(Num),
    String(Cow<'a, str>),
    /// A member name; its value is the next entry.
    Key(Cow<'a, str>),
    /// An array of `len` elements; the entries up to `end` (exclusive) are its contents.
    Array {
        len: usize,
        end: usize,
    },
    /// An object of `len` members (a `Key` entry then its value, each).
    Object {
        len: usize,
        end: usize,
    },
}

/// A JSON number as `serde_json` reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    PosInt(u64),
    NegInt(i64),
    Float(f64),
}

impl Num {
    fn to_number(self) -> serde_json::Number {
        match self {
            Num::PosInt(u) => u.into(),
            Num::NegInt(i) => i.into(),
            // serde_json never yields a non-finite float.
            Num::Float(f) => serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into()),
        }
    }
}

/// A parsed JSON document: the entries in document order, the root first.
#[derive(Debug, Default)]
pub(crate) struct Tape<'a> {
    entries: Vec<Entry<'a>>,
}

impl<'a> Tape<'a> {
    /// Parses one JSON document (a JSONL line), borrowing its strings from `src`.
    pub(crate) fn parse(src: &'a str) -> Result<Tape<'a>, serde_json::Error> {
        // A record's tape has about one entry per 24 bytes of JSON.
        let mut entries = Vec::with_capacity(src.len() / 24 + 4);
        let mut de = serde_json::Deserializer::from_str(src);
        Push(&mut entries).deserialize(&mut de)?;
        de.end()?;
        Ok(Tape { entries })
    }

    /// The root value.
    pub(crate) fn root(&self) -> TapeNode<'_> {
        TapeNode { tape: &self.entries, at: 0 }
    }
}

/// A seed that appends one value to the tape.
struct Push<'t, 'a>(&'t mut Vec<Entry<'a>>);

impl<'de> DeserializeSeed<'de> for Push<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Push<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.push(Entry::Null);
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.0.push(Entry::Bool(v));
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.0.push(Entry::Number(Num::PosInt(v)));
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        // serde_json hands non-negative integers to `visit_u64`; keep the same split as `Number`.
        self.0.push(Entry::Number(u64::try_from(v).map_or(Num::NegInt(v), Num::PosInt)));
        Ok(())
    }
    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.0.push(Entry::Number(Num::Float(v)));
        Ok(())
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.0.push(Entry::String(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.push(Entry::String(Cow::Owned(v.to_owned())));
        Ok(())
    }
    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.0.push(Entry::String(Cow::Owned(v)));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let head = self.0.len();
        self.0.push(Entry::Array { len: 0, end: 0 });
        let mut len = 0;
        while seq.next_element_seed(Push(&mut *self.0))?.is_some() {
            len += 1;
        }
        let end = self.0.len();
        self.0[head] = Entry::Array { len, end };
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let head = self.0.len();
        self.0.push(Entry::Object { len: 0, end: 0 });
        let mut len = 0;
        while map.next_key_seed(PushKey(&mut *self.0))?.is_some() {
            map.next_value_seed(Push(&mut *self.0))?;
            len += 1;
        }
        let end = self.0.len();
        self.0[head] = Entry::Object { len, end };
        Ok(())
    }
}

/// A seed that appends a member name.
struct PushKey<'t, 'a>(&'t mut Vec<Entry<'a>>);

impl<'de> DeserializeSeed<'de> for PushKey<'_, 'de> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for PushKey<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.0.push(Entry::Key(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.push(Entry::Key(Cow::Owned(v.to_owned())));
        Ok(())
    }
    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.0.push(Entry::Key(Cow::Owned(v)));
        Ok(())
    }
}

/// A value on a tape: the tape and the index of the value's entry. Copying it is free.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TapeNode<'a> {
    tape: &'a [Entry<'a>],
    at: usize,
}

impl<'a> TapeNode<'a> {
    fn entry(self) -> &'a Entry<'a> {
        &self.tape[self.at]
    }

    /// The index just past this value's entries.
    fn end(self) -> usize {
        match self.entry() {
            Entry::Array { end, .. } | Entry::Object { end, .. } => *end,
            _ => self.at + 1,
        }
    }

    /// The member `key` of an object (the last one if the key repeats).
    pub(crate) fn get(self, key: &str) -> Option<TapeNode<'a>> {
        self.members().filter(|(k, _)| k == key).last().map(|(_, v)| v)
    }

    /// The string, if this is one.
    pub(crate) fn str(self) -> Option<&'a str> {
        match self.entry() {
            Entry::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements of an array (none for any other value).
    pub(crate) fn elements(self) -> Elements<'a> {
        match self.entry() {
            Entry::Array { end, .. } => Elements { tape: self.tape, next: self.at + 1, end: *end },
            _ => Elements { tape: self.tape, next: 0, end: 0 },
        }
    }

    /// The members of an object (none for any other value).
    pub(crate) fn members(self) -> Members<'a> {
        match self.entry() {
            Entry::Object { end, .. } => Members { tape: self.tape, next: self.at + 1, end: *end },
            _ => Members { tape: self.tape, next: 0, end: 0 },
        }
    }

    /// The value as a `serde_json::Value` (for error messages: a cold path).
    pub(crate) fn to_json(self) -> Value {
        match self.entry() {
            Entry::Null => Value::Null,
            Entry::Bool(b) => Value::Bool(*b),
            Entry::Number(n) => Value::Number(Num::to_number(*n)),
            Entry::String(s) | Entry::Key(s) => Value::String(s.to_string()),
            Entry::Array { .. } => Value::Array(self.elements().map(TapeNode::to_json).collect()),
            Entry::Object { .. } => Value::Object(self.members().map(|(k, v)| (k.into_owned(), v.to_json())).collect()),
        }
    }
}

/// The elements of an array on a tape.
#[derive(Debug, Clone)]
pub(crate) struct Elements<'a> {
    tape: &'a [Entry<'a>],
    next: usize,
    end: usize,
}

impl<'a> Iterator for Elements<'a> {
    type Item = TapeNode<'a>;
    fn next(&mut self) -> Option<TapeNode<'a>> {
        (self.next < self.end).then(|| {
            let node = TapeNode { tape: self.tape, at: self.next };
            self.next = node.end();
            node
        })
    }
}

/// The members of an object on a tape.
#[derive(Debug, Clone)]
pub(crate) struct Members<'a> {
    tape: &'a [Entry<'a>],
    next: usize,
    end: usize,
}

impl<'a> Iterator for Members<'a> {
    type Item = (Cow<'a, str>, TapeNode<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        let Entry::Key(key) = &self.tape[self.next] else { unreachable!("a member starts with its name") };
        let value = TapeNode { tape: self.tape, at: self.next + 1 };
        self.next = value.end();
        Some((Cow::Borrowed(key.as_ref()), value))
    }
}

/// The marker type through which `jsonschema` reads tapes.
#[derive(Debug)]
pub(crate) struct TapeJson;

impl Json for TapeJson {
    type Node<'a> = TapeNode<'a>;
    type PreparedKey = String;
    type StringBuffer = Vec<Entry<'static>>;
    // A lookup is a scan of the members, so one pass over them beats a lookup per name.
    const KEYS_PER_LOOKUP: usize = 16;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(buffer: &mut Vec<Entry<'static>>, string: &str, f: impl FnOnce(TapeNode<'_>) -> T) -> T {
        buffer.clear();
        buffer.push(Entry::String(Cow::Owned(string.to_owned())));
        f(TapeNode { tape: buffer, at: 0 })
    }
}

impl JsonNumber for Num {
    fn as_u64(&self) -> Option<u64> {
        match *self {
            Num::PosInt(u) => Some(u),
            _ => None,
        }
    }
    fn as_i64(&self) -> Option<i64> {
        match *self {
            Num::PosInt(u) => i64::try_from(u).ok(),
            Num::NegInt(i) => Some(i),
            Num::Float(_) => None,
        }
    }
    fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            #[allow(clippy::cast_precision_loss)]
            Num::PosInt(u) => u as f64,
            #[allow(clippy::cast_precision_loss)]
            Num::NegInt(i) => i as f64,
            Num::Float(f) => f,
        })
    }
    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_number().to_string())
    }
    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(Num::to_number(*self))
    }
    fn is_written_as_integer(&self) -> bool {
        !matches!(self, Num::Float(_))
    }
}

impl<'a> Node<'a, TapeJson> for TapeNode<'a> {
    type Object = TapeNode<'a>;
    type Array = TapeNode<'a>;
    type Number = Num;

    fn as_object(&self) -> Option<TapeNode<'a>> {
        matches!(self.entry(), Entry::Object { .. }).then_some(*self)
    }
    fn as_array(&self) -> Option<TapeNode<'a>> {
        matches!(self.entry(), Entry::Array { .. }).then_some(*self)
    }
    fn as_string(&self) -> Option<Cow<'a, str>> {
        self.str().map(Cow::Borrowed)
    }
    fn as_number(&self) -> Option<Num> {
        match self.entry() {
            Entry::Number(n) => Some(*n),
            _ => None,
        }
    }
    fn as_boolean(&self) -> Option<bool> {
        match self.entry() {
            Entry::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self.entry(), Entry::Null)
    }
    fn is_string(&self) -> bool {
        matches!(self.entry(), Entry::String(_))
    }
    fn json_type(&self) -> JsonType {
        match self.entry() {
            Entry::Null => JsonType::Null,
            Entry::Bool(_) => JsonType::Boolean,
            Entry::Number(_) => JsonType::Number,
            Entry::String(_) | Entry::Key(_) => JsonType::String,
            Entry::Array { .. } => JsonType::Array,
            Entry::Object { .. } => JsonType::Object,
        }
    }
    fn equals_value(&self, expected: &Value) -> bool {
        // `enum` over strings is the common case: compare without building a `Value`.
        match (self.entry(), expected) {
            (Entry::String(s), Value::String(e)) => s == e,
            (Entry::String(_), _) | (_, Value::String(_)) => false,
            (Entry::Null, e) => e.is_null(),
            (Entry::Bool(b), e) => e.as_bool() == Some(*b),
            _ => jsonschema::json::cmp::equal(&self.to_json(), expected),
        }
    }
    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(self.to_json())
    }
    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref(self.entry()) as usize))
    }
}

impl<'a> Object<'a, TapeJson> for TapeNode<'a> {
    type Node = TapeNode<'a>;
    type MemberName = Cow<'a, str>;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        match self.entry() {
            Entry::Object { len, .. } => *len,
            _ => 0,
        }
    }
    fn get(&self, key: &String) -> Option<TapeNode<'a>> {
        TapeNode::get(*self, key)
    }
    fn members(&self) -> Members<'a> {
        TapeNode::members(*self)
    }
}

impl<'a> Array<'a, TapeJson> for TapeNode<'a> {
    type Node = TapeNode<'a>;
    type ElementsIter = Elements<'a>;

    fn len(&self) -> usize {
        match self.entry() {
            Entry::Array { len, .. } => *len,
            _ => 0,
        }
    }
    fn elements(&self) -> Elements<'a> {
        TapeNode::elements(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_serde_json_value() {
        let src = r#"{"a":[1,-2,3.5,"x\"y",null,true,{}],"b":{"c":[]},"a\u0041":"é","a":0}"#;
        let tape = Tape::parse(src).expect("parses");
        let expected: Value = serde_json::from_str(src).expect("parses");
        assert_eq!(tape.root().to_json(), expected);
        // The last of a repeated key wins, as in `serde_json::Value`.
        assert_eq!(tape.root().get("a").map(TapeNode::to_json), Some(expected["a"].clone()));
        assert_eq!(tape.root().get("aA").and_then(TapeNode::str), Some("é"));
        assert_eq!(Object::len(&tape.root()), 4);
    }

    #[test]
    fn reports_serde_json_errors() {
        for bad in ["{", "[1,]", "{\"a\":1} x", "\"\\q\""] {
            let tape_err = Tape::parse(bad).expect_err("invalid").to_string();
            let value_err = serde_json::from_str::<Value>(bad).expect_err("invalid").to_string();
            assert_eq!(tape_err, value_err, "{bad}");
        }
    }
}
