//! Every rule newsval knows: one enum gives each its stable id, default severity and
//! description, and drives `newsval rules`, the machine formats and the tests.
//! The checks themselves live in one file per family: `scalars`, `url`, `date`,
//! `secured`, `lists` and `corpus`, called by the schema walk (`crate::schema`);
//! file-level rules fire in `check`.

pub(crate) mod corpus;
pub(crate) mod date;
pub(crate) mod lists;
pub(crate) mod scalars;
pub(crate) mod secured;
pub(crate) mod url;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

use crate::diagnostic::{Finding, Severity};
use crate::source::LineIndex;
pub(crate) use crate::suggest::did_you_mean;

/// A rule id. Match on it without a `_` arm so a new rule forces every place to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    UnreadableFile,
    InvalidEncoding,
    MissingFrontmatter,
    UnclosedFrontmatter,
    YamlSyntax,
    DuplicateKey,
    MissingField,
    UnknownField,
    InvalidType,
    EmptyText,
    OutOfRange,
    InvalidUrl,
    UnsupportedScheme,
    InsecureUrl,
    InvalidDomain,
    DomainMismatch,
    InvalidDate,
    FutureDate,
    UnknownValue,
    UntrimmedText,
    InvalidSecured,
    DuplicateTopic,
    DuplicateRelated,
    SelfReference,
    DuplicateItem,
    UnusedSuppression,
}

/// A failing and a passing example of a rule, shown by `newsval rules RULE`.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub bad: &'static str,
    pub good: &'static str,
    /// Whether `bad` and `good` are whole files newsval can check (else prose).
    pub checkable: bool,
}

macro_rules! fixture_example {
    ($id:literal) => {
        Example {
            bad: include_str!(concat!("../../fixtures/rules/", $id, "/bad.md")),
            good: include_str!(concat!("../../fixtures/rules/", $id, "/good.md")),
            checkable: true,
        }
    };
}

impl Rule {
    /// Every rule, in the order `newsval rules` lists them.
    pub const ALL: [Rule; 26] = [
        Rule::UnreadableFile,
        Rule::InvalidEncoding,
        Rule::MissingFrontmatter,
        Rule::UnclosedFrontmatter,
        Rule::YamlSyntax,
        Rule::DuplicateKey,
        Rule::MissingField,
        Rule::UnknownField,
        Rule::InvalidType,
        Rule::EmptyText,
        Rule::OutOfRange,
        Rule::InvalidUrl,
        Rule::UnsupportedScheme,
        Rule::InsecureUrl,
        Rule::InvalidDomain,
        Rule::DomainMismatch,
        Rule::InvalidDate,
        Rule::FutureDate,
        Rule::UnknownValue,
        Rule::UntrimmedText,
        Rule::InvalidSecured,
        Rule::DuplicateTopic,
        Rule::DuplicateRelated,
        Rule::SelfReference,
        Rule::DuplicateItem,
        Rule::UnusedSuppression,
    ];

