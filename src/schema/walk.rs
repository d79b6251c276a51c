//! The generic walk: checks a YAML tree against a compiled [`Schema`], key by key, and
//! calls the value checks of `rules` by each field's type.

use std::collections::HashMap;

use url::Url;

use super::def::{ListTy, Object, ObjectId, Schema, Ty, UnknownFields};
use crate::diagnostic::{Finding, Span};
use crate::fix::Applicability;
use crate::rules::{self, Checker, FieldPath, Rule, did_you_mean};
use crate::yaml::{Node, Resolved, Value};

/// What the walk learnt besides the findings, for the cross-file rules.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// The root's valid `originalUrl` and its span, for `duplicate-item`.
    pub(crate) original_url: Option<(Url, Span)>,
}

/// Checks the frontmatter's root node against `schema`.
pub(crate) fn check_root(checker: &mut Checker<'_>, schema: &Schema, root: &Node<'_>) -> Walked {
    let mut walker = Walker {
        checker,
        schema,
        urls: Vec::new(),
        domains: Vec::new(),
        not_root: Vec::new(),
        slots: Vec::new(),
    };
    let path = FieldPath::Root;
    let root_object = schema.root();
    // The root's slots stay on the scratch stack: the URLs below are read through them.
    let found = walker.object(schema.root_id(), root, &path);
    // The root's URL field `name`, as the walk parsed it, and its span.
    fn url_of<'u>(
        urls: &'u [(usize, Url)],
        slots: &[Option<usize>],
        object: &Object,
        found: Option<&Found<'_>>,
        name: &str,
    ) -> Option<(&'u Url, Span)> {
        let index = object.position(name)?;
        let node = found?.get(slots, index)?;
        find_url(urls, node.span).map(|url| (url, node.span))
    }
    let found = found.as_ref();
    let original_url = url_of(
        &walker.urls,
        &walker.slots,
        root_object,
        found,
        "originalUrl",
    )
    .map(|(url, span)| (url.clone(), span));
    for pending in std::mem::take(&mut walker.not_root) {
        let roots: Vec<(&str, Option<&Url>)> = pending
            .fields
            .iter()
            .map(|name| {
                let url = url_of(&walker.urls, &walker.slots, root_object, found, name)
                    .map(|(url, _)| url);
                (name.as_str(), url)
            })
            .collect();
        let urls: Vec<((&Url, Span), usize)> = pending
            .urls
            .iter()
            .map(|&(at, span, i)| ((&walker.urls[at].1, span), i))
            .collect();
        rules::lists::self_references(
            walker.checker,
            &urls,
            &pending.path,
            pending.key,
            &roots,
            &root_object.what,
            pending.item_what,
        );
    }
    Walked { original_url }
}

/// The found value of each field of one mapping, in schema order: the entry index of
/// each field sits on the walker's scratch stack (`slots`) from `base`, so a mapping costs
/// no allocation.
#[derive(Clone, Copy)]
struct Found<'a> {
    entries: &'a [(Node<'a>, Node<'a>)],
    base: usize,
}

impl<'a> Found<'a> {
    fn get(&self, slots: &[Option<usize>], index: usize) -> Option<Node<'a>> {
        let entry = (*slots.get(self.base + index)?)?;
        Some(self.entries[entry].1)
    }
}

/// The URL the walk parsed from the value that starts at `span`.
fn find_url(urls: &[(usize, Url)], span: Span) -> Option<&Url> {
    urls.iter()
        .rev()
        .find(|(start, _)| *start == span.start)
        .map(|(_, url)| url)
}

/// A list whose items must not point at the root, checked once the root is walked.
struct NotRoot<'s> {
    path: String,
    key: &'s str,
    fields: &'s [String],
    item_what: &'s str,
    /// (index in `Walker::urls`, span, list index) of each item's URL.
    urls: Vec<(usize, Span, usize)>,
}

struct Walker<'w, 'c, 's> {
    checker: &'w mut Checker<'c>,
    schema: &'s Schema,
    /// Every URL that passed its checks, by the start of its value: the list and
    /// same-site rules compare them.
    urls: Vec<(usize, Url)>,
    /// The start of every `domain` value that passed its checks, for `same_site`.
    domains: Vec<usize>,
    not_root: Vec<NotRoot<'s>>,
    /// A stack of the entry index of each field of the mappings being walked: a mapping
    /// pushes its fields' slots, and whoever walks it pops them once done.
    slots: Vec<Option<usize>>,
}

