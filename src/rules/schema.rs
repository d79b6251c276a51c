//! Schema rules: the shape and types of the frontmatter (`duplicate-key`, `missing-field`,
//! `unknown-field`, `invalid-type`, `empty-text`, `untrimmed-text`, `out-of-range`,
//! `unknown-value`). The walk calls the other families for URLs, dates and lists, and
//! builds the typed model of a valid file when the checker asks for one.

use std::collections::HashMap;

use granit_parser::ScalarStyle;

use super::{Checker, FieldPath, Rule, did_you_mean};
use crate::diagnostic::{Finding, Span};
use crate::model::{Article, Image, Provider, RelatedItem};
use crate::yaml::{Node, Resolved, Scalar, Value};

const ARTICLE_FIELDS: [(&str, bool); 14] = [
    ("category", true),
    ("title", true),
    ("excerpt", true),
    ("publishedDateTime", true),
    ("originalUrl", true),
    ("webUrl", true),
    ("type", true),
    ("quality", true),
    ("heat", true),
    ("published", true),
    ("provider", true),
    ("topics", false),
    ("related", false),
    ("secured", false),
];
const PROVIDER_FIELDS: [(&str, bool); 2] = [("name", true), ("domain", true)];
const RELATED_FIELDS: [(&str, bool); 8] = [
    ("title", true),
    ("excerpt", true),
    ("publishedDateTime", true),
    ("webUrl", true),
    ("type", true),
    ("provider", true),
    ("quality", true),
    ("images", false),
];
const IMAGE_FIELDS: [(&str, bool); 4] = [
    ("url", true),
    ("width", true),
    ("height", true),
    ("isCached", false),
];

/// Where a key that is unknown in one mapping does belong, for a better hint.
const HOMES: &[(&str, &str)] = &[
    ("name", "provider"),
    ("domain", "provider"),
    ("images", "each item of `related`"),
    ("url", "each item of `images`"),
    ("width", "each item of `images`"),
    ("height", "each item of `images`"),
    ("isCached", "each item of `images`"),
    ("topics", "the top level of the frontmatter"),
    ("related", "the top level of the frontmatter"),
    ("secured", "the top level of the frontmatter"),
    ("category", "the top level of the frontmatter"),
    ("originalUrl", "the top level of the frontmatter"),
];

/// What the walk learnt about an article besides the model: spans for cross-field rules.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub(crate) article: Option<Article>,
    /// The parsed originalUrl and its span, for the cross-file `duplicate-item`.
    pub(crate) original_url: Option<(url::Url, Span)>,
}

/// Checks the frontmatter's root node against the Article schema.
pub(crate) fn check_root(checker: &mut Checker<'_>, root: &Node<'_>) -> Walked {
    let mark = checker.mark();
    let settings = checker.settings;
    let path = FieldPath::Root;
    let mut walked = Walked::default();
    let Some(fields) = fields(checker, root, &path, &ARTICLE_FIELDS, "the article") else {
        return walked;
    };
    let text_field = |checker: &mut Checker<'_>, name: &'static str| {
        fields
            .get(name)
            .and_then(|n| text(checker, n, &path.field(name)))
    };
    let category = text_field(checker, "category");
    if let (Some(category), Some(node)) = (category, fields.get("category")) {
        known_value(
            checker,
            category,
            node,
            &path.field("category"),
            &settings.categories,
        );
    }
    let title = text_field(checker, "title");
    let excerpt = text_field(checker, "excerpt");
    let published_at = fields.get("publishedDateTime").and_then(|n| {
        let at = super::date::date_time(checker, n, &path.field("publishedDateTime"))?;
        super::date::not_in_future(checker, at, n.span, &path.field("publishedDateTime"));
        Some(at)
    });
    let provider_path = path.field("provider");
    let provider = fields
        .get("provider")
        .and_then(|n| provider(checker, n, &provider_path));
    let original_url = fields
        .get("originalUrl")
        .and_then(|n| site_url(checker, n, &path.field("originalUrl"), provider.as_ref()));
    let web_url = fields
        .get("webUrl")
        .and_then(|n| super::url::url(checker, n, &path.field("webUrl")));
    let item_type = text_field(checker, "type");
    if let (Some(item_type), Some(node)) = (item_type, fields.get("type")) {
        known_value(
            checker,
            item_type,
            node,
            &path.field("type"),
            &settings.types,
        );
    }
    let quality = fields
        .get("quality")
        .and_then(|n| integer(checker, n, &path.field("quality"), 0, Some(100)));
    let heat = fields
        .get("heat")
        .and_then(|n| integer(checker, n, &path.field("heat"), -1, None));
    let published = fields
        .get("published")
        .and_then(|n| boolean(checker, n, &path.field("published")));
    let topics = fields
        .get("topics")
        .map(|n| topics(checker, n, &path.field("topics")));
    let related = fields.get("related").map(|n| {
        related_list(
            checker,
            n,
            &path.field("related"),
            [web_url.as_ref(), original_url.as_ref().map(|(url, _)| url)],
        )
    });
    let secured = fields.get("secured").and_then(|n| {
        let field = path.field("secured");
        let value = text(checker, n, &field)?;
        super::secured::secured(checker, value.trim(), n.span, &field);
        Some(value)
    });

    if checker.builds_model && !checker.has_errors_since(mark) {
        walked.article = (|| {
            Some(Article {
                category: category?.to_owned(),
                title: title?.to_owned(),
                excerpt: excerpt?.to_owned(),
                published_date_time: published_at?,
                original_url: original_url.as_ref()?.0.clone(),
                web_url: web_url?,
                item_type: item_type?.to_owned(),
                quality: u8::try_from(quality?).unwrap_or_default(),
                heat: heat?,
                published: published?,
                provider: provider?.to_model(),
                topics: topics.flatten().unwrap_or_default(),
                related: related.flatten().unwrap_or_default(),
                secured: secured.map(str::to_owned),
            })
        })();
    }
    walked.original_url = original_url;
    walked
}

