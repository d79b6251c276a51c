//! Every `--format` through the real binary on a small fixture folder, each output fed to
//! what consumes it: SARIF to the official SARIF 2.1.0 JSON schema, JUnit to an XML
//! parser, GitHub commands to the workflow-command rules, JSON and GitLab to serde.

#![allow(clippy::expect_used)]

mod common;

use std::path::Path;

use common::{NOW, Run, newsval};

/// A clean file, a file with errors and an awkward name, and one with a warning
/// (each with its own originalUrl, so no `duplicate-item` joins in).
const FILES: &[&str] = &[
    "tests/data/formats/clean.md",
    "tests/data/formats/ünï code, 100%.md",
    "tests/data/formats/warning.md",
];

fn run(format: &str, paths: &[&str]) -> Run {
    let mut args = vec!["check", "--now", NOW, "--format", format];
    args.extend_from_slice(paths);
    newsval(&args)
}

/// The tool version is redacted so a release does not churn every snapshot.
fn redacted(run: &Run) -> String {
    run.transcript()
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

#[test]
fn every_format_on_the_small_folder() {
    for format in ["json", "github", "sarif", "junit", "gitlab"] {
        let mut run = run(format, FILES);
        assert_eq!(run.code, 1, "{format}: {}", run.transcript());
        if format == "sarif" {
            // The rule table (every rule with its examples) is checked against the registry
            // in the emitter's tests; here it would only repeat the fixtures.
            let mut log: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
            let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
            assert_eq!(
                rules.as_array().map(Vec::len),
                Some(newsval::Rule::ALL.len())
            );
            *rules = serde_json::json!("[rule table]");
            run.stdout = serde_json::to_string_pretty(&log).expect("serializes") + "\n";
        }
        insta::assert_snapshot!(format!("small-{format}"), redacted(&run));
    }
}

#[test]
fn json_counts_and_fields() {
    let run = run("json", FILES);
    let document: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(document["files_checked"], 3);
    assert_eq!(document["errors"], 2);
    assert_eq!(document["warnings"], 1);
    assert_eq!(document["version"], env!("CARGO_PKG_VERSION"));
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the vendored schema"))
            .expect("the schema is JSON");
    // The official schema's `language` patterns (of `run` and `toolComponent`) have a
    // stray `]`, which the validator's check of the schema itself rejects as a regex.
    // newsval writes no `language`; the intended pattern stands in so the rest of the
    // schema is enforced as published.
    let replaced = replace_string(
        &mut schema,
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    assert_eq!(replaced, 2);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn replace_string(value: &mut serde_json::Value, from: &str, to: &str) -> usize {
    match value {
        serde_json::Value::String(s) if s == from => {
            *s = to.to_owned();
            1
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().map(|v| replace_string(v, from, to)).sum()
        }
        serde_json::Value::Object(map) => {
            map.values_mut().map(|v| replace_string(v, from, to)).sum()
        }
        _ => 0,
    }
}

/// All fixtures at once (every rule fires somewhere), plus awkward names from stdin.
#[test]
fn sarif_is_valid_against_the_official_schema() {
    let validator = sarif_validator();
    for run in [
        run("sarif", &["fixtures"]),
        run("sarif", &["fixtures/valid"]),
        common::newsval_with_stdin(
            &[
                "check",
                "--format",
                "sarif",
                "--stdin-filename",
                "news/ünï code, 100%: <&>.md",
                "-",
            ],
            Some(b"no frontmatter here\n"),
        ),
    ] {
        let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }
    let mut log: serde_json::Value =
        serde_json::from_str(&run("sarif", &["fixtures"]).stdout).expect("valid JSON");
    // The validator does enforce formats and enums: a broken copy fails.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        serde_json::json!("a b\\c.md");
    assert!(!validator.is_valid(&broken));
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
    let log = std::mem::take(&mut log);
    let results = log["runs"][0]["results"].as_array().expect("results");
    let rules: std::collections::BTreeSet<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    // unreadable-file's symlink loop is made by the tests that need it, not kept in
    // fixtures/; every other rule fires.
    assert!(rules.len() >= newsval::Rule::ALL.len() - 1, "{rules:?}");
}

#[test]
fn junit_parses_with_one_suite_per_file() {
    let run = run("junit", FILES);
    let document = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let suites: Vec<_> = document
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), FILES.len());
    let clean = suites
        .iter()
        .find(|s| s.attribute("name") == Some(FILES[0]))
        .expect("a suite for the clean file");
    assert_eq!(clean.attribute("failures"), Some("0"));
    assert_eq!(clean.attribute("tests"), Some("1"));
}

#[test]
fn gitlab_issues_have_unique_fingerprints() {
    let run = run("gitlab", &["fixtures"]);
    let issues: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("valid JSON");
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().expect("a fingerprint"))
        .collect();
    assert!(fingerprints.len() > 25);
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len());
}

#[test]
fn github_appends_a_step_summary_when_asked() {
    let dir = std::env::temp_dir().join(format!("newsval-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let summary = dir.join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("writable");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsval"))
        .args(["check", "--now", NOW, "--format", "github"])
        .args(FILES)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("newsval runs");
    assert_eq!(output.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).expect("the summary");
    std::fs::remove_dir_all(&dir).ok();
    assert!(text.starts_with("earlier step\n### newsval\n"), "{text}");
    insta::assert_snapshot!("github-step-summary", text);
}

#[test]
fn human_stays_the_default() {
    let run = newsval(&["check", "--now", NOW, FILES[0]]);
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
}
