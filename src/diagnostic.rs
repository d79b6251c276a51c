//! Diagnostics as data: what a rule found, where, and how bad it is.
//! Rules build them from byte spans; renderers turn them into text at the edge.

use std::cmp::Ordering;

use serde::Serialize;

use crate::rule::Rule;
pub use crate::rule::Severity;

/// How much a diagnostic matters; `Error` fails the run, `Warning` only with `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at one offset, for problems that sit between characters.
    pub fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }
}

/// A 1-based line and a 1-based column counted in Unicode characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or as the walk found it).
    pub path: String,
    pub rule: Rule,
    pub severity: Severity,
    /// Byte range of the offending value, key or mapping.
    pub span: Span,
    pub start: Position,
    pub end: Position,
    /// The field path, such as `related[2].provider.domain`, when the problem is in a field.
    pub field: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// The repair `--fix` can make, when one is mechanical.
    pub fix: Option<crate::fix::Fix>,
    /// The source line that holds `start`, kept so renderers never reread the file.
    pub source_line: Option<String>,
}

/// A diagnostic's one JSON shape (the `json` format's, and a [`crate::Report`]'s):
/// positions as plain numbers, the end exclusive.
#[derive(Serialize)]
struct Flat<'d> {
    path: &'d str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: Severity,
    rule: Rule,
    field: Option<&'d str>,
    message: &'d str,
    help: Option<&'d str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'d crate::fix::Fix>,
}

impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Flat {
            path: &self.path,
            line: self.start.line,
            column: self.start.column,
            end_line: self.end.line,
            end_column: self.end.column,
            severity: self.severity,
            rule: self.rule,
            field: self.field.as_deref(),
            message: &self.message,
            help: self.help.as_deref(),
            fix: self.fix.as_ref(),
        }
        .serialize(serializer)
    }
}

impl Diagnostic {
    /// The order every output uses: path, line, column, then rule and message for ties.
    pub fn sort_key_cmp(&self, other: &Self) -> Ordering {
        self.path
            .cmp(&other.path)
            .then(self.start.cmp(&other.start))
            .then(self.rule.id().cmp(other.rule.id()))
            .then(self.message.cmp(&other.message))
    }
}

/// A diagnostic before it knows its file's lines: what rules produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) rule: Rule,
    pub(crate) span: Span,
    pub(crate) field: Option<String>,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    /// The span of an `unknown-field` finding that already explains this one (a misspelt
    /// key and the key it should have been); dropped as it is reported if that one is kept.
    pub(crate) covered_by: Option<Span>,
    /// The repair, when one is mechanical.
    pub(crate) fix: Option<crate::fix::Fix>,
    /// A warning whatever its rule's severity: an unknown key in a mapping whose schema
    /// says `unknown-fields = "warning"`.
    pub(crate) demoted: bool,
}

impl Finding {
    pub(crate) fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            span,
            field: None,
            message: message.into(),
            help: None,
            covered_by: None,
            fix: None,
            demoted: false,
        }
    }

    pub(crate) fn fix(mut self, fix: Option<crate::fix::Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub(crate) fn demoted(mut self, demoted: bool) -> Self {
        self.demoted = demoted;
        self
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}