/// A provider as written, borrowed from the tree until a model is built.
struct WrittenProvider<'n, 'p> {
    name: &'n str,
    domain: &'n str,
    domain_path: FieldPath<'p>,
}

impl WrittenProvider<'_, '_> {
    fn to_model(&self) -> Provider {
        Provider {
            name: self.name.to_owned(),
            domain: self.domain.to_owned(),
        }
    }
}

/// A URL of the provider's item (`invalid-url`, and `domain-mismatch` against the
/// provider's domain when there is a valid provider), with its span.
fn site_url(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    provider: Option<&WrittenProvider<'_, '_>>,
) -> Option<(url::Url, Span)> {
    let url = super::url::url(checker, node, path)?;
    if let Some(provider) = provider {
        super::url::host_within(
            checker,
            &url,
            node.span,
            path,
            provider.domain,
            &provider.domain_path,
        );
    }
    Some((url, node.span))
}

/// The found fields of one mapping, in schema order.
struct Fields<'n, 'a, const N: usize> {
    names: &'static [(&'static str, bool); N],
    found: [Option<&'n Node<'a>>; N],
}

impl<'n, 'a, const N: usize> Fields<'n, 'a, N> {
    fn get(&self, name: &str) -> Option<&'n Node<'a>> {
        let index = self.names.iter().position(|(n, _)| *n == name)?;
        self.found.get(index).copied().flatten()
    }
}

