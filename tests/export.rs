//! Exports: round trips, schemas, offsets, determinism, the committed `dist/` files, snapshots.

#![cfg(all(feature = "export", feature = "validate"))]

use std::collections::BTreeSet;
use std::path::Path;

use crocus_corpus::export::{self, decode_tags, LabelSet, Offsets, Options, RecordKind, TagScheme};
use crocus_corpus::validate::{validate_jsonl, FileKind};
use crocus_corpus::Corpus;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn corpus() -> &'static Corpus {
    Corpus::embedded()
}

/// Parses CoNLL-2003 output into documents of sentences of (token, tag).
fn parse_conll(s: &str) -> Vec<Vec<Vec<(String, String)>>> {
    let mut docs = Vec::new();
    for block in s.split("-DOCSTART- -X- O O\n").skip(1) {
        let mut sents = Vec::new();
        for sent in block.split("\n\n").filter(|x| !x.trim().is_empty()) {
            sents.push(
                sent.lines()
                    .filter(|l| !l.is_empty())
                    .map(|l| {
                        let cols: Vec<&str> = l.split(' ').collect();
                        assert_eq!(cols.len(), 4, "{l:?}");
                        assert_eq!((cols[1], cols[2]), ("-X-", "_"));
                        (cols[0].to_string(), cols[3].to_string())
                    })
                    .collect(),
            );
        }
        docs.push(sents);
    }
    docs
}

#[test]
fn iob2_and_bioes_tags_give_back_exactly_the_entity_spans() {
    for (labels, scheme) in [
        (LabelSet::OntoNotes, TagScheme::Iob2),
        (LabelSet::OntoNotes, TagScheme::Bioes),
        (LabelSet::Conll2003, TagScheme::Iob2),
        (LabelSet::Conll2003, TagScheme::Bioes),
    ] {
        let options = Options { labels, scheme, ..Options::default() };
        let out = export::conll(corpus(), &options);
        let docs = parse_conll(&out);
        assert_eq!(docs.len(), corpus().documents().len());
        for (doc, sents) in corpus().iter().zip(docs) {
            let tokenized = export::tokenize::sentences(doc);
            assert_eq!(tokenized.len(), sents.len());
            let mut decoded = BTreeSet::new();
            for (ts, parsed) in tokenized.iter().zip(&sents) {
                let tags: Vec<&str> = parsed.iter().map(|(_, t)| t.as_str()).collect();
                for (a, z, label) in decode_tags(&tags) {
                    decoded.insert((ts.tokens[a].start, ts.tokens[z - 1].end, label));
                }
                for (tok, (text, _)) in ts.tokens.iter().zip(parsed) {
                    assert_eq!(&tok.text, text);
                }
            }
            // Each mention as the overlap rule maps it: from its first token to its last.
            let tokens = doc.tokens();
            let expected: BTreeSet<_> = doc
                .entities()
                .iter()
                .filter_map(|m| {
                    let (r, _) = crocus_corpus::segment::token_range(&tokens, m.span());
                    options.label(m.label).map(|l| (tokens[r.start].start, tokens[r.end - 1].end, l.to_string()))
                })
                .collect();
            assert_eq!(decoded, expected, "{}", doc.id());
        }
    }
}

fn unescape_spaces(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('s') => out.push(' '),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('p') => out.push('|'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => panic!("bad escape {other:?}"),
        }
    }
    out
}

