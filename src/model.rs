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