impl<'s> Walker<'_, '_, 's> {
    fn url_at(&self, span: Span) -> Option<(usize, &Url)> {
        self.urls
            .iter()
            .enumerate()
            .rev()
            .find(|(_, (start, _))| *start == span.start)
            .map(|(i, (_, url))| (i, url))
    }

    /// Checks one value against its type.
    fn value(&mut self, ty: &'s Ty, node: &Node<'_>, path: &FieldPath<'_>, optional: bool) {
        let checker = &mut *self.checker;
        match ty {
            Ty::Text {
                allow_empty: true, ..
            } if matches!(&node.value, Value::Scalar(s) if s.text.is_empty() && s.resolve() == Resolved::Str) =>
                {}
            Ty::Text { values, .. } => {
                let text = rules::scalars::text(checker, node, path, optional);
                if let (Some(text), Some(values)) = (text, values) {
                    rules::scalars::known_value(checker, text, node, path, values);
                }
            }
            Ty::Url(url_ty) => {
                if let Some(url) = rules::url::url(checker, node, path, url_ty.relative) {
                    if url_ty.prefer_https {
                        rules::url::prefer_https(checker, &url, node, path);
                    }
                    self.urls.push((node.span.start, url));
                }
            }
            Ty::DateTime { not_future } => {
                if let Some(at) = rules::date::date_time(checker, node, path)
                    && *not_future
                {
                    rules::date::not_in_future(checker, at, node.span, path);
                }
            }
            Ty::Date => {
                rules::date::date(checker, node, path);
            }
            Ty::Duration => {
                rules::date::duration(checker, node, path);
            }
            Ty::Integer { min, max } => {
                rules::scalars::integer(checker, node, path, *min, *max);
            }
            Ty::Number { min, max } => {
                rules::scalars::number(checker, node, path, *min, *max);
            }
            Ty::Boolean => {
                rules::scalars::boolean(checker, node, path);
            }
            Ty::Domain => {
                if rules::url::domain(checker, node, path).is_some() {
                    self.domains.push(node.span.start);
                }
            }
            Ty::Secured => {
                if let Some(value) = rules::scalars::text(checker, node, path, optional) {
                    rules::secured::secured(checker, value.trim(), node.span, path);
                }
            }
            Ty::List(list) => self.list(list, node, path),
            Ty::Object(id) => {
                let base = self.slots.len();
                self.object(*id, node, path);
                self.slots.truncate(base);
            }
        }
    }

