//! Property tests: items generated from the schema's valid space are clean; one mutation
//! from a catalogue gives exactly its rule at its line; line endings, a BOM and the
//! thread count change nothing; every format renders any diagnostic set.
//!
//! Case counts are kept modest so the whole file runs in seconds in CI; raise them with
//! `PROPTEST_CASES=2000 cargo test --test properties` for a longer search.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::fmt::Write as _;
use std::num::NonZeroUsize;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use newsval::render::{Format, RenderOptions, emitter};
use newsval::{Config, Diagnostic, Input, Position, Report, Rule, Settings, Severity, Span};
use proptest::prelude::*;
use proptest::sample::select;

/// The pinned clock: generated dates are never after it.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

fn settings() -> Settings {
    Settings::new(Config::default(), now())
}

// ---------------------------------------------------------------------------------------
// The valid space, as a tree of lines that knows which line holds which field.

/// How a string scalar is written.
#[derive(Debug, Clone, Copy)]
enum Quote {
    Plain,
    Single,
    Double,
}

/// One line of frontmatter: indentation, an optional `- `, key and written value.
#[derive(Debug, Clone)]
struct Line {
    indent: usize,
    dash: bool,
    key: String,
    /// The value as written (quotes included); empty for a key that opens a block.
    value: String,
    /// The field path it holds: `title`, `provider.domain`, `related[1].webUrl`, `topics[0]`.
    path: String,
    /// What kind of value it is, for the mutations that apply to it.
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Url,
    ImageUrl,
    Date,
    Int,
    Bool,
    Domain,
    Secured,
    Category,
    Block,
    Topic,
}

#[derive(Debug, Clone)]
struct Item {
    lines: Vec<Line>,
    body: String,
}

impl Item {
    fn render(&self) -> String {
        let mut text = String::from("---\n");
        for line in &self.lines {
            text.push_str(&" ".repeat(line.indent));
            if line.dash {
                text.push_str("- ");
            }
            if line.kind == Kind::Topic {
                text.push_str(&line.value);
            } else {
                text.push_str(&line.key);
                text.push(':');
                if !line.value.is_empty() {
                    text.push(' ');
                    text.push_str(&line.value);
                }
            }
            text.push('\n');
        }
        text.push_str("---\n");
        text.push_str(&self.body);
        text
    }

    /// The 1-based file line of `lines[i]` (line 1 is the opening fence).
    fn line_no(i: usize) -> usize {
        i + 2
    }
}

fn quote(text: &str, style: Quote) -> String {
    match style {
        Quote::Plain => text.to_owned(),
        Quote::Single => format!("'{}'", text.replace('\'', "''")),
        Quote::Double => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// Text safe in every style: starts with a letter, no `: `, ` #`, no edge spaces, and
/// not a word YAML reads as a boolean or null.
fn plain_text() -> impl Strategy<Value = String> {
    "[A-Za-zéßøΩ名📰][A-Za-z0-9éßøΩ名📰’.,!?()' -]{0,30}[A-Za-z0-9.!?)’]?".prop_filter(
        "trimmed, not a YAML keyword",
        |s| {
            s.trim() == s
                && !matches!(
                    s.as_str(),
                    "true"
                        | "True"
                        | "TRUE"
                        | "false"
                        | "False"
                        | "FALSE"
                        | "null"
                        | "Null"
                        | "NULL"
                )
        },
    )
}

/// Text with characters only quotes allow (`"`, `\`, `: `, ` #`), written quoted.
fn quoted_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9\"\\\\#:{}\\[\\]&*!|>%@`é名😀][A-Za-z0-9 \"\\\\#:{}\\[\\]&*!|>%@`é名😀]{0,30}[A-Za-z0-9\"#:]"
}

fn text_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            plain_text(),
            select(vec![Quote::Plain, Quote::Single, Quote::Double])
        )
            .prop_map(|(t, q)| quote(&t, q)),
        (quoted_text(), select(vec![Quote::Single, Quote::Double])).prop_map(|(t, q)| quote(&t, q)),
    ]
}

fn any_quote() -> impl Strategy<Value = Quote> {
    select(vec![Quote::Plain, Quote::Single, Quote::Double])
}

/// A bare lowercase host name: `label.tld` or `label.label.tld`.
fn domain() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{1,8}(\\.[a-z][a-z0-9]{1,8})?\\.[a-z]{2,6}"
}

