//! Helpers shared by the end-to-end tests: run the real binary, capture everything.

#![allow(dead_code, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The clock every snapshot is taken at, so `future-date` never depends on today.
pub(crate) const NOW: &str = "2026-01-01T00:00:00Z";

pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr in one text, as a snapshot wants it.
    pub(crate) fn transcript(&self) -> String {
        let mut text = format!("exit: {}\n--- stdout\n{}", self.code, self.stdout);
        if !self.stderr.is_empty() {
            text.push_str("--- stderr\n");
            text.push_str(&self.stderr);
        }
        text
    }

    /// One file checked and nothing found, exit 0.
    pub(crate) fn assert_one_clean_file(&self) {
        assert_eq!(
            (self.code, self.stdout.as_str()),
            (0, "Checked 1 file: no problems found.\n"),
            "{}",
            self.transcript()
        );
    }

    /// A usage error (exit 2) whose message proposes `suggestion`.
    pub(crate) fn assert_suggests(&self, suggestion: &str) {
        assert_eq!(self.code, 2, "{}", self.transcript());
        let hint = format!("did you mean `{suggestion}`?");
        assert!(self.stderr.contains(&hint), "{}", self.stderr);
    }
}

/// Where the `unreadable-file` bad fixture sits: a folder holding `loop.md -> loop.md`.
pub(crate) const SYMLINK_LOOP: &str = "fixtures/rules/unreadable-file/bad";

/// A temporary folder holding the `unreadable-file` bad fixture at [`SYMLINK_LOOP`], a
/// symlink that points at itself. It is made here, not committed: `cargo package`
/// follows every link in the tree and fails on a loop, so a committed one would keep the
/// crate off crates.io. Run newsval in this folder and it names the file as before.
pub(crate) fn symlink_loop() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("a temporary folder");
    let dir = root.path().join(SYMLINK_LOOP);
    std::fs::create_dir_all(&dir).expect("the fixture folder");
    std::os::unix::fs::symlink("loop.md", dir.join("loop.md")).expect("a symlink");
    root
}

pub(crate) fn newsval(args: &[&str]) -> Run {
    newsval_with_stdin(args, None)
}

pub(crate) fn newsval_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run(args, stdin, None)
}

/// Runs newsval with `dir` as its working directory (config discovery, relative paths).
pub(crate) fn newsval_in(dir: &Path, args: &[&str]) -> Run {
    run(args, None, Some(dir))
}

fn run(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsval"));
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsval binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes).expect("stdin accepts the bytes");
    }
    let output = child.wait_with_output().expect("newsval finishes");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The names of the entries of `dir`, sorted.
pub(crate) fn sorted_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder exists")
        .map(|e| {
            e.expect("a readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}
