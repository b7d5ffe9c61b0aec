//! The README's generated parts equal what they are generated from, and the README serves its
//! three sites: the Hugging Face card (README.md with its front matter), crates.io
//! (README.crate.md, the same text without front matter) and GitHub. Run with `UPDATE_README=1`
//! to rewrite the generated parts after the annotations or the README change.

use std::path::Path;

use crocus_corpus::agreement::{self, ClaimAgreement, EntityAgreement};
use crocus_corpus::stats::Stats;
use crocus_corpus::Corpus;

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

fn update_or_fail(path: &Path, text: &str, what: &str) {
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, text).unwrap();
    } else {
        panic!("{what} is stale: run `UPDATE_README=1 cargo test --all-features --test readme`");
    }
}

/// The first screen's one-paragraph summary of the agreement table.
fn agreement_summary(ents: &EntityAgreement, claims: Option<&ClaimAgreement>) -> String {
    let o = &ents.overall;
    let mut s = format!(
        "Entities: {} of {} spans and labels identical in both passes (F1 {:.3})",
        o.matched,
        o.a.max(o.b),
        o.f1
    );
    if let Some(c) = claims {
        let p = &c.claims;
        s += &format!(
            "; claims: span-overlap F1 {:.3} ({} matched of {} and {}); document stance: Cohen's kappa {:.3} over {} \
             document-target pairs",
            p.f1, p.matched, p.a, p.b, c.document_stance_kappa, c.document_stance_pairs
        );
    }
    s + ".\n"
}

#[test]
fn readme_tables_and_crate_readme_are_current() {
    let path = Path::new(ROOT).join("README.md");
    let mut readme = std::fs::read_to_string(&path).unwrap();
    let stats = Stats::of(Corpus::embedded()).markdown();
    let passes = Path::new(ROOT).join("annotations/passes");
    let ents = agreement::entities(&passes.join("entities")).unwrap();
    let claims_dir = passes.join("claims");
    let claims = (claims_dir.join("pass-a").is_dir() && claims_dir.join("pass-b").is_dir())
        .then(|| agreement::claims(&claims_dir).unwrap());
    let agree = agreement::render(&ents, claims.as_ref(), true);
    let summary = agreement_summary(&ents, claims.as_ref());
    let facts = Stats::of(Corpus::embedded()).facts_markdown();
    let ok = check_block(&mut readme, "stats", &stats)
        & check_block(&mut readme, "agreement", &agree)
        & check_block(&mut readme, "agreement-summary", &summary)
        & check_block(&mut readme, "facts", &facts);
    if !ok {
        update_or_fail(&path, &readme, "README.md's generated tables");
    }
    // crates.io's page: the same text without the Hugging Face front matter, derived here (after
    // the tables) so that the two never differ where they share text.
    let (_, body) = split_front_matter(&readme);
    let crate_path = Path::new(ROOT).join("README.crate.md");
    if std::fs::read_to_string(&crate_path).unwrap_or_default() != body {
        update_or_fail(&crate_path, body, "README.crate.md (README.md without front matter)");
    }
}

/// README.md without its YAML front matter (the Hugging Face card metadata).
fn split_front_matter(readme: &str) -> (&str, &str) {
    let rest = readme.strip_prefix("---\n").expect("README.md starts with its Hugging Face front matter");
    let end = rest.find("\n---\n").expect("the front matter ends with ---");
    (&rest[..end + 1], rest[end + 5..].trim_start_matches('\n'))
}

#[test]
fn cargo_points_crates_io_at_the_crate_readme() {
    let cargo = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    assert!(cargo.contains("\nreadme = \"README.crate.md\"\n"), "Cargo.toml's readme is README.crate.md");
    assert!(cargo.contains("\"/README.crate.md\""), "the package includes README.crate.md");
}

#[test]
fn crate_readme_renders_starting_with_the_title() {
    use pulldown_cmark::{html, Event, HeadingLevel, Parser, Tag, TagEnd};
    let text = std::fs::read_to_string(Path::new(ROOT).join("README.crate.md")).unwrap();
    // The first block a CommonMark renderer (crates.io's is one) makes is the title heading.
    let mut events = Parser::new(&text);
    assert_eq!(
        events.next(),
        Some(Event::Start(Tag::Heading { level: HeadingLevel::H1, id: None, classes: vec![], attrs: vec![] }))
    );
    assert_eq!(events.next(), Some(Event::Text("crocus-corpus".into())));
    assert_eq!(events.next(), Some(Event::End(TagEnd::Heading(HeadingLevel::H1))));
    let mut out = String::new();
    html::push_html(&mut out, Parser::new(&text));
    assert!(out.starts_with("<h1>crocus-corpus</h1>\n<p>Five English news and opinion texts"), "{}", &out[..200]);
    assert!(!out.contains("<hr />\n<h2>license"), "no front matter rendered as a setext heading");
    // The first screen: how it was annotated, the generated agreement figures, the two commands.
    let first = &out[..out.find("<h2>The two commands</h2>").expect("the two commands")];
    assert!(first.contains("AI annotators") && first.contains("\n<p>Entities: "), "{first}");
    let commands = &out[out.find("<h2>The two commands</h2>").unwrap() + 4..];
    assert!(commands.find("validate --strict").unwrap() < commands.find("bash .ci/run").unwrap());
    assert!(commands.find("bash .ci/run").unwrap() < commands.find("<h2>").unwrap_or(usize::MAX));
    // The card itself, rendered the same way, is what crates.io showed before: a rule, then the
    // metadata as one heading. The crate README exists because of this.
    let card = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let mut out = String::new();
    html::push_html(&mut out, Parser::new(&card));
    assert!(out.starts_with("<hr />"), "README.md renders its front matter as a rule and text");
}

