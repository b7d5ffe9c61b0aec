//! `crocus validate`.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;
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
    #[arg(long, value_enum, default_value_t = OutFormat::Human)]
    format: OutFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Human,
    Json,
    Github,
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
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            validate::validate_files(&dir, &args.files)?
        }
    };
    let format = match args.format {
        OutFormat::Human => Format::Human,
        OutFormat::Json => Format::Json,
        OutFormat::Github => Format::Github,
    };
    let rendered = report.render(format, args.strict, color && std::io::stdout().is_terminal());
    crate::output::stdout(rendered.as_bytes())?;
    if report.is_valid(args.strict) {
        Ok(())
    } else {
        Err(Failure::silent(1))
    }
}
