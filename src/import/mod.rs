//! Imports: annotations made in another tool, brought back into `annotations/` files.
//!
//! An import is the inverse of an export: [`brat`] reads what [`crate::export::brat`] writes
//! (possibly edited in brat or INCEpTION) and rebuilds the annotation files, so that export then
//! import changes nothing and an edit made in the tool comes back as that edit.

pub mod brat;