#[test]
fn conllu_tokens_rebuild_every_region_exactly() {
    let out = export::conllu(corpus(), &Options::default());
    // Rebuild the text of each (document, region) from FORM and the spacing in MISC.
    let mut rebuilt: std::collections::BTreeMap<(String, String), String> = Default::default();
    let (mut doc, mut region) = (String::new(), String::new());
    let mut sents = 0;
    for line in out.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            doc = id.to_string();
        } else if let Some(r) = line.strip_prefix("# region = ") {
            region = r.to_string();
            sents += 1;
        } else if line.starts_with('#') || line.is_empty() {
            continue;
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 10, "{line:?}");
            let misc = cols[9];
            let space = if misc.split('|').any(|m| m == "SpaceAfter=No") {
                String::new()
            } else if let Some(s) = misc.split('|').find_map(|m| m.strip_prefix("SpacesAfter=")) {
                unescape_spaces(s)
            } else {
                " ".to_string()
            };
            let entry = rebuilt.entry((doc.clone(), region.clone())).or_default();
            entry.push_str(cols[1]);
            entry.push_str(&space);
        }
    }
    assert!(sents > 200);
    let mut checked = 0;
    for d in corpus() {
        let mut by_key: std::collections::BTreeMap<(String, String), String> = Default::default();
        for r in d.regions().iter().filter(|r| r.kind.is_annotated()) {
            let key = (d.id().to_string(), format!("{} {}", r.kind.as_str(), r.article.unwrap_or(0)));
            by_key.entry(key).or_default().push_str(d.slice(r.span()));
        }
        for (key, text) in by_key {
            assert!(!text.starts_with(char::is_whitespace), "{key:?} starts with whitespace");
            assert_eq!(rebuilt.get(&key), Some(&text), "{key:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 11); // 004 has two body regions of one article, rebuilt together
}

#[test]
fn brat_text_bound_annotations_slice_their_txt() {
    let files = export::brat(corpus(), &Options::default());
    assert_eq!(files[0].name, "annotation.conf");
    assert_eq!(files[1].name, "tools.conf");
    for pair in files[2..].chunks(2) {
        let (txt, ann) = (&pair[0], &pair[1]);
        assert!(txt.name.ends_with(".txt") && ann.name.ends_with(".ann"));
        let chars: Vec<char> = txt.contents.chars().collect();
        let mut t_lines = 0;
        for line in ann.contents.lines().filter(|l| l.starts_with('T')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (_, offsets) = cols[1].split_once(' ').unwrap();
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|f| {
                    let (a, z) = f.split_once(' ').unwrap();
                    chars[a.parse::<usize>().unwrap()..z.parse::<usize>().unwrap()].iter().collect()
                })
                .collect();
            assert_eq!(pieces.join(" "), cols[2], "{}: {line}", ann.name);
            t_lines += 1;
        }
        assert!(t_lines > 50, "{}", ann.name);
    }
}

#[test]
fn jsonl_records_validate_against_their_schemas() {
    for offsets in [Offsets::Codepoint, Offsets::Utf16, Offsets::Byte] {
        let options = Options { offsets, ..Options::default() };
        for kind in RecordKind::ALL {
            let out = export::jsonl_records(corpus(), &options, kind);
            if out.is_empty() {
                continue; // a layer with no annotations yet
            }
            let report = validate_jsonl("export.jsonl", out.as_bytes()).unwrap();
            assert!(report.diagnostics.is_empty(), "{kind:?} {offsets:?}: {:?}", report.diagnostics);
            let schema = FileKind::of_record(kind);
            // Every record has every key, with one JSON type per key across records.
            let mut types: std::collections::BTreeMap<String, BTreeSet<&str>> = Default::default();
            for line in out.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                assert!(schema.validator().is_valid(&v));
                for (k, x) in v.as_object().unwrap() {
                    let t = match x {
                        serde_json::Value::Null => continue,
                        serde_json::Value::Bool(_) => "bool",
                        serde_json::Value::Number(_) => "number",
                        serde_json::Value::String(_) => "string",
                        serde_json::Value::Array(_) => "array",
                        serde_json::Value::Object(_) => "object",
                    };
                    types.entry(k.clone()).or_default().insert(t);
                }
            }
            for (k, t) in types {
                assert_eq!(t.len(), 1, "{kind:?}: key {k} has types {t:?}");
            }
        }
    }
}

#[test]
fn utf16_and_byte_offsets_slice_their_encodings() {
    for (offsets, unit) in [(Offsets::Utf16, "utf16"), (Offsets::Byte, "byte")] {
        let out = export::jsonl(corpus(), &Options { offsets, ..Options::default() });
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["offsets"], unit);
            let text = v["text"].as_str().unwrap();
            let utf16: Vec<u16> = text.encode_utf16().collect();
            for m in v["entities"].as_array().unwrap() {
                let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                let got = match offsets {
                    Offsets::Utf16 => String::from_utf16(&utf16[s..e]).unwrap(),
                    _ => text[s..e].to_string(),
                };
                assert_eq!(got, m["text"].as_str().unwrap());
            }
        }
    }
}

#[test]
fn exports_are_deterministic_and_respect_docs() {
    let o = Options { docs: vec!["cruel-irony".into()], ..Options::default() };
    assert_eq!(export::conllu(corpus(), &o), export::conllu(corpus(), &o));
    assert_eq!(export::jsonl(corpus(), &o).lines().count(), 1);
    assert_eq!(export::conll(corpus(), &o).matches("-DOCSTART-").count(), 1);
    assert_eq!(export::brat(corpus(), &o).len(), 4);
}

