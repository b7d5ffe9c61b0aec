//! Time of the first `Corpus::embedded()` call in a fresh process, in microseconds.
fn main() {
    let t = std::time::Instant::now();
    let corpus = crocus_corpus::Corpus::embedded();
    let us = t.elapsed().as_secs_f64() * 1e6;
    assert_eq!(corpus.documents().len(), 5);
    println!("{us:.0}");
}
