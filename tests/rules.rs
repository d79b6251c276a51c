//! The rule registry against the fixtures: every rule has a bad and a good fixture, the
//! bad one yields that rule and nothing else, and the good one yields nothing.

#![allow(clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use newsval::{Config, Input, Rule, Settings};

fn settings() -> Settings {
    let now = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .expect("a valid date")
        .to_utc();
    Settings::new(Config::default(), now)
}

/// The fixture `kind` of `rule` under `root`: `kind.md`, or else the folder `kind`.
fn fixture(root: &Path, rule: Rule, kind: &str) -> PathBuf {
    let dir = root.join("fixtures/rules").join(rule.id());
    let file = dir.join(format!("{kind}.md"));
    if file.exists() { file } else { dir.join(kind) }
}

#[test]
fn every_rule_has_fixtures_that_yield_exactly_it() {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let symlink_loop = common::symlink_loop();
    for rule in Rule::ALL {
        let bad_root = if rule == Rule::UnreadableFile {
            symlink_loop.path()
        } else {
            checkout
        };
        let bad = fixture(bad_root, rule, "bad");
        let good = fixture(checkout, rule, "good");
        assert!(
            bad.symlink_metadata().is_ok() && good.exists(),
            "{rule} needs fixtures/rules/{rule}/bad and good"
        );
        let report = newsval::check(&[Input::Path(bad)], &settings(), false).expect("check runs");
        let rules: Vec<Rule> = report.diagnostics.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [rule], "the bad fixture of {rule} yields {rules:?}");
        let report = newsval::check(&[Input::Path(good)], &settings(), false).expect("check runs");
        assert!(
            report.diagnostics.is_empty(),
            "the good fixture of {rule} yields {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn every_rule_is_documented_with_examples() {
    for rule in Rule::ALL {
        assert!(!rule.summary().is_empty());
        let example = rule.example();
        assert!(
            !example.bad.is_empty() && !example.good.is_empty(),
            "{rule}"
        );
        assert!(
            rule.id()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
        );
    }
}

#[test]
fn the_seed_parses_into_the_typed_model() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/variants/with-body.md"),
    )
    .expect("the fixture exists");
    let item = newsval::parse_item(&text, &settings()).expect("the seed is valid");
    assert_eq!(item.article.provider.domain, "axios.com");
    assert_eq!(item.article.related.len(), 5);
    assert_eq!(item.article.related[0].images[0].width, 628);
    assert_eq!(item.article.quality, 21);
    assert_eq!(item.article.heat, -1);
    assert!(!item.article.published);
    assert_eq!(item.body_line, 81);
    assert!(item.body.contains("# Meta moves PyTorch"));
    // Every field holds what another YAML reader finds in the same frontmatter.
    let frontmatter = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split("\n---\n").next())
        .expect("the fixture has frontmatter");
    let read_by_serde_yaml: newsval::model::Article =
        serde_yaml::from_str(frontmatter).expect("serde_yaml reads the fixture");
    assert_eq!(item.article, read_by_serde_yaml);
    assert_eq!(item.article.topics.len(), 3);
    assert!(item.article.secured.is_some());
    // The model round-trips through serde with the file's own keys.
    let json = serde_json::to_value(&item.article).expect("serializes");
    assert_eq!(json["publishedDateTime"], "2022-09-12T13:00:00Z");
    let back: newsval::model::Article = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, item.article);
}
