//! The JSON Schema (draft 2020-12) of a compiled schema, for editors
//! (yaml-language-server) and other tools; `newsval schema` prints it.
//!
//! It says what JSON Schema can say: keys, types, required fields, non-blank text,
//! ranges and formats. Checks that need more than one value or real decoding (URL hosts
//! against `provider.domain`, duplicates, base64 lengths in `secured`, dates in the
//! future) and every warning stay newsval's; `tests/schema.rs` holds the schema and
//! newsval to the same verdict on every fixture.

use serde_json::{Map, Value, json};

use super::def::{Field, Object, ObjectId, Schema, Ty, UnknownFields};

impl Schema {
    /// The JSON Schema of this schema's frontmatter.
    pub fn json_schema(&self) -> Value {
        let mut defs = Map::new();
        defs.insert("Text".into(), json!({
            "description": "A string that is not empty and not only whitespace or invisible characters (zero-width spaces, soft hyphens).",
            "type": "string",
            "minLength": 1,
            "pattern": "[^\\s\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]"
        }));
        defs.insert("DateTime".into(), json!({
            "description": "An RFC 3339 date-time with a UTC offset (`Z` or `+hh:mm`), such as 2022-09-12T13:00:00Z; no plain dates, no space for `T`.",
            "type": "string",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$"
        }));
        defs.insert(
            "Url".into(),
            json!({
                "description": "An absolute http or https URL with a host, without whitespace.",
                "type": "string",
                "format": "uri",
                "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+(?:[/?#]\\S*)?$"
            }),
        );
        for (id, object) in self.objects() {
            defs.insert(self.def_name(id), self.object_schema(object));
        }
        let title = if self.name == "news-item" {
            "newsval news item frontmatter".to_owned()
        } else {
            format!("newsval collection `{}` frontmatter", self.name)
        };
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            "description": "The YAML frontmatter of an item, as newsval checks it. Warnings (unknown values, duplicates, domain mismatches, future dates, http images, untrimmed text) are not expressed here; run `newsval check` for those.",
            "$ref": format!("#/$defs/{}", self.def_name(self.root_id())),
            "$defs": defs,
        })
    }

    /// The `$defs` name of an object: its type name, `Article` for the news item's root.
    fn def_name(&self, id: ObjectId) -> String {
        let object = self.object(id);
        match &object.name {
            Some(name) => name.clone(),
            None if id == self.root_id() && self.name == "news-item" => "Article".to_owned(),
            None if id == self.root_id() => "Item".to_owned(),
            None => format!("Mapping{}", id.0),
        }
    }

    fn object_schema(&self, object: &Object) -> Value {
        let required: Vec<&str> = object
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        let mut properties = Map::new();
        for field in &object.fields {
            properties.insert(field.name.clone(), self.field_schema(field));
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        // A warning is no failure: only an error policy closes the object.
        schema.insert(
            "additionalProperties".into(),
            json!(object.unknown != UnknownFields::Error),
        );
        schema.insert("required".into(), json!(required));
        schema.insert("properties".into(), Value::Object(properties));
        let groups: Vec<Value> = object
            .one_of
            .iter()
            .map(|group| {
                let any: Vec<Value> = group
                    .iter()
                    .map(|&i| json!({ "required": [object.fields[i].name] }))
                    .collect();
                json!({ "anyOf": any })
            })
            .collect();
        if !groups.is_empty() {
            schema.insert("allOf".into(), json!(groups));
        }
        Value::Object(schema)
    }

    fn field_schema(&self, field: &Field) -> Value {
        let mut schema = self.type_schema(&field.ty);
        if let Value::Object(map) = &mut schema {
            if let Some(description) = &field.description {
                map.insert("description".into(), json!(description));
            }
            if let Ty::Text {
                values: Some(values),
                ..
            } = &field.ty
            {
                let examples: Vec<&String> = values.list.iter().take(10).collect();
                map.insert("examples".into(), json!(examples));
            }
        }
        schema
    }

    fn type_schema(&self, ty: &Ty) -> Value {
        match ty {
            Ty::Text {
                allow_empty: true, ..
            } => json!({ "anyOf": [{ "$ref": "#/$defs/Text" }, { "const": "" }] }),
            Ty::Text { .. } => json!({ "$ref": "#/$defs/Text" }),
            Ty::Url(url) if url.relative => json!({
                "anyOf": [
                    { "$ref": "#/$defs/Url" },
                    { "type": "string", "pattern": "^/(?:[^/\\s]\\S*)?$" }
                ]
            }),
            Ty::Url(_) => json!({ "$ref": "#/$defs/Url" }),
            Ty::DateTime { .. } => json!({ "$ref": "#/$defs/DateTime" }),
            Ty::Date => json!({
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            }),
            Ty::Duration => json!({
                "description": "An ISO 8601 duration such as PT1H30M.",
                "type": "string",
                "format": "duration",
                "pattern": "^P(?!$)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?$"
            }),
            Ty::Integer { min, max } => {
                bounded("integer", min.map(Value::from), max.map(Value::from))
            }
            Ty::Number { min, max } => {
                bounded("number", min.map(Value::from), max.map(Value::from))
            }
            Ty::Boolean => json!({ "type": "boolean" }),
            Ty::Domain => json!({
                "type": "string",
                "maxLength": 253,
                "pattern": "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$"
            }),
            Ty::Secured => json!({
                "type": "string",
                "pattern": "^\\s*(?:[A-Za-z0-9+/]{64})*(?:[A-Za-z0-9+/]{64}|[A-Za-z0-9+/]{21}[AQgw]==|[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=);[A-Za-z0-9+/]{21}[AQgw]==\\s*$"
            }),
            Ty::List(list) => {
                let mut map = Map::new();
                map.insert("type".into(), json!("array"));
                map.insert("items".into(), self.type_schema(&list.items));
                if let Some(min) = list.min_items {
                    map.insert("minItems".into(), json!(min));
                }
                if let Some(max) = list.max_items {
                    map.insert("maxItems".into(), json!(max));
                }
                Value::Object(map)
            }
            Ty::Object(id) => json!({ "$ref": format!("#/$defs/{}", self.def_name(*id)) }),
        }
    }
}

/// `{"type": kind, "minimum": min, "maximum": max}`, without the bounds not set.
fn bounded(kind: &str, min: Option<Value>, max: Option<Value>) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), json!(kind));
    if let Some(min) = min {
        map.insert("minimum".into(), min);
    }
    if let Some(max) = max {
        map.insert("maximum".into(), max);
    }
    Value::Object(map)
}
