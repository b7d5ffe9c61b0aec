//! `crocus agreement`: inter-annotator agreement of the raw passes.

use std::path::PathBuf;

use clap::ValueEnum;
use crocus_corpus::agreement;

use crate::Failure;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let dir = crate::root_dir(root).ok_or_else(|| {
        Failure::usage("agreement reads annotations/passes/ of a checkout: run it in one or pass --root")
    })?;
    let passes = dir.join("annotations/passes");
    let ents = agreement::entities(&passes.join("entities"))?;
    let claims_dir = passes.join("claims");
    let claims = if claims_dir.join("pass-a").is_dir() && claims_dir.join("pass-b").is_dir() {
        Some(agreement::claims(&claims_dir)?)
    } else {
        None
    };
    if args.format == Format::Json {
        let v = serde_json::json!({"entities": ents, "claims": claims});
        return crate::output::stdout((serde_json::to_string_pretty(&v).expect("serializes") + "\n").as_bytes());
    }
    let s = agreement::render(&ents, claims.as_ref(), args.format == Format::Markdown);
    crate::output::stdout(s.as_bytes())
}
