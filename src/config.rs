//! `newsval.toml`: found in the working directory or above it (or named with `--config`),
//! checked strictly so a typo in the config is an error, not a silent default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostic::Severity;
use crate::rules::Rule;
use crate::schema::{Description, Schema, SchemaError};

/// The file name searched for in the working directory and its parents.
pub const FILE_NAME: &str = "newsval.toml";

/// What a rule reports as, after the config has had its say.
pub use crate::rule::{Level, Severities};

/// Everything a run can be configured with; `Config::default()` is SPEC's behaviour.
#[derive(Debug, Clone)]
pub struct Config {
    /// Rule severities: the defaults, and the levels `[rules]` sets.
    pub rules: Severities,
    /// The news-item schema: the built-in one, with the changes of `[schema]` and
    /// `[types]`. Files no collection covers are checked against it.
    pub schema: Arc<Schema>,
    /// The `[collections.*]`, in the order written: a file belongs to the first whose
    /// globs match it.
    pub collections: Arc<Vec<Collection>>,
    /// Hosts that serve many providers' items: no `domain-mismatch` for them.
    pub hosting_platforms: Vec<String>,
    /// `[per-file-ignores]`: rules turned off for the files a glob matches.
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// File extensions picked up when a directory is walked (without the dot).
    pub extensions: Vec<String>,
    /// Globs (gitignore syntax) of paths never checked, relative to the config's folder.
    pub exclude: Vec<String>,
    /// The folder `exclude` globs are relative to.
    pub root: PathBuf,
    /// Files larger than this many bytes get `unreadable-file` unread.
    pub size_limit: u64,
    /// How far in the future a date may be before `future-date` fires.
    pub future_tolerance: chrono::Duration,
    /// Where the config came from, if from a file.
    pub source: Option<PathBuf>,
}

pub const DEFAULT_SIZE_LIMIT: u64 = 10 * 1024 * 1024;

/// A collection: the files its globs cover (relative to the config's folder) and the
/// schema they are checked against.
#[derive(Debug, Clone)]
pub struct Collection {
    pub name: String,
    pub files: Vec<String>,
    matcher: globset::GlobSet,
    pub schema: Schema,
}

impl Collection {
    /// Whether the collection covers `relative`, a path from the config's folder.
    pub fn covers(&self, relative: &Path) -> bool {
        self.matcher.is_match(relative)
    }
}

/// Rules turned off for some files: a glob relative to the config's folder (one without
/// a `/` matches a file name in any folder), as ruff's `per-file-ignores`.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub glob: String,
    matcher: globset::GlobMatcher,
    pub rules: Vec<Rule>,
}

impl PerFileIgnore {
    /// Whether the glob matches `relative`, a path from the config's folder.
    pub fn matches(&self, relative: &Path) -> bool {
        if self.glob.contains('/') {
            self.matcher.is_match(relative)
        } else {
            relative
                .file_name()
                .is_some_and(|name| self.matcher.is_match(name))
        }
    }
}

/// The video platforms the publisher's items link to: they host many providers' videos,
/// so an `originalUrl` there is no `domain-mismatch`.
pub const DEFAULT_HOSTING_PLATFORMS: [&str; 3] = ["youtube.com", "youtu.be", "vimeo.com"];

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: Severities::default(),
            schema: Arc::new(Schema::news_item()),
            collections: Arc::new(Vec::new()),
            hosting_platforms: DEFAULT_HOSTING_PLATFORMS.map(String::from).to_vec(),
            per_file_ignores: Vec::new(),
            extensions: vec!["md".into(), "markdown".into(), "txt".into()],
            exclude: Vec::new(),
            root: PathBuf::from("."),
            size_limit: DEFAULT_SIZE_LIMIT,
            future_tolerance: chrono::Duration::zero(),
            source: None,
        }
    }
}

