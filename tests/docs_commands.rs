//! Every command the documentation shows runs, end to end, against the built `crocus`.
//!
//! The documentation is README.md, CONTRIBUTING.md and every `docs/*.md`. In them, every line of
//! a fenced code block whose language is `sh`, `shell`, `bash` or `console` is a command (in a
//! `console` block, only the lines that start with the prompt `$ `), and it must exit 0. The
//! convention, for authors (CONTRIBUTING.md, "Documented commands are tests"):
//!
//! - a trailing comment may carry `[exit N]`: the command must exit with status N instead;
//! - or `[skip: reason]`: the command is not run (it needs the network, a git remote, or is the
//!   test command itself), and the reason says why;
//! - a synopsis (`crocus export --format jsonl|conll [--out PATH]`) goes in a `text` block;
//! - `cargo run [--release] --features cli -- ARGS` runs as `crocus ARGS`, the binary this test
//!   was built with.
//!
//! Each block runs in a fresh scratch directory holding a copy of the repository's `corpus/`,
//! `annotations/`, `schema/`, `dist/`, `baselines/` and `tests/fixtures/` (what a command that reads or writes files in a checkout
//! sees), its lines in order with `bash -e -o pipefail`, the `crocus` under test first on `PATH`
//! and `NO_COLOR` set.

#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One documented command.
#[derive(Debug, PartialEq)]
struct DocCommand {
    /// `FILE:LINE` of the command in the documentation.
    at: String,
    /// The command as bash runs it (after the `cargo run` rewrite).
    run: String,
    /// The exit status it must end with.
    exit: i32,
    /// Why it is not run, if it is not.
    skip: Option<String>,
    /// Which block of its file it is in (commands of one block share a scratch directory).
    block: usize,
}

const SHELL_LANGUAGES: &[&str] = &["sh", "shell", "bash", "console"];

/// The marker `[NAME: VALUE]` or `[NAME VALUE]` in a line's trailing comment.
fn marker<'a>(comment: &'a str, name: &str) -> Option<&'a str> {
    let start = comment.find(&format!("[{name}"))? + name.len() + 1;
    let end = comment[start..].find(']')? + start;
    Some(comment[start..end].trim_start_matches(':').trim())
}

/// The trailing comment of a shell line: from the first ` #` outside quotes.
fn split_comment(line: &str) -> (&str, &str) {
    let (mut single, mut double) = (false, false);
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'#' if !single && !double && (i == 0 || bytes[i - 1].is_ascii_whitespace()) => {
                return (line[..i].trim_end(), &line[i..]);
            }
            _ => {}
        }
    }
    (line.trim_end(), "")
}

/// `cargo run [--release] --features cli -- ARGS` becomes `crocus ARGS`.
fn rewrite_cargo_run(command: &str) -> String {
    let mut out = String::new();
    let mut rest = command;
    while let Some(i) = rest.find("cargo run") {
        let Some(dashes) = rest[i..].find(" -- ") else { break };
        let invocation = &rest[i..i + dashes];
        out += &rest[..i];
        if invocation.contains("--features cli") {
            out += "crocus ";
        } else {
            out += &rest[i..i + dashes + 4];
        }
        rest = &rest[i + dashes + 4..];
    }
    out + rest
}

/// Every command of the fenced shell blocks of one Markdown file.
fn extract(file: &str, markdown: &str) -> Vec<DocCommand> {
    let mut commands = Vec::new();
    let mut fence: Option<(String, bool)> = None; // (the fence, whether it is a shell block)
    let mut console = false;
    let mut block = 0;
    let mut pending = String::new();
    let mut pending_line = 0;
    for (n, raw) in markdown.lines().enumerate() {
        let trimmed = raw.trim_start();
        match &fence {
            None => {
                for f in ["```", "~~~"] {
                    if let Some(info) = trimmed.strip_prefix(f) {
                        let ticks = f.chars().next().unwrap();
                        let len = f.len() + info.chars().take_while(|&c| c == ticks).count();
                        let language = info.trim_start_matches(ticks).split([' ', ',', '{']).next().unwrap_or("");
                        let shell = SHELL_LANGUAGES.contains(&language);
                        console = language == "console";
                        block += usize::from(shell);
                        fence = Some((ticks.to_string().repeat(len), shell));
                        break;
                    }
                }
            }
            Some((f, shell)) => {
                if trimmed.starts_with(f.as_str())
                    && trimmed.trim_start_matches(f.chars().next().unwrap()).trim().is_empty()
                {
                    fence = None;
                    continue;
                }
                if !shell {
                    continue;
                }
                let mut line = raw.trim();
                if console {
                    match line.strip_prefix("$ ") {
                        Some(l) => line = l,
                        None if pending.is_empty() => continue, // output
                        None => {}
                    }
                }
                if pending.is_empty() {
                    pending_line = n + 1;
                }
                if let Some(cont) = line.strip_suffix('\\') {
                    pending += cont;
                    pending.push(' ');
                    continue;
                }
                pending += line;
                let full = std::mem::take(&mut pending);
                let (command, comment) = split_comment(&full);
                if command.is_empty() {
                    continue;
                }
                let exit = marker(comment, "exit")
                    .map_or(0, |v| v.parse().unwrap_or_else(|_| panic!("{file}:{}: [exit N]", n + 1)));
                commands.push(DocCommand {
                    at: format!("{file}:{pending_line}"),
                    run: rewrite_cargo_run(command),
                    exit,
                    skip: marker(comment, "skip").map(str::to_string),
                    block,
                });
            }
        }
    }
    commands
}

