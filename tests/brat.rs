//! The brat round trip: the export is structurally what brat's checker accepts (one text-bound
//! per span and type, every reference resolved, every type declared), `crocus import brat` gives
//! back the annotation files byte for byte, an edit made in brat comes back as that edit, and
//! malformed `.ann` lines are located errors with nothing written.
//!
//! brat's own `verify_annotations.py` cannot run here (no network); how it was run, and its
//! result, are in docs/contributing-workflow.md.

#![cfg(all(feature = "cli", feature = "export"))]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

mod common;
use common::{copy, crocus_in, text};

use crocus_corpus::export::{self, Options};
use crocus_corpus::{import, Corpus};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A corpus root copy with the brat export of itself in `brat/`.
fn root_with_export() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for d in ["corpus", "annotations"] {
        copy(&Path::new(ROOT).join(d), &tmp.path().join(d));
    }
    let o = crocus_in(tmp.path(), &["export", "--format", "brat", "--out", "brat"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    tmp
}

fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn export_is_structurally_valid_brat() {
    let corpus = Corpus::embedded();
    let files = export::brat(corpus, &Options::default());
    let conf = &files[0].contents;
    let section = |name: &str| -> Vec<String> {
        let s = &conf[conf.find(&format!("[{name}]\n")).unwrap() + name.len() + 3..];
        s[..s.find("\n[").unwrap_or(s.len())]
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').next().unwrap().to_string())
            .collect()
    };
    let entities: HashSet<String> = section("entities").into_iter().collect();
    let relations: HashSet<String> = section("relations").into_iter().collect();
    let attributes: HashSet<String> = section("attributes").into_iter().collect();
    assert!(relations.contains("<OVERLAP>"), "overlap rules are declared");
    // annotation.conf and tools.conf come first, then a .txt/.ann pair per document.
    assert_eq!(files[1].name, "tools.conf");
    for pair in files[2..].chunks(2) {
        let ann = &pair[1];
        let mut t_types: HashMap<&str, &str> = HashMap::new();
        let mut spans: BTreeSet<(&str, &str)> = BTreeSet::new();
        for line in ann.contents.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let words: Vec<&str> = cols[1].split(' ').collect();
            match line.as_bytes()[0] {
                b'T' => {
                    assert!(entities.contains(words[0]), "{line}");
                    let offsets = cols[1].split_once(' ').unwrap().1;
                    // One text-bound per span and type (claims and stances may share a span).
                    if !matches!(words[0], "Claim" | "Stance") {
                        assert!(spans.insert((words[0], offsets)), "{}: two {} at {offsets}", ann.name, words[0]);
                    }
                    assert!(t_types.insert(cols[0], words[0]).is_none());
                }
                b'A' => {
                    assert!(attributes.contains(words[0]), "{line}");
                    assert!(t_types.contains_key(words[1]), "{line}");
                }
                b'R' => {
                    assert!(relations.contains(words[0]), "{line}");
                    for arg in &words[1..] {
                        assert!(t_types.contains_key(arg.split_once(':').unwrap().1), "{line}");
                    }
                }
                b'N' | b'#' => assert!(t_types.contains_key(words[1]), "{line}"),
                _ => panic!("{line}"),
            }
        }
        // Every Cue and Source is pointed at by a relation.
        for (t, ty) in &t_types {
            if matches!(*ty, "Cue" | "Source") {
                assert!(ann.contents.contains(&format!("Arg2:{t}\n")), "{}: {t} unused", ann.name);
            }
        }
    }
}

