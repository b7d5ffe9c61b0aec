//! `crocus fmt`: canonical form for annotation files and registries.

use std::path::{Path, PathBuf};

use crocus_corpus::corpus::paths;
use crocus_corpus::model::Manifest;
use crocus_corpus::{canonical, Corpus};

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Files to format (default: every annotation file and registry under the root's annotations/).
    paths: Vec<PathBuf>,
    /// Change nothing; list the files that are not in canonical form and exit 1 if any.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let dir = crate::root_dir(root).ok_or_else(|| {
        Failure::usage(
            "fmt needs a corpus root (a folder with corpus/ and annotations/): run it in one or pass --root DIR",
        )
    })?;
    // Only the manifest and the texts: the annotation files are what is being formatted, and may
    // hold spans given by anchor (no `start`/`end` yet), which the strict loader refuses.
    let corpus = texts_only(&dir)?;
    let paths = if args.paths.is_empty() { annotation_files(&dir)? } else { args.paths.clone() };
    let mut changed = Vec::new();
    let mut failures = Vec::new();
    for path in &paths {
        let src = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        let shown = path.display().to_string();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let formatted = if matches!(name, "entities.json" | "propositions.json" | "targets.json") {
            canonical::registry(&src, &shown)
        } else {
            let doc = match serde_json::from_str::<serde_json::Value>(&src)
                .ok()
                .and_then(|v| v.get("document").and_then(|d| d.as_str()).map(str::to_string))
            {
                Some(id) => {
                    corpus.document(&id).ok_or_else(|| format!("{shown}: document `{id}` is not in the manifest"))
                }
                None => Err(format!("{shown}: not an annotation file with a `document` field")),
            };
            match doc {
                Ok(doc) => canonical::annotation(&src, doc.text_index(), &shown),
                Err(msg) => {
                    failures.push(msg);
                    continue;
                }
            }
        };
        match formatted {
            Ok(out) if out != src => {
                if !args.check {
                    crate::output::write_atomic(path, out.as_bytes())?;
                }
                changed.push(shown);
            }
            Ok(_) => {}
            Err(e) => failures.push(e.to_string()),
        }
    }
    for f in &failures {
        eprintln!("crocus fmt: {f}");
    }
    for c in &changed {
        println!("{}{c}", if args.check { "would reformat " } else { "formatted " });
    }
    if !failures.is_empty() {
        return Err(Failure::data(format!("{} file(s) could not be formatted", failures.len())));
    }
    if args.check && !changed.is_empty() {
        return Err(Failure::silent(1));
    }
    Ok(())
}

/// The corpus at `root` with its manifest and texts, and no annotation file or registry read.
fn texts_only(root: &Path) -> Result<Corpus, Failure> {
    let read = |rel: &str| -> Result<(String, Vec<u8>), Failure> {
        let path = root.join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        Ok((rel.to_string(), bytes))
    };
    let manifest = read(paths::MANIFEST)?;
    let records: Manifest =
        serde_json::from_slice(&manifest.1).map_err(|e| Failure::data(format!("{}: {e}", paths::MANIFEST)))?;
    let mut files = vec![manifest];
    for d in &records.documents {
        files.push(read(&paths::text(&d.source_file))?);
    }
    Ok(Corpus::from_files(files)?)
}

fn annotation_files(root: &Path) -> Result<Vec<PathBuf>, Failure> {
    let dir = root.join("annotations");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Failure::usage(format!("cannot list {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    out.sort();
    Ok(out)
}
