//! Line-oriented input read in batches and processed on every core, results in input order.
//!
//! Why it exists: `crocus validate FILE.jsonl` and `crocus export --input FILE.jsonl` both go
//! through files far larger than the corpus, record by record. Reading whole lines in chunks of
//! about a megabyte keeps memory flat in the file size (a few batches in flight per thread) and
//! costs one copy and no allocation per line; mapping a window of batches on a `rayon` pool with an
//! order-keeping `collect` makes the output the same as a sequential run.

use std::io::Read;

use rayon::prelude::*;

/// Whole lines read in one go: the number of the first, and their bytes.
pub(crate) struct Batch {
    first_line: usize,
    bytes: Vec<u8>,
}

/// Reads whole lines in chunks of about [`Batch::BYTES`]: one copy out of the reader, no
/// allocation per line.
pub(crate) struct Batches<R> {
    reader: R,
    /// The start of a line whose end has not been read yet.
    carry: Vec<u8>,
    next_line: usize,
    done: bool,
}

impl Batch {
    const BYTES: usize = 1 << 20;

    /// The lines, each with its number and without its `\n`.
    pub(crate) fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let bytes = self.bytes.strip_suffix(b"\n").unwrap_or(&self.bytes);
        bytes.split(|b| *b == b'\n').enumerate().map(|(i, l)| (self.first_line + i, l))
    }
}

impl<R: Read> Batches<R> {
    pub(crate) fn new(reader: R) -> Self {
        Batches { reader, carry: Vec::new(), next_line: 1, done: false }
    }

    /// The next batch, or `None` at the end of the input.
    ///
    /// # Errors
    /// When reading fails.
    pub(crate) fn next_batch(&mut self) -> std::io::Result<Option<Batch>> {
        if self.done {
            return Ok(None);
        }
        let mut bytes = std::mem::take(&mut self.carry);
        let mut filled = bytes.len();
        let mut scanned = 0;
        let cut = loop {
            // A batch ends after the last newline read once it holds enough bytes.
            if filled >= Batch::BYTES {
                if let Some(nl) = bytes[scanned..filled].iter().rposition(|b| *b == b'\n') {
                    break scanned + nl + 1;
                }
                scanned = filled;
            }
            if bytes.len() - filled < Batch::BYTES / 16 {
                bytes.resize(filled + Batch::BYTES.max(filled / 2), 0);
            }
            let n = loop {
                match self.reader.read(&mut bytes[filled..]) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    r => break r?,
                }
            };
            filled += n;
            if n == 0 {
                self.done = true;
                break filled;
            }
        };
        bytes.truncate(filled);
        self.carry = bytes[cut..].to_vec();
        bytes.truncate(cut);
        if bytes.is_empty() {
            return Ok(None);
        }
        let batch = Batch { first_line: self.next_line, bytes };
        self.next_line += batch.bytes.iter().filter(|b| **b == b'\n').count();
        if self.done && !batch.bytes.ends_with(b"\n") {
            self.next_line += 1;
        }
        Ok(Some(batch))
    }
}

/// Maps every batch of `batches` (after the already-read `first`) with `map` on `threads`
/// threads, and hands the results to `sink` in input order. Stops at the first error of `sink` or
/// of reading, and returns it.
///
/// The batches are mapped by a `rayon` pool of `threads` threads, a window of `2 × threads`
/// batches at a time (`par_iter().map().collect()` keeps their order); memory holds that window,
/// not the file.
///
/// # Errors
/// The first error `sink` returns, or a read error.
pub(crate) fn map_ordered<R, T, E>(
    batches: &mut Batches<R>,
    first: Vec<Batch>,
    threads: usize,
    map: impl Fn(&Batch) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    R: Read,
    T: Send,
    E: From<std::io::Error>,
{
    for batch in first {
        sink(map(&batch))?;
    }
    if threads <= 1 {
        while let Some(batch) = batches.next_batch()? {
            sink(map(&batch))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| std::io::Error::other(format!("cannot start {threads} threads: {e}")))?;
    let window = threads * 2;
    let mut pending: Vec<Batch> = Vec::with_capacity(window);
    loop {
        pending.clear();
        while pending.len() < window {
            match batches.next_batch()? {
                Some(batch) => pending.push(batch),
                None => break,
            }
        }
        if pending.is_empty() {
            return Ok(());
        }
        let results: Vec<T> = pool.install(|| pending.par_iter().map(&map).collect());
        for r in results {
            sink(r)?;
        }
    }
}
