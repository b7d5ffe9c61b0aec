//! `crocus`: explore, validate, format and export the crocus-corpus.
//!
//! Exit status: 0 success, 1 invalid data (or a `--check` diff), 2 usage or I/O error. Data goes
//! to stdout, messages to stderr; a closed pipe ends the program quietly.

mod cmd_agreement;
mod cmd_conflicts;
mod cmd_diff;
mod cmd_eval;
mod cmd_export;
mod cmd_fmt;
mod cmd_import;
mod cmd_inspect;
mod cmd_validate;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crocus_corpus::Corpus;

#[derive(Parser)]
#[command(
    name = "crocus",
    version = version(),
    about = "Explore, validate and export the crocus-corpus (entities, claims, stance)",
    long_about = None,
    propagate_version = true,
    term_width = 100
)]
struct Cli {
    /// Corpus root (holds corpus/ and annotations/); default: the current directory when it is
    /// one, else the corpus compiled into this binary.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// When to use colour on stderr and the terminal.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

fn version() -> &'static str {
    crocus_corpus::VERSION_LINE
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the corpus, or the given annotation files or JSONL exports.
    Validate(cmd_validate::Args),
    /// Rewrite annotation files in canonical form (fills offsets of text-anchored spans).
    Fmt(cmd_fmt::Args),
    /// Read annotations made in another tool back into annotations/ (brat, INCEpTION's brat).
    Import(cmd_import::Args),
    /// The annotation changes between two corpus roots or git revisions (exit 1 when any).
    Diff(cmd_diff::Args),
    /// List the documents, one line each.
    List(cmd_inspect::ListArgs),
    /// Show one document with a layer's spans marked inline.
    Show(cmd_inspect::ShowArgs),
    /// Counts per document and label for every layer.
    Stats(cmd_inspect::StatsArgs),
    /// Export the corpus as JSONL, CoNLL-2003, CoNLL-U or brat standoff.
    Export(cmd_export::Args),
    /// For each proposition, the claims that answer it and the pairs that cannot both hold.
    Conflicts(cmd_conflicts::Args),
    /// Score prediction files against the corpus (entities, claims, stance).
    Eval(cmd_eval::Args),
    /// Inter-annotator agreement of the two blind passes in annotations/passes/.
    Agreement(cmd_agreement::Args),
    /// Render the corpus as one self-contained HTML page.
    Render(RenderArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
    /// Print a shipped JSON Schema (or list them).
    Schema(cmd_inspect::SchemaArgs),
}

#[derive(clap::Args)]
struct RenderArgs {
    /// Write HTML (the only format; the flag says what you get).
    #[arg(long, required = true)]
    html: bool,
    /// Output file (`-` or nothing: stdout).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only these documents (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    docs: Vec<String>,
}

#[derive(clap::Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

fn render(args: &RenderArgs, root: &Option<PathBuf>) -> Result<(), Failure> {
    let corpus = load(root)?;
    for id in &args.docs {
        if corpus.document(id).is_none() {
            let ids: Vec<&str> = corpus.iter().map(|d| d.id()).collect();
            return Err(Failure::usage(format!("no document `{id}`; the ids are: {}", ids.join(", "))));
        }
    }
    debug_assert!(args.html);
    output::emit(args.out.as_deref(), crocus_corpus::render::html(&corpus, &args.docs).as_bytes())
}

/// A failure that ends the program: exit 1 for invalid data, 2 for usage and I/O.
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Usage or I/O error (exit 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: message.into() }
    }
    /// Invalid data (exit 1).
    pub fn data(message: impl Into<String>) -> Failure {
        Failure { code: 1, message: message.into() }
    }
    /// The same failure with `suffix` added to its message.
    pub fn with_suffix(mut self, suffix: &str) -> Failure {
        self.message.push_str(suffix);
        self
    }
    /// Exit 1 with nothing more to say (the output already said it).
    pub fn silent(code: u8) -> Failure {
        Failure { code, message: String::new() }
    }
}

impl From<crocus_corpus::Error> for Failure {
    fn from(e: crocus_corpus::Error) -> Failure {
        if e.kind().is_io() {
            Failure::usage(e.to_string())
        } else {
            Failure::data(e.to_string())
        }
    }
}

/// The corpus root the command works on: `--root`, or the current directory when it holds a corpus.
pub fn root_dir(root: &Option<PathBuf>) -> Option<PathBuf> {
    match root {
        Some(r) => Some(r.clone()),
        None => {
            let cwd = std::env::current_dir().ok()?;
            (cwd.join("corpus").is_dir() && cwd.join("annotations").is_dir()).then_some(cwd)
        }
    }
}

/// Loads the corpus the command works on.
pub fn load(root: &Option<PathBuf>) -> Result<std::borrow::Cow<'static, Corpus>, Failure> {
    match root_dir(root) {
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Failure::usage(format!(
                    "{} is not a directory; --root names a corpus root",
                    dir.display()
                )));
            }
            Ok(std::borrow::Cow::Owned(Corpus::from_dir(&dir)?))
        }
        None => Ok(std::borrow::Cow::Borrowed(Corpus::embedded())),
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let color = output::color_enabled(cli.color);
    let result = match &cli.command {
        Command::Validate(a) => cmd_validate::run(a, &cli.root, color),
        Command::Fmt(a) => cmd_fmt::run(a, &cli.root),
        Command::Import(a) => cmd_import::run(a, &cli.root),
        Command::Diff(a) => cmd_diff::run(a, &cli.root),
        Command::List(a) => cmd_inspect::list(a, &cli.root),
        Command::Show(a) => cmd_inspect::show(a, &cli.root, cli.color),
        Command::Stats(a) => cmd_inspect::stats(a, &cli.root),
        Command::Schema(a) => cmd_inspect::schema(a),
        Command::Render(a) => render(a, &cli.root),
        Command::Completions(a) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(a.shell, &mut cmd, "crocus", &mut buf);
            output::stdout(&buf)
        }
        Command::Man => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf) {
                Ok(()) => output::stdout(&buf),
                Err(e) => Err(Failure::usage(format!("cannot render the man page: {e}"))),
            }
        }
        Command::Agreement(a) => cmd_agreement::run(a, &cli.root),
        Command::Export(a) => cmd_export::run(a, &cli.root),
        Command::Conflicts(a) => cmd_conflicts::run(a, &cli.root),
        Command::Eval(a) => cmd_eval::run(a, &cli.root),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("crocus: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}