/// Checks that `node` is a mapping with exactly the schema's keys: reports duplicate,
/// unknown and missing keys, and returns the value node of each known key.
fn fields<'n, 'a, const N: usize>(
    checker: &mut Checker<'_>,
    node: &'n Node<'a>,
    path: &FieldPath<'_>,
    names: &'static [(&'static str, bool); N],
    what: &str,
) -> Option<Fields<'n, 'a, N>> {
    let Value::Mapping(entries) = node.value else {
        let expected = names.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        checker.report(
            Finding::new(
                Rule::InvalidType,
                node.span,
                format!(
                    "{path} must be a mapping ({what}), found {}",
                    describe(node)
                ),
            )
            .field(path.to_string())
            .help(format!("expected the keys: {expected}")),
        );
        return None;
    };
    // Arrays the size of the schema's key list: no allocation per mapping.
    let mut found: [Option<&Node<'a>>; N] = [None; N];
    let mut key_spans: [Option<Span>; N] = [None; N];
    // Known keys first, so did-you-mean never proposes a key that is already set.
    let mut unknown: Vec<(&str, &Node<'a>)> = Vec::new();
    for (key, value) in entries {
        let Value::Scalar(scalar) = &key.value else {
            wrong_key(checker, key, path);
            continue;
        };
        let name = scalar.text;
        let Some(index) = names.iter().position(|(n, _)| *n == name) else {
            unknown.push((name, key));
            continue;
        };
        match key_spans[index] {
            Some(first) => duplicate_key(checker, key, name, first, path),
            None => {
                key_spans[index] = Some(key.span);
                found[index] = Some(value);
            }
        }
    }
    // The keys a misspelt one may have meant; most mappings leave an optional key unset,
    // so collecting them when nothing is misspelt cost an allocation a mapping.
    let unset: Vec<&str> = if unknown.is_empty() {
        Vec::new()
    } else {
        names
            .iter()
            .zip(&found)
            .filter(|(_, value)| value.is_none())
            .map(|((name, _), _)| *name)
            .collect()
    };
    // A misspelt key says "did you mean `x`?"; `x` missing is then the same problem,
    // reported only if that unknown-field finding is turned off or suppressed.
    let mut misspelt: Vec<(&str, Span)> = Vec::new();
    let mut unknown_seen: HashMap<&str, Span> = HashMap::new();
    for (name, key) in unknown {
        let repeated = unknown_seen.get(name).copied();
        if checker.counting_only() {
            // Past the findings limit only the count matters: no did-you-mean, no text.
            unknown_seen.entry(name).or_insert(key.span);
            let rule = if repeated.is_some() {
                Rule::DuplicateKey
            } else {
                Rule::UnknownField
            };
            checker.report(Finding::new(rule, key.span, ""));
            continue;
        }
        if let Some(first) = repeated {
            duplicate_key(checker, key, name, first, path);
            continue;
        }
        unknown_seen.insert(name, key.span);
        let suggestion = did_you_mean(name, unset.iter().copied());
        if let Some(suggestion) = suggestion {
            misspelt.push((suggestion, key.span));
        }
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => match HOMES.iter().find(|(key, _)| *key == name) {
                Some((key, home)) if matches!(path, FieldPath::Root | FieldPath::Index(..)) => {
                    format!("`{key}` belongs in {home}")
                }
                _ => format!(
                    "{what} takes: {}",
                    names.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                ),
            },
        };
        checker.report(
            Finding::new(
                Rule::UnknownField,
                key.span,
                format!("unknown field `{name}`{}", in_path(path)),
            )
            .field(join(path, name))
            .help(help),
        );
    }
    // The parent mapping's start (its first key, or the `{` of a flow mapping), one
    // character wide so the caret does not read as blaming that first key.
    let anchor = Span::new(node.span.start, node.span.start + 1);
    for ((name, required), value) in names.iter().zip(&found) {
        if *required && value.is_none() {
            let (example, note) = example_value(name);
            let mut finding = Finding::new(
                Rule::MissingField,
                anchor,
                format!("missing required field `{name}`{}", in_path(path)),
            )
            .field(join(path, name))
            .help(format!("add `{name}: {example}`{note}"));
            finding.covered_by = misspelt
                .iter()
                .find(|(suggestion, _)| suggestion == name)
                .map(|(_, span)| *span);
            checker.report(finding);
        }
    }
    Some(Fields { names, found })
}

/// `duplicate-key`: `key` repeats a key first written at `first`.
fn duplicate_key(
    checker: &mut Checker<'_>,
    key: &Node<'_>,
    name: &str,
    first: Span,
    path: &FieldPath<'_>,
) {
    let line = checker.line_of(first.start);
    checker.report(
        Finding::new(
            Rule::DuplicateKey,
            key.span,
            format!("duplicate key `{name}`{}", in_path(path)),
        )
        .field(join(path, name))
        .help(format!(
            "`{name}` is already set on line {line}; keep one of them"
        )),
    );
}

/// `invalid-type`: a key that is a list or mapping.
fn wrong_key(checker: &mut Checker<'_>, key: &Node<'_>, path: &FieldPath<'_>) {
    checker.report(
        Finding::new(
            Rule::InvalidType,
            key.span,
            format!("a key in {path} must be a string, found {}", describe(key)),
        )
        .field(path.to_string())
        .help("write keys as plain names, such as `title:`"),
    );
}

/// " in related[2].provider", or nothing at the top level.
fn in_path(path: &FieldPath<'_>) -> String {
    match path {
        FieldPath::Root => String::new(),
        _ => format!(" in {path}"),
    }
}

/// A placeholder value for a `help:` line, and a note on its type.
fn example_value(name: &str) -> (&'static str, &'static str) {
    match name {
        "category" => ("news", ""),
        "type" => ("article", ""),
        "publishedDateTime" => ("2022-09-12T13:00:00Z", ""),
        "originalUrl" | "webUrl" | "url" => ("\"https://www.example.com/story\"", ""),
        "quality" => ("50", " (an integer from 0 to 100)"),
        "heat" => ("-1", " (an integer; -1 when not scored)"),
        "published" => ("false", " (or true)"),
        "width" | "height" => ("640", " (pixels, at least 1)"),
        "provider" => ("{ name: ..., domain: example.com }", ""),
        "domain" => ("example.com", ""),
        _ => ("\"...\"", ""),
    }
}

fn join(path: &FieldPath<'_>, name: &str) -> String {
    match path {
        FieldPath::Root => name.to_owned(),
        _ => format!("{path}.{name}"),
    }
}

/// `invalid-type`: `node` is not the `expected` kind of value.
fn wrong_type(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    expected: &str,
    help: impl Into<Option<String>>,
) {
    let message = format!("{path} must be {expected}, found {}", describe(node));
    checker.flag(Rule::InvalidType, node.span, path, message, help);
}

/// How a node reads in a message: "an integer (`21`)", "a list", "null".
pub(crate) fn describe(node: &Node<'_>) -> String {
    match &node.value {
        Value::Mapping(_) => "a mapping".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Scalar(s) => match s.resolve() {
            Resolved::Null => "nothing (null)".into(),
            Resolved::Bool(_) => format!("a boolean (`{}`)", s.text),
            Resolved::Int(_) => format!("an integer (`{}`)", s.text),
            Resolved::Float => format!("a number (`{}`)", s.text),
            Resolved::Str => match string_tag(s) {
                Some(tag) => format!("a string tagged `{tag}` (`{}`)", shorten(s.text)),
                None => format!("a string (`{}`)", shorten(s.text)),
            },
        },
    }
}

/// The tag that makes a scalar a string whatever its text, as written: `!!str`, a local
/// `!name`, a verbatim `!<int>` (not `!!int`) or a core tag the schema has no type for.
/// Messages name it, since `!foo 21` reads like a number.
fn string_tag(s: &Scalar<'_>) -> Option<String> {
    match *s.tag? {
        "null" | "int" | "bool" | "float" => None,
        custom if custom.starts_with('!') => Some(custom.to_owned()),
        core => Some(format!("!!{core}")),
    }
}

/// How to write a scalar that means `value` but is a string: without its tag, quotes or
/// block indicator. `None` for a plain untagged scalar, whose text alone made it a string.
fn unstring_help(s: &Scalar<'_>, value: impl std::fmt::Display) -> Option<String> {
    // A block scalar's value sits on the lines below the key; unblocked, it goes after it.
    let (form, block) = match s.style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => (Some("the quotes"), false),
        ScalarStyle::Literal => (Some("the block indicator `|`"), true),
        ScalarStyle::Folded => (Some("the block indicator `>`"), true),
        ScalarStyle::Plain => (None, false),
    };
    let what = match (string_tag(s), form) {
        (Some(tag), Some(form)) => format!("the tag `{tag}` and {form}"),
        (Some(tag), None) => format!("the tag `{tag}`"),
        (None, Some(form)) => form.to_owned(),
        (None, None) => return None,
    };
    Some(if block {
        format!("write the value after the key, without {what}: {value}")
    } else {
        format!("remove {what}: {value}")
    })
}

fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

/// A YAML string, or `invalid-type` naming what was found instead.
pub(crate) fn string<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node<'_>,
    path: &FieldPath<'_>,
    expected: &str,
    example: &str,
) -> Option<&'n str> {
    if let Value::Scalar(s) = &node.value
        && s.resolve() == Resolved::Str
    {
        return Some(s.text);
    }
    let help = match &node.value {
        Value::Scalar(s) if s.resolve() == Resolved::Null => {
            format!("write {expected} after the colon, e.g. {example}")
        }
        Value::Scalar(s) => format!("quote it to make it a string: \"{}\"", s.text),
        _ => format!("expected {expected}, e.g. {example}"),
    };
    wrong_type(checker, node, path, expected, help);
    None
}

/// Optional text fields, where removing an empty value is a fix too.
const OPTIONAL_TEXT: &[&str] = &["secured"];

/// Characters that show nothing: a title of only these is as empty as "".
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// `text`: a string that is not empty or only whitespace (`empty-text`), and has no
/// leading or trailing whitespace (`untrimmed-text`, a warning).
fn text<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node<'_>,
    path: &FieldPath<'_>,
) -> Option<&'n str> {
    let value = string(checker, node, path, "text", "\"Some words\"")?;
    if value.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        let message = if value.is_empty() {
            format!("{path} is empty")
        } else {
            format!("{path} holds only whitespace or invisible characters")
        };
        let help = if matches!(path, FieldPath::Index(..)) {
            "write the text, or remove the empty item"
        } else if OPTIONAL_TEXT.contains(&path.to_string().as_str()) {
            "write some text, or remove the field"
        } else {
            "write some text; this field is required"
        };
        checker.flag(Rule::EmptyText, node.span, path, message, help.to_owned());
        return None;
    }
    if value.trim() != value {
        let block = matches!(&node.value, Value::Scalar(s) if matches!(s.style, ScalarStyle::Folded | ScalarStyle::Literal));
        let help = if block && value.trim_start() == value {
            "the block scalar keeps its final line break; write `>-` or `|-` to drop it".to_owned()
        } else {
            format!(
                "remove the surrounding whitespace: \"{}\"",
                shorten(value.trim())
            )
        };
        checker.flag(
            Rule::UntrimmedText,
            node.span,
            path,
            format!("{path} has leading or trailing whitespace"),
            help,
        );
    }
    Some(value)
}

