//! Arbitrary bytes as an annotation file, a registry, a manifest and a JSONL export: loading,
//! validation and the stream export must report, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

use crocus_corpus::export::{stream, Options, StreamFormat};
use crocus_corpus::validate::{validate_bytes, validate_jsonl, Format};
use crocus_corpus::Corpus;

/// A manifest of one three-character text (`abc`, SHA-256 below) at the format's version.
const MANIFEST: &str = r#"{"schema_version":"VERSION","documents":[{"id":"d","source_file":"d.txt","sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","chars":3,"bytes":3,"title":null,"language":"en","genre":"news","author":null,"publisher":null,"url":null,"date":null,"regions":[{"kind":"body","start":0,"end":3,"article":1}],"quality_flags":[]}]}"#;

fuzz_target!(|data: &[u8]| {
    for name in ["annotations/cruel-irony.json", "annotations/entities.json", "annotations/propositions.json"] {
        let report = validate_bytes(name, data);
        let _ = report.render(Format::Human, true, false);
        let _ = report.render(Format::Json, false, false);
    }
    let _ = validate_jsonl("fuzz.jsonl", data);
    // The same bytes as document records to rebuild and export.
    for format in [StreamFormat::Conllu, StreamFormat::Conll] {
        let mut out = Vec::new();
        let _ = stream::export(data, &mut out, format, &Options::default(), 1);
    }
    // The loader: the fuzzed bytes as the manifest and as an annotation file of a real text.
    let _ = Corpus::from_files([("corpus/manifest.json".to_string(), data.to_vec())]);
    // The format's version, so that the manifest is read and the fuzzed file is what fails.
    let manifest = MANIFEST.replace("VERSION", crocus_corpus::SCHEMA_VERSION);
    let _ = Corpus::from_files([
        ("corpus/manifest.json".to_string(), manifest.into_bytes()),
        ("corpus/texts/d.txt".to_string(), b"abc".to_vec()),
        ("annotations/d.json".to_string(), data.to_vec()),
    ]);
});
