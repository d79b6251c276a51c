//! The SARIF 2.1.0 format, for GitHub code scanning and other SARIF viewers, built on
//! `serde-sarif`'s types (generated from the official schema).
//!
//! One run: the driver's rule table comes from [`Rule::ALL`] (id, summary, default
//! level, help with a failing and a passing example); each diagnostic is a result with
//! its region and a `partialFingerprints` entry that survives line shifts. Columns count
//! Unicode characters, so the run says `columnKind: unicodeCodePoints`.
//!
//! ```json
//! {"ruleId": "invalid-type", "ruleIndex": 8, "level": "error", "message": {"text": "…"},
//!  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.md"},
//!    "region": {"startLine": 9, "startColumn": 10, "endLine": 9, "endColumn": 14}}}],
//!  "partialFingerprints": {"newsval/v1": "…"}}
//! ```

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, Message,
    MultiformatMessageString, PhysicalLocation, Region, Replacement, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif as SarifLog, Tool,
    ToolComponent,
};

use super::{Emitter, fingerprint};
use crate::{Diagnostic, Report, Rule, Severity};

/// Where viewers find the schema; the official 2.1.0 schema as SchemaStore serves it.
const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The `partialFingerprints` key; bump the version if the hashed parts ever change.
const FINGERPRINT_KEY: &str = "newsval/v1";

pub struct Sarif;

impl Emitter for Sarif {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let driver = ToolComponent::builder()
            .name("newsval")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(Rule::ALL.iter().map(|&r| descriptor(r)).collect::<Vec<_>>())
            .build();
        let mut occurrences: HashMap<(&str, Option<&str>, Rule), usize> = HashMap::new();
        let results: Vec<SarifResult> = report
            .diagnostics
            .iter()
            .map(|d| {
                let seen = occurrences
                    .entry((&d.path, d.field.as_deref(), d.rule))
                    .or_default();
                *seen += 1;
                result(d, *seen)
            })
            .collect();
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .column_kind(json!("unicodeCodePoints"))
            .results(results)
            .build();
        let log = SarifLog::builder()
            .schema(SCHEMA_URI)
            .version(json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One row of the rule table.
fn descriptor(rule: Rule) -> ReportingDescriptor {
    let example = rule.example();
    let summary = rule.summary();
    let stop = if summary.ends_with('.') { "" } else { "." };
    let text = format!(
        "Fires on: {summary}{stop}\n\nFails:\n\n{}\nPasses:\n\n{}",
        example.bad, example.good
    );
    let markdown = format!(
        "Fires on: {summary}{stop}\n\nFails:\n\n```\n{}```\n\nPasses:\n\n```\n{}```\n",
        example.bad, example.good
    );
    ReportingDescriptor::builder()
        .id(rule.id())
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.summary())
                .build(),
        )
        .help(
            MultiformatMessageString::builder()
                .text(text)
                .markdown(markdown)
                .build(),
        )
        .default_configuration(
            ReportingConfiguration::builder()
                .level(json!(level(rule.default_severity())))
                .build(),
        )
        .build()
}

/// A diagnostic as a result; `occurrence` counts earlier results with the same path,
/// field and rule, so fingerprints stay unique without naming a line.
fn result(d: &Diagnostic, occurrence: usize) -> SarifResult {
    let region = Region::builder()
        .start_line(number(d.start.line))
        .start_column(number(d.start.column))
        .end_line(number(d.end.line.max(d.start.line)))
        .end_column(number(d.end.column.max(1)))
        .build();
    let location = Location::builder()
        .physical_location(
            PhysicalLocation::builder()
                .artifact_location(
                    ArtifactLocation::builder()
                        .uri(artifact_uri(&d.path))
                        .build(),
                )
                .region(region)
                .build(),
        )
        .build();
    let text = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let occurrence = occurrence.to_string();
    let partial = fingerprint(&[
        &d.path,
        d.field.as_deref().unwrap_or(""),
        d.rule.id(),
        &occurrence,
    ]);
    let rule_index = Rule::ALL.iter().position(|&r| r == d.rule).unwrap_or(0);
    let mut result = SarifResult::builder()
        .rule_id(d.rule.id())
        .rule_index(number(rule_index))
        .level(match d.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
        })
        .message(Message::builder().text(text).build())
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([(FINGERPRINT_KEY.to_owned(), partial)]))
        .build();
    if let Some(fix) = &d.fix {
        result.fixes = Some(vec![sarif_fix(&d.path, fix)]);
    }
    result
}