    fn list(&mut self, list: &'s ListTy, node: &Node<'_>, path: &FieldPath<'_>) {
        let Value::Sequence(items) = node.value else {
            rules::scalars::wrong_type(
                self.checker,
                node,
                path,
                "a list",
                "write one `- item` per line, or `[]` for none".to_owned(),
            );
            return;
        };
        rules::lists::item_count(
            self.checker,
            items.len(),
            list.min_items,
            list.max_items,
            node.span,
            path,
        );
        let mut plain: Vec<(&str, Span, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let mark = self.checker.mark();
            self.value(&list.items, item, &path.index(i), false);
            if list.unique
                && !self.checker.has_errors_since(mark)
                && let Value::Scalar(s) = &item.value
            {
                plain.push((s.text, item.span, i));
            }
        }
        if list.unique {
            rules::lists::duplicate_values(self.checker, &plain, path);
        }
        let Some(key) = &list.unique_by else {
            return;
        };
        let Ty::Object(id) = list.items else {
            return;
        };
        let object = self.schema.object(id);
        let Some(index) = object.position(key) else {
            return;
        };
        let is_url = matches!(object.fields[index].ty, Ty::Url(_));
        let mut at = Vec::new();
        let mut texts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(value) = entry(item, key) else {
                continue;
            };
            if is_url {
                if let Some((index, _)) = self.url_at(value.span) {
                    at.push((index, value.span, i));
                }
            } else if let Value::Scalar(s) = &value.value
                && s.resolve() == Resolved::Str
            {
                texts.push((s.text.trim(), value.span, i));
            }
        }
        let urls: Vec<((&Url, Span), usize)> = at
            .iter()
            .map(|&(index, span, i)| ((&self.urls[index].1, span), i))
            .collect();
        rules::lists::duplicate_by(self.checker, &urls, path, key, &object.what);
        rules::lists::duplicate_text_by(self.checker, &texts, path, key, &object.what);
        if !list.not_root.is_empty() && !at.is_empty() {
            self.not_root.push(NotRoot {
                path: path.to_string(),
                key,
                fields: &list.not_root,
                item_what: &object.what,
                urls: at,
            });
        }
    }

    /// Checks that `node` is a mapping with the object's keys: reports duplicate, unknown
    /// and missing keys, walks each known value, and returns them.
    fn object<'a>(
        &mut self,
        id: ObjectId,
        node: &Node<'a>,
        path: &FieldPath<'_>,
    ) -> Option<Found<'a>> {
        let schema = self.schema;
        let object = schema.object(id);
        let Value::Mapping(entries) = node.value else {
            let expected = names(object);
            self.checker.report(
                Finding::new(
                    Rule::InvalidType,
                    node.span,
                    format!(
                        "{path} must be a mapping ({}), found {}",
                        object.what,
                        rules::scalars::describe(node)
                    ),
                )
                .field(path.to_string())
                .help(format!("expected the keys: {expected}")),
            );
            return None;
        };
        let found = self.keys(object, entries, node.span, path);
        for (index, field) in object.fields.iter().enumerate() {
            if let Some(value) = found.get(&self.slots, index) {
                self.value(&field.ty, &value, &path.field(&field.name), !field.required);
            }
        }
        self.same_site(object, &found, path);
        Some(found)
    }

    /// The key pass of a mapping: which known key holds which value, and the findings on
    /// keys (duplicate, unknown with did-you-mean, missing).
    fn keys<'a>(
        &mut self,
        object: &'s Object,
        entries: &'a [(Node<'a>, Node<'a>)],
        span: Span,
        path: &FieldPath<'_>,
    ) -> Found<'a> {
        let checker = &mut *self.checker;
        let base = self.slots.len();
        self.slots.resize(base + object.fields.len(), None);
        let fields = &object.fields;
        // Keys are mostly written in the schema's order: the field after the last one
        // found is tried first, before a scan.
        let mut next = 0;
        // Known keys first, so did-you-mean never proposes a key that is already set.
        let mut unknown: Vec<(&str, &Node<'a>)> = Vec::new();
        for (entry_index, (key, _)) in entries.iter().enumerate() {
            let Value::Scalar(scalar) = &key.value else {
                wrong_key(checker, key, path);
                continue;
            };
            let name = scalar.text;
            let index = if fields.get(next).is_some_and(|f| f.name == name) {
                next
            } else if let Some(index) = object.position(name) {
                index
            } else {
                unknown.push((name, key));
                continue;
            };
            next = index + 1;
            match self.slots[base + index] {
                Some(first) => duplicate_key(checker, key, name, entries[first].0.span, path),
                None => self.slots[base + index] = Some(entry_index),
            }
        }
        let found = Found { entries, base };
        let slots = &self.slots[..];
        let misspelt = unknown_keys(checker, self.schema, object, &found, slots, unknown, path);
        // The parent mapping's start (its first key, or the `{` of a flow mapping), one
        // character wide so the caret does not read as blaming that first key.
        let anchor = Span::new(span.start, span.start + 1);
        for (index, field) in object.fields.iter().enumerate() {
            if field.required && found.get(slots, index).is_none() {
                missing(checker, object, index, anchor, path, &misspelt);
            }
        }
        for group in &object.one_of {
            if group.iter().all(|&index| found.get(slots, index).is_none()) {
                let mut names = group.iter().map(|&i| object.fields[i].name.as_str());
                let first = names.next().unwrap_or_default();
                let others: Vec<&str> = names.collect();
                if others.is_empty() {
                    missing(checker, object, group[0], anchor, path, &misspelt);
                    continue;
                }
                let field = &object.fields[group[0]];
                let (example, note) = example(field);
                let mut finding = Finding::new(
                    Rule::MissingField,
                    anchor,
                    format!(
                        "missing required field `{first}`{} (or {})",
                        in_path(path),
                        others
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                )
                .field(join(path, first))
                .help(format!("add `{first}: {example}`{note}"));
                finding.covered_by = group.iter().find_map(|&i| {
                    let name = object.fields[i].name.as_str();
                    misspelt
                        .iter()
                        .find(|(s, _)| *s == name)
                        .map(|(_, span)| *span)
                });
                checker.report(finding);
            }
        }
        found
    }

    /// `domain-mismatch`: a URL whose host is outside the domain its field names
    /// (`provider.domain`), unless a hosting platform serves it.
    fn same_site(&mut self, object: &Object, found: &Found<'_>, path: &FieldPath<'_>) {
        for (index, field) in object.fields.iter().enumerate() {
            let Ty::Url(url_ty) = &field.ty else {
                continue;
            };
            let (Some(steps), Some(node)) = (&url_ty.same_site, found.get(&self.slots, index))
            else {
                continue;
            };
            let Some(url) = find_url(&self.urls, node.span) else {
                continue;
            };
            let Some((first, rest)) = steps.split_first() else {
                continue;
            };
            let Some(mut at) = object
                .position(first)
                .and_then(|i| found.get(&self.slots, i))
            else {
                continue;
            };
            let mut walked = true;
            for step in rest {
                match entry(&at, step) {
                    Some(next) => at = next,
                    None => {
                        walked = false;
                        break;
                    }
                }
            }
            let Value::Scalar(domain) = &at.value else {
                continue;
            };
            // A `domain` field the walk found valid is not checked again.
            let valid = || {
                self.domains
                    .iter()
                    .rev()
                    .any(|&start| start == at.span.start)
                    || (domain.resolve() == Resolved::Str && rules::url::is_domain(domain.text))
            };
            if !walked || !valid() {
                continue;
            }
            rules::url::host_within(
                self.checker,
                url,
                node.span,
                &path.field(&field.name),
                domain.text,
                &StepsPath { path, steps },
            );
        }
    }
}