/// `unknown-value`: a category or type outside the configured list.
fn known_value(
    checker: &mut Checker<'_>,
    value: &str,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    known: &[String],
) {
    let value = value.trim();
    if known.iter().any(|k| k == value) {
        return;
    }
    let suggestion = did_you_mean(value, known.iter().map(String::as_str));
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? known values: {list}"),
        None => format!("known values: {list} (add more under [schema] in newsval.toml)"),
    };
    checker.flag(
        Rule::UnknownValue,
        node.span,
        path,
        format!("{path} `{value}` is not a known value"),
        help,
    );
}

/// An integer in `min..=max` (`invalid-type`, `out-of-range`), written in plain decimal:
/// `021` is 17 to a YAML 1.1 reader and `0x15` surprises everyone, so both are refused.
fn integer(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    min: i64,
    max: Option<i64>,
) -> Option<i64> {
    // Only a finding needs it: built in the clean path, it cost an allocation an integer.
    let range = || match max {
        Some(max) => format!("between {min} and {max}"),
        None => format!("{min} or more"),
    };
    let scalar = match &node.value {
        Value::Scalar(s) => Some((s, s.resolve())),
        _ => None,
    };
    match scalar {
        Some((s, Resolved::Int(value))) if !is_plain_decimal(s.text.trim()) => {
            let help = match value {
                Some(v) => format!("write it in plain decimal: {v}"),
                None => format!("write a whole number {} in plain decimal", range()),
            };
            let message = format!("{path} must be a plain decimal integer, found `{}`", s.text);
            checker.flag(Rule::InvalidType, node.span, path, message, help);
            None
        }
        Some((_, Resolved::Int(Some(v)))) if v >= min && max.is_none_or(|m| v <= m) => Some(v),
        Some((s, Resolved::Int(value))) => {
            let message = match value {
                Some(_) => format!("{path} must be {}, found {}", range(), s.text),
                None => format!(
                    "{path} `{}` is too large to be an integer here",
                    shorten(s.text)
                ),
            };
            let help = format!("write a whole number {}", range());
            checker.flag(Rule::OutOfRange, node.span, path, message, help);
            None
        }
        other => {
            let help = match other {
                Some((s, Resolved::Str)) if s.text.trim().parse::<i64>().is_ok() => {
                    unstring_help(s, s.text.trim())
                }
                Some((s, Resolved::Float)) => Some(format!(
                    "write a whole number{}",
                    s.text
                        .parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .map(|f| format!(", e.g. {}", f.round()))
                        .unwrap_or_default()
                )),
                _ => None,
            }
            .unwrap_or_else(|| format!("write a whole number {}", range()));
            wrong_type(checker, node, path, "an integer", help);
            None
        }
    }
}

