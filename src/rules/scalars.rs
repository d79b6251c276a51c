//! Scalar value checks: the YAML type of a value (`invalid-type`), text (`empty-text`,
//! `untrimmed-text`), known values (`unknown-value`), integers and numbers
//! (`out-of-range`) and booleans. The schema walk calls them by a field's type.

use granit_parser::ScalarStyle;

use super::{Checker, FieldPath, Rule, did_you_mean, repair};
use crate::diagnostic::Finding;
use crate::fix::{Applicability, Fix};
use crate::schema::Values;
use crate::yaml::{Node, Resolved, Scalar, Value};

/// `invalid-type`: `node` is not the `expected` kind of value.
pub(crate) fn wrong_type(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    expected: &str,
    help: impl Into<Option<String>>,
) {
    wrong_type_fixed(checker, node, path, expected, help, None);
}

/// [`wrong_type`] with the fix that repairs it.
fn wrong_type_fixed(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    expected: &str,
    help: impl Into<Option<String>>,
    fix: Option<Fix>,
) {
    let message = format!("{path} must be {expected}, found {}", describe(node));
    checker.flag_fixed(Rule::InvalidType, node.span, path, message, help, fix);
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

pub(crate) fn shorten(text: &str) -> String {
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

/// Characters that show nothing: a title of only these is as empty as "".
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// `text`: a string that is not empty or only whitespace (`empty-text`), and has no
/// leading or trailing whitespace (`untrimmed-text`, a warning).
pub(crate) fn text<'n>(
    checker: &mut Checker<'_>,
    node: &'n Node<'_>,
    path: &FieldPath<'_>,
    optional: bool,
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
        } else if optional {
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
        let fix = repair::trim(checker.source, node);
        checker.flag_fixed(
            Rule::UntrimmedText,
            node.span,
            path,
            format!("{path} has leading or trailing whitespace"),
            help,
            fix,
        );
    }
    Some(value)
}

/// `unknown-value`: a category or type outside the configured list.
pub(crate) fn known_value(
    checker: &mut Checker<'_>,
    value: &str,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    known: &Values,
) {
    let value = value.trim();
    if known.contains(value) {
        return;
    }
    // A list of thousands is a vocabulary, not a typo's neighbourhood: no guess, no list.
    let long = known.list.len() > Values::SCAN_LIMIT;
    let suggestion = if long {
        None
    } else {
        did_you_mean(value, known.list.iter().map(String::as_str))
    };
    let shown = if long {
        &known.list[..10]
    } else {
        &known.list[..]
    };
    let more = if long {
        format!(" and {} more", known.list.len() - shown.len())
    } else {
        String::new()
    };
    let list = shown
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
        + &more;
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? known values: {list}"),
        None => format!("known values: {list} (add more under [schema] in newsval.toml)"),
    };
    let fix = suggestion
        .and_then(|s| repair::replace_content(checker.source, node, Applicability::Unsafe, s));
    checker.flag_fixed(
        Rule::UnknownValue,
        node.span,
        path,
        format!("{path} `{value}` is not a known value"),
        help,
        fix,
    );
}

/// An integer in `min..=max` (`invalid-type`, `out-of-range`), written in plain decimal:
/// `021` is 17 to a YAML 1.1 reader and `0x15` surprises everyone, so both are refused.
pub(crate) fn integer(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    min: Option<i64>,
    max: Option<i64>,
) -> Option<i64> {
    // Only a finding needs it: built in the clean path, it cost an allocation an integer.
    let range = || range_words(min, max);
    // " between 0 and 100", or nothing for an integer without bounds.
    let bounds = || {
        let words = range();
        if words.is_empty() {
            words
        } else {
            format!(" {words}")
        }
    };
    let scalar = match &node.value {
        Value::Scalar(s) => Some((s, s.resolve())),
        _ => None,
    };
    match scalar {
        Some((s, Resolved::Int(value))) if !is_plain_decimal(s.text.trim()) => {
            let help = match value {
                Some(v) => format!("write it in plain decimal: {v}"),
                None => format!("write a whole number{} in plain decimal", bounds()),
            };
            let message = format!("{path} must be a plain decimal integer, found `{}`", s.text);
            checker.flag(Rule::InvalidType, node.span, path, message, help);
            None
        }
        Some((_, Resolved::Int(Some(v))))
            if min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m) =>
        {
            Some(v)
        }
        Some((s, Resolved::Int(value))) => {
            let message = match value {
                Some(_) => format!("{path} must be {}, found {}", range(), s.text),
                None => format!(
                    "{path} `{}` is too large to be an integer here",
                    shorten(s.text)
                ),
            };
            let help = format!("write a whole number{}", bounds());
            checker.flag(Rule::OutOfRange, node.span, path, message, help);
            None
        }
        other => {
            let fix = match other {
                Some((s, Resolved::Str)) if is_plain_decimal(s.text.trim()) => {
                    repair::unstring(checker.source, node, s.text.trim())
                }
                _ => None,
            };
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
            .unwrap_or_else(|| format!("write a whole number{}", bounds()));
            wrong_type_fixed(checker, node, path, "an integer", help, fix);
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
pub(crate) fn boolean(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
) -> Option<bool> {
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
        let fix = repair::replace_content(checker.source, node, Applicability::Safe, &lower);
        checker.flag_fixed(
            Rule::InvalidType,
            node.span,
            path,
            message,
            format!("write `{lower}`"),
            fix,
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
    let fix = meant
        .filter(|b| s.text.trim() == b.to_string())
        .and_then(|b| repair::unstring(checker.source, node, &b.to_string()));
    wrong_type_fixed(checker, node, path, "`true` or `false`", help, fix);
    None
}

/// "between 0 and 100", "0 or more", "100 or less", or "" for no bounds.
fn range_words<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("{min} or more"),
        (None, Some(max)) => format!("{max} or less"),
        (None, None) => String::new(),
    }
}

/// A number (integer or decimal) in `min..=max` (`invalid-type`, `out-of-range`).
pub(crate) fn number(
    checker: &mut Checker<'_>,
    node: &Node<'_>,
    path: &FieldPath<'_>,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<f64> {
    let scalar = match &node.value {
        Value::Scalar(s) => Some((s, s.resolve())),
        _ => None,
    };
    let value = match scalar {
        Some((_, Resolved::Int(Some(v)))) => v as f64,
        Some((s, Resolved::Int(None) | Resolved::Float)) => match s.text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                let message = format!("{path} must be a finite number, found `{}`", s.text);
                let help = "write a number such as 4.5".to_owned();
                checker.flag(Rule::InvalidType, node.span, path, message, help);
                return None;
            }
        },
        other => {
            let help = match other {
                Some((s, Resolved::Str)) if s.text.trim().parse::<f64>().is_ok() => {
                    unstring_help(s, s.text.trim())
                }
                _ => None,
            }
            .unwrap_or_else(|| "write a number such as 4.5".to_owned());
            let fix = match other {
                Some((s, Resolved::Str))
                    if s.text.trim().parse::<f64>().is_ok_and(f64::is_finite) =>
                {
                    repair::unstring(checker.source, node, s.text.trim())
                }
                _ => None,
            };
            wrong_type_fixed(checker, node, path, "a number", help, fix);
            return None;
        }
    };
    if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
        let text = match &node.value {
            Value::Scalar(s) => s.text,
            _ => "",
        };
        let range = range_words(min, max);
        let message = format!("{path} must be {range}, found {text}");
        checker.flag(
            Rule::OutOfRange,
            node.span,
            path,
            message,
            format!("write a number {range}"),
        );
        return None;
    }
    Some(value)
}
