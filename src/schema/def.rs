//! The schema as data: objects, fields and their types, compiled once per run from the
//! description in `newsval.toml` (or the built-in one) and walked by [`super::walk`].

use std::collections::{HashMap, HashSet};

/// A compiled schema: the objects it declares and the one a frontmatter must be.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The collection's name (`news-item` for the built-in schema).
    pub name: String,
    pub(crate) objects: Vec<Object>,
    pub(crate) root: ObjectId,
}

/// An index into [`Schema::objects`]: a type may refer to itself through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObjectId(pub(crate) usize);

/// A mapping with known keys.
#[derive(Debug, Clone)]
pub struct Object {
    /// The named type it is (`Provider`), or `None` for a root or an inline mapping.
    pub name: Option<String>,
    /// How messages name it: "the article", "a provider".
    pub what: String,
    pub fields: Vec<Field>,
    /// What a key outside `fields` is.
    pub unknown: UnknownFields,
    /// Groups of optional fields of which at least one must be set.
    pub one_of: Vec<Vec<usize>>,
    /// Each field's position by name, for an object of more than
    /// [`Object::SCAN_LIMIT`] fields, so a key is found without a scan of them all.
    pub(crate) index: Option<HashMap<String, usize>>,
}

/// What a key the schema does not declare is: `unknown-field` as an error or a warning,
/// or allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownFields {
    Error,
    Warning,
    Allow,
}

impl UnknownFields {
    pub(crate) const NAMES: [&'static str; 3] = ["error", "warning", "allow"];

    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "error" => Some(UnknownFields::Error),
            "warning" => Some(UnknownFields::Warning),
            "allow" => Some(UnknownFields::Allow),
            _ => None,
        }
    }
}

/// One key of an object.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    /// A value to show in `add `name: example`` help lines.
    pub example: Option<String>,
    /// Said after the example: " (an integer; -1 when not scored)".
    pub note: Option<String>,
    /// For the JSON Schema and the docs.
    pub description: Option<String>,
}

/// A field's type, with the constraints that go with it.
#[derive(Debug, Clone)]
pub enum Ty {
    /// A string that is not blank (`empty-text`) and is trimmed (`untrimmed-text`).
    Text {
        values: Option<Values>,
        /// `""` is allowed (a course without a description); blank text still is not.
        allow_empty: bool,
    },
    /// An absolute http(s) URL.
    Url(UrlTy),
    /// An RFC 3339 date-time with an offset.
    DateTime {
        not_future: bool,
    },
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An ISO 8601 duration such as `PT1H30M`.
    Duration,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
    },
    Boolean,
    /// A bare lowercase host name.
    Domain,
    /// `BASE64;BASE64`, the publisher's encrypted payload.
    Secured,
    List(Box<ListTy>),
    Object(ObjectId),
}

#[derive(Debug, Clone, Default)]
pub struct UrlTy {
    /// A site-relative path (`/assets/logo.png`) is allowed too.
    pub relative: bool,
    /// `http` is a warning (`insecure-url`).
    pub prefer_https: bool,
    /// The host must be within the domain at this path from the mapping that holds the
    /// URL (`provider.domain`), or a hosting platform (`domain-mismatch`).
    pub same_site: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct ListTy {
    pub items: Ty,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// No two items alike (`duplicate-topic`).
    pub unique: bool,
    /// No two items with the same value of this field (`duplicate-related`).
    pub unique_by: Option<String>,
    /// That field must not equal these fields of the root (`self-reference`).
    pub not_root: Vec<String>,
}

/// Known values of a text field: others get `unknown-value`.
#[derive(Debug, Clone)]
pub struct Values {
    pub list: Vec<String>,
    /// For long lists, so a lookup stays cheap whatever a config holds.
    set: Option<HashSet<String>>,
}

impl Values {
    /// Past this many values, lookups use a hash set and did-you-mean is not tried.
    pub(crate) const SCAN_LIMIT: usize = 64;

    pub fn new(list: Vec<String>) -> Self {
        let set = (list.len() > Self::SCAN_LIMIT).then(|| list.iter().cloned().collect());
        Values { list, set }
    }

    pub fn contains(&self, value: &str) -> bool {
        match &self.set {
            Some(set) => set.contains(value),
            None => self.list.iter().any(|known| known == value),
        }
    }
}

impl Schema {
    pub fn root(&self) -> &Object {
        self.object(self.root)
    }

    pub fn object(&self, id: ObjectId) -> &Object {
        &self.objects[id.0]
    }

    pub fn objects(&self) -> impl Iterator<Item = (ObjectId, &Object)> {
        self.objects
            .iter()
            .enumerate()
            .map(|(i, o)| (ObjectId(i), o))
    }

    pub fn root_id(&self) -> ObjectId {
        self.root
    }
}

impl Object {
    /// Past this many fields, keys are looked up in a map, and messages neither guess a
    /// misspelt key among the fields nor list them all (as [`Values::SCAN_LIMIT`]).
    pub(crate) const SCAN_LIMIT: usize = Values::SCAN_LIMIT;

    /// Sets the fields, and indexes them if there are many.
    pub(crate) fn set_fields(&mut self, fields: Vec<Field>) {
        self.index = (fields.len() > Self::SCAN_LIMIT).then(|| {
            let mut index = HashMap::with_capacity(fields.len());
            for (i, field) in fields.iter().enumerate() {
                index.entry(field.name.clone()).or_insert(i);
            }
            index
        });
        self.fields = fields;
    }

    /// The index of the field named `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.fields.iter().position(|f| f.name == name),
        }
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.position(name).map(|i| &self.fields[i])
    }

    /// Whether the fields are too many to guess among or list in full.
    pub(crate) fn is_wide(&self) -> bool {
        self.fields.len() > Self::SCAN_LIMIT
    }
}

impl Ty {
    /// The type's name as a description writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Ty::Text { .. } => "text",
            Ty::Url(_) => "url",
            Ty::DateTime { .. } => "date-time",
            Ty::Date => "date",
            Ty::Duration => "duration",
            Ty::Integer { .. } => "integer",
            Ty::Number { .. } => "number",
            Ty::Boolean => "boolean",
            Ty::Domain => "domain",
            Ty::Secured => "secured",
            Ty::List(_) => "list",
            Ty::Object(_) => "mapping",
        }
    }
}
