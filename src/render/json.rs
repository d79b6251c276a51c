//! The JSON format: one document per run, newsval's stable machine interface.
//!
//! ```json
//! {"version": "0.2.0", "format_version": 1, "files_checked": 1, "errors": 1, "warnings": 0,
//!  "diagnostics": [{"path": "a.md", "line": 9, "column": 10, "end_line": 9, "end_column": 14,
//!    "severity": "error", "rule": "invalid-type", "field": "quality",
//!    "message": "...", "help": "remove the quotes: 21"}]}
//! ```
//!
//! `end_line`/`end_column` point just past the offending text (an exclusive end).
//! Fields are only ever added; a change that removes or renames one bumps
//! [`JSON_FORMAT_VERSION`].

use std::io::{self, Write};

use serde::Serialize;

use super::Emitter;
use crate::{Diagnostic, Report};

/// The version of the JSON document's shape (not of the tool).
pub const JSON_FORMAT_VERSION: u32 = 1;

pub struct Json;

#[derive(Serialize)]
struct Document<'r> {
    version: &'static str,
    format_version: u32,
    files_checked: usize,
    errors: usize,
    warnings: usize,
    /// Each as [`Diagnostic`] serializes: positions as plain numbers.
    diagnostics: &'r [Diagnostic],
}

impl Emitter for Json {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            version: env!("CARGO_PKG_VERSION"),
            format_version: JSON_FORMAT_VERSION,
            files_checked: report.files_checked,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: &report.diagnostics,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{redact_version, render, report};

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(redact_version(&render(&Json, &report())));
    }

    #[test]
    fn round_trips_as_json_with_every_field() {
        let value: serde_json::Value =
            serde_json::from_str(&render(&Json, &report())).expect("valid JSON");
        assert_eq!(value["format_version"], JSON_FORMAT_VERSION);
        assert_eq!(value["errors"], 3);
        let first = &value["diagnostics"][1];
        for key in [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "rule",
            "field",
            "message",
            "help",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
        assert_eq!(first["rule"], "invalid-type");
    }

    #[test]
    fn an_empty_report_is_a_document_too() {
        let value: serde_json::Value =
            serde_json::from_str(&render(&Json, &Report::default())).expect("valid JSON");
        assert_eq!(value["diagnostics"], serde_json::json!([]));
    }
}
