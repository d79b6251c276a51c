//! The typed model of the built-in news item: what a valid frontmatter means, for other
//! Rust programs to use. Every type round-trips through serde with the file's camelCase
//! keys; a test holds it to the schema description (`schema/news-item.toml`), field by
//! field. Items of a user collection are read as a generic [`crate::value::Item`].

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::yaml::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Article {
    pub category: String,
    pub title: String,
    pub excerpt: String,
    pub published_date_time: DateTime<FixedOffset>,
    /// The story where it was first published; a video's is its page on the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amp_web_url: Option<Url>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cdn_amp_web_url: Option<Url>,
    #[serde(rename = "type")]
    pub item_type: String,
    pub quality: u64,
    pub heat: i64,
    pub published: bool,
    /// An HTML snippet: a video's embedded player.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub featured_content: Option<String>,
    pub provider: Provider,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secured: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    pub domain: String,
    /// The provider's logo.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RelatedItem {
    pub title: String,
    pub excerpt: String,
    pub published_date_time: DateTime<FixedOffset>,
    pub web_url: Url,
    #[serde(rename = "type")]
    pub item_type: String,
    pub provider: Provider,
    pub quality: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Image {
    pub url: Url,
    pub width: u32,
    pub height: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_cached: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A valid news item: its frontmatter as an [`Article`], and the body after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsItem {
    pub article: Article,
    pub body: String,
    pub body_line: usize,
}

impl Article {
    /// The article a frontmatter the schema walk found no error in describes.
    pub(crate) fn from_node(root: &Node<'_>) -> Option<Article> {
        serde_json::from_value(crate::value::to_json(root)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Schema, Ty};

    fn image() -> Image {
        Image {
            url: Url::parse("https://example.com/a.png").unwrap(),
            width: 1,
            height: 1,
            is_cached: Some(true),
            title: Some("A".into()),
        }
    }

    fn provider() -> Provider {
        Provider {
            name: "Axios".into(),
            domain: "axios.com".into(),
            images: vec![image()],
        }
    }

    /// Every field set, every list with one item: its JSON names every key the model has.
    fn full_article() -> Article {
        let at = DateTime::parse_from_rfc3339("2022-09-12T13:00:00Z").unwrap();
        let url = Url::parse("https://www.axios.com/a").unwrap();
        Article {
            category: "news".into(),
            title: "T".into(),
            excerpt: "E".into(),
            published_date_time: at,
            original_url: Some(url.clone()),
            web_url: Some(url.clone()),
            amp_web_url: Some(url.clone()),
            cdn_amp_web_url: Some(url.clone()),
            item_type: "article".into(),
            quality: 1,
            heat: -1,
            published: true,
            featured_content: Some("<iframe></iframe>".into()),
            provider: provider(),
            topics: vec!["AI".into()],
            images: vec![image()],
            related: vec![RelatedItem {
                title: "T".into(),
                excerpt: "E".into(),
                published_date_time: at,
                web_url: url,
                item_type: "article".into(),
                provider: provider(),
                quality: 1,
                images: vec![image()],
            }],
            secured: Some("x".into()),
        }
    }

    /// Walks the JSON of the model and the description side by side: each mapping must
    /// have exactly the fields its object declares.
    fn same_keys(
        schema: &Schema,
        object: crate::schema::ObjectId,
        value: &serde_json::Value,
        at: &str,
    ) {
        let object = schema.object(object);
        let serde_json::Value::Object(map) = value else {
            panic!("{at} is not a mapping in the model");
        };
        let mut model: Vec<&str> = map.keys().map(String::as_str).collect();
        let mut declared: Vec<&str> = object.fields.iter().map(|f| f.name.as_str()).collect();
        model.sort_unstable();
        declared.sort_unstable();
        assert_eq!(model, declared, "the fields of {at}");
        for field in &object.fields {
            let child = &map[&field.name];
            let path = format!("{at}.{}", field.name);
            match &field.ty {
                Ty::Object(id) => same_keys(schema, *id, child, &path),
                Ty::List(list) => {
                    if let Ty::Object(id) = list.items {
                        same_keys(schema, id, &child[0], &format!("{path}[0]"));
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn the_model_has_exactly_the_fields_of_the_description() {
        let schema = Schema::news_item();
        let json = serde_json::to_value(full_article()).unwrap();
        same_keys(&schema, schema.root_id(), &json, "the article");
        let back: Article = serde_json::from_value(json).unwrap();
        assert_eq!(back, full_article());
    }
}
