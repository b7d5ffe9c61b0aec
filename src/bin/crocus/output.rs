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
    let mut out = std::io::stdout().lock();
    match out.write_all(data).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Failure::usage(format!("cannot write to stdout: {e}"))),
    }
}

/// Writes `data` to `path` atomically: a temporary file in the same directory, then a rename, so a
/// reader never sees a partial file and a failure leaves the old file as it was.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<(), Failure> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Failure::usage(format!("{} is not a file path", path.display())))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Failure::usage(format!("cannot write {}: {e}", path.display()))
    })
}

/// Writes to `-`/nothing (stdout) or a file (atomically).
pub fn emit(out: Option<&Path>, data: &[u8]) -> Result<(), Failure> {
    match out {
        None => stdout(data),
        Some(p) if p.as_os_str() == "-" => stdout(data),
        Some(p) => write_atomic(p, data),
    }
}
