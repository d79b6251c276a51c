//! The README against the code: its field tables are what the built-in description
//! generates, its rule table lists every rule at its default severity, and its config
//! examples are configs newsval accepts.

#![allow(clippy::expect_used)]

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README")
}

#[test]
fn the_field_tables_are_generated_from_the_description() {
    let readme = readme();
    let start = readme
        .find("<!-- fields:begin")
        .expect("a fields:begin marker");
    let start = start + readme[start..].find('\n').expect("a line") + 1;
    let end = readme
        .find("<!-- fields:end -->")
        .expect("a fields:end marker");
    assert_eq!(
        &readme[start..end],
        newsval::schema::Schema::news_item().markdown(),
        "regenerate with `newsval schema --markdown`"
    );
}

#[test]
fn the_rule_table_lists_every_rule_at_its_default_severity() {
    let readme = readme();
    for rule in newsval::Rule::ALL {
        let row = format!("| {} | {} |", rule.id(), rule.default_severity());
        assert!(
            readme.contains(&row),
            "the README's rule table lacks `{row}`"
        );
    }
}

#[test]
fn the_config_examples_are_valid_configs() {
    let readme = readme();
    let mut blocks = 0;
    for block in readme.split("```toml\n").skip(1) {
        let text = block.split("```").next().expect("a closed block");
        newsval::Config::from_toml(text, Path::new("newsval.toml"), ".".into())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        blocks += 1;
    }
    assert!(blocks >= 2, "only {blocks} config examples");
}
