//! List rules: `duplicate-topic`, `duplicate-related` and `self-reference`.

use std::collections::HashMap;
use std::hash::Hash;

use url::Url;

use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};

/// `duplicate-topic`: a topic listed again (compared after trimming).
pub(crate) fn duplicate_topics(
    checker: &mut Checker<'_>,
    topics: &[(&str, Span, usize)],
    path: &FieldPath<'_>,
) {
    each_repeat(
        topics,
        |(topic, _, _)| topic.trim(),
        |(topic, span, index), (_, _, first)| {
            let key = topic.trim();
            checker.report(
                Finding::new(
                    Rule::DuplicateTopic,
                    *span,
                    format!("{path}[{index}] `{key}` repeats {path}[{first}]"),
                )
                .field(format!("{path}[{index}]"))
                .help("remove the repeated topic"),
            );
        },
    );
}

/// `duplicate-related`: two related items with the same webUrl.
pub(crate) fn duplicate_related(
    checker: &mut Checker<'_>,
    web_urls: &[((Url, Span), usize)],
    path: &FieldPath<'_>,
) {
    each_repeat(
        web_urls,
        |((url, _), _)| url,
        |((_, span), index), (_, first)| {
            checker.report(
                Finding::new(
                    Rule::DuplicateRelated,
                    *span,
                    format!("{path}[{index}].webUrl is the same as {path}[{first}].webUrl"),
                )
                .field(format!("{path}[{index}].webUrl"))
                .help("remove one of the two related items"),
            );
        },
    );
}

/// Lists this long or shorter are searched item by item; longer ones get a hash table.
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
pub(crate) fn self_references(
    checker: &mut Checker<'_>,
    web_urls: &[((Url, Span), usize)],
    path: &FieldPath<'_>,
    [web_url, original_url]: [Option<&Url>; 2],
) {
    for ((url, span), index) in web_urls {
        let which = if Some(url) == web_url {
            "webUrl"
        } else if Some(url) == original_url {
            "originalUrl"
        } else {
            continue;
        };
        checker.report(
            Finding::new(
                Rule::SelfReference,
                *span,
                format!("{path}[{index}].webUrl points at the article itself (its {which})"),
            )
            .field(format!("{path}[{index}].webUrl"))
            .help("a related item must be another article; remove this one"),
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
