//! `crocus validate`.

use std::io::IsTerminal;
use std::path::PathBuf;

use crocus_corpus::validate::{self, Format, Report};

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Annotation or registry files to validate against the root's texts (default: the whole corpus).
    files: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Threads for JSONL files (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

pub fn run(args: &Args, root: &Option<PathBuf>, color: bool) -> Result<(), Failure> {
    let report: Report = match (crate::root_dir(root), args.files.is_empty()) {
        (Some(dir), true) => {
            if !dir.is_dir() {
                return Err(Failure::usage(format!(
                    "{} is not a directory; --root names a corpus root",
                    dir.display()
                )));
            }
            validate::validate_root(&dir)?
        }
        (None, true) => validate::validate_embedded(),
        (dir, false) => {
            let (jsonl, json): (Vec<PathBuf>, Vec<PathBuf>) =
                args.files.iter().cloned().partition(|f| f.extension().is_some_and(|x| x == "jsonl"));
            let mut report = Report::default();
            if !json.is_empty() {
                let dir = dir.unwrap_or_else(|| PathBuf::from("."));
                report.diagnostics.extend(validate::validate_files(&dir, &json)?.diagnostics);
            }
            for f in &jsonl {
                let shown = f.display().to_string();
                let file = std::fs::File::open(f).map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
                let threads =
                    args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
                let r = validate::validate_jsonl_with(&shown, std::io::BufReader::new(file), threads)
                    .map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
                report.diagnostics.extend(r.diagnostics);
            }
            report.sort();
            report
        }
    };
    let rendered = report.render(args.format, args.strict, color && std::io::stdout().is_terminal());
    crate::output::stdout(rendered.as_bytes())?;
    if report.is_valid(args.strict) {
        Ok(())
    } else {
        Err(Failure::silent(1))
    }
}