/// The committed ready-made files in `dist/`.
fn dist_files() -> Vec<(String, String)> {
    let c = corpus();
    let o = Options::default();
    let mut v = vec![
        ("crocus.jsonl".to_string(), export::jsonl(c, &o)),
        ("entities.jsonl".to_string(), export::jsonl_records(c, &o, RecordKind::Entities)),
        ("claims.jsonl".to_string(), export::jsonl_records(c, &o, RecordKind::Claims)),
        ("stances.jsonl".to_string(), export::jsonl_records(c, &o, RecordKind::Stances)),
        ("crocus.conll".to_string(), export::conll(c, &o)),
        (
            "crocus-conll2003.conll".to_string(),
            export::conll(c, &Options { labels: LabelSet::Conll2003, ..Options::default() }),
        ),
        ("crocus.conllu".to_string(), export::conllu(c, &o)),
    ];
    for f in export::brat(c, &o) {
        v.push((format!("brat/{}", f.name), f.contents));
    }
    for d in c {
        let one = Options { docs: vec![d.id().to_string()], ..Options::default() };
        v.push((format!("sentences/{}.jsonl", d.id()), export::sentences_jsonl(c, &one)));
    }
    v
}

/// True in the packaged crate (`cargo package`), which ships the texts, annotations, schemas and
/// tests but not the repository's `dist/` exports or `croissant.json`.
fn packaged() -> bool {
    Path::new(ROOT).join("Cargo.toml.orig").exists()
}

#[test]
fn committed_dist_files_are_current() {
    if packaged() {
        return;
    }
    let dist = Path::new(ROOT).join("dist");
    let update = std::env::var_os("UPDATE_DIST").is_some();
    let mut stale = Vec::new();
    for (name, contents) in dist_files() {
        let path = dist.join(&name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &contents).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale dist files {stale:?}: run `UPDATE_DIST=1 cargo test --all-features --test export`"
    );
}

#[test]
fn snapshots_of_each_format_on_one_document() {
    let one = |labels, scheme| Options { docs: vec!["moscow-tragedy".into()], labels, scheme, ..Options::default() };
    let o = one(LabelSet::OntoNotes, TagScheme::Iob2);
    insta::assert_snapshot!("conll-iob2-ontonotes", export::conll(corpus(), &o));
    insta::assert_snapshot!(
        "conll-bioes-conll2003",
        export::conll(corpus(), &one(LabelSet::Conll2003, TagScheme::Bioes))
    );
    insta::assert_snapshot!("conllu", export::conllu(corpus(), &o));
    let brat = export::brat(corpus(), &o);
    insta::assert_snapshot!("brat-conf", brat[0].contents);
    insta::assert_snapshot!("brat-ann", brat[3].contents);
    let entities =
        export::jsonl_records(corpus(), &Options { offsets: Offsets::Utf16, ..o.clone() }, RecordKind::Entities);
    insta::assert_snapshot!("jsonl-entities-utf16-head", entities.lines().take(12).collect::<Vec<_>>().join("\n"));
}

#[test]
fn croissant_hashes_match_the_distributed_files() {
    use sha2::{Digest, Sha256};
    if packaged() {
        return;
    }
    let croissant: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join("croissant.json")).unwrap()).unwrap();
    let files = croissant["distribution"].as_array().unwrap();
    assert!(files.len() >= 4);
    for f in files {
        let path = Path::new(ROOT).join(f["contentUrl"].as_str().unwrap());
        let digest: String = Sha256::digest(std::fs::read(&path).unwrap()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(f["sha256"].as_str().unwrap(), digest, "{}: run `python3 tools/gen_croissant.py`", path.display());
    }
    assert_eq!(croissant["version"], env!("CARGO_PKG_VERSION"));
}