/// `provider.domain`, or `related[2].provider.domain` below the root: the path of a
/// `same-site` domain, written only when a finding needs it.
struct StepsPath<'p> {
    path: &'p FieldPath<'p>,
    steps: &'p [String],
}

impl std::fmt::Display for StepsPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !matches!(self.path, FieldPath::Root) {
            write!(f, "{}.", self.path)?;
        }
        for (i, step) in self.steps.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(step)?;
        }
        Ok(())
    }
}

/// The value of `key` in a mapping node: its first occurrence, as the walk reads it.
fn entry<'a>(node: &Node<'a>, key: &str) -> Option<Node<'a>> {
    let Value::Mapping(entries) = node.value else {
        return None;
    };
    entries.iter().find_map(|(k, v)| match &k.value {
        Value::Scalar(s) if s.text == key => Some(*v),
        _ => None,
    })
}

/// The object's field names for a help line: all of them, or of a wide object the
/// first ten and a count, so a help stays short whatever the schema declares.
fn names(object: &Object) -> String {
    let shown = if object.is_wide() { 10 } else { usize::MAX };
    let names: Vec<&str> = object
        .fields
        .iter()
        .take(shown)
        .map(|f| f.name.as_str())
        .collect();
    let mut list = names.join(", ");
    if object.fields.len() > names.len() {
        list.push_str(&format!(" and {} more", object.fields.len() - names.len()));
    }
    list
}

