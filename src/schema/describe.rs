//! The schema description, as `newsval.toml` and the built-in `news-item.toml` write it:
//! TOML tables of fields and named types, read with their spans, merged (the built-in
//! schema, then the user's changes) and compiled into a [`Schema`].

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::def::{Field, ListTy, Object, ObjectId, Schema, Ty, UnknownFields, UrlTy, Values};
use crate::suggest::did_you_mean;

/// A mistake in a schema description, at a byte range of the config text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SchemaError {
    pub span: Range<usize>,
    pub message: String,
}

impl SchemaError {
    fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        SchemaError {
            span,
            message: message.into(),
        }
    }
}

type Result<T> = std::result::Result<T, SchemaError>;

/// The built-in types a field can have; any other name must be a named type.
pub const TYPE_NAMES: [&str; 12] = [
    "text",
    "url",
    "date-time",
    "date",
    "duration",
    "integer",
    "number",
    "boolean",
    "domain",
    "secured",
    "list",
    "mapping",
];

/// The options of a field, and the types each applies to (`None`: every type).
const FIELD_OPTIONS: &[(&str, Option<&[&str]>)] = &[
    ("type", None),
    ("required", None),
    ("example", None),
    ("note", None),
    ("description", None),
    ("values", Some(&["text"])),
    ("allow-empty", Some(&["text"])),
    ("relative", Some(&["url"])),
    ("prefer-https", Some(&["url"])),
    ("same-site", Some(&["url"])),
    ("not-future", Some(&["date-time"])),
    ("min", Some(&["integer", "number"])),
    ("max", Some(&["integer", "number"])),
    ("items", Some(&["list"])),
    ("min-items", Some(&["list"])),
    ("max-items", Some(&["list"])),
    ("unique", Some(&["list"])),
    ("unique-by", Some(&["list"])),
    ("not-root", Some(&["list"])),
    ("fields", Some(&["mapping"])),
    ("what", Some(&["mapping"])),
    ("unknown-fields", Some(&["mapping"])),
    ("one-of", Some(&["mapping"])),
    ("drop", Some(&["mapping"])),
];

/// The options of an object: a named type, the `[schema]` table, a collection.
const OBJECT_OPTIONS: [&str; 5] = ["fields", "what", "unknown-fields", "one-of", "drop"];

/// How deep inline mappings and lists may nest in a description.
const MAX_DEPTH: usize = 32;

/// A number as TOML wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Int(i64),
    Float(f64),
}

/// A field as described, before named types are resolved; every option is kept with
/// its span for the errors of the compile.
#[derive(Debug, Clone, Default)]
struct DraftField {
    span: Range<usize>,
    ty: Option<Spanned<String>>,
    required: Option<bool>,
    example: Option<String>,
    note: Option<String>,
    description: Option<String>,
    values: Option<Vec<String>>,
    allow_empty: Option<bool>,
    relative: Option<bool>,
    prefer_https: Option<bool>,
    same_site: Option<Spanned<String>>,
    not_future: Option<bool>,
    min: Option<Spanned<Number>>,
    max: Option<Spanned<Number>>,
    items: Option<Box<DraftField>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique: Option<bool>,
    unique_by: Option<Spanned<String>>,
    not_root: Option<Vec<Spanned<String>>>,
    object: Option<DraftObject>,
    /// Which options were written, for the check that each fits the type.
    written: Vec<(String, Range<usize>)>,
}

/// An object as described: a named type, a root, or an inline mapping.
#[derive(Debug, Clone, Default)]
struct DraftObject {
    what: Option<String>,
    unknown: Option<UnknownFields>,
    one_of: Option<Vec<Spanned<Vec<Spanned<String>>>>>,
    fields: Vec<(String, DraftField)>,
    /// Fields of the schema it changes to remove.
    drop: Vec<Spanned<String>>,
}

impl DraftObject {
    fn field_mut(&mut self, name: &str) -> Option<&mut DraftField> {
        self.fields
            .iter_mut()
            .find(|(n, _)| n == name)
            .map(|(_, f)| f)
    }

    /// `other`'s options over this object's: a field with a `type` replaces the one of
    /// its name, a field without one changes it. Fields are found by name in a map, so
    /// a description of many thousands of fields merges in linear time.
    fn merge(&mut self, mut other: DraftObject) -> Result<()> {
        let fields = std::mem::take(&mut other.fields);
        let drop = std::mem::take(&mut other.drop);
        self.merge_options(other);
        let mut index = self.index();
        for (name, field) in fields {
            match index.get(name.as_str()).map(|&i| &mut self.fields[i].1) {
                Some(existing) if field.ty.is_none() => existing.merge(field)?,
                Some(existing) => *existing = field,
                None if field.ty.is_none() => {
                    let known = self.fields.iter().map(|(n, _)| n.as_str());
                    let hint = match did_you_mean(&name, known) {
                        Some(s) => format!("; did you mean `{s}`?"),
                        None => " (a new field needs a `type`)".to_owned(),
                    };
                    return Err(SchemaError::new(
                        field.span,
                        format!("field `{name}` is not in the schema it changes{hint}"),
                    ));
                }
                None => {
                    index.insert(name.clone(), self.fields.len());
                    self.fields.push((name, field));
                }
            }
        }
        self.drop_fields(&drop, &index)
    }