/// Streaming the document JSONL back through `stream::export` gives exactly the corpus exports,
/// whatever the offset unit of the input and the number of threads.
#[test]
fn stream_exports_equal_corpus_exports() {
    use export::stream::{self, StreamFormat};
    let c = corpus();
    let run = |input: &str, format: StreamFormat, options: &Options, threads: usize| -> String {
        let mut out = Vec::new();
        let summary = stream::export(input.as_bytes(), &mut out, format, options, threads).unwrap();
        assert_eq!(summary.records, 5);
        String::from_utf8(out).unwrap()
    };
    for offsets in [Offsets::Codepoint, Offsets::Utf16, Offsets::Byte] {
        let input = export::jsonl(c, &Options { offsets, ..Options::default() });
        for threads in [1, 3] {
            let o = Options::default();
            assert_eq!(run(&input, StreamFormat::Conll, &o, threads), export::conll(c, &o));
            assert_eq!(run(&input, StreamFormat::Conllu, &o, threads), export::conllu(c, &o));
            let o = Options { labels: LabelSet::Conll2003, scheme: TagScheme::Bioes, ..Options::default() };
            assert_eq!(run(&input, StreamFormat::Conll, &o, threads), export::conll(c, &o));
            for kind in [RecordKind::Documents, RecordKind::Entities, RecordKind::Claims, RecordKind::Stances] {
                for out_offsets in [Offsets::Codepoint, Offsets::Byte] {
                    let o = Options { offsets: out_offsets, ..Options::default() };
                    assert_eq!(
                        run(&input, StreamFormat::Jsonl(kind), &o, threads),
                        export::jsonl_records(c, &o, kind),
                        "{kind:?} from {offsets:?} to {out_offsets:?}"
                    );
                }
            }
        }
    }
    // --docs selects records; blank lines and CRLF endings are read like the CLI reads them.
    let input = export::jsonl(c, &Options::default()).replace('\n', "\r\n\n");
    let o = Options { docs: vec!["cruel-irony".into(), "moscow-tragedy".into()], ..Options::default() };
    let mut out = Vec::new();
    let summary = stream::export(input.as_bytes(), &mut out, StreamFormat::Conllu, &o, 2).unwrap();
    assert_eq!((summary.records, summary.exported), (5, 2));
    assert_eq!(String::from_utf8(out).unwrap(), export::conllu(c, &o));
}

/// A record that cannot be rebuilt stops the stream with its line and a column or JSON pointer.
#[test]
fn stream_errors_are_located() {
    use crocus_corpus::ErrorKind;
    use export::stream::{self, StreamFormat};
    let lines: Vec<String> = export::jsonl(corpus(), &Options { offsets: Offsets::Byte, ..Options::default() })
        .lines()
        .map(str::to_string)
        .collect();
    let with_line_3 = |bad: &str| -> crocus_corpus::Error {
        let input = format!("{}\n{}\n{bad}\n{}\n", lines[0], lines[1], lines[3]);
        let mut out = Vec::new();
        stream::export(input.as_bytes(), &mut out, StreamFormat::Conll, &Options::default(), 2).unwrap_err()
    };
    // Not JSON: line and column.
    let e = with_line_3("{\"id\": ");
    assert_eq!((e.kind(), e.position().line, e.position().column), (&ErrorKind::Syntax, Some(3), Some(7)));
    // A byte offset inside a multi-byte character: the pointer of the offset.
    let mut v: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    let text = v["text"].as_str().unwrap().to_string();
    let inside = text.char_indices().find(|(_, ch)| ch.len_utf8() > 1).map(|(i, _)| i + 1).unwrap();
    v["entities"][0]["start"] = inside.into();
    let e = with_line_3(&v.to_string());
    assert_eq!(e.position().line, Some(3));
    assert_eq!(e.position().pointer.as_deref(), Some("/entities/0/start"), "{e}");
    assert!(e.to_string().contains("not a character boundary"), "{e}");
    assert_eq!(e.kind(), &ErrorKind::NotCharBoundary { offset: inside });
    // A span past the end of the text.
    let mut v: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    v["claims"][0]["end"] = (text.len() + 5).into();
    let e = with_line_3(&v.to_string());
    assert_eq!(e.position().pointer.as_deref(), Some("/claims/0/end"), "{e}");
    assert_eq!(e.kind(), &ErrorKind::NotCharBoundary { offset: text.len() + 5 });
    // A claimer entity that no mention links to: its type is unknown.
    let mut v: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    let i = v["claims"].as_array().unwrap().iter().position(|c| c["claimer"]["kind"] == "entity").unwrap();
    v["claims"][i]["claimer"]["entity_id"] = "nobody".into();
    let e = with_line_3(&v.to_string());
    assert_eq!(e.position().pointer.as_deref(), Some(format!("/claims/{i}/claimer/entity_id").as_str()), "{e}");
    assert_eq!(e.kind(), &ErrorKind::UnresolvedReference { id: "nobody".into() });
}

