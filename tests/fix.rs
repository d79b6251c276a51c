//! `--fix`, `--unsafe-fixes` and `--diff` on copies of the fixtures: what each repairs,
//! that a second run changes nothing, that guesses wait for `--unsafe-fixes`, that
//! `--diff` writes nothing, and that a valid file keeps every byte.

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{NOW, newsval_in};

const SEED: &str = "fixtures/valid/000_6dff586fa6765838.txt";

/// Copies `fixtures` into a fresh folder; returns it and the copies' names.
fn copies(fixtures: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = fixtures
        .iter()
        .map(|fixture| {
            let name = Path::new(fixture)
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            std::fs::copy(fixture, dir.path().join(&name)).expect("copy");
            name
        })
        .collect();
    (dir, names)
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).expect("read")
}

fn run(dir: &Path, flags: &[&str], names: &[String]) -> common::Run {
    let mut args = vec!["check", "--now", NOW];
    args.extend(flags);
    args.extend(names.iter().map(String::as_str));
    newsval_in(dir, &args)
}

/// The seed with another originalUrl, as the fixture that was made from it has.
fn seed_with_url(url: &str, crlf: bool) -> Vec<u8> {
    let seed = std::fs::read_to_string(SEED).expect("seed");
    let text: String = seed
        .lines()
        .map(|line| {
            let line = if line.starts_with("originalUrl: ") {
                format!("originalUrl: \"{url}\"")
            } else {
                line.to_owned()
            };
            format!("{line}{}", if crlf { "\r\n" } else { "\n" })
        })
        .collect();
    text.into_bytes()
}

#[test]
fn fix_repairs_the_safe_problems_and_a_second_run_changes_nothing() {
    let (dir, names) = copies(&["fixtures/fixes/safe.md", "fixtures/fixes/safe-crlf.md"]);
    let first = run(dir.path(), &["--fix"], &names);
    assert_eq!(first.code, 0, "{}", first.transcript());
    insta::assert_snapshot!("fix-safe", first.transcript());
    let seed = std::fs::read(SEED).expect("seed");
    assert_eq!(read(dir.path(), "safe.md"), seed);
    assert_eq!(
        read(dir.path(), "safe-crlf.md"),
        seed_with_url("https://www.axios.com/2022/09/12/crlf", true)
    );
    let again = run(dir.path(), &["--fix", "--unsafe-fixes"], &names);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert!(
        again.stdout.ends_with("Fixed 0 problems.\n"),
        "{}",
        again.stdout
    );
    assert_eq!(read(dir.path(), "safe.md"), seed);
}

#[test]
fn guesses_wait_for_unsafe_fixes() {
    let (dir, names) = copies(&["fixtures/fixes/unsafe.md"]);
    let before = read(dir.path(), "unsafe.md");
    let safe = run(dir.path(), &["--fix"], &names);
    assert_eq!(safe.code, 1);
    assert!(
        safe.stdout
            .ends_with("Fixed 0 problems; 4 more fixable with --unsafe-fixes.\n"),
        "{}",
        safe.stdout
    );
    assert_eq!(read(dir.path(), "unsafe.md"), before);
    let guessed = run(dir.path(), &["--fix", "--unsafe-fixes"], &names);
    assert_eq!(guessed.code, 0, "{}", guessed.transcript());
    assert_eq!(
        read(dir.path(), "unsafe.md"),
        seed_with_url("https://www.axios.com/2022/09/12/unsafe", false)
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let (dir, names) = copies(&["fixtures/fixes/safe.md", "fixtures/fixes/unsafe.md"]);
    let before: Vec<Vec<u8>> = names.iter().map(|n| read(dir.path(), n)).collect();
    let diff = run(dir.path(), &["--diff", "--unsafe-fixes"], &names);
    assert_eq!(diff.code, 1);
    insta::assert_snapshot!("diff", diff.transcript());
    let after: Vec<Vec<u8>> = names.iter().map(|n| read(dir.path(), n)).collect();
    assert_eq!(before, after);
    let (clean, seed) = copies(&[SEED]);
    let nothing = run(clean.path(), &["--diff"], &seed);
    assert_eq!((nothing.code, nothing.stdout.as_str()), (0, ""));
}

/// Every valid fixture (CRLF, BOM, a body, comments) keeps every byte.
#[test]
fn valid_files_keep_every_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<PathBuf> = Vec::new();
    for folder in [
        "fixtures/valid",
        "fixtures/variants",
        "fixtures/collections/news",
    ] {
        for entry in std::fs::read_dir(root.join(folder)).expect("folder") {
            fixtures.push(entry.expect("entry").path());
        }
    }
    for fixture in fixtures {
        if fixture.ends_with("bad.md") {
            continue;
        }
        let (dir, names) = copies(&[&fixture.to_string_lossy()]);
        let before = read(dir.path(), &names[0]);
        let fixed = run(dir.path(), &["--fix", "--unsafe-fixes"], &names);
        assert!(
            fixed.stdout.ends_with("Fixed 0 problems.\n"),
            "{}",
            fixed.transcript()
        );
        assert_eq!(read(dir.path(), &names[0]), before, "{}", fixture.display());
    }
}

/// Fixes are data in the machine formats: JSON edits, SARIF `fixes`.
#[test]
fn fixes_appear_in_json_and_sarif() {
    let json = common::newsval(&[
        "check",
        "--now",
        NOW,
        "--format",
        "json",
        "fixtures/fixes/safe.md",
    ]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let quality = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["field"] == "quality")
        .expect("the quoted quality");
    assert_eq!(
        quality["fix"],
        serde_json::json!({"applicability": "safe", "edits": [{"start": 408, "end": 412, "content": "21"}]})
    );
    let sarif = common::newsval(&[
        "check",
        "--now",
        NOW,
        "--format",
        "sarif",
        "fixtures/fixes/unsafe.md",
    ]);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("SARIF");
    let results = log["runs"][0]["results"].as_array().expect("results");
    let with_fixes = results.iter().filter(|r| r["fixes"].is_array()).count();
    assert_eq!(with_fixes, 4, "{}", sarif.stdout);
    let replacement = &results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(
        replacement["deletedRegion"]["byteOffset"].is_number(),
        "{replacement}"
    );
}