    /// Each field's position by name.
    fn index(&self) -> HashMap<String, usize> {
        let names = self.fields.iter().enumerate();
        names.map(|(i, (name, _))| (name.clone(), i)).collect()
    }

    /// Removes the fields `names`, given `index`, each field's position by name.
    fn drop_fields(
        &mut self,
        names: &[Spanned<String>],
        index: &HashMap<String, usize>,
    ) -> Result<()> {
        if names.is_empty() {
            return Ok(());
        }
        let mut dropped = vec![false; self.fields.len()];
        for name in names {
            let Some(&at) = index.get(name.get_ref()).filter(|&&i| !dropped[i]) else {
                let known = self
                    .fields
                    .iter()
                    .zip(&dropped)
                    .filter(|(_, gone)| !**gone)
                    .map(|((n, _), _)| n.as_str());
                let hint = did_you_mean(name.get_ref(), known)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(SchemaError::new(
                    name.span(),
                    format!("cannot drop `{}`: no such field{hint}", name.get_ref()),
                ));
            };
            dropped[at] = true;
        }
        let mut gone = dropped.into_iter();
        self.fields.retain(|_| !gone.next().unwrap_or(false));
        Ok(())
    }
}

impl DraftField {
    fn merge(&mut self, other: DraftField) -> Result<()> {
        macro_rules! take {
            ($($name:ident),*) => {$(
                if other.$name.is_some() {
                    self.$name = other.$name;
                }
            )*};
        }
        take!(
            required,
            example,
            note,
            description,
            values,
            allow_empty,
            relative,
            prefer_https,
            same_site,
            not_future,
            min,
            max,
            min_items,
            max_items,
            unique,
            unique_by,
            not_root
        );
        if let Some(items) = other.items {
            match &mut self.items {
                Some(mine) if items.ty.is_none() => mine.merge(*items)?,
                _ => self.items = Some(items),
            }
        }
        if let Some(object) = other.object {
            match &mut self.object {
                Some(mine) => mine.merge(object)?,
                None => self.object = Some(object),
            }
        }
        self.written.extend(other.written);
        Ok(())
    }
}

/// The parts of a description: the root object, named types and collections.
#[derive(Debug, Clone, Default)]
pub(crate) struct Description {
    root: DraftObject,
    types: Vec<(String, DraftObject)>,
    collections: Vec<DraftCollection>,
}

/// A `[collections.NAME]` table.
#[derive(Debug, Clone)]
struct DraftCollection {
    name: String,
    files: Vec<Spanned<String>>,
    extends: bool,
    object: DraftObject,
}

/// Keys of `[schema]` that are not about fields; the config reads them.
pub(crate) const SCHEMA_SETTINGS: [&str; 4] = [
    "categories",
    "types",
    "future-tolerance",
    "hosting-platforms",
];

/// A collection as compiled: its name, its globs as written, and its schema.
#[derive(Debug, Clone)]
pub struct CompiledCollection {
    pub name: String,
    pub files: Vec<Spanned<String>>,
    pub schema: Schema,
}

impl Description {
    /// Reads the schema parts of a TOML document: `[schema]`, `[types.*]` and
    /// `[collections.*]`. Other top-level tables are left to the caller.
    pub(crate) fn read(document: &DeTable<'_>) -> Result<Description> {
        let mut description = Description::default();
        if let Some(schema) = document.get("schema") {
            let table = table(schema, "[schema]")?;
            description.root = read_object(table, &SCHEMA_SETTINGS, "[schema]", 0)?;
        }
        if let Some(types) = document.get("types") {
            for (name, value) in table(types, "[types]")? {
                check_type_name(name)?;
                let what = format!("[types.{}]", name.get_ref());
                let object = read_object(table(value, &what)?, &[], &what, 0)?;
                description.types.push((name.get_ref().to_string(), object));
            }
        }
        if let Some(collections) = document.get("collections") {
            for (name, value) in table(collections, "[collections]")? {
                let what = format!("[collections.{}]", name.get_ref());
                let entries = table(value, &what)?;
                let object = read_object(entries, &["files", "extends"], &what, 0)?;
                let files = match entries.get("files") {
                    Some(files) => strings(files, &format!("{what} files"))?,
                    None => {
                        return Err(SchemaError::new(
                            name.span(),
                            format!(
                                "{what} needs `files`: the globs of the items it covers, such as [\"_news/**\"]"
                            ),
                        ));
                    }
                };
                if files.is_empty() {
                    return Err(SchemaError::new(
                        name.span(),
                        format!("{what} files must list at least one glob"),
                    ));
                }
                let extends = match entries.get("extends") {
                    None => true,
                    Some(value) => match value.get_ref() {
                        DeValue::String(s) if s == "news-item" => true,
                        DeValue::String(s) if s == "none" => false,
                        _ => {
                            return Err(SchemaError::new(
                                value.span(),
                                format!(
                                    "{what} extends must be \"news-item\" (the built-in schema) or \"none\""
                                ),
                            ));
                        }
                    },
                };
                description.collections.push(DraftCollection {
                    name: name.get_ref().to_string(),
                    files,
                    extends,
                    object,
                });
            }
        }
        Ok(description)
    }