/// Every JSON pointer to a number in `v` (offsets, values, article numbers).
fn number_pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                number_pointers(x, format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                number_pointers(x, format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Number(_) => out.push(at),
        _ => {}
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// A record with any number changed (an offset moved, overlapping, reversed or past the end;
    /// a region out of order) exports or fails with an error, in every stream format; never panics.
    #[test]
    fn damaged_records_export_or_fail_cleanly(
        doc in 0usize..5,
        at in proptest::prelude::any::<proptest::sample::Index>(),
        to in proptest::prelude::prop_oneof![0u64..40, 0u64..6000, proptest::prelude::Just(u64::MAX)],
        offsets in 0usize..3,
    ) {
        use export::stream::{self, StreamFormat};
        let offsets = [Offsets::Codepoint, Offsets::Utf16, Offsets::Byte][offsets];
        let line = export::jsonl(corpus(), &Options { offsets, ..Options::default() }).lines().nth(doc).unwrap().to_string();
        let mut v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let mut all = Vec::new();
        number_pointers(&v, String::new(), &mut all);
        let pointer: &String = at.get(&all);
        *v.pointer_mut(pointer).unwrap() = to.into();
        let input = v.to_string();
        for format in [StreamFormat::Conll, StreamFormat::Conllu, StreamFormat::Jsonl(RecordKind::Documents), StreamFormat::Jsonl(RecordKind::Claims)] {
            let mut out = Vec::new();
            let _ = stream::export(input.as_bytes(), &mut out, format, &Options::default(), 1);
        }
    }
}

/// The token and sentence columns of a CoNLL-U export: everything but the MISC annotations
/// (`NE=`, `Claims=`, `Stances=`), spacing kept.
fn token_columns(conllu: &str) -> String {
    conllu
        .lines()
        .map(|l| match l.rsplit_once('\t') {
            Some((cols, misc)) => {
                let keep: Vec<&str> = misc.split('|').filter(|m| m.starts_with("Space")).collect();
                format!("{cols}\t{}", keep.join("|"))
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The tokens and sentences depend on the text alone: the same texts with every annotation
/// removed give byte-identical token and sentence columns, in CoNLL-U and CoNLL-2003.
#[test]
fn removing_every_annotation_changes_no_token_and_no_sentence() {
    let root = Path::new(ROOT);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    files.push(("corpus/manifest.json".into(), std::fs::read(root.join("corpus/manifest.json")).unwrap()));
    for doc in corpus() {
        let name = format!("corpus/texts/{}", doc.record().source_file);
        files.push((name.clone(), std::fs::read(root.join(&name)).unwrap()));
        let empty = serde_json::json!({
            "schema_version": "2.0.0", "document": doc.id(), "entities": [], "claims": [],
            "stances": [], "document_stances": [], "exceptions": []
        });
        files.push((format!("annotations/{}.json", doc.id()), empty.to_string().into_bytes()));
    }
    let bare = Corpus::from_files(files).unwrap();
    assert!(bare.iter().all(|d| d.entities().is_empty() && d.claims().is_empty()));
    let o = Options::default();
    let (with, without) = (export::conllu(corpus(), &o), export::conllu(&bare, &o));
    assert_ne!(with, without, "the annotations are in MISC");
    assert_eq!(token_columns(&with), token_columns(&without));
    let first_col = |s: &str| s.lines().map(|l| l.split(' ').next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let (with, without) = (export::conll(corpus(), &o), export::conll(&bare, &o));
    assert_ne!(with, without);
    assert_eq!(first_col(&with), first_col(&without));
    for (a, b) in corpus().iter().zip(&bare) {
        assert_eq!(a.sentences(), b.sentences(), "{}", a.id());
    }
}

/// DATASHEET.md lists the mentions off token boundaries as `segment::off_token_markdown` gives
/// them (`UPDATE_README=1` rewrites the block).
#[test]
fn datasheet_lists_the_mentions_off_token_boundaries() {
    if packaged() {
        return;
    }
    let path = Path::new(ROOT).join("DATASHEET.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- off-token-mentions:start -->\n", "<!-- off-token-mentions:end -->");
    let a = text.find(start).expect("DATASHEET.md block") + start.len();
    let b = text[a..].find(end).unwrap() + a;
    let expected = crocus_corpus::segment::off_token_markdown(corpus());
    if text[a..b] != expected {
        assert!(
            std::env::var_os("UPDATE_README").is_some(),
            "stale: run `UPDATE_README=1 cargo test --all-features --test export`"
        );
        let mut new = text.clone();
        new.replace_range(a..b, &expected);
        std::fs::write(&path, new).unwrap();
    }
}
