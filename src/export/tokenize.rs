//! The tokens and sentences of the token exports: [`crate::segment`], kept under this name for
//! code written against 0.2.0.

pub use crate::segment::{sentences, Sentence, Token, ABBREVIATIONS};
