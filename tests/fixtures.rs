//! Every fixture through the real binary, whole output compared with its snapshot.

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{NOW, newsval};

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the fixture folder exists")
        .map(|e| e.expect("a readable entry").path())
        .collect();
    entries.sort();
    entries
}

/// One snapshot per rule fixture: `bad.md`/`good.md`, or `bad/`/`good/` folders for
/// rules that need several files or a file git cannot hold as text (a symlink loop).
#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in sorted_entries(&root.join("fixtures/rules")) {
        let rule = dir
            .file_name()
            .expect("a named folder")
            .to_string_lossy()
            .into_owned();
        for kind in ["bad", "good"] {
            let file = format!("fixtures/rules/{rule}/{kind}.md");
            let folder = format!("fixtures/rules/{rule}/{kind}");
            let target = if root.join(&file).exists() {
                file
            } else {
                folder
            };
            let run = newsval(&["check", "--now", NOW, "--color", "never", &target]);
            insta::assert_snapshot!(format!("{rule}-{kind}"), run.transcript());
        }
    }
}

/// Assorted real-world mistakes and hostile shapes, one snapshot each, checked one by one.
#[test]
fn case_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in sorted_entries(&root.join("fixtures/cases")) {
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let shown = format!("fixtures/cases/{name}");
        let run = newsval(&["check", "--now", NOW, "--color", "never", &shown]);
        insta::assert_snapshot!(format!("case-{name}"), run.transcript());
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