    /// The user's description over the built-in one: its `[schema]` changes the news item,
    /// its types change or add named types; then every schema is compiled.
    pub(crate) fn compile(
        builtin: Description,
        user: Description,
        categories: Option<Vec<String>>,
        item_types: Option<Vec<String>>,
    ) -> Result<(Schema, Vec<CompiledCollection>)> {
        let mut root = builtin.root;
        let mut types = builtin.types;
        for (name, object) in user.types {
            match types.iter_mut().find(|(n, _)| *n == name) {
                Some((_, existing)) => existing.merge(object)?,
                None => {
                    let mut fresh = DraftObject::default();
                    fresh.merge(object)?;
                    types.push((name, fresh));
                }
            }
        }
        root.merge(user.root)?;
        // The legacy `[schema] categories` and `types` set the known values of the
        // built-in `category` and of every `type` field of the built-in objects.
        if let Some(categories) = categories
            && let Some(field) = root.field_mut("category")
        {
            field.values = Some(categories);
        }
        if let Some(item_types) = item_types {
            let objects = std::iter::once(&mut root).chain(types.iter_mut().map(|(_, o)| o));
            for object in objects {
                if let Some(field) = object.field_mut("type")
                    && field.values.is_some()
                {
                    field.values = Some(item_types.clone());
                }
            }
        }
        let types: HashMap<String, DraftObject> = types.into_iter().collect();
        let news_item = Compiler::compile("news-item", &root, &types)?;
        let mut collections = Vec::with_capacity(user.collections.len());
        for collection in user.collections {
            let mut object = if collection.extends {
                root.clone()
            } else {
                DraftObject::default()
            };
            if !collection.extends && object.what.is_none() {
                object.what = Some("the item".to_owned());
            }
            object.merge(collection.object)?;
            let schema = Compiler::compile(&collection.name, &object, &types)?;
            collections.push(CompiledCollection {
                name: collection.name,
                files: collection.files,
                schema,
            });
        }
        Ok((news_item, collections))
    }
}

fn table<'a, 'i>(value: &'a Spanned<DeValue<'i>>, what: &str) -> Result<&'a DeTable<'i>> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        other => Err(SchemaError::new(
            value.span(),
            format!("{what} must be a table, found {}", toml_kind(other)),
        )),
    }
}

fn toml_kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn string(value: &Spanned<DeValue<'_>>, what: &str) -> Result<String> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s.to_string()),
        other => Err(SchemaError::new(
            value.span(),
            format!("{what} must be a string, found {}", toml_kind(other)),
        )),
    }
}

fn spanned_string(value: &Spanned<DeValue<'_>>, what: &str) -> Result<Spanned<String>> {
    Ok(Spanned::new(value.span(), string(value, what)?))
}

fn boolean(value: &Spanned<DeValue<'_>>, what: &str) -> Result<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        other => Err(SchemaError::new(
            value.span(),
            format!("{what} must be true or false, found {}", toml_kind(other)),
        )),
    }
}

fn strings(value: &Spanned<DeValue<'_>>, what: &str) -> Result<Vec<Spanned<String>>> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .map(|item| spanned_string(item, &format!("each item of {what}")))
            .collect(),
        other => Err(SchemaError::new(
            value.span(),
            format!(
                "{what} must be an array of strings, found {}",
                toml_kind(other)
            ),
        )),
    }
}

fn number(value: &Spanned<DeValue<'_>>, what: &str) -> Result<Spanned<Number>> {
    let parsed = match value.get_ref() {
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(rest) => (true, rest.to_owned()),
                None => (false, digits.trim_start_matches('+').to_owned()),
            };
            let digits = digits
                .strip_prefix("0x")
                .or_else(|| digits.strip_prefix("0o"))
                .or_else(|| digits.strip_prefix("0b"))
                .unwrap_or(&digits);
            i64::from_str_radix(digits, i.radix())
                .ok()
                .map(|v| if negative { -v } else { v })
                .map(Number::Int)
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Number::Float),
        _ => None,
    };
    parsed
        .map(|n| Spanned::new(value.span(), n))
        .ok_or_else(|| {
            SchemaError::new(
                value.span(),
                format!(
                    "{what} must be a finite number, found {}",
                    toml_kind(value.get_ref())
                ),
            )
        })
}

fn count(value: &Spanned<DeValue<'_>>, what: &str) -> Result<usize> {
    match number(value, what)?.into_inner() {
        Number::Int(n) if n >= 0 => usize::try_from(n)
            .map_err(|_| SchemaError::new(value.span(), format!("{what} is too large"))),
        _ => Err(SchemaError::new(
            value.span(),
            format!("{what} must be a whole number, 0 or more"),
        )),
    }
}

