//! `crocus eval`: score prediction files against the corpus (docs/evaluation.md).

use std::path::PathBuf;

use clap::ValueEnum;
use crocus_corpus::eval::{self, Options};
use crocus_corpus::export::LabelSet;

use crate::Failure;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Labels {
    /// The 18 OntoNotes 5.0 labels.
    Ontonotes,
    /// CoNLL-2003's PER, ORG, LOC, MISC (gold and OntoNotes predictions mapped).
    Conll2003,
}

#[derive(clap::Args)]
pub struct Args {
    /// Prediction files: flat record JSONL (as dist/entities.jsonl, claims.jsonl,
    /// stances.jsonl), document JSONL (as dist/crocus.jsonl), CoNLL-2003 or CoNLL-U.
    #[arg(required = true, value_name = "PRED")]
    predictions: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Entity label set to score on.
    #[arg(long, value_enum, default_value_t = Labels::Ontonotes)]
    labels: Labels,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let corpus = crate::load(root)?;
    let mut files = Vec::new();
    for p in &args.predictions {
        let content =
            std::fs::read_to_string(p).map_err(|e| Failure::usage(format!("cannot read {}: {e}", p.display())))?;
        files.push((p.clone(), content));
    }
    let labels = match args.labels {
        Labels::Ontonotes => LabelSet::OntoNotes,
        Labels::Conll2003 => LabelSet::Conll2003,
    };
    let report = eval::evaluate(&corpus, &files, &Options { labels }).map_err(|errors| {
        let n = errors.len();
        let mut msg = String::new();
        for e in &errors {
            msg.push_str(&e.to_string());
            msg.push('\n');
        }
        msg.push_str(&format!(
            "crocus: {n} problem{} in the predictions; nothing scored",
            if n == 1 { "" } else { "s" }
        ));
        Failure::data(msg)
    })?;
    let out = match args.format {
        Format::Table => report.table(),
        Format::Json => report.json(),
        Format::Markdown => report.markdown(),
    };
    crate::output::stdout(out.as_bytes())
}
