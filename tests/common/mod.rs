//! Helpers shared by the integration tests that drive the `crocus` binary in a scratch corpus root.
// Each test crate uses some of them.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs the `crocus` under test in `dir`, without colour.
pub fn crocus_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crocus")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

/// Output bytes as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.path().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}
