//! Benchmarks (divan): loading, validation and export throughput (corpus and stream exports).
//! `cargo bench --all-features --bench throughput`.

use crocus_corpus::export::{self, Options, RecordKind};
use crocus_corpus::validate::{validate_embedded, validate_jsonl_with};
use crocus_corpus::Corpus;
use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

fn files() -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec![];
    for dir in ["corpus", "corpus/texts", "annotations"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                out.push((p.strip_prefix(root).unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

/// What `Corpus::embedded()` does on first use: parse every file and build the offset tables.
#[divan::bench]
fn load_corpus(bencher: Bencher) {
    let files = files();
    bencher.bench(|| Corpus::from_files(files.clone()).unwrap());
}

#[divan::bench]
fn validate_corpus_strict() {
    assert!(validate_embedded().is_valid(true));
}

fn big_jsonl(copies: usize) -> String {
    let one = export::jsonl(Corpus::embedded(), &Options::default());
    one.repeat(copies)
}

#[divan::bench(args = [1, 2])]
fn validate_jsonl_100_docs(bencher: Bencher, threads: usize) {
    let data = big_jsonl(20);
    bencher
        .counter(BytesCount::new(data.len()))
        .bench(|| validate_jsonl_with("big.jsonl", data.as_bytes(), threads).unwrap());
}

#[divan::bench]
fn parse_jsonl_100_docs_baseline(bencher: Bencher) {
    let data = big_jsonl(20);
    bencher
        .counter(BytesCount::new(data.len()))
        .bench(|| data.lines().filter(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()).count());
}

#[divan::bench(args = ["jsonl", "entities", "conll", "conllu", "brat"])]
fn export_format(bencher: Bencher, format: &str) {
    let c = Corpus::embedded();
    let o = Options::default();
    let run = |f: &str| -> usize {
        match f {
            "jsonl" => export::jsonl(c, &o).len(),
            "entities" => export::jsonl_records(c, &o, RecordKind::Entities).len(),
            "conll" => export::conll(c, &o).len(),
            "conllu" => export::conllu(c, &o).len(),
            _ => export::brat(c, &o).iter().map(|f| f.contents.len()).sum(),
        }
    };
    let bytes = run(format);
    bencher.counter(BytesCount::new(bytes)).bench(|| run(format));
}

/// `crocus export --input`: 100 document records rebuilt and exported (bytes counted: the input).
#[divan::bench(args = ["conll", "conllu", "entities"], consts = [1, 2])]
fn stream_export_100_docs<const THREADS: usize>(bencher: Bencher, format: &str) {
    use export::stream::{self, StreamFormat};
    let data = big_jsonl(20);
    let format = match format {
        "conll" => StreamFormat::Conll,
        "conllu" => StreamFormat::Conllu,
        _ => StreamFormat::Jsonl(RecordKind::Entities),
    };
    bencher.counter(BytesCount::new(data.len())).bench(|| {
        let mut out = Vec::new();
        stream::export(data.as_bytes(), &mut out, format, &Options::default(), THREADS).unwrap();
        out.len()
    });
}