    /// The stable kebab-case id used in output, config and suppressions.
    pub fn id(self) -> &'static str {
        match self {
            Rule::UnreadableFile => "unreadable-file",
            Rule::InvalidEncoding => "invalid-encoding",
            Rule::MissingFrontmatter => "missing-frontmatter",
            Rule::UnclosedFrontmatter => "unclosed-frontmatter",
            Rule::YamlSyntax => "yaml-syntax",
            Rule::DuplicateKey => "duplicate-key",
            Rule::MissingField => "missing-field",
            Rule::UnknownField => "unknown-field",
            Rule::InvalidType => "invalid-type",
            Rule::EmptyText => "empty-text",
            Rule::OutOfRange => "out-of-range",
            Rule::InvalidUrl => "invalid-url",
            Rule::UnsupportedScheme => "unsupported-scheme",
            Rule::InsecureUrl => "insecure-url",
            Rule::InvalidDomain => "invalid-domain",
            Rule::DomainMismatch => "domain-mismatch",
            Rule::InvalidDate => "invalid-date",
            Rule::FutureDate => "future-date",
            Rule::UnknownValue => "unknown-value",
            Rule::UntrimmedText => "untrimmed-text",
            Rule::InvalidSecured => "invalid-secured",
            Rule::DuplicateTopic => "duplicate-topic",
            Rule::DuplicateRelated => "duplicate-related",
            Rule::SelfReference => "self-reference",
            Rule::DuplicateItem => "duplicate-item",
            Rule::UnusedSuppression => "unused-suppression",
        }
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::InsecureUrl
            | Rule::DomainMismatch
            | Rule::FutureDate
            | Rule::UnknownValue
            | Rule::UntrimmedText
            | Rule::DuplicateTopic
            | Rule::DuplicateRelated
            | Rule::SelfReference
            | Rule::DuplicateItem
            | Rule::UnusedSuppression => Severity::Warning,
            Rule::UnreadableFile
            | Rule::InvalidEncoding
            | Rule::MissingFrontmatter
            | Rule::UnclosedFrontmatter
            | Rule::YamlSyntax
            | Rule::DuplicateKey
            | Rule::MissingField
            | Rule::UnknownField
            | Rule::InvalidType
            | Rule::EmptyText
            | Rule::OutOfRange
            | Rule::InvalidUrl
            | Rule::UnsupportedScheme
            | Rule::InvalidDomain
            | Rule::InvalidDate
            | Rule::InvalidSecured => Severity::Error,
        }
    }

    /// One line: what the rule fires on.
    pub fn summary(self) -> &'static str {
        match self {
            Rule::UnreadableFile => "the file cannot be read, or is larger than the size limit",
            Rule::InvalidEncoding => "the file is not valid UTF-8",
            Rule::MissingFrontmatter => "the file does not start with a `---` line",
            Rule::UnclosedFrontmatter => "no `---` or `...` line closes the frontmatter",
            Rule::YamlSyntax => {
                "the frontmatter is not valid YAML, or exceeds the nesting or alias limits"
            }
            Rule::DuplicateKey => "a key appears twice in one mapping",
            Rule::MissingField => "a required field is absent",
            Rule::UnknownField => "a key that the schema does not know (often a misspelling)",
            Rule::InvalidType => {
                "a value of the wrong YAML type: a string for an integer, `\"false\"` for a boolean, null, ..."
            }
            Rule::EmptyText => "a text field that is empty or only whitespace",
            Rule::OutOfRange => "an integer outside its allowed range",
            Rule::InvalidUrl => "not an absolute URL with a host, or whitespace inside it",
            Rule::UnsupportedScheme => {
                "a URL whose scheme is not http or https (`javascript:`, `ftp:`, `mailto:` ...)"
            }
            Rule::InsecureUrl => "an image URL that uses `http:` instead of `https:`",
            Rule::InvalidDomain => "provider.domain is not a bare lowercase host name",
            Rule::DomainMismatch => "a URL whose host is outside its provider's domain",
            Rule::InvalidDate => "not an RFC 3339 date-time with a UTC offset",
            Rule::FutureDate => "publishedDateTime is after now",
            Rule::UnknownValue => "a category or type outside the known values",
            Rule::UntrimmedText => "text with leading or trailing whitespace",
            Rule::InvalidSecured => "secured is not `BASE64;BASE64` with the expected lengths",
            Rule::DuplicateTopic => "the same topic listed twice",
            Rule::DuplicateRelated => "two related items with the same webUrl",
            Rule::SelfReference => "a related item that points at the article itself",
            Rule::DuplicateItem => "two files with the same originalUrl",
            Rule::UnusedSuppression => {
                "a `# newsval: ignore[...]` comment that silences nothing, or cannot be read"
            }
        }
    }

    /// A failing and a passing example; most are this rule's test fixtures.
    pub fn example(self) -> Example {
        match self {
            Rule::UnreadableFile => Example {
                bad: "(a symbolic link that points at itself, a FIFO, or a 2 GiB export)\n",
                good: "(a regular file under the size limit that newsval may read)\n",
                checkable: false,
            },
            Rule::InvalidEncoding => Example {
                bad: "---\ntitle: \"Caf\\xe9\"    # Latin-1 bytes, not UTF-8\n---\n",
                good: "---\ntitle: \"Café\"\n---\n",
                checkable: false,
            },
            Rule::MissingFrontmatter => fixture_example!("missing-frontmatter"),
            Rule::UnclosedFrontmatter => fixture_example!("unclosed-frontmatter"),
            Rule::YamlSyntax => fixture_example!("yaml-syntax"),
            Rule::DuplicateKey => fixture_example!("duplicate-key"),
            Rule::MissingField => fixture_example!("missing-field"),
            Rule::UnknownField => fixture_example!("unknown-field"),
            Rule::InvalidType => fixture_example!("invalid-type"),
            Rule::EmptyText => fixture_example!("empty-text"),
            Rule::OutOfRange => fixture_example!("out-of-range"),
            Rule::InvalidUrl => fixture_example!("invalid-url"),
            Rule::UnsupportedScheme => fixture_example!("unsupported-scheme"),
            Rule::InsecureUrl => fixture_example!("insecure-url"),
            Rule::InvalidDomain => fixture_example!("invalid-domain"),
            Rule::DomainMismatch => fixture_example!("domain-mismatch"),
            Rule::InvalidDate => fixture_example!("invalid-date"),
            Rule::FutureDate => fixture_example!("future-date"),
            Rule::UnknownValue => fixture_example!("unknown-value"),
            Rule::UntrimmedText => fixture_example!("untrimmed-text"),
            Rule::InvalidSecured => fixture_example!("invalid-secured"),
            Rule::DuplicateTopic => fixture_example!("duplicate-topic"),
            Rule::DuplicateRelated => fixture_example!("duplicate-related"),
            Rule::SelfReference => fixture_example!("self-reference"),
            Rule::DuplicateItem => Example {
                bad: "a.md and b.md both say:\noriginalUrl: \"https://www.axios.com/2022/09/12/meta-pytorch\"\n",
                good: "each file has its own originalUrl; merge or delete the copy\n",
                checkable: false,
            },
            Rule::UnusedSuppression => fixture_example!("unused-suppression"),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A name that is no rule id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule `{name}`{}", suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownRule {
    pub name: String,
    pub suggestion: Option<&'static str>,
}

impl FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rule::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| UnknownRule {
                name: s.to_owned(),
                suggestion: did_you_mean(s, Rule::ALL.iter().map(|r| r.id())),
            })
    }
}

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
fn is_error(config: &crate::Config, finding: &Finding) -> bool {
    config.severity_of(finding) == Some(Severity::Error)
}