impl Config {
    /// The severity `rule` reports with, or `None` when it is turned off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        self.rules.of(rule)
    }

    /// The `newsval.toml` in `dir` or the nearest folder above it.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|ancestor| ancestor.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    pub fn discover(dir: &Path) -> Result<Config, ConfigError> {
        if let Some(file) = Config::find(dir) {
            return Config::load(&file);
        }
        Ok(Config {
            root: dir.to_path_buf(),
            ..Config::default()
        })
    }

    /// Loads one config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Config::from_toml(&text, path, root)
    }

    /// Parses config text; `path` only names the file in errors.
    pub fn from_toml(text: &str, path: &Path, root: PathBuf) -> Result<Config, ConfigError> {
        let invalid_at = |offset: usize, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            at: Some(crate::source::LineIndex::new(text).position(offset)),
            message,
        };
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            at: None,
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let at = |error: SchemaError| invalid_at(error.span.start, error.message);
        let mut config = Config {
            root,
            source: Some(path.to_path_buf()),
            ..Config::default()
        };
        for (name, level) in raw.rules {
            let rule: Rule = name
                .get_ref()
                .parse()
                .map_err(|e: crate::rules::UnknownRule| {
                    let offset = name.span().start;
                    invalid_at(offset, format!("[rules] {e}"))
                })?;
            config.rules.insert(rule, level);
        }
        let mut categories = None;
        let mut item_types = None;
        if let Some(schema) = raw.schema {
            if let Some(values) = schema.categories {
                categories = Some(non_empty(values, "schema.categories").map_err(invalid)?);
            }
            if let Some(values) = schema.types {
                item_types = Some(non_empty(values, "schema.types").map_err(invalid)?);
            }
            if let Some(platforms) = schema.hosting_platforms {
                config.hosting_platforms = platforms;
            }
            if let Some(tolerance) = schema.future_tolerance {
                let seconds = parse_duration(tolerance.get_ref()).ok_or_else(|| {
                    let offset = tolerance.span().start;
                    invalid_at(offset, format!("schema.future-tolerance `{}` is not a duration such as \"90s\", \"15m\", \"2h\" or \"1d\"",
                        tolerance.get_ref()
                    ))
                })?;
                config.future_tolerance = chrono::Duration::seconds(seconds);
            }
        }
        let document = toml::de::DeTable::parse(text).map_err(|e| invalid(e.to_string()))?;
        let description = Description::read(document.get_ref()).map_err(at)?;
        let (schema, collections) = Description::compile(
            crate::schema::builtin(),
            description,
            categories,
            item_types,
        )
        .map_err(at)?;
        config.schema = Arc::new(schema);
        let mut compiled = Vec::with_capacity(collections.len());
        for collection in collections {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in &collection.files {
                let glob = globset::GlobBuilder::new(glob.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| {
                        at(SchemaError {
                            span: glob.span(),
                            message: format!("collections.{} files: {e}", collection.name),
                        })
                    })?;
                builder.add(glob);
            }
            let matcher = builder.build().map_err(|e| invalid(e.to_string()))?;
            compiled.push(Collection {
                name: collection.name,
                files: collection
                    .files
                    .into_iter()
                    .map(toml::Spanned::into_inner)
                    .collect(),
                matcher,
                schema: collection.schema,
            });
        }
        config.collections = Arc::new(compiled);
        for (glob, names) in raw.per_file_ignores.unwrap_or_default() {
            let matcher = globset::GlobBuilder::new(glob.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| invalid_at(glob.span().start, format!("per-file-ignores: {e}")))?
                .compile_matcher();
            let mut rules = Vec::with_capacity(names.len());
            for name in names {
                let rule: Rule =
                    name.get_ref()
                        .parse()
                        .map_err(|e: crate::rules::UnknownRule| {
                            invalid_at(name.span().start, format!("per-file-ignores: {e}"))
                        })?;
                rules.push(rule);
            }
            config.per_file_ignores.push(PerFileIgnore {
                glob: glob.into_inner(),
                matcher,
                rules,
            });
        }
        if let Some(files) = raw.files {
            if let Some(extensions) = files.extensions {
                config.extensions = extensions
                    .into_iter()
                    .map(|e| e.trim_start_matches('.').to_owned())
                    .collect();
            }
            if let Some(exclude) = files.exclude {
                for glob in &exclude {
                    globset::Glob::new(glob.get_ref()).map_err(|e| {
                        let offset = glob.span().start;
                        invalid_at(offset, format!("files.exclude: {e}"))
                    })?;
                }
                config.exclude = exclude.into_iter().map(toml::Spanned::into_inner).collect();
            }
            if let Some(limit) = files.size_limit {
                config.size_limit = match limit.get_ref() {
                    SizeValue::Bytes(b) if *b > 0 => *b,
                    SizeValue::Text(t) => parse_size(t).ok_or_else(|| {
                        let offset = limit.span().start;
                        invalid_at(offset, format!("files.size-limit `{t}` is not a size such as \"10MiB\", \"512KiB\" or 1048576"
                        ))
                    })?,
                    SizeValue::Bytes(_) => {
                        let offset = limit.span().start;
                        return Err(invalid_at(offset, "files.size-limit must be at least 1 byte".to_owned()));
                    }
                };
            }
        }
        Ok(config)
    }
}

fn non_empty(values: Vec<String>, key: &str) -> Result<Vec<String>, String> {
    if values.is_empty() {
        Err(format!("{key} must list at least one value"))
    } else {
        Ok(values)
    }
}

/// "10MiB", "512 KiB", "1GB", "2048" -> bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor).filter(|&b| b > 0)
}

