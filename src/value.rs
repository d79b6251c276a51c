//! A frontmatter as a generic value with positions: how library users read the items
//! of a collection that has no typed model, and the bridge from the YAML tree to serde.

use serde::Serialize;

use crate::diagnostic::{Position, Span};
use crate::source::LineIndex;
use crate::yaml::{Node, Resolved, Value};

/// One value of a frontmatter, where it was written, and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub span: Span,
    pub start: Position,
    pub value: ItemValue,
}

/// A YAML value under the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ItemValue {
    Null,
    Bool(bool),
    Int(i64),
    /// A float, or an integer too large for 64 bits.
    Float(f64),
    Str(String),
    List(Vec<Item>),
    /// Entries in source order, with the key's own position.
    Map(Vec<(Item, Item)>),
}

impl Item {
    pub(crate) fn from_node(node: &Node<'_>, lines: &LineIndex<'_>) -> Item {
        let value = match &node.value {
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => ItemValue::Null,
                Resolved::Bool(b) => ItemValue::Bool(b),
                Resolved::Int(Some(i)) => ItemValue::Int(i),
                Resolved::Int(None) | Resolved::Float => {
                    ItemValue::Float(s.text.parse::<f64>().unwrap_or(f64::NAN))
                }
                Resolved::Str => ItemValue::Str(s.text.to_owned()),
            },
            Value::Sequence(items) => {
                ItemValue::List(items.iter().map(|i| Item::from_node(i, lines)).collect())
            }
            Value::Mapping(entries) => ItemValue::Map(
                entries
                    .iter()
                    .map(|(k, v)| (Item::from_node(k, lines), Item::from_node(v, lines)))
                    .collect(),
            ),
        };
        Item {
            span: node.span,
            start: lines.position(node.span.start),
            value,
        }
    }

    /// The value of `key`, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Item> {
        match &self.value {
            ItemValue::Map(entries) => entries.iter().find_map(|(k, v)| match &k.value {
                ItemValue::Str(name) if name == key => Some(v),
                _ => None,
            }),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            ItemValue::Str(text) => Some(text),
            _ => None,
        }
    }
}

/// The tree as JSON, the way a YAML-to-JSON tool reads it (YAML 1.2 core schema); a key
/// written twice keeps its first value, as the schema walk does.
pub(crate) fn to_json(node: &Node<'_>) -> serde_json::Value {
    match &node.value {
        Value::Scalar(s) => match s.resolve() {
            Resolved::Null => serde_json::Value::Null,
            Resolved::Bool(b) => serde_json::Value::Bool(b),
            Resolved::Int(Some(i)) => serde_json::Value::from(i),
            Resolved::Int(None) | Resolved::Float => s
                .text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Resolved::Str => serde_json::Value::String(s.text.to_owned()),
        },
        Value::Sequence(items) => items.iter().map(to_json).collect(),
        Value::Mapping(entries) => {
            let mut map = serde_json::Map::with_capacity(entries.len());
            for (key, value) in *entries {
                let key = match &key.value {
                    Value::Scalar(s) => s.text.to_owned(),
                    _ => continue,
                };
                map.entry(key).or_insert_with(|| to_json(value));
            }
            serde_json::Value::Object(map)
        }
    }
}