/// Keys of a dataset card's YAML front matter that the Hugging Face Hub documents: the dataset
/// card metadata spec (hub-docs `datasetcard.md`) and `huggingface_hub`'s `DatasetCardData`
/// (which adds `multilinguality`).
const HUB_CARD_KEYS: &[&str] = &[
    "language",
    "license",
    "license_name",
    "license_link",
    "license_details",
    "tags",
    "annotations_creators",
    "language_creators",
    "language_details",
    "multilinguality",
    "pretty_name",
    "size_categories",
    "source_datasets",
    "task_categories",
    "task_ids",
    "paperswithcode_id",
    "configs",
    "dataset_info",
    "extra_gated_fields",
    "extra_gated_prompt",
    "train-eval-index",
];

#[test]
fn hub_card_uses_documented_keys_and_points_at_files_in_the_repository() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let (front, _) = split_front_matter(&readme);
    let mut license_link = None;
    for line in front.lines().filter(|l| !l.starts_with([' ', '-', '#']) && !l.is_empty()) {
        let (key, value) = line.split_once(':').unwrap_or_else(|| panic!("front matter line `{line}`"));
        assert!(HUB_CARD_KEYS.contains(&key), "`{key}` is not a key the Hub documents for dataset cards");
        if key == "license_link" {
            license_link = Some(value.trim().to_string());
        }
    }
    // The license fields: every part of the corpus, and the file that says which terms cover what.
    for license in ["- cc-by-4.0\n", "- mit\n", "- apache-2.0\n", "- other\n"] {
        assert!(front.contains(license), "license lists {license}");
    }
    let link = license_link.expect("license_link (license: other needs it)");
    assert!(!link.contains("://"), "license_link names a file in the repository, not a URL");
    let rights = std::fs::read_to_string(Path::new(ROOT).join(&link)).unwrap();
    for (part, terms) in [("Code", "MIT OR Apache-2.0"), ("Annotations", "CC BY 4.0"), ("Texts", "not\n  licensed")] {
        assert!(rights.contains(&format!("**{part}**")) && rights.contains(terms), "{link} gives the terms of {part}");
    }
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "LICENSE-CC-BY-4.0"] {
        assert!(rights.contains(&format!("]({file})")) && Path::new(ROOT).join(file).is_file(), "{link} links {file}");
    }
    // Files the card's configs load are in the repository (the packaged crate has no dist/).
    let in_repository = Path::new(ROOT).join("dist").is_dir();
    for line in front.lines().filter(|_| in_repository) {
        let value = line.trim().trim_start_matches("- ");
        if let Some(file) = value.strip_prefix("data_files: ").or_else(|| value.strip_prefix("path: ")) {
            assert!(Path::new(ROOT).join(file.trim()).exists() || file.contains('*'), "{file} is in the repository");
        }
    }
}

/// Addresses that exist. Anything else in a metadata file is an address that was never checked,
/// such as the project's own repository before it is published (the README's "Where it lives").
const KNOWN_URL_PREFIXES: &[&str] = &[
    "https://creativecommons.org/licenses/by/4.0/",
    "https://schema.org/",
    "http://mlcommons.org/croissant/",
    "http://purl.org/dc/terms/",
    "https://keepachangelog.com/en/1.1.0/",
];

#[test]
fn metadata_files_name_no_unchecked_address() {
    let mut files: Vec<String> = [
        "Cargo.toml",
        "CITATION.cff",
        "croissant.json",
        "README.md",
        "CONTRIBUTING.md",
        ".pre-commit-hooks.yaml",
        "LICENSE.md",
    ]
    .map(String::from)
    .to_vec();
    files.push("LICENSE-CC-BY-4.0".into());
    for file in files {
        let Ok(text) = std::fs::read_to_string(Path::new(ROOT).join(&file)) else { continue };
        for (i, _) in text.match_indices("://") {
            let start = text[..i].rfind(|c: char| !c.is_ascii_alphanumeric()).map_or(0, |p| p + 1);
            let end = text[i..].find(|c: char| c.is_whitespace() || "\"')>`".contains(c)).map_or(text.len(), |p| p + i);
            let url = &text[start..end];
            assert!(
                KNOWN_URL_PREFIXES.iter().any(|p| url.starts_with(p)) || url.starts_with("http://www.w3.org/"),
                "{file} names {url}, an address not known to exist"
            );
        }
    }
}