/// "90s", "15m", "2h", "1d" -> seconds.
fn parse_duration(text: &str) -> Option<i64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "s" | "" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    number.checked_mul(factor)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, Level>,
    schema: Option<RawSchema>,
    files: Option<RawFiles>,
    /// Read with their spans by [`Description::read`].
    #[serde(rename = "per-file-ignores")]
    per_file_ignores: Option<BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>>,
    #[serde(rename = "types")]
    _types: Option<IgnoredAny>,
    #[serde(rename = "collections")]
    _collections: Option<IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSchema {
    categories: Option<Vec<String>>,
    types: Option<Vec<String>>,
    future_tolerance: Option<toml::Spanned<String>>,
    hosting_platforms: Option<Vec<String>>,
    // The schema itself, read with its spans by [`Description::read`].
    #[serde(rename = "fields")]
    _fields: Option<IgnoredAny>,
    #[serde(rename = "what")]
    _what: Option<IgnoredAny>,
    #[serde(rename = "unknown-fields")]
    _unknown_fields: Option<IgnoredAny>,
    #[serde(rename = "one-of")]
    _one_of: Option<IgnoredAny>,
    #[serde(rename = "drop")]
    _drop: Option<IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    extensions: Option<Vec<String>>,
    exclude: Option<Vec<toml::Spanned<String>>>,
    size_limit: Option<toml::Spanned<SizeValue>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

/// A config that cannot be used; the run stops with exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config {}{}: {message}", path.display(), at.map(|p| format!(":{}:{}", p.line, p.column)).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        /// Where in the file, when the mistake has a place.
        at: Option<crate::diagnostic::Position>,
        message: String,
    },
}

/// The commented config `newsval init` writes.
pub const DEFAULT_CONFIG_TOML: &str = r#"# newsval configuration. Every key is optional; the values shown are the defaults.

[rules]
# Per-rule severity: "error", "warning" or "off". `newsval rules` lists the ids.
# future-date = "warning"
# untrimmed-text = "warning"

[schema]
# Known values of `category` and `type`; others get `unknown-value` (a warning).
categories = ["news"]
types = ["article", "video"]
# Hosts that serve many providers' items: an originalUrl there is no domain-mismatch.
hosting-platforms = ["youtube.com", "youtu.be", "vimeo.com"]
# How far past now a publishedDateTime may be before `future-date` fires.
future-tolerance = "0s"

[per-file-ignores]
# Rules turned off for the files a glob matches (relative to this file's folder; a glob
# without a `/` matches a file name anywhere).
# "drafts/**" = ["future-date"]

[files]
# Extensions picked up when a folder is walked.
extensions = ["md", "markdown", "txt"]
# Paths never checked, in .gitignore syntax, relative to this file's folder.
# Excluded files stay excluded when named on the command line (pre-commit);
# `--no-exclude` checks them anyway.
exclude = []
# Larger files get `unreadable-file` without being read.
size-limit = "10MiB"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml(text, Path::new("newsval.toml"), PathBuf::from("."))
    }

    #[test]
    fn default_config_file_is_the_default() {
        let config = parse(DEFAULT_CONFIG_TOML).unwrap();
        let default = Config::default();
        assert_eq!(config.rules, default.rules);
        assert_eq!(config.hosting_platforms, default.hosting_platforms);
        assert_eq!(config.extensions, default.extensions);
        assert_eq!(config.exclude, default.exclude);
        assert_eq!(config.size_limit, default.size_limit);
        assert_eq!(config.future_tolerance, default.future_tolerance);
        assert_eq!(
            format!("{:?}", config.schema),
            format!("{:?}", default.schema)
        );
    }

    #[test]
    fn severities_and_values() {
        let config = parse(
            "[rules]\nfuture-date = \"off\"\nuntrimmed-text = \"error\"\n[schema]\ncategories = [\"news\", \"opinion\"]\nfuture-tolerance = \"15m\"\n[files]\nsize-limit = \"1KiB\"\n",
        )
        .unwrap();
        assert_eq!(config.severity(Rule::FutureDate), None);
        assert_eq!(config.severity(Rule::UntrimmedText), Some(Severity::Error));
        let category = config.schema.root().field("category").unwrap();
        assert!(
            matches!(&category.ty, crate::schema::Ty::Text { values: Some(v), .. } if v.list == ["news", "opinion"])
        );
        assert_eq!(config.size_limit, 1024);
        assert_eq!(config.future_tolerance, chrono::Duration::minutes(15));
    }

    #[test]
    fn mistakes_are_errors_with_lines() {
        let err = parse("[rules]\n\nfuture-dates = \"off\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(":3:1:") && err.contains("future-date"),
            "{err}"
        );
        let err = parse("[rules]\nfuture-date = \"loud\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("loud"), "{err}");
        let err = parse("[schema]\ncategorie = []\n").unwrap_err().to_string();
        assert!(err.contains("categorie") && err.contains("line 2"), "{err}");
        assert!(parse("[files]\nsize-limit = \"ten\"\n").is_err());
        assert!(parse("[files]\nexclude = [\"a[\"]\n").is_err());
    }
}
