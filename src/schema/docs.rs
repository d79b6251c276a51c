//! The field tables of a schema in Markdown, for the README and for users documenting
//! their own collections (`newsval schema --markdown`).

use std::fmt::Write;

use super::def::{Field, ObjectId, Schema, Ty, UnknownFields};

impl Schema {
    /// One table per object, the root first, then each type in the order it is met.
    pub fn markdown(&self) -> String {
        let mut order = vec![self.root_id()];
        let mut next = 0;
        while let Some(&id) = order.get(next) {
            for field in &self.object(id).fields {
                if let Some(child) = object_of(&field.ty)
                    && !order.contains(&child)
                {
                    order.push(child);
                }
            }
            next += 1;
        }
        let mut text = String::new();
        for id in order {
            let object = self.object(id);
            let title = match &object.name {
                Some(name) => format!("{name} ({})", object.what),
                None if id == self.root_id() => format!("The root ({})", object.what),
                None => format!("A mapping ({})", object.what),
            };
            let _ = writeln!(text, "**{title}**\n");
            text.push_str("| key | type | required | constraint |\n|---|---|---|---|\n");
            for (index, field) in object.fields.iter().enumerate() {
                let one_of: Vec<&str> = object
                    .one_of
                    .iter()
                    .filter(|group| group.contains(&index))
                    .flat_map(|group| group.iter().map(|&i| object.fields[i].name.as_str()))
                    .collect();
                let required = if field.required {
                    "yes".to_owned()
                } else if !one_of.is_empty() {
                    format!("one of {}", one_of.join(" / "))
                } else {
                    "no".to_owned()
                };
                let _ = writeln!(
                    text,
                    "| `{}` | {} | {required} | {} |",
                    field.name,
                    self.type_name(&field.ty),
                    constraint(field).replace('|', "\\|")
                );
            }
            match object.unknown {
                UnknownFields::Error => {}
                UnknownFields::Warning => text.push_str("\nOther keys are a warning.\n"),
                UnknownFields::Allow => text.push_str("\nOther keys are allowed.\n"),
            }
            text.push('\n');
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }

    fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::List(list) => format!("list of {}", self.type_name(&list.items)),
            Ty::Object(id) => match &self.object(*id).name {
                Some(name) => name.clone(),
                None => "mapping".to_owned(),
            },
            Ty::Url(url) if url.relative => "URL or site path".to_owned(),
            other => match other.kind() {
                "url" => "URL".to_owned(),
                kind => kind.to_owned(),
            },
        }
    }
}

fn object_of(ty: &Ty) -> Option<ObjectId> {
    match ty {
        Ty::Object(id) => Some(*id),
        Ty::List(list) => object_of(&list.items),
        _ => None,
    }
}

/// What a field's options say, in words.
fn constraint(field: &Field) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &field.ty {
        Ty::Text {
            values,
            allow_empty,
        } => {
            if let Some(values) = values {
                let shown: Vec<String> = values
                    .list
                    .iter()
                    .take(10)
                    .map(|v| format!("`{v}`"))
                    .collect();
                parts.push(format!(
                    "known values {} (else a warning)",
                    shown.join(", ")
                ));
            }
            if *allow_empty {
                parts.push("may be empty".to_owned());
            }
        }
        Ty::Url(url) => {
            if url.prefer_https {
                parts.push("`http` is a warning".to_owned());
            }
            if let Some(site) = &url.same_site {
                parts.push(format!(
                    "host within `{}` (a warning), or a hosting platform",
                    site.join(".")
                ));
            }
        }
        Ty::DateTime { not_future } if *not_future => {
            parts.push("not in the future (a warning)".to_owned());
        }
        Ty::Integer { min, max } => parts.extend(range(*min, *max)),
        Ty::Number { min, max } => parts.extend(range(*min, *max)),
        Ty::List(list) => {
            match (list.min_items, list.max_items) {
                (Some(min), Some(max)) => parts.push(format!("{min} to {max} items")),
                (Some(min), None) => parts.push(format!("at least {min} items")),
                (None, Some(max)) => parts.push(format!("at most {max} items")),
                (None, None) => {}
            }
            if list.unique {
                parts.push("no duplicates (a warning)".to_owned());
            }
            if let Some(key) = &list.unique_by {
                parts.push(format!("no two with the same `{key}` (a warning)"));
            }
            if !list.not_root.is_empty() {
                parts.push(format!(
                    "none pointing at the root's {} (a warning)",
                    list.not_root
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ));
            }
        }
        _ => {}
    }
    if let Some(description) = &field.description {
        let description = description.trim_end_matches('.');
        // After a constraint, a description reads as the rest of the sentence.
        let mut chars = description.chars();
        match chars.next() {
            Some(first) if !parts.is_empty() && !description.starts_with("HTML") => {
                parts.push(first.to_lowercase().chain(chars).collect());
            }
            _ => parts.push(description.to_owned()),
        }
    }
    parts.join("; ")
}

fn range<T: PartialOrd + Default + std::fmt::Display>(
    min: Option<T>,
    max: Option<T>,
) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max}")),
        (Some(min), None) => Some(format!(">= {min}")),
        (None, Some(max)) => Some(format!("<= {max}")),
        (None, None) => None,
    }
}
