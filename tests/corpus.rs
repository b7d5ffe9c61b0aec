//! The shipped corpus: texts byte for byte, manifest records, regions, offsets and loading.

use std::path::Path;

use crocus_corpus::model::{Manifest, RegionKind};
use crocus_corpus::{Code, Corpus, ErrorKind, Span};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn manifest() -> Manifest {
    serde_json::from_slice(&std::fs::read(Path::new(ROOT).join("corpus/manifest.json")).unwrap()).unwrap()
}

#[test]
fn texts_match_their_manifest_hashes_and_the_api_returns_those_bytes() {
    let corpus = Corpus::embedded();
    let manifest = manifest();
    assert_eq!(corpus.documents().len(), manifest.documents.len());
    for (doc, record) in corpus.iter().zip(&manifest.documents) {
        let bytes = std::fs::read(Path::new(ROOT).join("corpus/texts").join(&record.source_file)).unwrap();
        assert_eq!(
            Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect::<String>(),
            record.sha256,
            "{}",
            record.id
        );
        assert_eq!(doc.text().as_bytes(), &bytes[..], "{}", record.id);
        assert_eq!(doc.text().chars().count(), record.chars);
        assert_eq!(bytes.len(), record.bytes);
        // The seeds: UTF-8, LF, no BOM, no final newline.
        assert!(!doc.text().starts_with('\u{feff}') && !doc.text().contains('\r') && !doc.text().ends_with('\n'));
    }
}

/// The texts ship byte for byte as received. Where the project's seeds are beside the repository
/// (`../shared/seeds`, as in the project's workspace) each text is compared with its seed; where
/// they are not (the packaged crate, a contributor's clone), with the SHA-256 the manifest
/// recorded from the seed, so the test checks the bytes everywhere.
#[test]
fn shipped_texts_equal_the_seeds() {
    let seeds = Path::new(ROOT).join("../shared/seeds");
    for record in manifest().documents {
        let shipped = std::fs::read(Path::new(ROOT).join("corpus/texts").join(&record.source_file)).unwrap();
        if seeds.is_dir() {
            let seed = std::fs::read(seeds.join(&record.source_file)).unwrap();
            assert_eq!(shipped, seed, "{} differs from its seed", record.source_file);
        } else {
            let digest: String = Sha256::digest(&shipped).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(digest, record.sha256, "{} differs from the seed the manifest records", record.source_file);
        }
    }
}

#[test]
fn regions_cover_every_non_whitespace_character_exactly_once() {
    for doc in Corpus::embedded() {
        let mut cover = vec![0u8; doc.text_index().len_chars()];
        for r in doc.regions() {
            assert!(r.start < r.end && r.end <= cover.len(), "{}: bad region {r:?}", doc.id());
            for c in &mut cover[r.start..r.end] {
                *c += 1;
            }
            assert_eq!(r.article.is_some(), r.kind != RegionKind::Boilerplate, "{}: {r:?}", doc.id());
        }
        for (i, ch) in doc.text().chars().enumerate() {
            if !ch.is_whitespace() {
                assert_eq!(cover[i], 1, "{}: character {i} {ch:?} is covered {} times", doc.id(), cover[i]);
            }
        }
    }
}

#[test]
fn every_document_has_a_title_exactly_when_it_has_a_headline() {
    for doc in Corpus::embedded() {
        let first_headline = doc.regions().iter().find(|r| r.kind == RegionKind::Headline);
        match (doc.title(), first_headline) {
            (Some(title), Some(r)) => assert_eq!(doc.slice(r.span()).trim(), title),
            (None, None) => {}
            other => panic!("{}: title and headline disagree: {other:?}", doc.id()),
        }
    }
    assert_eq!(Corpus::embedded().document("cruel-irony").unwrap().title(), None);
}

#[test]
fn metadata_is_only_what_the_text_states() {
    for doc in Corpus::embedded() {
        let r = doc.record();
        for field in [&r.author, &r.publisher, &r.url, &r.date].into_iter().flatten() {
            assert_eq!(doc.slice(field.evidence.span()), field.evidence.text);
            assert!(field.evidence.text.contains(&field.value), "{}: evidence must state {}", doc.id(), field.value);
        }
        for flag in &r.quality_flags {
            assert!(!flag.evidence.is_empty());
            for e in &flag.evidence {
                assert_eq!(doc.slice(e.span()), e.text, "{}", doc.id());
            }
        }
    }
}

