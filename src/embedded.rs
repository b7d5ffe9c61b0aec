//! The files compiled into the crate, by their path relative to the corpus root.
//!
//! A test (`tests/corpus.rs`) checks that this list and the files on disk agree, so a document
//! added to the manifest cannot be forgotten here.

macro_rules! files {
    ($($path:literal),* $(,)?) => {
        /// `(path, bytes)` of every shipped corpus file.
        pub(crate) static FILES: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)))),*
        ];
    };
}

files! {
    "corpus/manifest.json",
    "corpus/texts/000_4744266c214c7e85.txt",
    "corpus/texts/001_b1a4247df0c87884.txt",
    "corpus/texts/002_93e5147f85f44d02.txt",
    "corpus/texts/003_3c1e1a431c3c5f29.txt",
    "corpus/texts/004_6b39d073e0a98ff7.txt",
    "annotations/hyperfocus-ukraine.json",
    "annotations/moscow-tragedy.json",
    "annotations/isis-k-hates-putin.json",
    "annotations/why-isis-target-russia.json",
    "annotations/cruel-irony.json",
    "annotations/entities.json",
    "annotations/propositions.json",
    "annotations/targets.json",
}

/// The bytes of an embedded file.
pub(crate) fn get(path: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}
