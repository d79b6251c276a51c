//! Every fixture through the real binary, whole output compared with its snapshot.

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{NOW, SYMLINK_LOOP, newsval, newsval_in, sorted_names};

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the fixture folder exists")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    entries.sort();
    entries
}

/// The whole output of `newsval check` on `target`, as its snapshot holds it.
fn transcript_of(target: &str) -> String {
    newsval(&["check", "--now", NOW, "--color", "never", target]).transcript()
}

/// The same, run in `dir`.
fn transcript_in(dir: &Path, target: &str) -> String {
    newsval_in(dir, &["check", "--now", NOW, "--color", "never", target]).transcript()
}

/// One snapshot per rule fixture: `bad.md`/`good.md`, or `bad/`/`good/` folders for
/// rules that need several files, or the symlink loop made at test time
/// ([`common::symlink_loop`]), shown under the same path.
#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rule in sorted_names(&root.join("fixtures/rules")) {
        for kind in ["bad", "good"] {
            let file = format!("fixtures/rules/{rule}/{kind}.md");
            let folder = format!("fixtures/rules/{rule}/{kind}");
            let transcript = if root.join(&file).exists() {
                transcript_of(&file)
            } else if folder == SYMLINK_LOOP {
                transcript_in(common::symlink_loop().path(), &folder)
            } else {
                transcript_of(&folder)
            };
            insta::assert_snapshot!(format!("{rule}-{kind}"), transcript);
        }
    }
}

/// Assorted real-world mistakes and hostile shapes, one snapshot each, checked one by one.
#[test]
fn case_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in sorted_names(&root.join("fixtures/cases")) {
        let shown = format!("fixtures/cases/{name}");
        insta::assert_snapshot!(format!("case-{name}"), transcript_of(&shown));
    }
}

/// The seed and its variants (CRLF, BOM, a body) are clean: exit 0, nothing reported.
/// Each is checked on its own: together they are, rightly, `duplicate-item`s.
#[test]
fn valid_fixtures_are_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["fixtures/valid", "fixtures/variants"] {
        for path in sorted_entries(&root.join(folder)) {
            let run = newsval(&["check", "--now", NOW, &path.to_string_lossy()]);
            assert_eq!(run.code, 0, "{}", run.transcript());
            assert_eq!(
                run.stdout,
                "Checked 1 file: no problems found.\n",
                "{}",
                path.display()
            );
        }
    }
}