/// An RFC 3339 date-time at or before `now`, with `Z` or an offset, maybe fractions.
fn date() -> impl Strategy<Value = String> {
    (
        946_684_800i64..now().timestamp(),
        prop_oneof![Just(None), (-14 * 60..=14 * 60i32).prop_map(Some)],
        prop_oneof![Just(None), (0u32..1000).prop_map(Some)],
        any_quote(),
    )
        .prop_map(|(secs, offset, millis, q)| {
            let utc = Utc.timestamp_opt(secs, 0).unwrap();
            let mut text = match offset {
                None => utc.format("%Y-%m-%dT%H:%M:%S").to_string(),
                Some(minutes) => {
                    let fixed = FixedOffset::east_opt(minutes * 60).unwrap();
                    utc.with_timezone(&fixed)
                        .format("%Y-%m-%dT%H:%M:%S")
                        .to_string()
                }
            };
            if let Some(ms) = millis {
                write!(text, ".{ms:03}").unwrap();
            }
            match offset {
                None => text.push('Z'),
                Some(minutes) => {
                    let sign = if minutes < 0 { '-' } else { '+' };
                    let m = minutes.abs();
                    write!(text, "{sign}{:02}:{:02}", m / 60, m % 60).unwrap();
                }
            }
            quote(&text, q)
        })
}

/// A URL on `host` (or a subdomain of it) whose path starts with `prefix`.
fn url_on(
    host: String,
    prefix: String,
    schemes: Vec<&'static str>,
) -> impl Strategy<Value = String> {
    (
        select(schemes),
        prop_oneof![Just(String::new()), "[a-z]{1,5}\\.".prop_map(|s| s)],
        "(/[a-z0-9-]{1,10}){0,3}",
        any_quote(),
    )
        .prop_map(move |(scheme, sub, path, q)| {
            quote(&format!("{scheme}://{sub}{host}/{prefix}{path}"), q)
        })
}

