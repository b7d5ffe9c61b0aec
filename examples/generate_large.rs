//! Builds a large contributor-style JSONL of document records from the corpus, for benchmarks:
//! `cargo run --release --example generate_large --features export -- N OUT [ERRORS]`.
//!
//! N documents cycle through the five texts with distinct ids (`<id>-<n>`); every record is valid.
//! With ERRORS = K, K records spread evenly through the file get one broken entity span each
//! (`text` no longer equal to the slice: one E012 per broken record), so a validator must report
//! exactly K diagnostics.

use std::io::Write;

use crocus_corpus::export::{self, Options};
use crocus_corpus::Corpus;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: generate_large N OUT [ERRORS]";
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).expect(usage);
    let out = args.get(2).expect(usage);
    let errors: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let records: Vec<serde_json::Value> = export::jsonl(Corpus::embedded(), &Options::default())
        .lines()
        .map(|l| serde_json::from_str(l).expect("the export parses"))
        .collect();
    let step = n.checked_div(errors).map_or(usize::MAX, |s| s.max(1));
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).expect("cannot create OUT"));
    let mut broken = 0;
    for i in 0..n {
        let mut r = records[i % records.len()].clone();
        let id = format!("{}-{i}", r["id"].as_str().unwrap_or("doc"));
        r["id"] = id.into();
        if broken < errors && i % step == step / 2 {
            r["entities"][0]["text"] = "BROKEN".into();
            broken += 1;
        }
        serde_json::to_writer(&mut file, &r).expect("write");
        file.write_all(b"\n").expect("write");
    }
    file.flush().expect("write");
    eprintln!("wrote {n} records ({broken} broken) to {out}");
}
