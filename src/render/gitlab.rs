//! The GitLab Code Quality format: a JSON array of Code Climate issues, which GitLab
//! shows in merge requests (`artifacts: reports: codequality:`).
//!
//! ```json
//! [{"description": "quality must be an integer", "check_name": "invalid-type",
//!   "fingerprint": "9f0c…", "severity": "major",
//!   "location": {"path": "a.md", "lines": {"begin": 9}}}]
//! ```
//!
//! Errors are `major`, warnings `minor`. Each fingerprint is a SHA-256 of the path, rule,
//! field, position and message, unique within the report (GitLab drops repeats).

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, fingerprint};
use crate::{Diagnostic, Report, Severity};

pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'r> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'r>,
}

#[derive(Serialize)]
struct Location<'r> {
    path: &'r str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

impl Emitter for Gitlab {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut seen = HashSet::new();
        let issues: Vec<Issue<'_>> = report
            .diagnostics
            .iter()
            .map(|d| Issue {
                kind: "issue",
                description: description(d),
                check_name: d.rule.id(),
                fingerprint: unique_fingerprint(d, &mut seen),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: &d.path,
                    lines: Lines {
                        begin: d.start.line,
                        end: d.end.line.max(d.start.line),
                    },
                },
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}

/// The message and its help, on one line as the merge request widget shows it.
fn description(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    }
}

/// A fingerprint no earlier issue in this report has: identical findings (the same file
/// named twice) get an occurrence number mixed in.
fn unique_fingerprint(d: &Diagnostic, seen: &mut HashSet<String>) -> String {
    let line = d.start.line.to_string();
    let column = d.start.column.to_string();
    let field = d.field.as_deref().unwrap_or("");
    let base = [
        d.path.as_str(),
        d.rule.id(),
        field,
        &line,
        &column,
        &d.message,
    ];
    let mut candidate = fingerprint(&base);
    let mut occurrence = 1usize;
    while seen.contains(&candidate) {
        occurrence += 1;
        let occurrence = occurrence.to_string();
        let mut parts = base.to_vec();
        parts.push(&occurrence);
        candidate = fingerprint(&parts);
    }
    seen.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{render, report};

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&Gitlab, &report()));
    }

    #[test]
    fn every_issue_has_the_required_fields_and_a_unique_fingerprint() {
        let mut report = report();
        // The same finding twice (a file named twice on the command line).
        let copy = report.diagnostics[0].clone();
        report.diagnostics.insert(0, copy);
        let issues: Vec<serde_json::Value> =
            serde_json::from_str(&render(&Gitlab, &report)).expect("valid JSON");
        assert_eq!(issues.len(), report.diagnostics.len());
        let mut fingerprints = HashSet::new();
        for issue in &issues {
            assert!(issue["description"].is_string());
            assert!(issue["check_name"].is_string());
            assert!(
                ["info", "minor", "major", "critical", "blocker"]
                    .contains(&issue["severity"].as_str().expect("a string"))
            );
            assert!(issue["location"]["path"].is_string());
            assert!(
                issue["location"]["lines"]["begin"]
                    .as_u64()
                    .expect("a line")
                    >= 1
            );
            let fingerprint = issue["fingerprint"].as_str().expect("a string");
            assert!(
                fingerprints.insert(fingerprint.to_owned()),
                "{fingerprint} twice"
            );
        }
    }
}