fn kv(indent: usize, dash: bool, key: &str, value: String, path: String, kind: Kind) -> Line {
    Line {
        indent,
        dash,
        key: key.to_owned(),
        value,
        path,
        kind,
    }
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn provider_lines(
    indent: usize,
    parent: &str,
    name: String,
    domain: &str,
    logo: Option<ImageValue>,
) -> Vec<Line> {
    let p = |k: &str| format!("{parent}provider.{k}");
    let mut lines = vec![
        kv(
            indent,
            false,
            "provider",
            String::new(),
            format!("{parent}provider"),
            Kind::Block,
        ),
        kv(indent + 2, false, "name", name, p("name"), Kind::Text),
        kv(
            indent + 2,
            false,
            "domain",
            domain.to_owned(),
            p("domain"),
            Kind::Domain,
        ),
    ];
    lines.extend(image_lines(
        indent + 2,
        &p("images"),
        logo.into_iter().collect(),
    ));
    lines
}

type ImageValue = (String, u32, u32, Option<bool>);

/// An `images:` block at `indent` holding `images`, or nothing for none.
fn image_lines(indent: usize, path: &str, images: Vec<ImageValue>) -> Vec<Line> {
    let mut lines = Vec::new();
    if images.is_empty() {
        return lines;
    }
    lines.push(kv(
        indent,
        false,
        "images",
        String::new(),
        path.to_owned(),
        Kind::Block,
    ));
    for (i, (url, width, height, cached)) in images.into_iter().enumerate() {
        let q = |k: &str| format!("{path}[{i}].{k}");
        lines.push(kv(indent + 2, true, "url", url, q("url"), Kind::ImageUrl));
        lines.push(kv(
            indent + 4,
            false,
            "width",
            width.to_string(),
            q("width"),
            Kind::Int,
        ));
        lines.push(kv(
            indent + 4,
            false,
            "height",
            height.to_string(),
            q("height"),
            Kind::Int,
        ));
        if let Some(c) = cached {
            lines.push(kv(
                indent + 4,
                false,
                "isCached",
                c.to_string(),
                q("isCached"),
                Kind::Bool,
            ));
        }
    }
    lines
}

fn image() -> impl Strategy<Value = ImageValue> {
    (
        domain().prop_flat_map(|d| url_on(d, "img".into(), vec!["https"])),
        1u32..5000,
        1u32..5000,
        proptest::option::of(any::<bool>()),
    )
}

fn related_item(index: usize) -> impl Strategy<Value = Vec<Line>> {
    (
        text_value(),
        text_value(),
        date(),
        domain(),
        text_value(),
        0u8..=100,
        proptest::collection::vec(image(), 0..3),
    )
        .prop_flat_map(
            move |(title, excerpt, date, domain, name, quality, images)| {
                let web = url_on(domain.clone(), format!("r{index}"), vec!["http", "https"]);
                (
                    web,
                    Just((title, excerpt, date, domain, name, quality, images)),
                )
            },
        )
        .prop_map(
            move |(web, (title, excerpt, date, domain, name, quality, images))| {
                let at = format!("related[{index}].");
                let p = |k: &str| format!("{at}{k}");
                let mut lines = vec![
                    kv(2, true, "title", title, p("title"), Kind::Text),
                    kv(4, false, "excerpt", excerpt, p("excerpt"), Kind::Text),
                    kv(
                        4,
                        false,
                        "publishedDateTime",
                        date,
                        p("publishedDateTime"),
                        Kind::Date,
                    ),
                    kv(4, false, "webUrl", web, p("webUrl"), Kind::Url),
                    kv(
                        4,
                        false,
                        "type",
                        "article".into(),
                        p("type"),
                        Kind::Category,
                    ),
                ];
                lines.extend(provider_lines(4, &at, name, &domain, None));
                lines.push(kv(
                    4,
                    false,
                    "quality",
                    quality.to_string(),
                    p("quality"),
                    Kind::Int,
                ));
                lines.extend(image_lines(4, &format!("{at}images"), images));
                lines
            },
        )
}

prop_compose! {
    fn valid_item()(
        domain in domain(),
        name in text_value(),
        title in text_value(),
        excerpt in text_value(),
        date in date(),
        category in select(vec!["news", "'news'", "\"news\""]),
        item_type in select(vec!["article", "'article'", "\"article\""]),
        quality in 0u8..=100,
        heat in -1i64..1_000_000,
        published in any::<bool>(),
        topics in proptest::collection::btree_set(plain_text(), 0..5),
        related_count in 0usize..=8,
        secured in proptest::option::of((1usize..=8, any::<[u8; 16]>(), any::<u8>())),
        body in "[ -~\n#*é名]{0,60}",
        images in proptest::collection::vec(image(), 0..3),
        logo in proptest::option::of(image()),
        featured in proptest::option::of(text_value()),
        amp in any::<bool>(),
        video in any::<bool>(),
    )(
        original in url_on(domain.clone(), "story".into(), vec!["http", "https"]),
        web in url_on(domain.clone(), "web".into(), vec!["http", "https"]),
        related in (0..related_count).map(related_item).collect::<Vec<_>>(),
        domain in Just(domain), name in Just(name), title in Just(title),
        excerpt in Just(excerpt), date in Just(date), category in Just(category),
        item_type in Just(item_type), quality in Just(quality), heat in Just(heat),
        published in Just(published), topics in Just(topics), secured in Just(secured),
        body in Just(body), images in Just(images), logo in Just(logo),
        featured in Just(featured), amp in Just(amp), video in Just(video),
    ) -> Item {
        let root = |k: &str| k.to_owned();
        let mut lines = vec![
            kv(0, false, "category", category.into(), root("category"), Kind::Category),
            kv(0, false, "title", title, root("title"), Kind::Text),
            kv(0, false, "excerpt", excerpt, root("excerpt"), Kind::Text),
            kv(0, false, "publishedDateTime", date, root("publishedDateTime"), Kind::Date),
            kv(0, false, "originalUrl", original, root("originalUrl"), Kind::Url),
        ];
        // A video has only its originalUrl, as the publisher writes them.
        if !video {
            lines.push(kv(0, false, "webUrl", web.clone(), root("webUrl"), Kind::Url));
        }
        if amp {
            lines.push(kv(0, false, "ampWebUrl", web.clone(), root("ampWebUrl"), Kind::Url));
            lines.push(kv(0, false, "cdnAmpWebUrl", web, root("cdnAmpWebUrl"), Kind::Url));
        }
        let item_type = if video { "video" } else { item_type };
        lines.extend([
            kv(0, false, "type", item_type.into(), root("type"), Kind::Category),
            kv(0, false, "quality", quality.to_string(), root("quality"), Kind::Int),
            kv(0, false, "heat", heat.to_string(), root("heat"), Kind::Int),
            kv(0, false, "published", published.to_string(), root("published"), Kind::Bool),
        ]);
        if let Some(featured) = featured {
            lines.push(kv(0, false, "featuredContent", featured, root("featuredContent"), Kind::Text));
        }
        lines.extend(provider_lines(0, "", name, &domain, logo));
        // Topics are unique once trimmed (SPEC: duplicate-topic compares trimmed text).
        let mut seen = std::collections::HashSet::new();
        let topics: Vec<String> = topics.into_iter().filter(|t| seen.insert(t.trim().to_owned())).collect();
        if !topics.is_empty() {
            lines.push(kv(0, false, "topics", String::new(), root("topics"), Kind::Block));
            for (i, t) in topics.into_iter().enumerate() {
                lines.push(kv(2, true, "", quote(&t, Quote::Double), format!("topics[{i}]"), Kind::Topic));
            }
        }
        lines.extend(image_lines(0, "images", images));
        if !related.is_empty() {
            lines.push(kv(0, false, "related", String::new(), root("related"), Kind::Block));
            for r in related {
                lines.extend(r);
            }
        }
        if let Some((blocks, key, fill)) = secured {
            let first = vec![fill; 16 * blocks];
            lines.push(kv(0, false, "secured", format!("\"{};{}\"", base64(&first), base64(&key)), root("secured"), Kind::Secured));
        }
        Item { lines, body }
    }
}

fn summary(diagnostics: &[Diagnostic]) -> Vec<(String, usize, usize, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.id().to_owned(),
                d.start.line,
                d.start.column,
                d.message.clone(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// (2) The mutation catalogue.

#[derive(Debug, Clone, Copy)]
enum Mutation {
    DropRequired,
    MisspellKey,
    QuoteNumber,
    StripOffset,
    RelativeUrl,
    BreakBase64,
    DuplicateKey,
    MismatchDomain,
    NullValue,
    OutOfRange,
    FutureDate,
    QuotedBoolean,
    UnsupportedScheme,
    UntrimmedText,
    EmptyText,
    InsecureImage,
    UppercaseDomain,
    UnknownCategory,
    DuplicateTopic,
}

const MUTATIONS: &[Mutation] = &[
    Mutation::DropRequired,
    Mutation::MisspellKey,
    Mutation::QuoteNumber,
    Mutation::StripOffset,
    Mutation::RelativeUrl,
    Mutation::BreakBase64,
    Mutation::DuplicateKey,
    Mutation::MismatchDomain,
    Mutation::NullValue,
    Mutation::OutOfRange,
    Mutation::FutureDate,
    Mutation::QuotedBoolean,
    Mutation::UnsupportedScheme,
    Mutation::UntrimmedText,
    Mutation::EmptyText,
    Mutation::InsecureImage,
    Mutation::UppercaseDomain,
    Mutation::UnknownCategory,
    Mutation::DuplicateTopic,
];

/// The value without its quotes, and a function that writes a new value the same way.
fn unquote(value: &str) -> (String, Quote) {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        (inner.to_owned(), Quote::Double)
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        (inner.to_owned(), Quote::Single)
    } else {
        (value.to_owned(), Quote::Plain)
    }
}

/// Applies `mutation` to the `pick`-th line it fits; the expected rule and line.
fn mutate(item: &Item, mutation: Mutation, pick: usize) -> Option<(Item, Rule, usize)> {
    let mut item = item.clone();
    let fits =
        |l: &Line| -> bool {
            match mutation {
                Mutation::DropRequired => {
                    l.kind != Kind::Block
                        && l.kind != Kind::Topic
                        && !l.dash
                        && field(&l.path).is_some_and(|f| f.required)
                }
                Mutation::MisspellKey => l.kind != Kind::Topic && l.key.len() > 2,
                Mutation::QuoteNumber | Mutation::OutOfRange => l.kind == Kind::Int,
                Mutation::StripOffset => l.kind == Kind::Date,
                // SPEC puts "not in the future" on the article's date only.
                Mutation::FutureDate => l.path == "publishedDateTime",
                Mutation::RelativeUrl | Mutation::UnsupportedScheme => {
                    matches!(l.kind, Kind::Url | Kind::ImageUrl)
                }
                Mutation::MismatchDomain => l.kind == Kind::Url
                    && field(&l.path).is_some_and(
                        |f| matches!(f.ty, newsval::schema::Ty::Url(u) if u.same_site.is_some()),
                    ),
                Mutation::BreakBase64 => l.kind == Kind::Secured,
                Mutation::DuplicateKey => l.kind != Kind::Block && l.kind != Kind::Topic && !l.dash,
                Mutation::NullValue | Mutation::UntrimmedText | Mutation::EmptyText => {
                    l.kind == Kind::Text
                }
                Mutation::QuotedBoolean => l.kind == Kind::Bool,
                Mutation::InsecureImage => l.kind == Kind::ImageUrl,
                Mutation::UppercaseDomain => l.kind == Kind::Domain,
                Mutation::UnknownCategory => l.kind == Kind::Category,
                Mutation::DuplicateTopic => l.kind == Kind::Topic,
            }
        };
    let candidates: Vec<usize> = (0..item.lines.len())
        .filter(|&i| fits(&item.lines[i]))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let i = candidates[pick % candidates.len()];
    let line = &mut item.lines[i];
    let (inner, q) = unquote(&line.value);
    let rule = match mutation {
        Mutation::DropRequired => {
            // A missing key is reported at its mapping's first key; when that is the
            // dropped key, at the key that moves up into its place.
            let first = first_key_of_mapping(&item.lines, i);
            item.lines.remove(i);
            return Some((item, Rule::MissingField, Item::line_no(first)));
        }
        Mutation::MisspellKey => {
            // Folding ignores `_` and case, so did-you-mean names the real key.
            line.key = format!("{}_{}", &line.key[..1], &line.key[1..]);
            Rule::UnknownField
        }
        Mutation::QuoteNumber => {
            line.value = format!("\"{}\"", line.value);
            Rule::InvalidType
        }
        Mutation::OutOfRange => {
            line.value = match field(&line.path).map(|f| f.ty) {
                Some(newsval::schema::Ty::Integer { min: Some(min), .. }) => (min - 1).to_string(),
                Some(newsval::schema::Ty::Integer { max: Some(max), .. }) => (max + 1).to_string(),
                other => unreachable!("{} is no bounded integer: {other:?}", line.path),
            };
            Rule::OutOfRange
        }
        Mutation::StripOffset => {
            let stripped = inner
                .strip_suffix('Z')
                .map(str::to_owned)
                .unwrap_or_else(|| inner[..inner.len() - 6].to_owned());
            line.value = quote(&stripped, q);
            Rule::InvalidDate
        }
        Mutation::FutureDate => {
            line.value = quote(&format!("2099{}", &inner[4..]), q);
            Rule::FutureDate
        }
        Mutation::RelativeUrl => {
            let path_at = inner
                .find("://")
                .map(|s| s + 3)
                .and_then(|s| inner[s..].find('/').map(|p| s + p))?;
            line.value = quote(&inner[path_at..], q);
            Rule::InvalidUrl
        }
        Mutation::UnsupportedScheme => {
            let rest = &inner[inner.find("://")?..];
            line.value = quote(&format!("ftp{rest}"), q);
            Rule::UnsupportedScheme
        }
        Mutation::MismatchDomain => {
            let host_at = inner.find("://")? + 3;
            let path_at = host_at + inner[host_at..].find('/')?;
            line.value = quote(
                &format!(
                    "{}zz-mismatch.invalid{}",
                    &inner[..host_at],
                    &inner[path_at..]
                ),
                q,
            );
            Rule::DomainMismatch
        }
        Mutation::BreakBase64 => {
            line.value = format!("\"!{}", &line.value[1..]);
            Rule::InvalidSecured
        }
        Mutation::DuplicateKey => {
            let copy = line.clone();
            item.lines.insert(i + 1, copy);
            return Some((item, Rule::DuplicateKey, Item::line_no(i + 1)));
        }
        Mutation::NullValue => {
            line.value = "null".into();
            Rule::InvalidType
        }
        Mutation::UntrimmedText => {
            line.value = match q {
                Quote::Plain => quote(&format!(" {inner}"), Quote::Double),
                Quote::Single | Quote::Double => {
                    format!("{} {}", &line.value[..1], &line.value[1..])
                }
            };
            Rule::UntrimmedText
        }
        Mutation::EmptyText => {
            line.value = "\"\"".into();
            Rule::EmptyText
        }
        Mutation::QuotedBoolean => {
            line.value = format!("\"{}\"", line.value);
            Rule::InvalidType
        }
        Mutation::InsecureImage => {
            line.value = quote(&inner.replacen("https://", "http://", 1), q);
            Rule::InsecureUrl
        }
        Mutation::UppercaseDomain => {
            line.value = line.value.to_uppercase();
            Rule::InvalidDomain
        }
        Mutation::UnknownCategory => {
            line.value = "sports".into();
            Rule::UnknownValue
        }
        Mutation::DuplicateTopic => {
            let copy = line.clone();
            item.lines.insert(i + 1, copy);
            return Some((item, Rule::DuplicateTopic, Item::line_no(i + 1)));
        }
    };
    Some((item, rule, Item::line_no(i)))
}

/// The built-in schema's declaration of the field at `path` (`related[1].provider.name`):
/// what the generator may delete or push out of range comes from the description.
fn field(path: &str) -> Option<newsval::schema::Field> {
    use newsval::schema::Ty;
    let schema = newsval::schema::Schema::news_item();
    let mut object = schema.root();
    let mut found = None;
    for step in path.split('.') {
        let name = step.split('[').next().unwrap_or(step);
        let field = object.field(name)?;
        let ty = match &field.ty {
            Ty::List(list) if step.contains('[') => &list.items,
            other => other,
        };
        if let Ty::Object(id) = ty {
            object = schema.object(*id);
        }
        found = Some(field.clone());
    }
    found
}

/// The column where a line's key starts: after its indentation and any `- `.
fn key_column(line: &Line) -> usize {
    line.indent + if line.dash { 2 } else { 0 }
}

/// The index of the first key of the mapping that holds line `i`.
fn first_key_of_mapping(lines: &[Line], i: usize) -> usize {
    let column = key_column(&lines[i]);
    let mut j = i;
    loop {
        let l = &lines[j];
        if key_column(l) < column {
            return j + 1;
        }
        if (l.dash && key_column(l) == column) || j == 0 {
            return j;
        }
        j -= 1;
    }
}

// ---------------------------------------------------------------------------------------
// (4) Arbitrary diagnostic sets.

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        ".{0,40}",
        "[\u{0}-\u{1f}\u{7f}\u{202e}\"\\\\<>&'é名😀]{0,20}"
    ]
}