/// Collects the findings of one file while the rule families walk it.
pub(crate) struct Checker<'s> {
    pub(crate) settings: &'s RuleSettings,
    /// Which rules are on: a finding of a rule turned off is dropped as it is reported,
    /// so it takes no place under [`MAX_FINDINGS_PER_FILE`].
    config: &'s crate::Config,
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
    pub(crate) fn new(
        settings: &'s RuleSettings,
        config: &'s crate::Config,
        source: &'s str,
    ) -> Self {
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
        if self.config.severity_of(&finding).is_none() {
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
        self.report(
            Finding::new(rule, span, message)
                .field(path.to_string())
                .maybe_help(help.into()),
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

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        for rule in Rule::ALL {
            assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }

    #[test]
    fn unknown_rule_suggests() {
        let err = "future-dates".parse::<Rule>().unwrap_err();
        assert_eq!(err.suggestion, Some("future-date"));
    }

    #[test]
    fn did_you_mean_keys() {
        let keys = ["title", "publishedDateTime", "originalUrl", "webUrl"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(
            did_you_mean("published_date_time", keys),
            Some("publishedDateTime")
        );
        assert_eq!(
            did_you_mean("PublishedDateTime", keys),
            Some("publishedDateTime")
        );
        assert_eq!(did_you_mean("orginalUrl", keys), Some("originalUrl"));
        assert_eq!(did_you_mean("weburl", keys), Some("webUrl"));
        assert_eq!(did_you_mean("author", keys), None);
    }

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
        let config = crate::Config::default();
        let checker = Checker::new(&settings, &config, "a\nb\n\nc");
        let lines: Vec<usize> = (0..8).map(|o| checker.line_of(o)).collect();
        assert_eq!(lines, [1, 1, 2, 2, 3, 4, 4, 4]);
    }

    /// Regression: a 10 MiB file of bad keys gave 900,000 findings (and ran out of time
    /// and memory); past the limit they are counted in one last finding.
    #[test]
    fn findings_stop_at_the_limit_and_say_how_many_more() {
        let settings = rule_settings();
        let config = crate::Config::default();
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
        let config = crate::Config::default();
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
