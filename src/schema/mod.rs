//! The schema as data: the description of fields and types (`def`), read from TOML and
//! compiled once per run (`describe`, with the built-in news item in `news-item.toml`),
//! walked over each file's YAML (`walk`), and exported as JSON Schema (`json`).

mod def;
mod describe;
mod docs;
mod homes;
mod json;
pub(crate) mod walk;

pub use def::{Field, ListTy, Object, ObjectId, Schema, Ty, UnknownFields, UrlTy, Values};
pub use describe::{BUILTIN, CompiledCollection, SchemaError, TYPE_NAMES};
pub(crate) use describe::{Description, builtin};

impl Schema {
    /// The built-in news-item schema, as `news-item.toml` describes it.
    pub fn news_item() -> Schema {
        Description::compile(builtin(), Description::default(), None, None)
            .map(|(schema, _)| schema)
            .unwrap_or_else(|_| Schema::empty())
    }

    /// A schema that takes any mapping: what a broken built-in description would give.
    fn empty() -> Schema {
        Schema {
            name: "news-item".to_owned(),
            objects: vec![Object {
                name: None,
                what: "the item".to_owned(),
                fields: Vec::new(),
                unknown: UnknownFields::Allow,
                one_of: Vec::new(),
                index: None,
            }],
            root: ObjectId(0),
        }
    }
}