/// Reports the unknown keys of a mapping, with did-you-mean; returns each misspelling's
/// suggestion and span, which cover the missing field they stand for.
fn unknown_keys<'k>(
    checker: &mut Checker<'_>,
    schema: &Schema,
    object: &'k Object,
    found: &Found<'_>,
    slots: &[Option<usize>],
    unknown: Vec<(&str, &Node<'_>)>,
    path: &FieldPath<'_>,
) -> Vec<(&'k str, Span)> {
    let mut misspelt: Vec<(&str, Span)> = Vec::new();
    if unknown.is_empty() {
        return misspelt;
    }
    // The fields of a wide object are a vocabulary, not a typo's neighbourhood: no guess
    // (each guess would try them all).
    let unset: Vec<&str> = if object.is_wide() {
        Vec::new()
    } else {
        object
            .fields
            .iter()
            .enumerate()
            .filter(|(index, _)| found.get(slots, *index).is_none())
            .map(|(_, f)| f.name.as_str())
            .collect()
    };
    let warn = object.unknown == UnknownFields::Warning;
    let mut unknown_seen: HashMap<&str, Span> = HashMap::new();
    for (name, key) in unknown {
        let repeated = unknown_seen.get(name).copied();
        if checker.counting_only() {
            // Past the findings limit only the count matters: no did-you-mean, no text.
            unknown_seen.entry(name).or_insert(key.span);
            let rule = if repeated.is_some() {
                Rule::DuplicateKey
            } else if object.unknown == UnknownFields::Allow {
                continue;
            } else {
                Rule::UnknownField
            };
            checker.report(
                Finding::new(rule, key.span, "").demoted(warn && rule == Rule::UnknownField),
            );
            continue;
        }
        if let Some(first) = repeated {
            duplicate_key(checker, key, name, first, path);
            continue;
        }
        unknown_seen.insert(name, key.span);
        if object.unknown == UnknownFields::Allow {
            continue;
        }
        let suggestion = did_you_mean(name, unset.iter().copied());
        if let Some(suggestion) = suggestion {
            misspelt.push((suggestion, key.span));
        }
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => match super::homes::home(schema, name) {
                Some(home) if matches!(path, FieldPath::Root | FieldPath::Index(..)) => {
                    format!("`{name}` belongs in {home}")
                }
                _ => format!("{} takes: {}", object.what, names(object)),
            },
        };
        let fix = suggestion.and_then(|s| {
            rules::repair::replace_content(checker.source, key, Applicability::Unsafe, s)
        });
        checker.report(
            Finding::new(
                Rule::UnknownField,
                key.span,
                format!("unknown field `{name}`{}", in_path(path)),
            )
            .field(join(path, name))
            .help(help)
            .demoted(warn)
            .fix(fix),
        );
    }
    misspelt
}

/// `missing-field` for the field at `index`, covered by a misspelling of it.
fn missing(
    checker: &mut Checker<'_>,
    object: &Object,
    index: usize,
    anchor: Span,
    path: &FieldPath<'_>,
    misspelt: &[(&str, Span)],
) {
    let field = &object.fields[index];
    let name = field.name.as_str();
    let (example, note) = example(field);
    let mut finding = Finding::new(
        Rule::MissingField,
        anchor,
        format!("missing required field `{name}`{}", in_path(path)),
    )
    .field(join(path, name))
    .help(format!("add `{name}: {example}`{note}"));
    finding.covered_by = misspelt
        .iter()
        .find(|(suggestion, _)| *suggestion == name)
        .map(|(_, span)| *span);
    checker.report(finding);
}

/// A placeholder value for a `help:` line, and a note on its type.
fn example(field: &super::def::Field) -> (String, &str) {
    let note = field.note.as_deref().unwrap_or("");
    if let Some(example) = &field.example {
        return (example.clone(), note);
    }
    let example = match &field.ty {
        Ty::Url(_) => "\"https://www.example.com/story\"".to_owned(),
        Ty::DateTime { .. } => "2022-09-12T13:00:00Z".to_owned(),
        Ty::Date => "2022-09-12".to_owned(),
        Ty::Duration => "PT1H30M".to_owned(),
        Ty::Integer { min, .. } => min.unwrap_or(0).max(0).to_string(),
        Ty::Number { min, .. } => min.unwrap_or(0.0).max(0.0).to_string(),
        Ty::Boolean => "false".to_owned(),
        Ty::Domain => "example.com".to_owned(),
        Ty::List(_) => "[]".to_owned(),
        Ty::Object(_) => "{ ... }".to_owned(),
        Ty::Text {
            values: Some(values),
            ..
        } => values.list.first().cloned().unwrap_or_default(),
        Ty::Text { values: None, .. } | Ty::Secured => "\"...\"".to_owned(),
    };
    (example, note)
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
            format!(
                "a key in {path} must be a string, found {}",
                rules::scalars::describe(key)
            ),
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

fn join(path: &FieldPath<'_>, name: &str) -> String {
    match path {
        FieldPath::Root => name.to_owned(),
        _ => format!("{path}.{name}"),
    }
}