fn check_type_name(name: &Spanned<toml::de::DeString<'_>>) -> Result<()> {
    let text = name.get_ref();
    let capital = text.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if !capital || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(SchemaError::new(
            name.span(),
            format!(
                "type name `{text}` must start with a capital letter and hold only letters and digits, such as `Author`"
            ),
        ));
    }
    Ok(())
}

/// An unknown option: the error names the table, and the option it may have meant.
fn unknown_option(
    key: &Spanned<toml::de::DeString<'_>>,
    known: &[&str],
    what: &str,
) -> SchemaError {
    let hint = match did_you_mean(key.get_ref(), known.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; expected one of: {}", known.join(", ")),
    };
    SchemaError::new(
        key.span(),
        format!("unknown key `{}` in {what}{hint}", key.get_ref()),
    )
}

/// An object's options from a table that may hold `extra` keys read elsewhere.
fn read_object(
    table: &DeTable<'_>,
    extra: &[&str],
    what: &str,
    depth: usize,
) -> Result<DraftObject> {
    let mut object = DraftObject::default();
    let known: Vec<&str> = OBJECT_OPTIONS.iter().chain(extra).copied().collect();
    for (key, value) in table {
        let option = key.get_ref().as_ref();
        match option {
            "fields" => {
                object.fields =
                    read_fields(self::table(value, &format!("{what} fields"))?, what, depth)?;
            }
            "what" => object.what = Some(string(value, &format!("{what} what"))?),
            "unknown-fields" => {
                let name = string(value, &format!("{what} unknown-fields"))?;
                object.unknown = Some(UnknownFields::parse(&name).ok_or_else(|| {
                    SchemaError::new(
                        value.span(),
                        format!(
                            "{what} unknown-fields must be one of {}, found \"{name}\"",
                            UnknownFields::NAMES.join(", ")
                        ),
                    )
                })?);
            }
            "one-of" => {
                let DeValue::Array(groups) = value.get_ref() else {
                    return Err(SchemaError::new(
                        value.span(),
                        format!(
                            "{what} one-of must be an array of arrays of field names, such as [[\"originalUrl\", \"webUrl\"]]"
                        ),
                    ));
                };
                let groups = groups
                    .iter()
                    .map(|group| {
                        strings(group, &format!("each group of {what} one-of"))
                            .map(|names| Spanned::new(group.span(), names))
                    })
                    .collect::<Result<Vec<_>>>()?;
                object.one_of = Some(groups);
            }
            "drop" => object.drop = strings(value, &format!("{what} drop"))?,
            _ if extra.contains(&option) => {}
            _ => return Err(unknown_option(key, &known, what)),
        }
    }
    Ok(object)
}

fn read_fields(table: &DeTable<'_>, what: &str, depth: usize) -> Result<Vec<(String, DraftField)>> {
    let mut fields = Vec::with_capacity(table.len());
    for (name, value) in table {
        let field_what = format!("field `{}`", name.get_ref());
        let mut field = read_field(value, &field_what, depth + 1)?;
        field.span = name.span();
        if name.get_ref().is_empty() {
            return Err(SchemaError::new(
                name.span(),
                format!("{what}: a field name cannot be empty"),
            ));
        }
        fields.push((name.get_ref().to_string(), field));
    }
    Ok(fields)
}

