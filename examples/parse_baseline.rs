//! The parse-bound limit for validation: parse every line of a JSONL file into
//! `serde_json::Value` and nothing else, on one thread or on every core
//! (`cargo run --release --example parse_baseline -- FILE [THREADS]`). Prints the seconds taken.

use std::io::BufRead;

fn main() {
    let path = std::env::args().nth(1).expect("usage: parse_baseline FILE [THREADS]");
    let threads: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let t = std::time::Instant::now();
    let reader = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
    let lines: Vec<Vec<u8>> = reader.split(b'\n').map(|l| l.expect("read")).collect();
    let read = t.elapsed();
    let t = std::time::Instant::now();
    let chunk = lines.len().div_ceil(threads.max(1)).max(1);
    let parsed: usize = std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|c| {
                s.spawn(move || c.iter().filter(|l| serde_json::from_slice::<serde_json::Value>(l).is_ok()).count())
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    println!("{:.3}", t.elapsed().as_secs_f64());
    eprintln!("parsed {parsed} lines on {threads} thread(s) (reading took {:.3}s, not counted)", read.as_secs_f64());
}
