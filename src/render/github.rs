//! The GitHub Actions format: one workflow command per diagnostic, which GitHub turns
//! into an annotation on the file and line, then the plain `path:line:col` line (GitHub
//! shows only the first few annotations of a step, so the log must stand on its own),
//! then the summary line.
//!
//! ```text
//! ::error file=a.md,line=9,col=10,endLine=9,endColumn=14,title=newsval (invalid-type)::quality must be an integer
//! a.md:9:10: error[invalid-type]: quality must be an integer
//! ```
//!
//! [`write_step_summary`] renders the Markdown table the binary appends to
//! `$GITHUB_STEP_SUMMARY`.

use std::io::{self, Write};

use super::{Emitter, RenderOptions, summary_line};
use crate::{Diagnostic, Report};

/// Rows of the step summary table; GitHub caps a step summary at 1 MiB.
const MAX_SUMMARY_ROWS: usize = 500;

pub struct Github {
    pub options: RenderOptions,
}

impl Emitter for Github {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        for d in &report.diagnostics {
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                d.severity,
                escape_property(&d.path),
                d.start.line,
                d.start.column,
                d.end.line,
                d.end.column,
                escape_property(&format!("newsval ({})", d.rule)),
                escape_data(&annotation_message(d)),
            )?;
            writeln!(out, "{}", plain_line(d))?;
        }
        if !self.options.quiet {
            writeln!(out, "{}", summary_line(report))?;
        }
        Ok(())
    }
}

/// The message with its help, as the annotation shows it.
fn annotation_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// `path:line:col: severity[rule]: message` on one line, whatever the path and message
/// hold: CR and LF are shown as `\r` and `\n`, and a line never starts with `::`, so text
/// from a file can never be read by the runner as a workflow command.
fn plain_line(d: &Diagnostic) -> String {
    let line = format!(
        "{}:{}:{}: {}[{}]: {}",
        d.path, d.start.line, d.start.column, d.severity, d.rule, d.message
    )
    .replace('\r', "\\r")
    .replace('\n', "\\n");
    if line.starts_with("::") {
        format!("./{line}")
    } else {
        line
    }
}

/// Escapes the message of a workflow command (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// Escapes a property value of a workflow command: as the message, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the Markdown summary of a run for `$GITHUB_STEP_SUMMARY`: the summary line and
/// a table of the problems (the first few hundred; the log has them all).
pub fn write_step_summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### newsval\n")?;
    writeln!(out, "{}\n", summary_line(report))?;
    if report.diagnostics.is_empty() {
        return Ok(());
    }
    writeln!(out, "| File | Line | Column | Severity | Rule | Message |")?;
    writeln!(out, "|---|---:|---:|---|---|---|")?;
    for d in report.diagnostics.iter().take(MAX_SUMMARY_ROWS) {
        writeln!(
            out,
            "| {} | {} | {} | {} | `{}` | {} |",
            markdown_cell(&d.path),
            d.start.line,
            d.start.column,
            d.severity,
            d.rule,
            markdown_cell(&d.message)
        )?;
    }
    if report.diagnostics.len() > MAX_SUMMARY_ROWS {
        writeln!(
            out,
            "\n… and {} more; the log lists every problem.",
            report.diagnostics.len() - MAX_SUMMARY_ROWS
        )?;
    }
    writeln!(out)
}

/// Text that stays inside one table cell and is shown as written: Markdown and HTML
/// characters escaped, line breaks as `<br>`.
fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => cell.push_str("&amp;"),
            '<' => cell.push_str("&lt;"),
            '>' => cell.push_str("&gt;"),
            '\r' => {}
            '\n' => cell.push_str("<br>"),
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                cell.push('\\');
                cell.push(c);
            }
            _ => cell.push(c),
        }
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{render, report};

    #[test]
    fn snapshot() {
        let github = Github {
            options: RenderOptions::default(),
        };
        insta::assert_snapshot!(render(&github, &report()));
    }

    #[test]
    fn step_summary_snapshot() {
        let mut out = Vec::new();
        write_step_summary(&report(), &mut out).expect("a Vec accepts writes");
        insta::assert_snapshot!(String::from_utf8(out).expect("UTF-8"));
    }

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b,c\r\nd"),
            "100%25 a%3Ab%2Cc%0D%0Ad"
        );
        // `%` first: an escape is never escaped twice.
        assert_eq!(escape_property("%3A"), "%253A");
    }

    /// Every command line parses back into the diagnostic it came from when unescaped
    /// as the runner does; no other line starts with `::`.
    #[test]
    fn commands_round_trip_through_the_runner_rules() {
        let report = report();
        let text = render(
            &Github {
                options: RenderOptions::default(),
            },
            &report,
        );
        let commands: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
        assert_eq!(commands.len(), report.diagnostics.len());
        let unescape = |s: &str| {
            s.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%")
        };
        for (command, d) in commands.iter().zip(&report.diagnostics) {
            let rest = command.strip_prefix("::").expect("a command");
            let (head, message) = rest.split_once("::").expect("command::message");
            let (kind, properties) = head.split_once(' ').expect("kind and properties");
            assert_eq!(kind, d.severity.as_str());
            let properties: Vec<(&str, String)> = properties
                .split(',')
                .map(|p| {
                    let (k, v) = p.split_once('=').expect("key=value");
                    (k, unescape(v))
                })
                .collect();
            assert_eq!(properties[0], ("file", d.path.clone()));
            assert_eq!(properties[1], ("line", d.start.line.to_string()));
            assert_eq!(properties[5], ("title", format!("newsval ({})", d.rule)));
            assert_eq!(unescape(message), annotation_message(d));
        }
    }

    #[test]
    fn a_file_named_like_a_command_is_no_command() {
        let mut report = report();
        report.diagnostics[0].path = "::error::pwned".to_owned();
        let text = render(
            &Github {
                options: RenderOptions::default(),
            },
            &report,
        );
        assert!(text.contains("\n./::error::pwned:3:7: error[yaml-syntax]"));
    }
}