/// A fix as SARIF writes one: byte ranges of the file replaced, whether it is safe in
/// its description (SARIF has no word for it).
fn sarif_fix(path: &str, fix: &crate::fix::Fix) -> SarifFix {
    let replacements: Vec<Replacement> = fix
        .edits
        .iter()
        .map(|edit| {
            Replacement::builder()
                .deleted_region(
                    Region::builder()
                        .byte_offset(number(edit.start))
                        .byte_length(number(edit.end - edit.start))
                        .build(),
                )
                .inserted_content(
                    ArtifactContent::builder()
                        .text(edit.content.clone())
                        .build(),
                )
                .build()
        })
        .collect();
    let description = match fix.applicability {
        crate::fix::Applicability::Safe => "a safe fix (newsval check --fix)",
        crate::fix::Applicability::Unsafe => "a guess (newsval check --fix --unsafe-fixes)",
    };
    SarifFix::builder()
        .description(Message::builder().text(description).build())
        .artifact_changes(vec![
            ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(artifact_uri(path)).build())
                .replacements(replacements)
                .build(),
        ])
        .build()
}

fn number(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A path as a URI reference: `/` separators, every byte outside the unreserved set
/// percent-encoded (spaces, `%`, `:`, non-ASCII), and absolute paths as `file://` URIs.
fn artifact_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":/";
    let mut uri = String::with_capacity(path.len());
    if path.starts_with('/') {
        uri.push_str("file://");
    } else if drive {
        uri.push_str("file:///");
        uri.push_str(&path[..2]);
    }
    let rest = if drive { &path[2..] } else { &path[..] };
    for byte in rest.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{redact_version, render, report};

    fn results(report: &Report) -> Vec<serde_json::Value> {
        let log: serde_json::Value =
            serde_json::from_str(&render(&Sarif, report)).expect("valid JSON");
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .clone()
    }

    #[test]
    fn snapshot() {
        // The rule table is long and has its own test; the snapshot shows the results.
        let mut log: serde_json::Value =
            serde_json::from_str(&render(&Sarif, &report())).expect("valid JSON");
        log["runs"][0]["tool"]["driver"]["rules"] = json!("[rule table]");
        let text = serde_json::to_string_pretty(&log).expect("serializes");
        insta::assert_snapshot!(redact_version(&text));
    }

    #[test]
    fn the_rule_table_is_the_registry() {
        let log: serde_json::Value =
            serde_json::from_str(&render(&Sarif, &Report::default())).expect("valid JSON");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        assert_eq!(rules.len(), Rule::ALL.len());
        for (row, rule) in rules.iter().zip(Rule::ALL) {
            assert_eq!(row["id"], rule.id());
            assert_eq!(row["shortDescription"]["text"], rule.summary());
            assert_eq!(
                row["defaultConfiguration"]["level"],
                level(rule.default_severity())
            );
        }
        insta::assert_snapshot!(serde_json::to_string_pretty(&rules[8]).expect("serializes"));
    }

    /// The fingerprint names the path, field and rule, not the line: a line inserted
    /// above the problem changes the region, not the fingerprint.
    #[test]
    fn fingerprints_survive_line_shifts_and_are_unique() {
        let report = report();
        let mut shifted = report.clone();
        for d in &mut shifted.diagnostics {
            d.start.line += 3;
            d.end.line += 3;
        }
        let before = results(&report);
        let after = results(&shifted);
        let key = |r: &serde_json::Value| r["partialFingerprints"][FINGERPRINT_KEY].clone();
        let mut seen: Vec<_> = before.iter().map(key).collect();
        assert_eq!(seen, after.iter().map(key).collect::<Vec<_>>());
        seen.sort_by_key(|v| v.to_string());
        seen.dedup();
        assert_eq!(seen.len(), before.len());
        assert_ne!(before[0]["locations"], after[0]["locations"]);
    }

    #[test]
    fn uris_are_uri_references() {
        assert_eq!(artifact_uri("items/a.md"), "items/a.md");
        assert_eq!(artifact_uri("news/ü b%:c.md"), "news/%C3%BC%20b%25%3Ac.md");
        assert_eq!(artifact_uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
        assert_eq!(artifact_uri(r"C:\items\a.md"), "file:///C:/items/a.md");
        assert_eq!(artifact_uri("<stdin>"), "%3Cstdin%3E");
    }
}
