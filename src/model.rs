//! The typed model of a news item: what a valid frontmatter means, for other Rust
//! programs to use. Every type round-trips through serde with the file's camelCase keys.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use url::Url;

/// The frontmatter of a news item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Article {
    pub category: String,
    pub title: String,
    pub excerpt: String,
    pub published_date_time: DateTime<FixedOffset>,
    pub original_url: Url,
    pub web_url: Url,
    /// The item's type (`article`, ...); `type` is a Rust keyword.
    #[serde(rename = "type")]
    pub item_type: String,
    /// 0..=100.
    pub quality: u8,
    /// -1 means not scored.
    pub heat: i64,
    pub published: bool,
    pub provider: Provider,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedItem>,
    /// `BASE64;BASE64`, checked but not decoded here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secured: Option<String>,
}

/// Who published an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Provider {
    pub name: String,
    /// A bare lowercase host name such as `axios.com`.
    pub domain: String,
}

/// Another outlet's item on the same story.
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
    /// 0..=100.
    pub quality: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
}

/// An image of a related item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Image {
    pub url: Url,
    pub width: u32,
    pub height: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_cached: Option<bool>,
}

/// A whole news item: its typed frontmatter and its (unvalidated) Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsItem {
    pub article: Article,
    pub body: String,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}
