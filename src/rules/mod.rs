//! The rule checks, one file per family: `scalars`, `url`, `date`,
//! `secured`, `lists` and `corpus`, called by the schema walk (`crate::schema`);
//! file-level rules fire in `check`.

pub(crate) mod corpus;
pub(crate) mod date;
pub(crate) mod lists;
pub(crate) mod repair;
pub(crate) mod scalars;
pub(crate) mod secured;
pub(crate) mod url;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::diagnostic::{Finding, Severity};
use crate::rule::Severities;
pub use crate::rule::{Example, Rule, UnknownRule};
use crate::source::LineIndex;
pub(crate) use crate::suggest::did_you_mean;

/// The values a rule check consults besides the file itself.
#[derive(Debug, Clone)]
pub struct RuleSettings {
    pub now: DateTime<Utc>,
    /// How far after `now` a date may be before `future-date` fires.
    pub future_tolerance: chrono::Duration,
    /// Hosts that serve many providers' items (youtube.com): a URL on one of them, or on
    /// a subdomain, is no `domain-mismatch`.
    pub hosting_platforms: Vec<String>,
}

/// Where a value sits in the frontmatter, formatted only when a finding needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FieldPath<'p> {
    Root,
    Field(&'p FieldPath<'p>, &'p str),
    Index(&'p FieldPath<'p>, usize),
}