/// The embedded files are the checkout's files (`include_bytes!`), so what can go wrong is the
/// list: a document, text or registry on disk that the crate does not embed. The embedded corpus
/// must then be the one loaded from disk, document for document and layer for layer.
#[test]
fn the_embedded_corpus_is_the_checkout() {
    let on_disk = Corpus::from_dir(ROOT).unwrap();
    let embedded = Corpus::embedded();
    let ids = |c: &Corpus| c.iter().map(|d| d.id().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&on_disk), ids(embedded));
    let annotation_files: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("annotations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.ends_with(".json") && !["entities.json", "propositions.json", "targets.json"].contains(&n.as_str())
        })
        .collect();
    for name in &annotation_files {
        let id = name.trim_end_matches(".json");
        let doc = embedded.document(id).unwrap_or_else(|| panic!("annotations/{name} annotates no embedded document"));
        assert_eq!(
            doc.annotations(),
            on_disk.document(id).unwrap().annotations(),
            "annotations/{name} is not embedded"
        );
    }
    assert_eq!(annotation_files.len(), on_disk.documents().len(), "one annotation file per document");
    assert_eq!(on_disk.entities(), embedded.entities());
    assert_eq!(on_disk.propositions(), embedded.propositions());
    assert_eq!(on_disk.targets(), embedded.targets());
}

#[test]
fn lookups_and_seed_order() {
    let corpus = Corpus::embedded();
    let ids: Vec<_> = corpus.iter().map(|d| d.record().source_file.clone()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for doc in corpus {
        assert_eq!(corpus.document(doc.id()).unwrap().id(), doc.id());
    }
    assert!(corpus.document("no-such-document").is_none());
}

/// The kind of the error both readers return: the validator's checking mode (`from_dir` with the
/// `validate` feature) and the structural reader give the same kind with the same values, so a
/// program matching on it does not depend on which features another crate turns on.
fn same_kind(root: &Path) -> crocus_corpus::Error {
    let checked = Corpus::from_dir(root).unwrap_err();
    let structural = Corpus::from_dir_structural(root).unwrap_err();
    assert_eq!(checked.kind(), structural.kind(), "{checked}\n{structural}");
    checked
}

#[test]
fn loading_errors_are_located_and_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus/texts")).unwrap();
    // Missing manifest.
    let err = same_kind(dir.path());
    assert_eq!(err.kind(), &ErrorKind::MissingFile { path: "corpus/manifest.json".into() });
    assert_eq!(err.kind().code(), Some(Code::MissingFile));
    assert!(err.to_string().contains("corpus/manifest.json"), "{err}");
    // Truncated manifest: a JSON error with line and column.
    std::fs::write(dir.path().join("corpus/manifest.json"), "{\n  \"schema_version\": \"2.0.0\",\n  \"documents\": [")
        .unwrap();
    let err = same_kind(dir.path());
    assert_eq!(err.kind(), &ErrorKind::Syntax);
    assert_eq!(err.position().line, Some(3));
    assert!(err.to_string().starts_with("corpus/manifest.json:3:"), "{err}");
    // A text whose length differs from its record: both lengths, as found and as recorded.
    let mut m = manifest();
    m.documents.truncate(1);
    std::fs::write(dir.path().join("corpus/manifest.json"), serde_json::to_string(&m).unwrap()).unwrap();
    let text_file = dir.path().join("corpus/texts").join(&m.documents[0].source_file);
    std::fs::write(&text_file, "short").unwrap();
    // The validator (which alone hashes the texts) reports the changed hash (E005) before the
    // length (E006); a text of the recorded hash cannot differ in length, so the length is the
    // structural reader's finding alone.
    let err = Corpus::from_dir_structural(dir.path()).unwrap_err();
    let (chars, bytes) = (m.documents[0].chars, m.documents[0].bytes);
    assert_eq!(err.kind(), &ErrorKind::TextLength { chars: 5, bytes: 5, expected_chars: chars, expected_bytes: bytes });
    #[cfg(feature = "validate")]
    assert_eq!(Corpus::from_dir(dir.path()).unwrap_err().kind(), &ErrorKind::Rule { code: Code::TextHashMismatch });
    // A text file missing.
    std::fs::remove_file(&text_file).unwrap();
    let err = same_kind(dir.path());
    let path = format!("corpus/texts/{}", m.documents[0].source_file);
    assert_eq!(err.kind(), &ErrorKind::MissingFile { path });
    // Invalid UTF-8: how much of it is valid.
    std::fs::write(&text_file, b"ok \xff\xfe").unwrap();
    let err = same_kind(dir.path());
    assert_eq!(err.kind(), &ErrorKind::Utf8 { valid_up_to: 3 });
    // A span beyond the text, and a reversed one.
    std::fs::copy(Path::new(ROOT).join("corpus/texts").join(&m.documents[0].source_file), &text_file).unwrap();
    std::fs::create_dir_all(dir.path().join("annotations")).unwrap();
    let annotate = |start: usize, end: usize| {
        let ann = format!(
            r#"{{"schema_version":"2.0.0","document":"{}","entities":[{{"id":"e1","start":{start},"end":{end},"text":"x","label":"GPE","entity":"x"}}]}}"#,
            m.documents[0].id
        );
        std::fs::write(dir.path().join(format!("annotations/{}.json", m.documents[0].id)), ann).unwrap();
    };
    annotate(10, 999_999);
    let err = same_kind(dir.path());
    assert_eq!(err.kind(), &ErrorKind::SpanOutOfRange { start: 10, end: 999_999, len: chars });
    assert_eq!(err.position().pointer.as_deref(), Some("/entities/0"));
    annotate(10, 5);
    assert_eq!(same_kind(dir.path()).kind(), &ErrorKind::Rule { code: Code::SpanEmpty });
    // A document listed twice.
    std::fs::remove_dir_all(dir.path().join("annotations")).unwrap();
    let mut twice = m.clone();
    twice.documents.push(m.documents[0].clone());
    std::fs::write(dir.path().join("corpus/manifest.json"), serde_json::to_string(&twice).unwrap()).unwrap();
    let err = same_kind(dir.path());
    assert_eq!(err.kind(), &ErrorKind::DuplicateId { id: m.documents[0].id.clone() });
}