#[test]
fn export_then_import_is_byte_identical() {
    let corpus = Corpus::embedded();
    for f in export::brat(corpus, &Options::default()).iter().filter(|f| f.name.ends_with(".ann")) {
        let file = import::brat::annotation_file(corpus, &f.name, &f.contents).unwrap();
        let doc = corpus.document(&file.document).unwrap();
        assert_eq!(&file, doc.annotations(), "{}", f.name);
    }
    // End to end through the CLI: nothing to write, the files stay byte for byte.
    let tmp = root_with_export();
    let before = snapshot(&tmp.path().join("annotations"));
    let o = crocus_in(tmp.path(), &["import", "brat", "brat"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "", "nothing changed");
    assert_eq!(snapshot(&tmp.path().join("annotations")), before);
    // With the span layers emptied, the import writes them back, byte for byte.
    for doc in Corpus::embedded().iter() {
        let path = tmp.path().join(format!("annotations/{}.json", doc.id()));
        let mut v = json(&path);
        for layer in ["entities", "claims", "stances"] {
            v[layer] = serde_json::json!([]);
        }
        std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    }
    let o = crocus_in(tmp.path(), &["import", "brat", "brat"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).lines().count(), 5, "{}", text(&o.stdout));
    assert_eq!(snapshot(&tmp.path().join("annotations")), before);
}

/// Appends `lines` to a `.ann` file, and removes the lines for which `drop` is true.
fn edit_ann(path: &Path, drop: impl Fn(&str) -> bool, add: &str) {
    let src = std::fs::read_to_string(path).unwrap();
    let mut out: String = src.lines().filter(|l| !drop(l)).map(|l| format!("{l}\n")).collect();
    out.push_str(add);
    std::fs::write(path, out).unwrap();
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn edits_made_in_brat_come_back_as_those_edits() {
    let tmp = root_with_export();
    let ann = tmp.path().join("brat/cruel-irony.ann");
    let file = tmp.path().join("annotations/cruel-irony.json");
    let before = json(&file);
    let src = std::fs::read_to_string(&ann).unwrap();
    let doc = Corpus::embedded().document("cruel-irony").unwrap();
    // 1. A changed label: the first GPE mention becomes LOC (brat rewrites the type on its T line).
    let gpe = before["entities"].as_array().unwrap().iter().find(|m| m["label"] == "GPE").unwrap().clone();
    let gpe_line = src.lines().find(|l| l.split('\t').nth(1).is_some_and(|c| c.starts_with("GPE "))).unwrap();
    let gpe_t = gpe_line.split('\t').next().unwrap().to_string();
    // 2. A deleted claim: brat removes its T line and everything attached to it.
    let claim = before["claims"].as_array().unwrap().last().unwrap().clone();
    let note = format!("{{\"id\":\"{}\"", claim["id"].as_str().unwrap());
    let claim_t = src.lines().find(|l| l.starts_with('#') && l.contains(&note)).unwrap().split(' ').nth(1).unwrap();
    let claim_t = claim_t.split('\t').next().unwrap().to_string();
    assert!(
        !src.contains(&format!("Arg2:{claim_t}\n")),
        "the last claim is the target of no stance, so deleting it leaves no dangling relation"
    );
    // 3. A new entity: a T line and its normalization, as brat writes them (no id note).
    let chars: Vec<char> = doc.text().chars().collect();
    let covered = |a: usize, z: usize| {
        before["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["start"].as_u64().unwrap() < z as u64 && (a as u64) < m["end"].as_u64().unwrap())
    };
    let word = "terrorists";
    let start = (0..chars.len() - word.len())
        .find(|&i| chars[i..i + word.len()].iter().collect::<String>() == word && !covered(i, i + word.len()))
        .expect("an unannotated word");
    let add = format!(
        "T9999\tNORP {start} {}\t{word}\nN9999\tReference T9999 crocus:islamic-state\tIslamic State\n",
        start + word.len()
    );
    edit_ann(
        &ann,
        |l| {
            let cols: Vec<&str> = l.split('\t').collect();
            cols[0] == claim_t || cols[1].split(' ').any(|w| w == claim_t || w == format!("Arg1:{claim_t}"))
        },
        &add,
    );
    let src = std::fs::read_to_string(&ann).unwrap().replace(&format!("{gpe_t}\tGPE "), &format!("{gpe_t}\tLOC "));
    std::fs::write(&ann, src).unwrap();

    let o = crocus_in(tmp.path(), &["import", "brat", "brat"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "imported annotations/cruel-irony.json\n");
    let after = json(&file);
    // Exactly those three changes.
    let mut expect = before.clone();
    let ents = expect["entities"].as_array_mut().unwrap();
    ents.iter_mut().find(|m| m["id"] == gpe["id"]).unwrap()["label"] = "LOC".into();
    let next = ents.iter().map(|m| m["id"].as_str().unwrap()[1..].parse::<u64>().unwrap()).max().unwrap() + 1;
    ents.push(serde_json::json!({"id": format!("e{next}"), "start": start, "end": start + word.len(), "text": word, "label": "NORP", "entity": "islamic-state"}));
    ents.sort_by_key(|m| m["start"].as_u64().unwrap());
    expect["claims"].as_array_mut().unwrap().retain(|c| c["id"] != claim["id"]);
    assert_eq!(after, expect);
    // The other files are untouched.
    for name in ["hyperfocus-ukraine", "moscow-tragedy"] {
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(format!("annotations/{name}.json"))).unwrap(),
            std::fs::read_to_string(Path::new(ROOT).join(format!("annotations/{name}.json"))).unwrap()
        );
    }
}

#[test]
fn malformed_ann_lines_are_located_and_nothing_is_written() {
    for (bad, expect) in [
        (
            "T9999\tORG 10\tx\n",
            "brat/moscow-tragedy.ann:LINE: T9999: `10` is not a fragment `START END` with START < END",
        ),
        (
            "T9999 ORG 10 12 x\n",
            "brat/moscow-tragedy.ann:LINE: `T9999 ORG 10 12 x` is not a brat line: no tab after the id",
        ),
        (
            "T9999\tWEAPON 0 6\tMoscow\n",
            "brat/moscow-tragedy.ann:LINE: T9999: `WEAPON` is not a type of annotation.conf",
        ),
        ("T9999\tGPE 0 6\tMoscoww\n", "T9999: the text is \"Moscoww\" but the document has \"Moscow\" at 0..6"),
        ("T9999\tGPE 0 99999999\tMoscow\n", "T9999: offset 99999999 is past the end of the text"),
        (
            "R9999\tCueOf Arg1:T1 Arg2:T424242\n",
            "brat/moscow-tragedy.ann:LINE: `T424242` is not a text-bound annotation of this file",
        ),
        ("E1\tAttack:T1\n", "E1: events are not used by this corpus"),
        ("A9999\tPolarity T1 FAVOUR\n", "`Polarity` is not an attribute of T1's type"),
        ("N9999\tReference T1 wikidata:Q649\tMoscow\n", "the reference database is `wikidata`"),
    ] {
        let tmp = root_with_export();
        let ann = tmp.path().join("brat/moscow-tragedy.ann");
        let lines = std::fs::read_to_string(&ann).unwrap().lines().count();
        edit_ann(&ann, |_| false, bad);
        let before = snapshot(&tmp.path().join("annotations"));
        let o = crocus_in(tmp.path(), &["import", "brat", "brat"]);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = text(&o.stderr);
        let expect = expect.replace("LINE", &(lines + 1).to_string());
        assert!(err.contains(&expect), "{bad}\n{err}");
        assert!(err.contains(&format!("brat/moscow-tragedy.ann:{}: ", lines + 1)), "{err}");
        assert!(err.ends_with("; nothing was written\n"), "{err}");
        assert_eq!(snapshot(&tmp.path().join("annotations")), before, "nothing written");
    }
}

#[test]
fn an_import_without_ids_gives_fresh_ones() {
    // INCEpTION's brat export keeps types, attributes, relations and normalizations but not
    // brat's notes: the spans come back with new ids, in text order after the known ones.
    let corpus = Corpus::embedded();
    let files = export::brat(corpus, &Options::default());
    let ann = files.iter().find(|f| f.name == "cruel-irony.ann").unwrap();
    let stripped: String = ann.contents.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let file = import::brat::annotation_file(corpus, "cruel-irony.ann", &stripped).unwrap();
    let doc = corpus.document("cruel-irony").unwrap();
    assert_eq!(file.entities.len(), doc.entities().len());
    assert_eq!(file.claims.len(), doc.claims().len());
    assert_eq!(file.stances.len(), doc.stances().len());
    let ids: Vec<&str> = file.entities.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids[..3], ["e1", "e2", "e3"]);
    for (a, b) in file.entities.iter().zip(doc.entities()) {
        assert_eq!((a.start, a.end, a.label, &a.entity), (b.start, b.end, b.label, &b.entity));
    }
}
