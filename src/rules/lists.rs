//! List rules: `duplicate-topic`, `duplicate-related` and `self-reference`.

use std::collections::HashMap;

use url::Url;

use super::{Checker, FieldPath, Rule};
use crate::diagnostic::{Finding, Span};

/// `duplicate-topic`: a topic listed again (compared after trimming).
pub(crate) fn duplicate_topics(
    checker: &mut Checker<'_>,
    topics: &[(String, Span, usize)],
    path: &FieldPath<'_>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (topic, span, index) in topics {
        let key = topic.trim();
        match seen.get(key) {
            Some(first) => checker.report(
                Finding::new(
                    Rule::DuplicateTopic,
                    *span,
                    format!("{path}[{index}] `{key}` repeats {path}[{first}]"),
                )
                .field(format!("{path}[{index}]"))
                .help("remove the repeated topic"),
            ),
            None => {
                seen.insert(key, *index);
            }
        }
    }
}

/// `duplicate-related`: two related items with the same webUrl.
pub(crate) fn duplicate_related(
    checker: &mut Checker<'_>,
    web_urls: &[((Url, Span), usize)],
    path: &FieldPath<'_>,
) {
    let mut seen: HashMap<&Url, usize> = HashMap::new();
    for ((url, span), index) in web_urls {
        match seen.get(url) {
            Some(first) => checker.report(
                Finding::new(
                    Rule::DuplicateRelated,
                    *span,
                    format!("{path}[{index}].webUrl is the same as {path}[{first}].webUrl"),
                )
                .field(format!("{path}[{index}].webUrl"))
                .help("remove one of the two related items"),
            ),
            None => {
                seen.insert(url, *index);
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