/// A field: a table of options, or a string that is just its type (`"text"`).
fn read_field(value: &Spanned<DeValue<'_>>, what: &str, depth: usize) -> Result<DraftField> {
    if depth > MAX_DEPTH {
        return Err(SchemaError::new(
            value.span(),
            format!(
                "{what} nests more than {MAX_DEPTH} levels deep; declare a named type under [types] and refer to it"
            ),
        ));
    }
    let mut field = DraftField {
        span: value.span(),
        ..DraftField::default()
    };
    let table = match value.get_ref() {
        DeValue::String(ty) => {
            field.ty = Some(Spanned::new(value.span(), ty.to_string()));
            return Ok(field);
        }
        DeValue::Table(table) => table,
        other => {
            return Err(SchemaError::new(
                value.span(),
                format!(
                    "{what} must be a table of options such as {{ type = \"text\" }}, or a type name, found {}",
                    toml_kind(other)
                ),
            ));
        }
    };
    let known: Vec<&str> = FIELD_OPTIONS.iter().map(|(name, _)| *name).collect();
    let mut object: Option<DraftObject> = None;
    for (key, value) in table {
        let option = key.get_ref().as_ref();
        let of = |o: &str| format!("{what} {o}");
        match option {
            "type" => field.ty = Some(spanned_string(value, &of("type"))?),
            "required" => field.required = Some(boolean(value, &of("required"))?),
            "example" => {
                field.example = Some(match value.get_ref() {
                    DeValue::String(s) => s.to_string(),
                    DeValue::Integer(i) => i.as_str().to_owned(),
                    DeValue::Float(f) => f.as_str().to_owned(),
                    DeValue::Boolean(b) => b.to_string(),
                    other => {
                        return Err(SchemaError::new(
                            value.span(),
                            format!(
                                "{} must be a string or a number, found {}",
                                of("example"),
                                toml_kind(other)
                            ),
                        ));
                    }
                });
            }
            "note" => field.note = Some(string(value, &of("note"))?),
            "description" => field.description = Some(string(value, &of("description"))?),
            "values" => {
                let values = strings(value, &of("values"))?;
                if values.is_empty() {
                    return Err(SchemaError::new(
                        value.span(),
                        format!("{} must list at least one value", of("values")),
                    ));
                }
                field.values = Some(values.into_iter().map(Spanned::into_inner).collect());
            }
            "allow-empty" => field.allow_empty = Some(boolean(value, &of("allow-empty"))?),
            "relative" => field.relative = Some(boolean(value, &of("relative"))?),
            "prefer-https" => field.prefer_https = Some(boolean(value, &of("prefer-https"))?),
            "same-site" => field.same_site = Some(spanned_string(value, &of("same-site"))?),
            "not-future" => field.not_future = Some(boolean(value, &of("not-future"))?),
            "min" => field.min = Some(number(value, &of("min"))?),
            "max" => field.max = Some(number(value, &of("max"))?),
            "items" => field.items = Some(Box::new(read_field(value, &of("items"), depth + 1)?)),
            "min-items" => field.min_items = Some(count(value, &of("min-items"))?),
            "max-items" => field.max_items = Some(count(value, &of("max-items"))?),
            "unique" => field.unique = Some(boolean(value, &of("unique"))?),
            "unique-by" => field.unique_by = Some(spanned_string(value, &of("unique-by"))?),
            "not-root" => field.not_root = Some(strings(value, &of("not-root"))?),
            "fields" | "what" | "unknown-fields" | "one-of" | "drop" => {
                let mut single = DeTable::new();
                single.insert(key.clone(), value.clone());
                let part = read_object(&single, &[], what, depth)?;
                let object = object.get_or_insert_with(DraftObject::default);
                object.merge_options(part);
            }
            _ => return Err(unknown_option(key, &known, what)),
        }
        field.written.push((option.to_owned(), key.span()));
    }
    field.object = object;
    Ok(field)
}

impl DraftObject {
    /// Takes the options `other` sets, as read from one more key of the same table.
    fn merge_options(&mut self, other: DraftObject) {
        if other.what.is_some() {
            self.what = other.what;
        }
        if other.unknown.is_some() {
            self.unknown = other.unknown;
        }
        if other.one_of.is_some() {
            self.one_of = other.one_of;
        }
        if !other.fields.is_empty() {
            self.fields = other.fields;
        }
        if !other.drop.is_empty() {
            self.drop = other.drop;
        }
    }
}

/// Turns drafts into a [`Schema`], named types into objects on first use: a type that
/// refers to itself is compiled once and points at its own id.
struct Compiler<'d> {
    types: &'d HashMap<String, DraftObject>,
    objects: Vec<Object>,
    named: HashMap<&'d str, ObjectId>,
    /// Named types given an id but not compiled yet. They are compiled one after the
    /// other, not inside the field that first uses them, so a chain of thousands of
    /// types (each holding the next) does not recurse once per type.
    pending: Vec<(ObjectId, &'d DraftObject)>,
}

impl<'d> Compiler<'d> {
    fn compile(
        name: &str,
        root: &'d DraftObject,
        types: &'d HashMap<String, DraftObject>,
    ) -> Result<Schema> {
        let mut compiler = Compiler {
            types,
            objects: Vec::new(),
            named: HashMap::new(),
            pending: Vec::new(),
        };
        let root_id = compiler.object(root, "the item")?;
        // In the order they were first named; filling one may name more.
        let mut next = 0;
        while let Some(&(id, draft)) = compiler.pending.get(next) {
            compiler.fill(id, draft)?;
            next += 1;
        }
        Ok(Schema {
            name: name.to_owned(),
            objects: compiler.objects,
            root: root_id,
        })
    }

    /// An inline mapping (or the root), compiled in place: its depth is bounded by the
    /// description's ([`MAX_DEPTH`]).
    fn object(&mut self, draft: &'d DraftObject, default_what: &str) -> Result<ObjectId> {
        let id = self.reserve(draft, None, default_what);
        self.fill(id, draft)?;
        Ok(id)
    }

    /// An id for an object whose fields are compiled by [`Compiler::fill`].
    fn reserve(
        &mut self,
        draft: &'d DraftObject,
        name: Option<&str>,
        default_what: &str,
    ) -> ObjectId {
        let id = ObjectId(self.objects.len());
        self.objects.push(Object {
            name: name.map(str::to_owned),
            what: draft
                .what
                .clone()
                .unwrap_or_else(|| default_what.to_owned()),
            fields: Vec::new(),
            unknown: draft.unknown.unwrap_or(UnknownFields::Error),
            one_of: Vec::new(),
            index: None,
        });
        if let Some(name) = name {
            self.named.insert(
                self.types
                    .get_key_value(name)
                    .map_or("", |(k, _)| k.as_str()),
                id,
            );
        }
        id
    }

