//! Writing output: stdout that ends quietly on a closed pipe, files written atomically, colour.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::{ColorChoice, Failure};

/// Whether to colour output on a terminal (stdout), honouring `NO_COLOR`.
pub fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// Writes `data` to stdout; a closed pipe ends the program quietly with success.
pub fn stdout(data: &[u8]) -> Result<(), Failure> {
    let mut out = QuietStdout(std::io::stdout().lock());
    out.write_all(data).and_then(|()| out.flush()).map_err(|e| Failure::usage(format!("cannot write to stdout: {e}")))
}

/// Writes `data` to `path` atomically: a temporary file in the same directory, then a rename, so a
/// reader never sees a partial file and a failure leaves the old file as it was.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), Failure> {
    to_file(path, |w| w.write_all(data).map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display()))))
}

/// Writes to `-`/nothing (stdout) or a file (atomically).
pub fn emit(out: Option<&Path>, data: &[u8]) -> Result<(), Failure> {
    match out {
        None => stdout(data),
        Some(p) if p.as_os_str() == "-" => stdout(data),
        Some(p) => write_atomic(p, data),
    }
}

/// A writer to stdout that ends the program quietly on a closed pipe, like [`stdout`].
struct QuietStdout<'a>(std::io::StdoutLock<'a>);

impl Write for QuietStdout<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r,
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r,
        }
    }
}

/// Streams output to `-`/nothing (stdout) or a file: `write` gets a buffered writer. A file is
/// written to a temporary file beside it and renamed into place only when `write` succeeds, so a
/// failure partway leaves no partial file and the old file as it was.
pub fn stream<T>(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<T, Failure>) -> Result<T, Failure> {
    let Some(path) = out.filter(|p| p.as_os_str() != "-") else {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, QuietStdout(std::io::stdout().lock()));
        let t = write(&mut w)?;
        w.flush().map_err(|e| Failure::usage(format!("cannot write to stdout: {e}")))?;
        return Ok(t);
    };
    to_file(path, write)
}

/// Runs `write` on a buffered writer to a temporary file beside `path` (`tempfile`'s
/// `NamedTempFile`, created with a unique name), then syncs it and persists it into place with an
/// atomic rename; on any failure the temporary file is removed when dropped and `path` is left as
/// it was.
fn to_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T, Failure>) -> Result<T, Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Failure::usage(format!("{} is not a file path", path.display())))?;
    let io = |e: std::io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    let t = write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| io(e.into_error()))?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(t)
}
