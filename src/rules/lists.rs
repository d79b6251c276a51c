//! List rules: `duplicate-topic`, `duplicate-related`, `self-reference`, and the
//! item counts of a list (`out-of-range`).

use std::collections::HashMap;
use std::hash::Hash;

use url::Url;

use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};

/// `duplicate-topic`: a topic listed again (compared after trimming).
/// `duplicate-topic`: a value repeated in a list that must hold each once (`topics`).
pub(crate) fn duplicate_values(
    checker: &mut Checker<'_>,
    values: &[(&str, Span, usize)],
    path: &FieldPath<'_>,
) {
    each_repeat(
        values,
        |(value, _, _)| value.trim(),
        |(value, span, index), (_, _, first)| {
            let key = value.trim();
            let fix = super::repair::delete_item_line(checker.source, *span);
            checker.report(
                Finding::new(
                    Rule::DuplicateTopic,
                    *span,
                    format!("{path}[{index}] `{key}` repeats {path}[{first}]"),
                )
                .field(format!("{path}[{index}]"))
                .help(format!("remove the repeated {}", singular(path)))
                .fix(fix),
            );
        },
    );
}

/// "topic" for `topics`, "category" for `categories`: what one item of a list is.
fn singular(path: &FieldPath<'_>) -> String {
    let name = match path {
        FieldPath::Field(_, name) => *name,
        _ => "item",
    };
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        "item".to_owned()
    }
}

/// "related item" for "a related item": an object's noun, for "the two related items".
fn noun(what: &str) -> &str {
    what.strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .or_else(|| what.strip_prefix("the "))
        .unwrap_or(what)
}

/// `duplicate-related`: two items of a list with the same URL in their `key` field.
pub(crate) fn duplicate_by(
    checker: &mut Checker<'_>,
    urls: &[((&Url, Span), usize)],
    path: &FieldPath<'_>,
    key: &str,
    item_what: &str,
) {
    each_repeat(
        urls,
        |((url, _), _)| url,
        |((_, span), index), (_, first)| {
            repeated_by(checker, *span, path, key, item_what, *index, *first)
        },
    );
}

/// `duplicate-related` for a text `key` field.
pub(crate) fn duplicate_text_by(
    checker: &mut Checker<'_>,
    texts: &[(&str, Span, usize)],
    path: &FieldPath<'_>,
    key: &str,
    item_what: &str,
) {
    each_repeat(
        texts,
        |(text, _, _)| *text,
        |(_, span, index), (_, _, first)| {
            repeated_by(checker, *span, path, key, item_what, *index, *first)
        },
    );
}

fn repeated_by(
    checker: &mut Checker<'_>,
    span: Span,
    path: &FieldPath<'_>,
    key: &str,
    item_what: &str,
    index: usize,
    first: usize,
) {
    checker.report(
        Finding::new(
            Rule::DuplicateRelated,
            span,
            format!("{path}[{index}].{key} is the same as {path}[{first}].{key}"),
        )
        .field(format!("{path}[{index}].{key}"))
        .help(format!("remove one of the two {}s", noun(item_what))),
    );
}

/// `out-of-range`: a list with fewer or more items than its schema allows.
pub(crate) fn item_count(
    checker: &mut Checker<'_>,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
    span: Span,
    path: &FieldPath<'_>,
) {
    let items = |n: usize| {
        if n == 1 {
            "1 item".to_owned()
        } else {
            format!("{n} items")
        }
    };
    let (problem, help) = match (min, max) {
        (Some(min), _) if count < min => (
            format!("needs at least {}", items(min)),
            format!("add items until there are {min}"),
        ),
        (_, Some(max)) if count > max => (
            format!("takes at most {}", items(max)),
            format!("remove items until there are {max}"),
        ),
        _ => return,
    };
    checker.flag(
        Rule::OutOfRange,
        span,
        path,
        format!("{path} {problem}, found {count}"),
        help,
    );
}

const SCAN_LIMIT: usize = 16;

/// Calls `repeat(item, first)` for each item whose key an earlier item has, `first` being
/// the earliest. A news item's lists are short, and comparing with the items before costs
/// less than building a hash table for each list of each file; a long list (a hostile
/// file) gets the table, so the work stays linear.
fn each_repeat<'l, T, K: Eq + Hash + ?Sized + 'l>(
    items: &'l [T],
    key: impl Fn(&'l T) -> &'l K,
    mut repeat: impl FnMut(&'l T, &'l T),
) {
    if items.len() <= SCAN_LIMIT {
        for (i, item) in items.iter().enumerate() {
            if let Some(first) = items[..i].iter().find(|earlier| key(earlier) == key(item)) {
                repeat(item, first);
            }
        }
        return;
    }
    let mut seen: HashMap<&K, &T> = HashMap::with_capacity(items.len());
    for item in items {
        match seen.get(key(item)) {
            Some(first) => repeat(item, first),
            None => {
                seen.insert(key(item), item);
            }
        }
    }
}

/// `self-reference`: a related item whose webUrl is the article's webUrl or originalUrl.
/// `self-reference`: a list item whose `key` URL is one of the root's own URLs.
pub(crate) fn self_references(
    checker: &mut Checker<'_>,
    urls: &[((&Url, Span), usize)],
    path: &str,
    key: &str,
    roots: &[(&str, Option<&Url>)],
    root_what: &str,
    item_what: &str,
) {
    for ((url, span), index) in urls {
        let Some((which, _)) = roots.iter().find(|(_, root)| *root == Some(*url)) else {
            continue;
        };
        checker.report(
            Finding::new(
                Rule::SelfReference,
                *span,
                format!("{path}[{index}].{key} points at {root_what} itself (its {which})"),
            )
            .field(format!("{path}[{index}].{key}"))
            .help(format!(
                "{item_what} must be another {}; remove this one",
                noun(root_what)
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (position, position of the first equal item) for each repeat.
    fn repeats(items: &[u32]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        each_repeat(
            items,
            |item| item,
            |item, first| {
                let at = |x: &u32| {
                    items
                        .iter()
                        .position(|y| std::ptr::eq(x, y))
                        .unwrap_or(usize::MAX)
                };
                found.push((at(item), at(first)));
            },
        );
        found
    }

    #[test]
    fn short_and_long_lists_find_the_same_repeats() {
        assert_eq!(repeats(&[1, 2, 1, 3, 2, 1]), [(2, 0), (4, 1), (5, 0)]);
        assert_eq!(repeats(&[1, 2, 3]), []);
        // Over SCAN_LIMIT, the hash-table path: every 5th value repeats, always pointing at
        // the first of its kind.
        let long: Vec<u32> = (0..40).map(|i| i % 5).collect();
        let expected: Vec<(usize, usize)> = (5..40).map(|i| (i, i % 5)).collect();
        assert!(long.len() > SCAN_LIMIT);
        assert_eq!(repeats(&long), expected);
    }
}
