//! User schemas and collections end to end: a config with every field type, good and bad
//! items, the JSON Schema of a collection, the built-in description as a starting point,
//! and schema mistakes as config errors.

#![allow(clippy::expect_used)]

mod common;

use std::path::Path;

use common::{NOW, newsval, newsval_in};

const CONFIG: &str = "fixtures/collections/newsval.toml";

/// Every item of the collections fixture, whole output: the news item changed by
/// `[schema]` for news/, and the events collection for events/.
#[test]
fn collection_fixtures() {
    let run = newsval(&[
        "check",
        "--now",
        NOW,
        "--color",
        "never",
        "--config",
        CONFIG,
        "fixtures/collections",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("collections", run.transcript());
}

/// The good items alone are clean.
#[test]
fn good_items_of_each_collection_are_clean() {
    for item in [
        "fixtures/collections/events/good.md",
        "fixtures/collections/news/good.md",
    ] {
        let run = newsval(&["check", "--now", NOW, "--config", CONFIG, item]);
        assert_eq!(run.code, 0, "{}", run.transcript());
        assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
    }
}

#[test]
fn a_collection_has_its_json_schema() {
    let run = newsval(&["schema", "--config", CONFIG, "--collection", "events"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("collection-events-json-schema", run.stdout);
    newsval(&["schema", "--config", CONFIG, "--collection", "event"]).assert_suggests("events");
}

/// `newsval schema --description` prints the built-in description, and that text, used
/// as a user's `newsval.toml`, gives the built-in schema again.
#[test]
fn the_builtin_description_is_a_starting_point() {
    let run = newsval(&["schema", "--description"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, newsval::schema::BUILTIN);
    let config = newsval::Config::from_toml(&run.stdout, Path::new("newsval.toml"), ".".into())
        .expect("the description is a valid config");
    assert_eq!(
        format!("{:?}", config.schema),
        format!("{:?}", newsval::schema::Schema::news_item())
    );
}

/// Each mistake in a schema is a config error with file, line and column, exit 2.
#[test]
fn schema_mistakes_are_config_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let names = common::sorted_names(&root.join("fixtures/config-errors"));
    let mut transcript = String::new();
    for name in names {
        let config = format!("fixtures/config-errors/{name}");
        let run = newsval(&["check", "--config", &config, "fixtures/valid"]);
        assert_eq!(run.code, 2, "{}", run.transcript());
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        transcript.push_str(&run.stderr);
    }
    insta::assert_snapshot!("config-errors", transcript);
}

/// Regression: a walk of `.` with the exclude `/*` skipped the whole folder (the walk's
/// own root matched `/*`), so `!/_news/` never brought the collection back.
#[test]
fn an_exclude_of_everything_but_a_folder_keeps_that_folder() {
    let site = tempfile::tempdir().expect("a temporary folder");
    let seed = std::fs::read_to_string("fixtures/valid/000_6dff586fa6765838.txt").expect("seed");
    for folder in ["_news", "_data"] {
        std::fs::create_dir(site.path().join(folder)).expect("a folder");
    }
    std::fs::write(site.path().join("_news/item.md"), &seed).expect("an item");
    std::fs::write(site.path().join("_data/other.md"), "---\nx: 1\n---\n").expect("a file");
    std::fs::write(site.path().join("README.md"), "# site\n").expect("a file");
    std::fs::write(
        site.path().join("newsval.toml"),
        "[files]\nexclude = [\"/*\", \"!/_news/\"]\n",
    )
    .expect("config");
    let run = newsval_in(site.path(), &["check", "--now", NOW, "."]);
    run.assert_one_clean_file();
}

/// The example for a site laid out like the publisher's compiles, and covers its five
/// collections.
#[test]
fn the_collections_example_compiles() {
    let config = newsval::Config::load(Path::new("examples/collections/newsval.toml"))
        .expect("the example is a valid config");
    let names: Vec<&str> = config.collections.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["news", "learning", "samples", "people", "communities"]
    );
}
