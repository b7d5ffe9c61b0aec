//! Time of the first `Corpus::embedded()` call in a fresh process, then of the first access to
//! every document's annotations (parsed lazily), in microseconds: `FIRST_LOAD ALL_ANNOTATIONS`.
fn main() {
    let t = std::time::Instant::now();
    let corpus = crocus_corpus::Corpus::embedded();
    let load = t.elapsed().as_secs_f64() * 1e6;
    let t = std::time::Instant::now();
    let mentions: usize = corpus.iter().map(|d| d.entities().len()).sum();
    let annotations = t.elapsed().as_secs_f64() * 1e6;
    assert!(mentions > 0);
    println!("{load:.0} {annotations:.0}");
}