proptest! {
    #[test]
    fn offsets_round_trip_on_every_character(doc_index in 0usize..5, seed in any::<u64>()) {
        let doc = &Corpus::embedded().documents()[doc_index];
        let t = doc.text_index();
        let n = t.len_chars();
        // Every character of the chosen document, plus one random span.
        for cp in 0..=n {
            let b = t.byte_offset(cp).unwrap();
            prop_assert_eq!(t.char_offset_from_byte(b), Some(cp));
            let u = t.utf16_offset(cp).unwrap();
            prop_assert_eq!(t.char_offset_from_utf16(u), Some(cp));
            prop_assert!(doc.text().is_char_boundary(b));
        }
        let a = (seed as usize) % (n + 1);
        let z = a + ((seed >> 32) as usize) % (n + 1 - a);
        let s = doc.slice(Span::new(a, z));
        prop_assert_eq!(s.chars().count(), z - a);
        prop_assert_eq!(s, doc.text().chars().skip(a).take(z - a).collect::<String>());
    }
}

#[test]
fn registry_and_mentions_per_label_snapshot() {
    let corpus = Corpus::embedded();
    let mut s = String::new();
    for e in corpus.entities() {
        let n = corpus.mentions_of(&e.id).count();
        s.push_str(&format!(
            "{:<40} {:<12} {:>3}  {}  [{}]\n",
            e.id,
            e.kind.as_str(),
            n,
            e.name,
            e.aliases.join(" | ")
        ));
    }
    insta::assert_snapshot!("entity-registry", s);
    let mut per_doc = String::new();
    for d in corpus {
        let mut counts = std::collections::BTreeMap::new();
        for m in d.entities() {
            *counts.entry(m.label.as_str()).or_insert(0) += 1;
        }
        per_doc.push_str(&format!("{}: {counts:?}\n", d.id()));
    }
    insta::assert_snapshot!("mentions-per-label", per_doc);
    // Every proposition is answered by two or more claims; claims_on finds them.
    for p in corpus.propositions() {
        assert!(corpus.claims_on(&p.id).count() >= 2, "{}", p.id);
    }
}
