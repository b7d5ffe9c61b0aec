//! `crocus conflicts`.

use std::path::PathBuf;

use clap::ValueEnum;
use crocus_corpus::conflicts;

use crate::Failure;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let corpus = crate::load(root)?;
    let report = conflicts::report(&corpus);
    let out = match args.format {
        Format::Table => conflicts::table(&report),
        Format::Json => serde_json::to_string_pretty(&report).expect("serializes") + "\n",
    };
    crate::output::stdout(out.as_bytes())
}
