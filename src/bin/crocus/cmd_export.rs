//! `crocus export`.

use std::path::{Path, PathBuf};

use crocus_corpus::export::{self, Format, LabelSet, Options, RecordKind, StreamFormat, TagScheme};
use crocus_corpus::model::OffsetUnit;

use crate::Failure;

#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum)]
    format: Format,
    /// Output file (`-` or nothing: stdout); for brat, a directory (required).
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Only these documents (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    docs: Vec<String>,
    /// Entity label set (token formats).
    #[arg(long, value_enum, default_value_t = LabelSet::OntoNotes)]
    labels: LabelSet,
    /// Tagging scheme (token formats).
    #[arg(long, value_enum, default_value_t = TagScheme::Iob2)]
    scheme: TagScheme,
    /// Offset unit of spans (JSONL).
    #[arg(long, value_enum, default_value_t = OffsetUnit::Codepoint)]
    offsets: OffsetUnit,
    /// Record kind (JSONL): whole documents, or one flat record per annotation.
    #[arg(long, value_enum, default_value_t = RecordKind::Documents)]
    record: RecordKind,
    /// Export the document records of this JSONL file (a document export, e.g. a contributor's;
    /// `-` for stdin) instead of the corpus, streaming record by record (jsonl, conll, conllu).
    #[arg(long, value_name = "FILE.jsonl")]
    input: Option<PathBuf>,
    /// Threads for --input (default: every core).
    #[arg(long, value_name = "N", requires = "input")]
    threads: Option<usize>,
}

pub fn run(args: &Args, root: &Option<PathBuf>) -> Result<(), Failure> {
    let options = options(args);
    if let Some(input) = &args.input {
        return run_stream(args, input, &options);
    }
    let corpus = crate::load(root)?;
    for id in &args.docs {
        if corpus.document(id).is_none() {
            let ids: Vec<&str> = corpus.iter().map(|d| d.id()).collect();
            return Err(Failure::usage(format!("no document `{id}`; the ids are: {}", ids.join(", "))));
        }
    }
    let out = args.out.as_deref();
    match args.format {
        Format::Jsonl => crate::output::emit(out, export::jsonl_records(&corpus, &options, args.record).as_bytes()),
        Format::Conll => crate::output::emit(out, export::conll(&corpus, &options).as_bytes()),
        Format::Conllu => crate::output::emit(out, export::conllu(&corpus, &options).as_bytes()),
        Format::Brat => {
            let dir = out
                .filter(|p| p.as_os_str() != "-")
                .ok_or_else(|| Failure::usage("brat writes a directory of .txt/.ann files: give it with --out DIR"))?;
            write_dir(dir, &export::brat(&corpus, &options))
        }
    }
}

/// `--input`: the records of a JSONL file, streamed to the output.
fn run_stream(args: &Args, input: &Path, options: &Options) -> Result<(), Failure> {
    let format = match args.format {
        Format::Jsonl => StreamFormat::Jsonl(args.record),
        Format::Conll => StreamFormat::Conll,
        Format::Conllu => StreamFormat::Conllu,
        Format::Brat => {
            return Err(Failure::usage(
                "brat has no stream form (its configuration files list the corpus-wide targets); \
                 export brat from a corpus root",
            ))
        }
    };
    let stdin = input.as_os_str() == "-";
    let shown = if stdin { "<stdin>".to_string() } else { input.display().to_string() };
    let reader: Box<dyn std::io::BufRead> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(input).map_err(|e| Failure::usage(format!("cannot read {shown}: {e}")))?;
        Box::new(std::io::BufReader::new(file))
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let summary = crate::output::stream(args.out.as_deref(), |w| {
        export::stream::export(reader, w, format, options, threads).map_err(|e| {
            let hint =
                if e.kind().is_io() { "" } else { "; `crocus validate FILE.jsonl` lists every problem of the file" };
            Failure::from(e.in_file(&shown)).with_suffix(hint)
        })
    })?;
    if summary.records == 0 {
        return Err(Failure::data(format!("{shown} holds no document record")));
    }
    if !args.docs.is_empty() && summary.exported < args.docs.len() {
        return Err(Failure::data(format!(
            "{shown}: --docs asks for {} documents, the file holds {} of them",
            args.docs.len(),
            summary.exported
        )));
    }
    Ok(())
}

fn options(args: &Args) -> Options {
    Options { docs: args.docs.clone(), labels: args.labels, scheme: args.scheme, offsets: args.offsets }
}

/// Writes the files into a fresh temporary directory beside `dir` (`tempfile`'s `TempDir`, removed
/// on failure), then swaps it in, so `dir` is never left half-written.
fn write_dir(dir: &Path, files: &[export::BratFile]) -> Result<(), Failure> {
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = dir.file_name().ok_or_else(|| Failure::usage(format!("{} is not a directory path", dir.display())))?;
    let io = |e: std::io::Error, what: &Path| Failure::usage(format!("cannot write {}: {e}", what.display()));
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::usage(format!("{} exists and is not a directory", dir.display())));
    }
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .tempdir_in(parent)
        .map_err(|e| io(e, parent))?;
    for f in files {
        std::fs::write(tmp.path().join(&f.name), &f.contents).map_err(|e| io(e, &tmp.path().join(&f.name)))?;
    }
    // The old directory moves aside into the temporary one's place, so it is removed with it.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{}.old.", name.to_string_lossy()))
        .tempdir_in(parent)
        .map_err(|e| io(e, parent))?;
    let aside = old.path().join("old");
    if dir.exists() {
        std::fs::rename(dir, &aside).map_err(|e| io(e, dir))?;
    }
    if let Err(e) = std::fs::rename(tmp.path(), dir) {
        if aside.exists() {
            let _ = std::fs::rename(&aside, dir);
        }
        return Err(io(e, dir));
    }
    // `tmp` is now `dir`: forget it rather than remove it.
    let _ = tmp.keep();
    Ok(())
}