    /// Compiles the fields and one-of groups of the object reserved as `id`.
    fn fill(&mut self, id: ObjectId, draft: &'d DraftObject) -> Result<()> {
        let mut fields = Vec::with_capacity(draft.fields.len());
        for (field_name, field) in &draft.fields {
            fields.push(self.field(field_name, field)?);
        }
        let object = &mut self.objects[id.0];
        object.set_fields(fields);
        let mut one_of = Vec::new();
        for group in draft.one_of.iter().flatten() {
            let mut indexes = Vec::new();
            for member in group.get_ref() {
                let Some(index) = object.position(member.get_ref()) else {
                    let names = object.fields.iter().map(|f| f.name.as_str());
                    let hint = did_you_mean(member.get_ref(), names)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    return Err(SchemaError::new(
                        member.span(),
                        format!(
                            "one-of names `{}`, which is not a field here{hint}",
                            member.get_ref()
                        ),
                    ));
                };
                if object.fields[index].required {
                    return Err(SchemaError::new(
                        member.span(),
                        format!(
                            "one-of names `{}`, which is required anyway; set `required = false` on it",
                            member.get_ref()
                        ),
                    ));
                }
                indexes.push(index);
            }
            one_of.push(indexes);
        }
        object.one_of = one_of;
        Ok(())
    }

    fn field(&mut self, name: &str, draft: &'d DraftField) -> Result<Field> {
        let ty = self.ty(draft, &format!("field `{name}`"))?;
        Ok(Field {
            name: name.to_owned(),
            ty,
            required: draft.required.unwrap_or(true),
            example: draft.example.clone(),
            note: draft.note.clone(),
            description: draft.description.clone(),
        })
    }