/// `-?(0|[1-9][0-9]*)`: how people and JSON write integers.
fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// `true` or `false`, exactly (`invalid-type` for `"false"`, `no`, `0`, `True`, null...).
fn boolean(checker: &mut Checker<'_>, node: &Node<'_>, path: &FieldPath<'_>) -> Option<bool> {
    let Value::Scalar(s) = &node.value else {
        checker.report(
            Finding::new(
                Rule::InvalidType,
                node.span,
                format!("{path} must be `true` or `false`, found {}", describe(node)),
            )
            .field(path.to_string()),
        );
        return None;
    };
    let explicit_bool = s.tag.copied() == Some("bool");
    if (s.style == ScalarStyle::Plain && s.tag.is_none()) || explicit_bool {
        match s.text {
            "true" => return Some(true),
            "false" => return Some(false),
            _ => {}
        }
    }
    if s.style == ScalarStyle::Plain && matches!(s.text, "True" | "TRUE" | "False" | "FALSE") {
        let lower = s.text.to_ascii_lowercase();
        let message = format!(
            "{path} must be lowercase `true` or `false`, found `{}`",
            s.text
        );
        checker.flag(
            Rule::InvalidType,
            node.span,
            path,
            message,
            format!("write `{lower}`"),
        );
        return None;
    }
    let meant = match s.text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "1" => Some(true),
        "false" | "no" | "n" | "off" | "0" => Some(false),
        _ => None,
    };
    let help = match meant {
        Some(b) => (s.text.trim() == b.to_string())
            .then(|| unstring_help(s, b))
            .flatten()
            .unwrap_or_else(|| format!("write `{b}`")),
        None => "write `true` or `false`".to_owned(),
    };
    wrong_type(checker, node, path, "`true` or `false`", help);
    None
}

/// A provider, with its domain's path so URL hosts can be checked against it.
fn provider<'n, 'p>(
    checker: &mut Checker<'_>,
    node: &'n Node<'_>,
    path: &'p FieldPath<'p>,
) -> Option<WrittenProvider<'n, 'p>> {
    let fields = fields(checker, node, path, &PROVIDER_FIELDS, "a provider")?;
    let name = fields
        .get("name")
        .and_then(|n| text(checker, n, &path.field("name")));
    let domain = fields
        .get("domain")
        .and_then(|n| super::url::domain(checker, n, &path.field("domain")));
    Some(WrittenProvider {
        name: name?,
        domain: domain?,
        domain_path: path.field("domain"),
    })
}

/// `topics`: a list of text without repeats.
fn topics(checker: &mut Checker<'_>, node: &Node<'_>, path: &FieldPath<'_>) -> Option<Vec<String>> {
    let items = list(checker, node, path)?;
    let mark = checker.mark();
    let mut topics = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(topic) = text(checker, item, &path.index(i)) {
            topics.push((topic, item.span, i));
        }
    }
    super::lists::duplicate_topics(checker, &topics, path);
    let complete = topics.len() == items.len() && !checker.has_errors_since(mark);
    (complete && checker.builds_model).then(|| {
        topics
            .into_iter()
            .map(|(topic, _, _)| topic.to_owned())
            .collect()
    })
}

fn list<'n, 'a>(
    checker: &mut Checker<'_>,
    node: &'n Node<'a>,
    path: &FieldPath<'_>,
) -> Option<&'n [Node<'a>]> {
    if let Value::Sequence(items) = node.value {
        return Some(items);
    }
    wrong_type(
        checker,
        node,
        path,
        "a list",
        "write one `- item` per line, or `[]` for none".to_owned(),
    );
    None
}

/// `related`: a list of RelatedItem; also runs the list rules over their webUrls.
fn related_list(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    article_urls: [Option<&url::Url>; 2],
) -> Option<Vec<RelatedItem>> {
    let items = list(checker, node, path)?;
    let mut related = Vec::new();
    let mut web_urls = Vec::with_capacity(items.len());
    let mut complete = true;
    for (i, item) in items.iter().enumerate() {
        let item_path = path.index(i);
        let (checked, web_url) = related_item(checker, item, &item_path);
        if let Some(web_url) = web_url {
            web_urls.push((web_url, i));
        }
        match checked {
            Some(r) => related.push(r),
            None => complete = false,
        }
    }
    super::lists::duplicate_related(checker, &web_urls, path);
    super::lists::self_references(checker, &web_urls, path, article_urls);
    complete.then_some(related)
}

