//! The rule registry: one enum gives each rule its stable id, default severity,
//! description and examples, and drives `newsval rules`, the machine formats and the
//! tests; [`Severities`] is the one place a finding's severity is decided. A leaf: it
//! imports nothing of newsval but did-you-mean.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize, Serializer};

use crate::suggest::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The lowercase word used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range in the whole file (not in the frontmatter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Off => None,
        }
    }
}

/// The severity of each rule in a run: its default, or what the config sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Severities {
    levels: HashMap<Rule, Level>,
}

impl Severities {
    /// Sets a rule's level, as `[rules]` in `newsval.toml` does.
    pub fn insert(&mut self, rule: Rule, level: Level) {
        self.levels.insert(rule, level);
    }

    /// Only these rules (`--select`): every other one is turned off, and a selected one
    /// the config turned off runs at its default severity.
    pub fn select(&mut self, rules: &[Rule]) {
        for rule in Rule::ALL {
            if !rules.contains(&rule) {
                self.levels.insert(rule, Level::Off);
            } else if self.levels.get(&rule) == Some(&Level::Off) {
                self.levels.remove(&rule);
            }
        }
    }

    /// Not these rules (`--ignore`).
    pub fn ignore(&mut self, rules: &[Rule]) {
        for &rule in rules {
            self.levels.insert(rule, Level::Off);
        }
    }

    /// A rule's severity, or `None` when it is turned off.
    pub fn of(&self, rule: Rule) -> Option<Severity> {
        match self.levels.get(&rule) {
            Some(level) => level.severity(),
            None => Some(rule.default_severity()),
        }
    }

    /// A finding's severity: its rule's, lowered to a warning when its schema says so
    /// (`unknown-fields = "warning"`); `None` when the rule is turned off.
    pub fn of_finding(&self, rule: Rule, demoted: bool) -> Option<Severity> {
        let severity = self.of(rule)?;
        Some(if demoted { Severity::Warning } else { severity })
    }
}

/// A rule id. Match on it without a `_` arm so a new rule forces every place to decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    UnreadableFile,
    InvalidEncoding,
    MissingFrontmatter,
    UnclosedFrontmatter,
    YamlSyntax,
    LenientYaml,
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
            bad: include_str!(concat!("../fixtures/rules/", $id, "/bad.md")),
            good: include_str!(concat!("../fixtures/rules/", $id, "/good.md")),
            checkable: true,
        }
    };
}

impl Rule {
    /// Every rule, in the order `newsval rules` lists them.
    pub const ALL: [Rule; 27] = [
        Rule::UnreadableFile,
        Rule::InvalidEncoding,
        Rule::MissingFrontmatter,
        Rule::UnclosedFrontmatter,
        Rule::YamlSyntax,
        Rule::LenientYaml,
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
            Rule::LenientYaml => "lenient-yaml",
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
            | Rule::LenientYaml
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
            Rule::LenientYaml => {
                "YAML that lenient parsers accept but YAML 1.2 rejects (an under-indented continuation, a tab as indentation)"
            }
            Rule::DuplicateKey => "a key appears twice in one mapping",
            Rule::MissingField => "a required field is absent",
            Rule::UnknownField => "a key that the schema does not know (often a misspelling)",
            Rule::InvalidType => {
                "a value of the wrong YAML type: a string for an integer, `\"false\"` for a boolean, null, ..."
            }
            Rule::EmptyText => "a text field that is empty or only whitespace",
            Rule::OutOfRange => {
                "a number outside its allowed range, or a list with too few or too many items"
            }
            Rule::InvalidUrl => "not an absolute URL with a host, or whitespace inside it",
            Rule::UnsupportedScheme => {
                "a URL whose scheme is not http or https (`javascript:`, `ftp:`, `mailto:` ...)"
            }
            Rule::InsecureUrl => "an image URL that uses `http:` instead of `https:`",
            Rule::InvalidDomain => {
                "a domain (provider.domain) that is not a bare lowercase host name"
            }
            Rule::DomainMismatch => "a URL whose host is outside its provider's domain",
            Rule::InvalidDate => {
                "not an RFC 3339 date-time with a UTC offset (or not a date, or an ISO 8601 duration, where the schema asks for one)"
            }
            Rule::FutureDate => {
                "a date-time that must not be in the future (publishedDateTime) is after now"
            }
            Rule::UnknownValue => "a value outside its field's known values (category, type)",
            Rule::UntrimmedText => "text with leading or trailing whitespace",
            Rule::InvalidSecured => "secured is not `BASE64;BASE64` with the expected lengths",
            Rule::DuplicateTopic => "the same value twice in a list of unique values (topics)",
            Rule::DuplicateRelated => {
                "two items of a list with the same key (related items with one webUrl)"
            }
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
            Rule::LenientYaml => fixture_example!("lenient-yaml"),
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
}