/// The documentation files, in a fixed order.
fn documentation() -> Vec<PathBuf> {
    let root = Path::new(ROOT);
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|dir| dir.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect())
        .unwrap_or_default();
    docs.sort();
    let mut files = vec![root.join("README.md"), root.join("CONTRIBUTING.md")];
    files.extend(docs);
    files
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["corpus", "annotations", "schema", "dist", "baselines", "tests/fixtures"] {
        let from = Path::new(ROOT).join(sub);
        if from.is_dir() {
            copy_dir(&from, &dir.path().join(sub));
        }
    }
    dir
}

#[test]
fn every_documented_command_runs() {
    let crocus = Path::new(env!("CARGO_BIN_EXE_crocus"));
    let path = std::env::join_paths(
        std::iter::once(crocus.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let mut failures = Vec::new();
    let (mut ran, mut skipped) = (0, 0);
    for file in documentation() {
        let Ok(markdown) = std::fs::read_to_string(&file) else { continue };
        let name = file.strip_prefix(ROOT).unwrap().display().to_string();
        let commands = extract(&name, &markdown);
        let mut dir: Option<(usize, tempfile::TempDir)> = None;
        for c in commands {
            if let Some(reason) = &c.skip {
                assert!(!reason.is_empty(), "{}: [skip: ...] needs a reason", c.at);
                skipped += 1;
                continue;
            }
            if dir.as_ref().is_none_or(|(b, _)| *b != c.block) {
                dir = Some((c.block, scratch()));
            }
            let cwd = dir.as_ref().unwrap().1.path();
            let out = Command::new("bash")
                .args(["-e", "-o", "pipefail", "-c", &c.run])
                .current_dir(cwd)
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .stdin(Stdio::null())
                .output()
                .unwrap();
            ran += 1;
            let status = out.status.code().unwrap_or(-1);
            if status != c.exit {
                let stderr = String::from_utf8_lossy(&out.stderr);
                failures.push(format!(
                    "{}: `{}` exited {status}, expected {}\n{}",
                    c.at,
                    c.run,
                    c.exit,
                    stderr.trim_end()
                ));
            }
        }
    }
    println!("documented commands: {ran} ran, {skipped} skipped");
    assert!(failures.is_empty(), "{} documented commands failed:\n\n{}", failures.len(), failures.join("\n\n"));
    // The README alone documents more than this; fewer means the extraction broke.
    assert!(ran >= 15, "only {ran} documented commands found");
}

#[test]
fn the_readme_commands_are_found() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let commands = extract("README.md", &readme);
    let runs: Vec<&str> = commands.iter().map(|c| c.run.as_str()).collect();
    // The main job, rewritten to the binary under test.
    assert!(runs.contains(&"crocus validate --strict && crocus export --format jsonl --out corpus.jsonl"), "{runs:#?}");
    // The test command is documented, and skipped with its reason.
    let ci = commands.iter().find(|c| c.run == "bash .ci/run").expect("bash .ci/run");
    assert!(ci.skip.is_some());
    // A synopsis in a `text` block is not a command.
    assert!(!runs.iter().any(|r| r.contains("jsonl|conll")), "{runs:#?}");
}

#[test]
fn the_convention() {
    let md = "intro\n\n```sh\n# a comment line\ncrocus list   # one line each\ncrocus validate bad.json  # [exit 1] E012\n\
              cargo install crocus-corpus --features cli  # [skip: needs crates.io]\ncrocus export \\\n  --format conll\n```\n\n\
              ```text\ncrocus export --format jsonl|conll\n```\n\n```console\n$ cargo run --release --features cli -- stats\n\
              output line\n$ echo '# not a comment' | crocus validate --input -\n```\n\n```json\n{\"a\": 1}\n```\n";
    let got = extract("x.md", md);
    let at = |n: usize, run: &str, exit: i32, skip: Option<&str>, block: usize| DocCommand {
        at: format!("x.md:{n}"),
        run: run.into(),
        exit,
        skip: skip.map(str::to_string),
        block,
    };
    assert_eq!(
        got,
        vec![
            at(5, "crocus list", 0, None, 1),
            at(6, "crocus validate bad.json", 1, None, 1),
            at(7, "cargo install crocus-corpus --features cli", 0, Some("needs crates.io"), 1),
            at(8, "crocus export  --format conll", 0, None, 1),
            at(17, "crocus stats", 0, None, 2),
            at(19, "echo '# not a comment' | crocus validate --input -", 0, None, 2),
        ]
    );
}