    fn ty(&mut self, draft: &'d DraftField, what: &str) -> Result<Ty> {
        let Some(ty) = &draft.ty else {
            return Err(SchemaError::new(
                draft.span.clone(),
                format!("{what} needs a `type`, such as type = \"text\""),
            ));
        };
        let kind = ty.get_ref().as_str();
        let named = self.types.contains_key(kind);
        if !TYPE_NAMES.contains(&kind) && !named {
            let candidates = TYPE_NAMES
                .iter()
                .copied()
                .chain(self.types.keys().map(String::as_str));
            let hint = match did_you_mean(kind, candidates) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "the types are {} and the named types under [types]",
                    TYPE_NAMES.join(", ")
                ),
            };
            return Err(SchemaError::new(
                ty.span(),
                format!("{what} has an unknown type `{kind}`; {hint}"),
            ));
        }
        for (option, span) in &draft.written {
            let applies = FIELD_OPTIONS
                .iter()
                .find(|(name, _)| name == option)
                .and_then(|(_, types)| *types);
            if let Some(types) = applies
                && !types.contains(&kind)
            {
                return Err(SchemaError::new(
                    span.clone(),
                    format!(
                        "{what}: `{option}` applies to {} field, not to `{kind}`",
                        types
                            .iter()
                            .map(|t| format!(
                                "{} {t}",
                                if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
                                    "an"
                                } else {
                                    "a"
                                }
                            ))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                ));
            }
        }
        let int = |n: &Option<Spanned<Number>>, option: &str| -> Result<Option<i64>> {
            match n.as_ref().map(|n| (n.span(), *n.get_ref())) {
                None => Ok(None),
                Some((_, Number::Int(v))) => Ok(Some(v)),
                Some((span, Number::Float(_))) => Err(SchemaError::new(
                    span,
                    format!("{what}: `{option}` of an integer must be a whole number"),
                )),
            }
        };
        let float = |n: &Option<Spanned<Number>>| {
            n.as_ref().map(|n| match *n.get_ref() {
                Number::Int(v) => v as f64,
                Number::Float(v) => v,
            })
        };
        let ranged = |min: Option<f64>, max: Option<f64>| -> Result<()> {
            match (min, max, &draft.max) {
                (Some(min), Some(max), Some(span)) if min > max => Err(SchemaError::new(
                    span.span(),
                    format!("{what}: `max` ({max}) is below `min` ({min})"),
                )),
                _ => Ok(()),
            }
        };
        Ok(match kind {
            "text" => Ty::Text {
                values: draft.values.clone().map(Values::new),
                allow_empty: draft.allow_empty.unwrap_or(false),
            },
            "url" => Ty::Url(UrlTy {
                relative: draft.relative.unwrap_or(false),
                prefer_https: draft.prefer_https.unwrap_or(false),
                same_site: match &draft.same_site {
                    None => None,
                    Some(path) => {
                        let parts: Vec<String> =
                            path.get_ref().split('.').map(str::to_owned).collect();
                        if parts.iter().any(String::is_empty) {
                            return Err(SchemaError::new(
                                path.span(),
                                format!(
                                    "{what}: same-site is a dotted path to a domain field, such as \"provider.domain\""
                                ),
                            ));
                        }
                        Some(parts)
                    }
                },
            }),
            "date-time" => Ty::DateTime {
                not_future: draft.not_future.unwrap_or(false),
            },
            "date" => Ty::Date,
            "duration" => Ty::Duration,
            "integer" => {
                let (min, max) = (int(&draft.min, "min")?, int(&draft.max, "max")?);
                ranged(min.map(|v| v as f64), max.map(|v| v as f64))?;
                Ty::Integer { min, max }
            }
            "number" => {
                let (min, max) = (float(&draft.min), float(&draft.max));
                ranged(min, max)?;
                Ty::Number { min, max }
            }
            "boolean" => Ty::Boolean,
            "domain" => Ty::Domain,
            "secured" => Ty::Secured,
            "list" => {
                let Some(items) = &draft.items else {
                    return Err(SchemaError::new(
                        ty.span(),
                        format!("{what} is a list and needs `items`, such as items = \"text\""),
                    ));
                };
                let item_ty = self.ty(items, &format!("{what} items"))?;
                if let (Some(min), Some(max)) = (draft.min_items, draft.max_items)
                    && min > max
                {
                    return Err(SchemaError::new(
                        draft.span.clone(),
                        format!("{what}: `max-items` ({max}) is below `min-items` ({min})"),
                    ));
                }
                let unique = draft.unique.unwrap_or(false);
                if unique && matches!(item_ty, Ty::List(_) | Ty::Object(_)) {
                    return Err(SchemaError::new(
                        draft.span.clone(),
                        format!(
                            "{what}: `unique` compares plain values; for a list of mappings use unique-by = \"FIELD\""
                        ),
                    ));
                }
                let unique_by = match &draft.unique_by {
                    None => None,
                    Some(by) => Some(self.item_field(&item_ty, by, what, "unique-by")?),
                };
                let mut not_root = Vec::new();
                for name in draft.not_root.iter().flatten() {
                    if unique_by.is_none() {
                        return Err(SchemaError::new(
                            name.span(),
                            format!(
                                "{what}: `not-root` compares the items' unique-by field; set unique-by too"
                            ),
                        ));
                    }
                    not_root.push(name.get_ref().clone());
                }
                Ty::List(Box::new(ListTy {
                    items: item_ty,
                    min_items: draft.min_items,
                    max_items: draft.max_items,
                    unique,
                    unique_by,
                    not_root,
                }))
            }
            "mapping" => {
                let Some(object) = &draft.object else {
                    return Err(SchemaError::new(
                        ty.span(),
                        format!("{what} is a mapping and needs `fields`"),
                    ));
                };
                Ty::Object(self.object(object, "a mapping")?)
            }
            named => {
                if let Some(&id) = self.named.get(named) {
                    Ty::Object(id)
                } else {
                    let (key, object) = self.types.get_key_value(named).ok_or_else(|| {
                        SchemaError::new(ty.span(), format!("unknown type `{named}`"))
                    })?;
                    let what = format!("a {}", key.to_lowercase());
                    let id = self.reserve(object, Some(key), &what);
                    self.pending.push((id, object));
                    Ty::Object(id)
                }
            }
        })
    }

    /// The name of a field of a list's item mapping, as `unique-by` names it.
    fn item_field(
        &self,
        items: &Ty,
        by: &Spanned<String>,
        what: &str,
        option: &str,
    ) -> Result<String> {
        let Ty::Object(id) = items else {
            return Err(SchemaError::new(
                by.span(),
                format!("{what}: `{option}` names a field of the items, so they must be mappings"),
            ));
        };
        let object = &self.objects[id.0];
        // A named type not compiled yet has no fields; the draft says which it will have.
        let names: Vec<&str> = match &object.name {
            Some(name) if object.fields.is_empty() => self
                .types
                .get(name)
                .map(|d| d.fields.iter().map(|(n, _)| n.as_str()).collect())
                .unwrap_or_default(),
            _ => object.fields.iter().map(|f| f.name.as_str()).collect(),
        };
        if names.contains(&by.get_ref().as_str()) {
            return Ok(by.get_ref().clone());
        }
        let hint = did_you_mean(by.get_ref(), names.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        Err(SchemaError::new(
            by.span(),
            format!(
                "{what}: `{option}` names `{}`, which the items do not have{hint}",
                by.get_ref()
            ),
        ))
    }
}

/// The built-in description: the publisher's news item, in the form a user writes.
pub const BUILTIN: &str = include_str!("news-item.toml");

