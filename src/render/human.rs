//! The human format: `path:line:col: severity[rule]: message`, the source line with a
//! caret under the value, a `help:` line, then a one-line summary.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Emitter, RenderOptions, plural};
use crate::{Diagnostic, Report, Severity};

/// Longest stretch of a source line shown before it is cut around the column.
const MAX_SNIPPET_CHARS: usize = 160;

pub struct Human {
    pub options: RenderOptions,
}

struct Palette {
    error: Style,
    warning: Style,
    path: Style,
    gutter: Style,
    help: Style,
}

impl Palette {
    fn new(color: bool) -> Self {
        if !color {
            return Palette {
                error: Style::new(),
                warning: Style::new(),
                path: Style::new(),
                gutter: Style::new(),
                help: Style::new(),
            };
        }
        Palette {
            error: AnsiColor::Red.on_default().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            path: Style::new().bold(),
            gutter: AnsiColor::Blue.on_default().bold(),
            help: AnsiColor::Cyan.on_default().bold(),
        }
    }
}

impl Emitter for Human {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let palette = Palette::new(self.options.color);
        for diagnostic in &report.diagnostics {
            write_diagnostic(diagnostic, &palette, out)?;
        }
        if !self.options.quiet {
            let files = plural(report.files_checked, "file");
            let (errors, warnings) = (report.errors(), report.warnings());
            if errors == 0 && warnings == 0 {
                writeln!(out, "Checked {files}: no problems found.")?;
            } else {
                writeln!(
                    out,
                    "Checked {files}: {}, {}.",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                )?;
            }
        }
        Ok(())
    }
}

fn write_diagnostic(d: &Diagnostic, palette: &Palette, out: &mut dyn Write) -> io::Result<()> {
    let style = match d.severity {
        Severity::Error => palette.error,
        Severity::Warning => palette.warning,
    };
    writeln!(
        out,
        "{}{}:{}:{}:{} {}{}[{}]:{} {}",
        palette.path.render(),
        d.path,
        d.start.line,
        d.start.column,
        palette.path.render_reset(),
        style.render(),
        d.severity,
        d.rule,
        style.render_reset(),
        d.message
    )?;
    if let Some(line) = d.source_line.as_deref() {
        let number = d.start.line.to_string();
        let pad = " ".repeat(number.len());
        let (shown, caret_at, caret_len) = snippet(line, d);
        let (g, r) = (palette.gutter.render(), palette.gutter.render_reset());
        writeln!(out, "{pad} {g}|{r}")?;
        writeln!(out, "{g}{number} |{r} {shown}")?;
        writeln!(
            out,
            "{pad} {g}|{r} {}{}{}{}",
            " ".repeat(caret_at),
            style.render(),
            "^".repeat(caret_len),
            style.render_reset()
        )?;
    }
    if let Some(help) = &d.help {
        // The `=` sits under the gutter's `|`, as rustc and ruff draw it.
        let pad = " ".repeat(d.start.line.to_string().len());
        writeln!(
            out,
            "{pad} {}= help:{} {help}",
            palette.help.render(),
            palette.help.render_reset()
        )?;
    }
    writeln!(out)
}

/// The line as shown (tabs expanded, long lines cut), where the caret starts, and its width.
fn snippet(line: &str, d: &Diagnostic) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start = (d.start.column - 1).min(chars.len());
    let end = if d.end.line == d.start.line {
        (d.end.column - 1).clamp(start, chars.len())
    } else {
        chars.len()
    };
    let window_start = start.saturating_sub(MAX_SNIPPET_CHARS / 2);
    let window_end = (window_start + MAX_SNIPPET_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = 0;
    let mut caret_len = 0;
    if window_start > 0 {
        shown.push('…');
    }
    for (i, &c) in chars.iter().enumerate().take(window_end).skip(window_start) {
        let width = if c == '\t' { 4 } else { 1 };
        if i < start {
            caret_at += width;
        } else if i < end {
            caret_len += width;
        }
        if c == '\t' {
            shown.push_str("    ");
        } else if c.is_control() {
            shown.push('\u{fffd}');
        } else {
            shown.push(c);
        }
    }
    if window_start > 0 {
        caret_at += 1;
    }
    if window_end < chars.len() {
        shown.push('…');
    }
    (shown, caret_at, caret_len.max(1))
}
