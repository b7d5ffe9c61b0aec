//! `crocus diff OLD NEW`: the annotation changes between two corpus roots, or two git revisions
//! of the current one, for a reviewer. Exit 0 when there is no difference, 1 when there is, 2 on
//! an error (like `diff`).

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::ValueEnum;
use crocus_corpus::{diff, Corpus};

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// The old version: a corpus root (a folder with corpus/ and annotations/) or a git revision.
    old: String,
    /// The new version: a corpus root or a git revision (of the repository at --root or here).
    new: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One change per line, the text in context and the changed fields below it.
    Human,
    /// An array of changes.
    Json,
    /// A Markdown table for a pull-request comment.
    Markdown,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let repo = root.clone().unwrap_or_else(|| PathBuf::from("."));
    let old = open(&args.old, &repo)?;
    let new = open(&args.new, &repo)?;
    let changes = diff::diff(&old, &new);
    let out = match args.format {
        Format::Human => diff::human(&changes),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&changes).expect("changes serialize");
            s.push('\n');
            s
        }
        Format::Markdown => diff::markdown(&changes),
    };
    crate::output::stdout(out.as_bytes())?;
    if changes.is_empty() {
        Ok(())
    } else {
        Err(Failure::silent(1))
    }
}

/// A corpus root when `spec` is a folder, else the files of git revision `spec` in `repo`.
fn open(spec: &str, repo: &Path) -> Result<Corpus, Failure> {
    let dir = Path::new(spec);
    if dir.is_dir() {
        return Corpus::from_dir(dir).map_err(|e| Failure::usage(format!("{spec}: {e}")));
    }
    let git = |args: &[&str]| -> Result<Vec<u8>, Failure> {
        let o = Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .map_err(|e| Failure::usage(format!("`{spec}` is not a folder, and git cannot run: {e}")))?;
        if o.status.success() {
            Ok(o.stdout)
        } else {
            let why = String::from_utf8_lossy(&o.stderr).trim().to_string();
            Err(Failure::usage(format!(
                "`{spec}` is neither a corpus folder nor a git revision of {}{}",
                repo.display(),
                if why.is_empty() { String::new() } else { format!(": {why}") }
            )))
        }
    };
    let rev = format!("{spec}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &rev])?;
    let list = git(&["ls-tree", "-r", "--name-only", "--full-tree", spec, "--", "corpus", "annotations"])?;
    let mut files = Vec::new();
    for path in String::from_utf8_lossy(&list).lines() {
        files.push((path.to_string(), git(&["show", &format!("{spec}:{path}")])?));
    }
    Corpus::from_files(files).map_err(|e| Failure::usage(format!("{spec}: {e}")))
}
