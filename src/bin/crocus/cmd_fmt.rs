//! `crocus fmt`: canonical form for annotation files and registries.
//!
//! It reads only what formatting needs: the manifest (to find each document's text) and the texts
//! of the documents whose files it formats, never the strict loader, so a file written with
//! text-anchored spans (`text` + `occurrence`, `prefix` or `suffix`, no `start`/`end`) can be
//! formatted. Every file is formatted in memory first; when any fails, nothing is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crocus_corpus::model::Manifest;
use crocus_corpus::{canonical, Text};

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
    let paths = if args.paths.is_empty() { annotation_files(&dir)? } else { args.paths.clone() };
    let mut texts = Texts { root: &dir, manifest: None, texts: HashMap::new() };
    let mut changed = Vec::new();
    let mut failures = Vec::new();
    for path in &paths {
        let src = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        let shown = path.strip_prefix(&dir).unwrap_or(path).display().to_string();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let formatted = if matches!(name, "entities.json" | "propositions.json" | "targets.json") {
            canonical::registry(&src, &shown).map_err(|e| e.to_string())
        } else {
            match serde_json::from_str::<serde_json::Value>(&src)
                .ok()
                .and_then(|v| v.get("document").and_then(|d| d.as_str()).map(str::to_string))
            {
                Some(id) => texts
                    .get(&id)
                    .map_err(|e| format!("{shown}: {e}"))
                    .and_then(|text| canonical::annotation(&src, text, &shown).map_err(|e| e.to_string())),
                None => match serde_json::from_str::<serde_json::Value>(&src) {
                    Err(e) => Err(crocus_corpus::Error::from_json(e, &src).in_file(&shown).to_string()),
                    Ok(_) => Err(format!("{shown}: not an annotation file with a `document` field")),
                },
            }
        };
        match formatted {
            Ok(out) if out != src => changed.push((path, shown, out)),
            Ok(_) => {}
            Err(e) => failures.push(e),
        }
    }
    for f in &failures {
        eprintln!("crocus fmt: {f}");
    }
    if !failures.is_empty() {
        return Err(Failure::data(format!("{} file(s) could not be formatted; nothing was written", failures.len())));
    }
    for (path, shown, out) in &changed {
        if !args.check {
            crate::output::write_atomic(path, out.as_bytes())?;
        }
        println!("{}{shown}", if args.check { "would reformat " } else { "formatted " });
    }
    if args.check && !changed.is_empty() {
        return Err(Failure::silent(1));
    }
    Ok(())
}

/// The manifest and the texts, read on first use.
struct Texts<'a> {
    root: &'a Path,
    manifest: Option<Manifest>,
    texts: HashMap<String, Text>,
}

impl Texts<'_> {
    fn get(&mut self, id: &str) -> Result<&Text, String> {
        if self.manifest.is_none() {
            let path = self.root.join("corpus/manifest.json");
            let src = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            self.manifest = Some(serde_json::from_str(&src).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        if !self.texts.contains_key(id) {
            let manifest = self.manifest.as_ref().expect("read above");
            let record = manifest
                .documents
                .iter()
                .find(|d| d.id == id)
                .ok_or_else(|| format!("document `{id}` is not in the manifest"))?;
            let path = self.root.join("corpus/texts").join(&record.source_file);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            self.texts.insert(id.to_string(), Text::new(text));
        }
        Ok(&self.texts[id])
    }
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