/// A related item, as a model only when one is built, and its webUrl for the list rules.
fn related_item(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) -> (Option<RelatedItem>, Option<(url::Url, Span)>) {
    let mark = checker.mark();
    let settings = checker.settings;
    let Some(fields) = fields(checker, node, path, &RELATED_FIELDS, "a related item") else {
        return (None, None);
    };
    let title = fields
        .get("title")
        .and_then(|n| text(checker, n, &path.field("title")));
    let excerpt = fields
        .get("excerpt")
        .and_then(|n| text(checker, n, &path.field("excerpt")));
    let published_at = fields
        .get("publishedDateTime")
        .and_then(|n| super::date::date_time(checker, n, &path.field("publishedDateTime")));
    let provider_path = path.field("provider");
    let provider = fields
        .get("provider")
        .and_then(|n| provider(checker, n, &provider_path));
    let web_url = fields
        .get("webUrl")
        .and_then(|n| site_url(checker, n, &path.field("webUrl"), provider.as_ref()));
    let item_type = fields
        .get("type")
        .and_then(|n| text(checker, n, &path.field("type")));
    if let (Some(item_type), Some(node)) = (item_type, fields.get("type")) {
        known_value(
            checker,
            item_type,
            node,
            &path.field("type"),
            &settings.types,
        );
    }
    let quality = fields
        .get("quality")
        .and_then(|n| integer(checker, n, &path.field("quality"), 0, Some(100)));
    let images = fields
        .get("images")
        .map(|n| images(checker, n, &path.field("images")));
    if !checker.builds_model || checker.has_errors_since(mark) {
        return (None, web_url);
    }
    let item = (|| {
        Some(RelatedItem {
            title: title?.to_owned(),
            excerpt: excerpt?.to_owned(),
            published_date_time: published_at?,
            web_url: web_url.as_ref()?.0.clone(),
            item_type: item_type?.to_owned(),
            provider: provider?.to_model(),
            quality: u8::try_from(quality?).ok()?,
            images: images.flatten().unwrap_or_default(),
        })
    })();
    (item, web_url)
}

fn images(checker: &mut Checker<'_>, node: &Node<'_>, path: &FieldPath<'_>) -> Option<Vec<Image>> {
    let items = list(checker, node, path)?;
    let mut images = Vec::new();
    let mut valid = 0;
    for (i, item) in items.iter().enumerate() {
        if let Some(image) = image(checker, item, &path.index(i)) {
            valid += 1;
            if checker.builds_model {
                images.push(image);
            }
        }
    }
    (valid == items.len()).then_some(images)
}

/// An image dimension: an integer of at least 1 that fits the model's `u32`.
fn pixels(checker: &mut Checker<'_>, node: &Node<'_>, path: &FieldPath<'_>) -> Option<i64> {
    let value = integer(checker, node, path, 1, None)?;
    if u32::try_from(value).is_ok() {
        return Some(value);
    }
    let message = format!("{path} {value} is too large for an image size in pixels");
    let help = format!("write the size in pixels, at most {}", u32::MAX);
    checker.flag(Rule::OutOfRange, node.span, path, message, help);
    None
}

fn image(checker: &mut Checker<'_>, node: &Node<'_>, path: &FieldPath<'_>) -> Option<Image> {
    let fields = fields(checker, node, path, &IMAGE_FIELDS, "an image")?;
    let url = fields.get("url").and_then(|n| {
        let field = path.field("url");
        let url = super::url::url(checker, n, &field)?;
        super::url::prefer_https(checker, &url, n.span, &field);
        Some(url)
    });
    let width = fields
        .get("width")
        .and_then(|n| pixels(checker, n, &path.field("width")));
    let height = fields
        .get("height")
        .and_then(|n| pixels(checker, n, &path.field("height")));
    let is_cached = match fields.get("isCached") {
        Some(n) => Some(boolean(checker, n, &path.field("isCached"))?),
        None => None,
    };
    Some(Image {
        url: url?,
        width: u32::try_from(width?).ok()?,
        height: u32::try_from(height?).ok()?,
        is_cached,
    })
}