/// Reads the built-in description.
pub(crate) fn builtin() -> Description {
    let document = DeTable::parse(BUILTIN);
    // Checked by a unit test: the built-in description always reads.
    document
        .ok()
        .and_then(|d| Description::read(d.get_ref()).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_description_reads_and_compiles() {
        let document = DeTable::parse(BUILTIN).unwrap();
        let description = Description::read(document.get_ref()).unwrap();
        let (schema, collections) =
            Description::compile(description, Description::default(), None, None).unwrap();
        assert!(collections.is_empty());
        assert_eq!(schema.root().what, "the article");
    }

    fn compile(
        user: &str,
    ) -> std::result::Result<(Schema, Vec<CompiledCollection>), (String, String)> {
        let document = DeTable::parse(user).unwrap();
        Description::read(document.get_ref())
            .and_then(|d| Description::compile(builtin(), d, None, None))
            .map_err(|e| (user[e.span.clone()].to_owned(), e.message))
    }

    #[test]
    fn mistakes_point_at_their_key_and_suggest() {
        let (at, message) = compile("[schema.fields]\nauthor = { type = \"txet\" }\n").unwrap_err();
        assert_eq!(at, "\"txet\"");
        assert!(message.contains("did you mean `text`?"), "{message}");
        let (at, message) =
            compile("[schema.fields]\nauthor = { type = \"text\", requird = false }\n")
                .unwrap_err();
        assert_eq!(at, "requird");
        assert!(message.contains("did you mean `required`?"), "{message}");
        let (at, message) =
            compile("[schema.fields]\nauthor = { type = \"text\", min = 1 }\n").unwrap_err();
        assert_eq!(at, "min");
        assert!(message.contains("an integer or a number"), "{message}");
        let (at, _) = compile("[schema]\ndrop = [\"secure\"]\n").unwrap_err();
        assert_eq!(at, "\"secure\"");
        let (at, message) = compile("[schema.fields]\nqualty = { max = 5 }\n").unwrap_err();
        assert_eq!(at, "qualty");
        assert!(message.contains("did you mean `quality`?"), "{message}");
    }

    /// Regression: `allow-empty` was read but lost when it changed an existing field, as
    /// the merge listed the options by hand. Every option of a field must survive it.
    #[test]
    fn every_option_survives_a_merge() {
        let values = [
            ("required", "false"),
            ("example", "\"x\""),
            ("note", "\" (n)\""),
            ("description", "\"d\""),
            ("values", "[\"a\"]"),
            ("allow-empty", "true"),
            ("relative", "true"),
            ("prefer-https", "true"),
            ("same-site", "\"provider.domain\""),
            ("not-future", "true"),
            ("min", "1"),
            ("max", "2"),
            ("items", "\"text\""),
            ("min-items", "1"),
            ("max-items", "2"),
            ("unique", "true"),
            ("unique-by", "\"webUrl\""),
            ("not-root", "[\"webUrl\"]"),
            ("fields", "{ a = \"text\" }"),
            ("what", "\"a thing\""),
            ("unknown-fields", "\"allow\""),
            ("one-of", "[]"),
            ("drop", "[]"),
        ];
        let written: Vec<&str> = FIELD_OPTIONS
            .iter()
            .map(|(name, _)| *name)
            .filter(|n| *n != "type")
            .collect();
        let listed: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
        assert_eq!(written, listed, "a new option needs a case here");
        for (option, value) in values {
            let base = DeTable::parse("[f]\ntype = \"text\"\n").unwrap();
            let mut field = read_field(base.get_ref().get("f").unwrap(), "f", 0).unwrap();
            let text = format!("[f]\n{option} = {value}\n");
            let change = DeTable::parse(&text).unwrap();
            let change = read_field(change.get_ref().get("f").unwrap(), "f", 0).unwrap();
            let expected = format!("{change:?}");
            field.merge(change).unwrap();
            let merged = format!("{field:?}");
            let option_field = option.replace('-', "_");
            let key = match option {
                "fields" | "what" | "unknown-fields" | "one-of" | "drop" => "object".to_owned(),
                _ => option_field,
            };
            let part = |debug: &str| {
                debug
                    .split(&format!("{key}: "))
                    .nth(1)
                    .map(|rest| rest.split(", written").next().unwrap_or(rest).to_owned())
            };
            assert_eq!(
                part(&merged),
                part(&expected),
                "{option} was lost in the merge"
            );
        }
    }

    #[test]
    fn a_type_may_refer_to_itself() {
        let (schema, _) = compile(
            "[types.Node.fields]\nname = \"text\"\nchildren = { type = \"list\", items = \"Node\", required = false }\n[schema.fields]\ntree = { type = \"Node\", required = false }\n",
        )
        .unwrap();
        let tree = schema.root().field("tree").unwrap();
        let Ty::Object(id) = tree.ty else {
            panic!("{:?}", tree.ty)
        };
        let children = schema.object(id).field("children").unwrap();
        let Ty::List(list) = &children.ty else {
            panic!()
        };
        assert!(matches!(list.items, Ty::Object(inner) if inner == id));
    }

    #[test]
    fn deep_inline_nesting_is_refused() {
        let mut field = String::from("\"text\"");
        // Deeper than the description allows, not as deep as TOML's own parser refuses.
        for _ in 0..MAX_DEPTH + 4 {
            field = format!("{{ type = \"list\", items = {field} }}");
        }
        let (_, message) = compile(&format!("[schema.fields]\ndeep = {field}\n")).unwrap_err();
        assert!(message.contains("levels deep"), "{message}");
    }
}