impl<'p> FieldPath<'p> {
    pub(crate) fn field(&'p self, name: &'p str) -> FieldPath<'p> {
        FieldPath::Field(self, name)
    }

    pub(crate) fn index(&'p self, index: usize) -> FieldPath<'p> {
        FieldPath::Index(self, index)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root => f.write_str("frontmatter"),
            FieldPath::Field(FieldPath::Root, name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// At most this many findings are kept per file; the rest are counted and summed up in
/// one last finding, so a file of a million bad keys cannot eat the memory.
pub const MAX_FINDINGS_PER_FILE: usize = 1_000;

/// The findings of one file past [`MAX_FINDINGS_PER_FILE`]: how many, and the one their
/// summary names, the first of them or, if that is no error, the first error.
struct Overflow {
    named: Finding,
    names_the_first: bool,
    dropped: usize,
}

/// Whether `finding` is an error as the config sets its rule, which is what the summary
/// and the exit code go by.
fn is_error(severities: &Severities, finding: &Finding) -> bool {
    severities.of_finding(finding.rule, finding.demoted) == Some(Severity::Error)
}

/// Collects the findings of one file while the rule families walk it.
pub(crate) struct Checker<'s> {
    pub(crate) settings: &'s RuleSettings,
    /// Which rules are on: a finding of a rule turned off is dropped as it is reported,
    /// so it takes no place under [`MAX_FINDINGS_PER_FILE`].
    config: &'s Severities,
    /// The whole file, to name lines in messages ("first on line 4").
    pub(crate) source: &'s str,
    pub(crate) findings: Vec<Finding>,
    /// The findings over [`MAX_FINDINGS_PER_FILE`], summed up in one.
    overflow: Option<Overflow>,
    /// The file's `# newsval:` directives: what they silence is dropped as it is reported.
    pub(crate) suppressions: Option<crate::suppress::Suppressions>,
    /// Findings of a rule that is an error by default, reported so far, silenced or not.
    errors: usize,
    /// Where the `unknown-field` findings kept so far (listed or counted) point: a finding
    /// they cover repeats their problem and is dropped.
    shown_unknown: std::collections::HashSet<crate::diagnostic::Span>,
    /// The file's lines, indexed on first use and shared with suppressions and the
    /// diagnostics' positions, so a file is scanned for line breaks at most once.
    pub(crate) lines: std::cell::OnceCell<LineIndex<'s>>,
}

impl<'s> Checker<'s> {
    pub(crate) fn new(settings: &'s RuleSettings, config: &'s Severities, source: &'s str) -> Self {
        Checker {
            settings,
            config,
            source,
            findings: Vec::new(),
            overflow: None,
            suppressions: None,
            errors: 0,
            shown_unknown: std::collections::HashSet::new(),
            lines: std::cell::OnceCell::new(),
        }
    }

    // Cold: a call to it marks the branch that builds a finding (its `format!`s among it)
    // as unlikely, so the compiler lays that code out of the clean path.
    #[cold]
    pub(crate) fn report(&mut self, finding: Finding) {
        if finding.rule.default_severity() == Severity::Error {
            self.errors += 1;
        }
        if let Some(suppressions) = &mut self.suppressions {
            let lines = self.lines.get_or_init(|| LineIndex::new(self.source));
            if suppressions.silences(finding.rule, lines.line(finding.span.start)) {
                return;
            }
        }
        // After the suppressions: a directive for a rule turned off still counts as used
        // when its finding comes, as it did when such findings were dropped at the end.
        if self
            .config
            .of_finding(finding.rule, finding.demoted)
            .is_none()
        {
            return;
        }
        // The misspelt key is reported before the field it should have been, so whether
        // it is shown is known here (it may itself be silenced or turned off).
        if finding
            .covered_by
            .is_some_and(|cover| self.shown_unknown.contains(&cover))
        {
            return;
        }
        if finding.rule == Rule::UnknownField {
            self.shown_unknown.insert(finding.span);
        }
        if self.findings.len() < MAX_FINDINGS_PER_FILE {
            self.findings.push(finding);
            return;
        }
        let config = self.config;
        match &mut self.overflow {
            None => {
                self.overflow = Some(Overflow {
                    named: finding,
                    names_the_first: true,
                    dropped: 1,
                });
            }
            Some(overflow) => {
                overflow.dropped += 1;
                // The summary takes its severity from the finding it names: a file whose
                // list is full of warnings must still fail on an error past them.
                if overflow.names_the_first
                    && is_error(config, &finding)
                    && !is_error(config, &overflow.named)
                {
                    overflow.named = finding;
                    overflow.names_the_first = false;
                }
            }
        }
    }

    /// True once findings are only counted: callers may skip building costly messages.
    /// Not while the summary may still take an error to name, which needs its message.
    pub(crate) fn counting_only(&self) -> bool {
        self.overflow.as_ref().is_some_and(|overflow| {
            !overflow.names_the_first || is_error(self.config, &overflow.named)
        })
    }

    /// The file's line index, built on the first call.
    pub(crate) fn lines(&self) -> &LineIndex<'s> {
        self.lines.get_or_init(|| LineIndex::new(self.source))
    }

    /// The findings, the last one summing up those over the limit, and the line index
    /// if one was built.
    pub(crate) fn finish(self) -> (Vec<Finding>, Option<LineIndex<'s>>) {
        let mut findings = self.findings;
        if let Some(Overflow {
            named,
            names_the_first,
            dropped,
        }) = self.overflow
        {
            let count = if dropped == 1 {
                "1 more problem in this file is not listed".to_owned()
            } else {
                format!("{dropped} more problems in this file are not listed")
            };
            let which = if names_the_first {
                "the first of them"
            } else {
                "the first error among them"
            };
            let message = format!(
                "{count} (at most {MAX_FINDINGS_PER_FILE} are); {which}: {}",
                named.message
            );
            findings.push(Finding { message, ..named });
        }
        (findings, self.lines.into_inner())
    }

    /// Reports a finding on the field at `path`, the common case.
    #[cold]
    pub(crate) fn flag(
        &mut self,
        rule: Rule,
        span: crate::diagnostic::Span,
        path: &FieldPath<'_>,
        message: String,
        help: impl Into<Option<String>>,
    ) {
        self.flag_fixed(rule, span, path, message, help, None);
    }

    /// [`Checker::flag`] with the fix that repairs it.
    #[cold]
    pub(crate) fn flag_fixed(
        &mut self,
        rule: Rule,
        span: crate::diagnostic::Span,
        path: &FieldPath<'_>,
        message: String,
        help: impl Into<Option<String>>,
        fix: Option<crate::fix::Fix>,
    ) {
        self.report(
            Finding::new(rule, span, message)
                .field(path.to_string())
                .maybe_help(help.into())
                .fix(fix),
        );
    }

    /// The 1-based line of a byte offset, for messages that point at another place.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.lines().line(offset)
    }

    /// Whether an error was reported since [`Checker::mark`], silenced or over the limit
    /// or not: what the typed model is built from must have none.
    pub(crate) fn has_errors_since(&self, mark: usize) -> bool {
        self.errors > mark
    }

    pub(crate) fn mark(&self) -> usize {
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_settings() -> RuleSettings {
        RuleSettings {
            now: DateTime::<Utc>::default(),
            future_tolerance: chrono::Duration::zero(),
            hosting_platforms: vec![],
        }
    }

    #[test]
    fn line_of_counts_line_breaks_before_the_offset() {
        let settings = rule_settings();
        let config = Severities::default();
        let checker = Checker::new(&settings, &config, "a\nb\n\nc");
        let lines: Vec<usize> = (0..8).map(|o| checker.line_of(o)).collect();
        assert_eq!(lines, [1, 1, 2, 2, 3, 4, 4, 4]);
    }

    /// Regression: a 10 MiB file of bad keys gave 900,000 findings (and ran out of time
    /// and memory); past the limit they are counted in one last finding.
    #[test]
    fn findings_stop_at_the_limit_and_say_how_many_more() {
        let settings = rule_settings();
        let config = Severities::default();
        let mut checker = Checker::new(&settings, &config, "");
        for i in 0..MAX_FINDINGS_PER_FILE + 5 {
            let finding = Finding::new(Rule::UnknownField, crate::Span::at(i), format!("key {i}"));
            checker.report(finding);
        }
        let (findings, _) = checker.finish();
        assert_eq!(findings.len(), MAX_FINDINGS_PER_FILE + 1);
        let last = &findings[MAX_FINDINGS_PER_FILE];
        assert_eq!(last.span, crate::Span::at(MAX_FINDINGS_PER_FILE));
        assert!(
            last.message
                .starts_with("5 more problems in this file are not listed"),
            "{}",
            last.message
        );
    }

    /// A finding that another covers (a missing field its misspelling already names) is
    /// dropped when that one is shown: it takes no place under the limit, is not counted
    /// past it, and the summary never names it.
    #[test]
    fn covered_findings_take_no_place_and_are_not_counted() {
        let settings = rule_settings();
        let config = Severities::default();
        let warning = |i| Finding::new(Rule::DuplicateTopic, crate::Span::at(i), "topic");
        let misspelt = crate::Span::at(5000);
        let covered = |at| {
            let mut missing = Finding::new(Rule::MissingField, crate::Span::at(at), "missing");
            missing.covered_by = Some(misspelt);
            missing
        };
        let summary_after = |listed_before: usize, rest: Vec<Finding>| {
            let mut checker = Checker::new(&settings, &config, "");
            for i in 0..listed_before {
                checker.report(warning(i));
            }
            let unknown = Finding::new(Rule::UnknownField, misspelt, "unknown field `titel`");
            checker.report(unknown);
            rest.into_iter().for_each(|finding| checker.report(finding));
            let (mut findings, _) = checker.finish();
            assert_eq!(findings.len(), MAX_FINDINGS_PER_FILE + 1);
            findings.pop().map(|f| (f.span, f.message, f.covered_by))
        };
        let one_more = Some((
            crate::Span::at(7000),
            "1 more problem in this file is not listed (at most 1000 are); the first of \
             them: topic"
                .to_owned(),
            None,
        ));
        // The misspelt key listed last: what it covers is dropped, listed or not.
        let rest = vec![covered(6000), warning(7000), covered(8000)];
        assert_eq!(summary_after(MAX_FINDINGS_PER_FILE - 1, rest), one_more);
        // The misspelt key itself past the limit: counted, and what it covers is not.
        let rest = vec![covered(6000), warning(7000)];
        let summary = summary_after(MAX_FINDINGS_PER_FILE, rest);
        assert_eq!(
            summary.map(|(span, message, _)| (span, message)),
            Some((
                misspelt,
                "2 more problems in this file are not listed (at most 1000 are); the first \
                 of them: unknown field `titel`"
                    .to_owned()
            ))
        );
    }

    #[test]
    fn field_paths() {
        let root = FieldPath::Root;
        let related = root.field("related");
        let item = related.index(2);
        let provider = item.field("provider");
        assert_eq!(
            provider.field("domain").to_string(),
            "related[2].provider.domain"
        );
    }
}
