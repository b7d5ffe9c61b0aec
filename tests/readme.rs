//! The README's generated tables equal the commands' output. Run with `UPDATE_README=1` to
//! rewrite them after the annotations change.

use std::path::Path;

use crocus_corpus::stats::Stats;
use crocus_corpus::{agreement, Corpus};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn check_block(readme: &mut String, name: &str, expected: &str) -> bool {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let a = readme.find(&start).unwrap_or_else(|| panic!("README lacks {start}")) + start.len();
    let b = readme[a..].find(&end).unwrap() + a;
    if &readme[a..b] == expected {
        return true;
    }
    readme.replace_range(a..b, expected);
    false
}

#[test]
fn readme_tables_are_current() {
    let path = Path::new(ROOT).join("README.md");
    let mut readme = std::fs::read_to_string(&path).unwrap();
    let stats = Stats::of(Corpus::embedded()).markdown();
    let passes = Path::new(ROOT).join("annotations/passes");
    let ents = agreement::entities(&passes.join("entities")).unwrap();
    let claims_dir = passes.join("claims");
    let claims = (claims_dir.join("pass-a").is_dir() && claims_dir.join("pass-b").is_dir())
        .then(|| agreement::claims(&claims_dir).unwrap());
    let agree = agreement::render(&ents, claims.as_ref(), true);
    let facts = Stats::of(Corpus::embedded()).facts_markdown();
    let ok = check_block(&mut readme, "stats", &stats)
        & check_block(&mut readme, "agreement", &agree)
        & check_block(&mut readme, "facts", &facts);
    if !ok {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&path, &readme).unwrap();
        } else {
            panic!("README tables are stale: run `UPDATE_README=1 cargo test --test readme`");
        }
    }
}
