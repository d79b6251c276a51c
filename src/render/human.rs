//! The human format: `path:line:col: severity[rule]: message`, the source line with a
//! caret under the value, a `help:` line, then a one-line summary.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use super::{Emitter, RenderOptions, summary_line};
use crate::{Diagnostic, Report, Severity};

/// Longest stretch of a source line shown before it is cut around the column.
const MAX_SNIPPET_CHARS: usize = 160;

pub struct Human {
    pub options: RenderOptions,
    /// One line per problem: no snippet, no help (`--format concise`).
    pub concise: bool,
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
            write_diagnostic(diagnostic, &palette, self.concise, out)?;
        }
        if !self.options.quiet {
            writeln!(out, "{}", summary_line(report))?;
        }
        Ok(())
    }
}

fn write_diagnostic(
    d: &Diagnostic,
    palette: &Palette,
    concise: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let style = match d.severity {
        Severity::Error => palette.error,
        Severity::Warning => palette.warning,
    };
    writeln!(
        out,
        "{}{}:{}:{}:{} {}{}[{}]:{} {}",
        palette.path.render(),
        printable(&d.path),
        d.start.line,
        d.start.column,
        palette.path.render_reset(),
        style.render(),
        d.severity,
        d.rule,
        style.render_reset(),
        printable(&d.message)
    )?;
    if concise {
        return Ok(());
    }
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
            "{pad} {}= help:{} {}",
            palette.help.render(),
            palette.help.render_reset(),
            printable(help)
        )?;
    }
    writeln!(out)
}

/// A path, message or help as shown: control characters (a newline in a file name, an
/// escape sequence quoted from a YAML value) escaped the way Rust writes them (`\n`,
/// `\u{1b}`), so a diagnostic stays one line and the terminal only ever gets text.
fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// The line as shown (tabs expanded, long lines cut), where the caret starts, and its width,
/// both in display columns.
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
        // Columns on the terminal, not characters: a CJK character or an emoji takes two.
        let width = match c {
            '\t' => 4,
            c if c.is_control() => 1,
            c => UnicodeWidthChar::width(c).unwrap_or(0),
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{render, report};

    fn plain() -> Human {
        Human {
            options: RenderOptions {
                color: false,
                quiet: false,
            },
            concise: false,
        }
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&plain(), &report()));
    }

    #[test]
    fn concise_is_one_line_a_problem() {
        let concise = Human {
            concise: true,
            ..plain()
        };
        insta::assert_snapshot!(render(&concise, &report()));
    }

    /// A file name with a newline, or a YAML value with an escape sequence, must neither
    /// split a diagnostic's line nor reach the terminal as a command.
    #[test]
    fn control_characters_are_shown_escaped() {
        let mut report = report();
        let d = &mut report.diagnostics[1];
        d.path = "news/a\nb\u{1b}[2J.md".into();
        d.message = "type `x\u{1b}]0;pwned\u{7}` is not known".into();
        d.help = Some("one\rtwo\u{9b}".into());
        let text = render(&plain(), &report);
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(
            text.contains(
                "news/a\\nb\\u{1b}[2J.md:9:10: error[invalid-type]: \
                 type `x\\u{1b}]0;pwned\\u{7}` is not known\n"
            ),
            "{text}"
        );
        assert!(text.contains("= help: one\\rtwo\\u{9b}\n"), "{text}");
    }

    /// Regression: the caret counted characters, so under text with wide characters
    /// (CJK, emoji) it stood left of the value it points at.
    #[test]
    fn the_caret_lines_up_under_wide_characters() {
        let mut report = report();
        let d = &mut report.diagnostics[1];
        d.source_line = Some("title: \"名前😀\" x: 5".into());
        d.start.column = 14;
        d.end = d.start;
        d.end.column = 15;
        let (shown, caret_at, caret_len) = snippet(d.source_line.as_deref().unwrap_or(""), d);
        assert_eq!(shown, "title: \"名前😀\" x: 5");
        // `title: "` is 8 columns, the three wide characters 6, `" ` 2.
        assert_eq!((caret_at, caret_len), (16, 1));
    }
}
