//! Output formats: one emitter per format behind one trait, each writing a whole
//! [`Report`] to a writer. Only the binary chooses where the bytes go.
//!
//! `human` is for people; `json` is newsval's own stable interface; `github`, `sarif`,
//! `junit` and `gitlab` are what CI systems read (workflow commands, code scanning, test
//! reports, code quality). Every emitter is deterministic: same report, same bytes.

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

use sha2::{Digest, Sha256};

pub use github::{Github, write_step_summary};
pub use gitlab::Gitlab;
pub use human::Human;
pub use json::{JSON_FORMAT_VERSION, Json};
pub use junit::Junit;
pub use sarif::Sarif;

use crate::{Report, Rule};

/// Writes a report in one format.
pub trait Emitter {
    fn emit(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// Chooses the emitter for `--format`; the command line takes these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    /// One line a problem, no snippet: `path:line:col: severity[rule]: message`.
    Concise,
    Json,
    Github,
    Sarif,
    Junit,
    Gitlab,
}

impl Format {
    /// Every format, for tests and fuzzing that must cover them all.
    pub const ALL: &[Format] = &[
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Gitlab,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Gitlab => "gitlab",
        }
    }
}

/// Options every emitter may read.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// Problems only: no summary line.
    pub quiet: bool,
}

/// The emitter for a format.
pub fn emitter(format: Format, options: RenderOptions) -> Box<dyn Emitter> {
    match format {
        Format::Human => Box::new(Human {
            options,
            concise: false,
        }),
        Format::Concise => Box::new(Human {
            options,
            concise: true,
        }),
        Format::Json => Box::new(Json),
        Format::Github => Box::new(Github { options }),
        Format::Sarif => Box::new(Sarif),
        Format::Junit => Box::new(Junit),
        Format::Gitlab => Box::new(Gitlab),
    }
}

/// `--statistics`: how many problems each rule found, most first, instead of each one;
/// then the summary line.
pub fn write_statistics(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // (rule, severity, count, of them fixable with --fix, with --unsafe-fixes)
    let mut counts: Vec<(Rule, crate::Severity, usize, usize, usize)> = Vec::new();
    for d in &report.diagnostics {
        let index = match counts
            .iter()
            .position(|(rule, severity, ..)| *rule == d.rule && *severity == d.severity)
        {
            Some(index) => index,
            None => {
                counts.push((d.rule, d.severity, 0, 0, 0));
                counts.len() - 1
            }
        };
        let entry = &mut counts[index];
        entry.2 += 1;
        match d.fix.as_ref().map(|fix| fix.applicability) {
            Some(crate::fix::Applicability::Safe) => entry.3 += 1,
            Some(crate::fix::Applicability::Unsafe) => entry.4 += 1,
            None => {}
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.id().cmp(b.0.id())));
    let width = counts.first().map_or(1, |c| c.2.to_string().len());
    let id_width = counts.iter().map(|c| c.0.id().len()).max().unwrap_or(0);
    let fixable = |safe: usize, guess: usize| match (safe, guess) {
        (0, 0) => String::new(),
        (safe, 0) => format!("[{safe} fixable]"),
        (0, guess) => format!("[{guess} unsafe-fixable]"),
        (safe, guess) => format!("[{safe} fixable, {guess} unsafe]"),
    };
    let fix_width = counts
        .iter()
        .map(|c| fixable(c.3, c.4).len())
        .max()
        .unwrap_or(0);
    for (rule, severity, count, safe, guess) in counts {
        writeln!(
            out,
            "{count:>width$}  {:id_width$}  {:7}  {:fix_width$}  {}",
            rule.id(),
            severity.as_str(),
            fixable(safe, guess),
            rule.summary()
        )?;
    }
    writeln!(out, "{}", summary_line(report))
}

/// The changes `--diff` shows, one unified diff per file, as `git diff` writes them.
pub fn write_diff(changes: &[(String, String, String)], out: &mut dyn Write) -> io::Result<()> {
    for (path, before, after) in changes {
        let diff = similar::TextDiff::from_lines(before, after);
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("a/{path}"), &format!("b/{path}"))
        )?;
    }
    Ok(())
}

