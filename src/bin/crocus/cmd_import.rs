//! `crocus import brat DIR`: a brat folder (the export, edited in brat or INCEpTION) back into the
//! root's `annotations/` files. Every `.ann` file is read and checked first; when anything is
//! wrong, every problem is reported (file:line) and nothing is written.

use std::path::PathBuf;

use crocus_corpus::{canonical, import};

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    format: Format,
}

#[derive(clap::Subcommand)]
enum Format {
    /// Read brat standoff: DIR holds `<document id>.ann` files (and their `.txt`, which must equal
    /// the corpus texts).
    Brat {
        /// The brat folder.
        dir: PathBuf,
    },
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let Format::Brat { dir } = &args.format;
    let root_dir = crate::root_dir(root).ok_or_else(|| {
        Failure::usage("import writes into a corpus root (a folder with corpus/ and annotations/): run it in one or pass --root DIR")
    })?;
    // Structure only: the annotation files are about to be replaced, and may not resolve yet (a
    // document stance's evidence naming a span stance that only the brat folder still has).
    let corpus = crocus_corpus::Corpus::from_dir_structural(&root_dir)?;
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::usage(format!("cannot list {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    if anns.is_empty() {
        return Err(Failure::usage(format!("{} holds no .ann files", dir.display())));
    }
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for path in &anns {
        let shown = path.display().to_string();
        let src = std::fs::read_to_string(path).map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
        let txt = path.with_extension("txt");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if let (Ok(t), Some(doc)) = (std::fs::read_to_string(&txt), corpus.document(stem)) {
            if t != doc.text() {
                errors.push(format!(
                    "{}: the text differs from the corpus text of `{stem}`; brat offsets count into the \
                     corpus text, which ships byte for byte",
                    txt.display()
                ));
                continue;
            }
        }
        match import::brat::annotation_file(&corpus, &shown, &src) {
            Ok(file) => {
                let doc = corpus.document(&file.document).expect("checked by the import");
                let target = root_dir.join("annotations").join(format!("{}.json", file.document));
                let json = canonical::to_string(&file);
                match canonical::annotation(&json, doc.text_index(), &shown) {
                    Ok(text) => out.push((target, text)),
                    Err(e) => errors.push(e.to_string()),
                }
            }
            Err(es) => errors.extend(es.iter().map(ToString::to_string)),
        }
    }
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("crocus import: {e}");
        }
        return Err(Failure::data(format!("{} problem(s) in {}; nothing was written", errors.len(), dir.display())));
    }
    for (target, text) in &out {
        let old = std::fs::read_to_string(target).unwrap_or_default();
        if &old != text {
            crate::output::write_atomic(target, text.as_bytes())?;
            println!("imported {}", target.strip_prefix(&root_dir).unwrap_or(target).display());
        }
    }
    Ok(())
}