fn any_diagnostic() -> impl Strategy<Value = Diagnostic> {
    (
        any_text(),
        select(Rule::ALL.to_vec()),
        any::<bool>(),
        (1usize..10_000, 1usize..500, 0usize..3, 0usize..500),
        proptest::option::of(any_text()),
        any_text(),
        proptest::option::of(any_text()),
        proptest::option::of(prop_oneof![any_text(), "\t{0,5}x{300,400}"]),
        any::<(usize, usize)>(),
    )
        .prop_map(
            |(
                path,
                rule,
                error,
                (line, column, more_lines, end_column),
                field,
                message,
                help,
                source_line,
                (a, b),
            )| {
                Diagnostic {
                    path,
                    rule,
                    severity: if error {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    span: Span::new(a.min(b), a.max(b)),
                    start: Position { line, column },
                    end: Position {
                        line: line + more_lines,
                        column: end_column.max(1),
                    },
                    field,
                    message,
                    help,
                    source_line,
                    // A fix with edits from the same draw, for the formats that show it.
                    fix: (a % 3 == 0).then(|| {
                        newsval::fix::Fix::replace(
                            newsval::fix::Applicability::Safe,
                            a.min(b),
                            a.max(b),
                            "x",
                        )
                    }),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// (1) Whatever the schema allows is clean: no error, no warning.
    #[test]
    fn valid_items_are_clean(item in valid_item()) {
        let text = item.render();
        let diagnostics = newsval::check_bytes("item.md", text.as_bytes(), &settings());
        prop_assert!(diagnostics.is_empty(), "{text}\n{:#?}", summary(&diagnostics));
    }

    /// (2) One mutation gives exactly its rule, at the mutated line, and nothing else.
    #[test]
    fn one_mutation_gives_exactly_its_rule(
        item in valid_item(),
        mutation in select(MUTATIONS.to_vec()),
        pick in any::<usize>(),
    ) {
        let Some((mutated, rule, line)) = mutate(&item, mutation, pick) else {
            return Ok(());
        };
        let text = mutated.render();
        let diagnostics = newsval::check_bytes("item.md", text.as_bytes(), &settings());
        let got: Vec<(&str, usize)> = diagnostics.iter().map(|d| (d.rule.id(), d.start.line)).collect();
        prop_assert_eq!(got, vec![(rule.id(), line)], "{:?}\n{}\n{:#?}", mutation, text, summary(&diagnostics));
    }

    /// (3) LF, CRLF and a BOM give the same rules, lines and columns.
    #[test]
    fn line_endings_and_bom_do_not_matter(
        item in valid_item(),
        mutation in select(MUTATIONS.to_vec()),
        pick in any::<usize>(),
    ) {
        let item = mutate(&item, mutation, pick).map_or(item, |(m, _, _)| m);
        let lf = item.render();
        let crlf = lf.replace('\n', "\r\n");
        let expected = summary(&newsval::check_bytes("item.md", lf.as_bytes(), &settings()));
        for variant in [crlf.clone(), format!("\u{feff}{lf}"), format!("\u{feff}{crlf}")] {
            let got = summary(&newsval::check_bytes("item.md", variant.as_bytes(), &settings()));
            prop_assert_eq!(&got, &expected, "{:?}", variant);
        }
    }

    /// (4) Every format renders any diagnostic set, and the JSON model always parses.
    #[test]
    fn every_format_renders_any_diagnostics(
        mut diagnostics in proptest::collection::vec(any_diagnostic(), 0..20),
        files_checked in 0usize..100,
    ) {
        diagnostics.sort_by(Diagnostic::sort_key_cmp);
        let files = diagnostics.iter().map(|d| d.path.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let report = Report { files_checked, files, diagnostics };
        for &format in Format::ALL {
            for color in [false, true] {
                for quiet in [false, true] {
                    let mut out = Vec::new();
                    let rendered = emitter(format, RenderOptions { color, quiet }).emit(&report, &mut out);
                    prop_assert!(rendered.is_ok(), "{:?}: {:?}", format, rendered);
                }
            }
        }
        // The JSON formats (newsval's own, SARIF, GitLab) always parse, whole.
        for format in [Format::Json, Format::Sarif, Format::Gitlab] {
            let mut out = Vec::new();
            emitter(format, RenderOptions::default()).emit(&report, &mut out).expect("renders");
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&out);
            prop_assert!(parsed.is_ok(), "{:?} is not JSON: {:?}", format, parsed);
        }
        let mut out = Vec::new();
        emitter(Format::Json, RenderOptions::default()).emit(&report, &mut out).expect("renders");
        let parsed: serde_json::Value = serde_json::from_slice(&out).expect("the JSON parses");
        prop_assert_eq!(parsed["diagnostics"].as_array().map(Vec::len), Some(report.diagnostics.len()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// (3) The report is the same on 1 and on 2 threads (sorting, duplicate-item included),
    /// for a folder and for its files named one by one.
    #[test]
    fn thread_count_does_not_matter(
        items in proptest::collection::vec((valid_item(), select(MUTATIONS.to_vec()), any::<usize>(), any::<bool>()), 1..12),
    ) {
        let dir = tempfile::tempdir().expect("a temp folder");
        for (i, (item, mutation, pick, mutate_it)) in items.iter().enumerate() {
            // The first item stays valid: copy.md repeats it for `duplicate-item`.
            let item = if *mutate_it && i > 0 { mutate(item, *mutation, *pick).map_or(item.clone(), |(m, _, _)| m) } else { item.clone() };
            std::fs::write(dir.path().join(format!("item-{i:02}.md")), item.render()).expect("a written item");
        }
        // Two files with one originalUrl, so the cross-file rule is in play too.
        std::fs::write(dir.path().join("copy.md"), items[0].0.render()).expect("a written copy");
        let folder = [Input::Path(dir.path().to_path_buf())];
        // The same files named one by one, as pre-commit passes them.
        let mut named: Vec<Input> = std::fs::read_dir(dir.path()).expect("a listed folder")
            .map(|entry| Input::Path(entry.expect("an entry").path()))
            .collect();
        named.reverse();
        let run = |inputs: &[Input], threads: usize| -> Report {
            let mut settings = settings();
            settings.threads = NonZeroUsize::new(threads);
            newsval::check(inputs, &settings, false).expect("the check runs")
        };
        let one = run(&folder, 1);
        prop_assert_eq!(one.files_checked, items.len() + 1);
        prop_assert!(one.diagnostics.iter().any(|d| d.rule == Rule::DuplicateItem));
        prop_assert_eq!(&run(&folder, 2), &one);
        prop_assert_eq!(&run(&folder, 2), &one);
        prop_assert_eq!(&run(&named, 1), &one);
        prop_assert_eq!(&run(&named, 2), &one);
    }
}