/// After `--fix`: how many were fixed, and how many more `--unsafe-fixes` would.
pub fn fix_line(fixed: usize, unsafe_fixable: usize) -> String {
    let mut line = format!("Fixed {}.", plural(fixed, "problem"));
    if unsafe_fixable > 0 {
        line.pop();
        line.push_str(&format!(
            "; {unsafe_fixable} more fixable with --unsafe-fixes."
        ));
    }
    line
}

/// "1 error", "2 warnings".
pub(crate) fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// "Checked 2 files: 1 error, 0 warnings." — the summary line of the text formats.
pub fn summary_line(report: &Report) -> String {
    let files = plural(report.files_checked, "file");
    let (errors, warnings) = (report.errors(), report.warnings());
    if errors == 0 && warnings == 0 {
        format!("Checked {files}: no problems found.")
    } else {
        format!(
            "Checked {files}: {}, {}.",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// A SHA-256 of the parts (each terminated by a NUL, so `["ab", "c"]` and `["a", "bc"]`
/// differ) as lowercase hex: stable across runs, platforms and releases.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    //! The shared set of diagnostics every emitter's snapshot is taken from: non-ASCII,
    //! `%`, `:`, `,`, CR/LF, quotes, `<`, `&`, a clean file, a warning and a file-level error.

    use crate::diagnostic::{Diagnostic, Position, Severity, Span};
    use crate::{Report, Rule};

    fn diagnostic(
        path: &str,
        rule: Rule,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
        field: Option<&str>,
        message: &str,
        help: Option<&str>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.to_owned(),
            rule,
            severity: rule.default_severity(),
            span: Span::new(0, 0),
            start: Position { line, column },
            end: Position {
                line: end_line,
                column: end_column,
            },
            field: field.map(str::to_owned),
            message: message.to_owned(),
            help: help.map(str::to_owned),
            source_line: None,
            fix: None,
        }
    }

    /// Three files: one clean, one with a name full of awkward characters, one unreadable.
    pub(crate) fn report() -> Report {
        let odd = "news/ünïcode, 100%: \"<&>\".md";
        let diagnostics = vec![
            diagnostic(
                "items/broken.md",
                Rule::YamlSyntax,
                (3, 7),
                (3, 7),
                None,
                "invalid YAML: mapping values are not allowed here",
                None,
            ),
            diagnostic(
                odd,
                Rule::InvalidType,
                (9, 10),
                (9, 14),
                Some("quality"),
                "quality must be an integer, found a string (`21`)",
                Some("remove the quotes: 21"),
            ),
            diagnostic(
                odd,
                Rule::UnknownValue,
                (12, 7),
                (12, 19),
                Some("related[0].type"),
                "type `Bérichte: 50%, <b>&amp;</b>` is not a known type\r\nline two",
                Some("known types: article, video"),
            ),
            diagnostic(
                odd,
                Rule::UnknownField,
                (14, 1),
                (14, 6),
                Some("tittle"),
                "unknown field `tittle` in frontmatter",
                Some("did you mean `title`?"),
            ),
        ];
        Report {
            files_checked: 3,
            files: vec![
                "items/broken.md".to_owned(),
                "items/clean.md".to_owned(),
                odd.to_owned(),
            ],
            diagnostics,
        }
    }

    /// What an emitter writes for a report, as text.
    pub(crate) fn render(emitter: &dyn super::Emitter, report: &Report) -> String {
        let mut out = Vec::new();
        emitter
            .emit(report, &mut out)
            .expect("a Vec accepts writes");
        String::from_utf8(out).expect("emitters write UTF-8")
    }

    /// The tool version, redacted so a release does not churn every snapshot.
    pub(crate) fn redact_version(text: &str) -> String {
        text.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
    }

    #[test]
    fn severities_in_the_shared_set() {
        let report = report();
        assert_eq!(report.errors(), 3);
        assert_eq!(report.warnings(), 1);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning)
        );
    }
}
