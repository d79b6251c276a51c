//! A user schema is input too: whatever `newsval.toml` describes, compiling it and
//! checking a file against it ends, on a bounded stack, in bounded memory. Each test runs
//! on a thread with a fixed 2 MiB stack (the default of a test thread and of the check's
//! worker threads), so a recursion that would overflow a real run overflows here too.

#![allow(clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use newsval::{Config, Diagnostic, Settings};

/// Runs `f` on a thread with a 2 MiB stack, whatever `RUST_MIN_STACK` says.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no panic")
}

/// The config `text` describes, or its error message.
fn config(text: &str) -> Result<Config, String> {
    Config::from_toml(text, Path::new("newsval.toml"), PathBuf::from("."))
        .map_err(|e| e.to_string())
}

/// `item` checked as `name` under `config`.
fn check(config: Config, name: &str, item: &str) -> Vec<Diagnostic> {
    let settings = Settings::new(config, chrono::Utc::now());
    newsval::check_bytes(name, item.as_bytes(), &settings)
}

/// A collection of one field `tree` of the recursive type `Node`, declared by `node`.
fn tree_collection(node: &str) -> String {
    format!(
        "[types.Node.fields]\nname = {{ type = \"text\", required = false }}\n{node}\n\
         [collections.trees]\nfiles = [\"trees/**\"]\nextends = \"none\"\n\
         [collections.trees.fields]\ntree = \"Node\"\n"
    )
}

fn rules(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Option<&str>)> {
    diagnostics
        .iter()
        .map(|d| (d.rule.id(), d.field.as_deref()))
        .collect()
}

#[test]
fn a_type_that_refers_to_itself_through_a_list_compiles_and_checks() {
    on_small_stack(|| {
        let config = config(&tree_collection(
            "children = { type = \"list\", items = \"Node\", required = false }",
        ))
        .expect("a recursive type compiles");
        let item = "---\ntree:\n  name: a\n  children:\n    - name: b\n      children:\n        - name: c\n          oops: 1\n---\n";
        assert_eq!(
            rules(&check(config, "trees/x.md", item)),
            [("unknown-field", Some("tree.children[0].children[0].oops"))]
        );
    });
}

#[test]
fn a_type_that_refers_to_itself_through_a_mapping_field_compiles_and_checks() {
    on_small_stack(|| {
        let config = config(&tree_collection(
            "next = { type = \"Node\", required = false }",
        ))
        .expect("a recursive type compiles");
        let item = "---\ntree:\n  next:\n    next:\n      next: 3\n---\n";
        assert_eq!(
            rules(&check(config, "trees/x.md", item)),
            [("invalid-type", Some("tree.next.next.next"))]
        );
    });
}

/// A type that requires itself has no finite value; the check still ends, with the
/// missing field at the bottom of what was written.
#[test]
fn a_type_that_requires_itself_ends() {
    on_small_stack(|| {
        let config = config(&tree_collection("next = \"Node\"")).expect("it compiles");
        let item = "---\ntree:\n  next:\n    next: {}\n---\n";
        assert_eq!(
            rules(&check(config.clone(), "trees/x.md", item)),
            [("missing-field", Some("tree.next.next.next"))]
        );
        let json = config.collections[0].schema.json_schema().to_string();
        assert!(json.contains("#/$defs/Node"), "{json}");
    });
}

/// Two types that refer to each other, in a list of the other.
#[test]
fn types_that_refer_to_each_other_compile_and_check() {
    on_small_stack(|| {
        let config = config(
            "[types.Even.fields]\nodd = { type = \"list\", items = \"Odd\", required = false }\n\
             [types.Odd.fields]\neven = { type = \"Even\", required = false }\n\
             [schema.fields]\ntree = { type = \"Even\", required = false }\n",
        )
        .expect("mutually recursive types compile");
        let settings = Settings::new(config, chrono::Utc::now());
        let schema = settings.schema_for("x.md");
        assert!(schema.root().field("tree").is_some());
    });
}

/// A YAML item nested as deep as the YAML nesting limit, against a type that nests
/// without end: the walk follows the YAML, which is bounded, and ends.
#[test]
fn an_item_as_deep_as_the_yaml_limit_against_a_recursive_type() {
    on_small_stack(|| {
        let config = config(&tree_collection(
            "next = { type = \"Node\", required = false }\n\
             children = { type = \"list\", items = \"Node\", required = false }",
        ))
        .expect("it compiles");
        let limit = newsval::yaml::NESTING_LIMIT;
        // `tree` is one level; each `next` one more.
        let flow = format!(
            "tree: {}{{}}{}\n",
            "{next: ".repeat(limit - 2),
            "}".repeat(limit - 2)
        );
        let item = format!("---\n{flow}---\n");
        assert!(
            check(config.clone(), "trees/x.md", &item).is_empty(),
            "{:?}",
            check(config.clone(), "trees/x.md", &item)
        );
        // One level deeper is the YAML limit's error, not a crash.
        let deeper = format!(
            "---\ntree: {}{{}}{}\n---\n",
            "{next: ".repeat(limit),
            "}".repeat(limit)
        );
        assert_eq!(
            rules(&check(config.clone(), "trees/x.md", &deeper)),
            [("yaml-syntax", None)]
        );
        // Block lists of mappings, as deep as the limit allows: each level of `children`
        // is a mapping and a list.
        let mut block = String::from("tree:\n");
        let mut indent = String::from("  ");
        for _ in 0..(limit - 2) / 2 {
            block.push_str(&format!("{indent}children:\n{indent}  - name: x\n"));
            indent.push_str("    ");
        }
        let item = format!("---\n{block}---\n");
        let found = check(config, "trees/x.md", &item);
        assert!(
            found.iter().all(|d| d.rule.id() != "yaml-syntax"),
            "{found:?}"
        );
    });
}

/// TOML's own parser refuses inline tables nested past its limit: a config error, not a
/// stack overflow.
#[test]
fn a_description_nested_thousands_deep_inline_is_a_config_error() {
    on_small_stack(|| {
        for depth in [100, 5_000] {
            let mut field = String::from("\"text\"");
            for _ in 0..depth {
                field = format!("{{ type = \"list\", items = {field} }}");
            }
            let error =
                config(&format!("[schema.fields]\ndeep = {field}\n")).expect_err("too deep");
            assert!(!error.is_empty());
        }
    });
}

/// A table header is no nesting TOML leaves alone: its parser refuses a key path of 80
/// parts or more, so a header thousands deep is a config error.
#[test]
fn one_table_header_thousands_deep_is_a_config_error() {
    on_small_stack(|| {
        let header: Vec<String> = (0..5_000).map(|i| format!("fields.f{i}")).collect();
        let text = format!("[schema.{}]\ntype = \"text\"\n", header.join("."));
        let error = config(&text).expect_err("too deep");
        assert!(!error.is_empty());
    });
}

/// As deep as TOML lets a description nest: a header of 79 parts, a dotted key of 79
/// under it and inline tables under that. newsval's own depth bound answers.
#[test]
fn a_description_as_deep_as_toml_allows_is_a_config_error() {
    on_small_stack(|| {
        let path = |prefix: &str, levels: usize| -> String {
            (0..levels)
                .map(|i| format!("{prefix}{i}"))
                .collect::<Vec<_>>()
                .join(".fields.")
        };
        let mut inline = String::from("\"text\"");
        for _ in 0..70 {
            inline = format!("{{ type = \"list\", items = {inline} }}");
        }
        let text = format!(
            "[schema.fields.{}]\ntype = \"mapping\"\nfields.{}.fields.deep = {inline}\n",
            path("h", 39),
            path("d", 38),
        );
        let error = config(&text).expect_err("too deep");
        assert!(error.contains("levels deep"), "{error}");
    });
}

/// Named types that each hold the next, thousands of them: no recursion per type.
#[test]
fn a_chain_of_thousands_of_named_types_compiles() {
    on_small_stack(|| {
        let n = 5_000;
        let mut text =
            String::from("[schema.fields]\nchain = { type = \"T0\", required = false }\n");
        for i in 0..n {
            text.push_str(&format!(
                "[types.T{i}.fields]\nnext = {{ type = \"T{}\", required = false }}\n",
                i + 1
            ));
        }
        text.push_str(&format!("[types.T{n}.fields]\nend = \"text\"\n"));
        let config = config(&text).expect("a long chain compiles");
        let item = "---\nchain: {next: {next: {next: {oops: 1}}}}\n---\n";
        let found = check(config, "x.md", item);
        assert!(
            rules(&found).contains(&("unknown-field", Some("chain.next.next.next.oops"))),
            "{:?}",
            rules(&found)
        );
    });
}

/// A list of a million known values: the config compiles, a lookup is a set's, and the
/// help names ten values and counts the rest.
#[test]
fn a_million_known_values_compile_and_check_cheaply() {
    on_small_stack(|| {
        let values: Vec<String> = (0..1_000_000).map(|i| format!("\"v{i}\"")).collect();
        let text = format!(
            "[schema.fields]\ncategory = {{ values = [\"news\", {}] }}\n",
            values.join(", ")
        );
        let started = std::time::Instant::now();
        let config = config(&text).expect("a long list compiles");
        let item = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/000_6dff586fa6765838.txt"),
        )
        .expect("the seed");
        let settings = Settings::new(config, chrono::Utc::now());
        assert!(
            newsval::check_bytes("x.md", item.as_bytes(), &settings).is_empty(),
            "`news` is not among the values"
        );
        let known = item.replacen("category: news", "category: v999999", 1);
        assert!(newsval::check_bytes("x.md", known.as_bytes(), &settings).is_empty());
        let unknown = item.replacen("category: news", "category: w1", 1);
        let found = newsval::check_bytes("x.md", unknown.as_bytes(), &settings);
        assert_eq!(found.len(), 1, "{found:?}");
        let help = found[0].help.as_deref().unwrap_or_default();
        assert_eq!(help.matches('`').count(), 20, "{help}");
        assert!(help.contains("and 999991 more"), "{help}");
        // Generous: a debug build on a loaded machine, not a benchmark.
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 30, "{elapsed:?}");
    });
}

/// `[types.Wide]` of `n` optional integer fields `f0`..., and a collection `w` of items
/// with a list of them and one of them.
fn wide_config(n: usize) -> String {
    let fields: String = (0..n)
        .map(|i| format!("f{i} = {{ type = \"integer\", required = false }}\n"))
        .collect();
    format!(
        "[types.Wide.fields]\n{fields}[collections.w]\nfiles = [\"w/**\"]\nextends = \"none\"\n\
         [collections.w.fields]\nlist = {{ type = \"list\", items = \"Wide\", required = false }}\n\
         one = {{ type = \"Wide\", required = false }}\n"
    )
}

/// Every help that lists a mapping's fields names at most ten of a wide one: 1,500
/// scalars where mappings belong and 1,500 unknown keys used to make 1,000 helps of
/// 20,000 names each (148,907 bytes apiece).
#[test]
fn a_wide_type_names_ten_of_its_fields_in_a_help() {
    on_small_stack(|| {
        let config = config(&wide_config(20_000)).expect("it compiles");
        let scalars: String = (0..1_500).map(|i| format!("  - {i}\n")).collect();
        let unknown: String = (0..1_500).map(|i| format!("  g{i}: 1\n")).collect();
        let item = format!("---\nlist:\n{scalars}one:\n{unknown}---\n");
        let found = check(config, "w/x.md", &item);
        assert_eq!(found.len(), newsval::rules::MAX_FINDINGS_PER_FILE + 1);
        let helps: Vec<&str> = found.iter().filter_map(|d| d.help.as_deref()).collect();
        let longest = helps.iter().map(|h| h.len()).max().unwrap_or_default();
        assert!(longest < 500, "a help of {longest} bytes");
        assert!(helps[0].ends_with("f8, f9 and 19990 more"), "{}", helps[0]);
    });
}

/// A mapping of 40,000 keys against a type of 50,000 fields, and a config of that many
/// fields: each key is found in a map, not by a scan of the fields, and the compile
/// merges fields by name in a map too (both were quadratic: 15 s for the compile alone
/// in a release build).
#[test]
fn fifty_thousand_fields_compile_and_check_in_linear_time() {
    on_small_stack(|| {
        let started = std::time::Instant::now();
        let config = config(&wide_config(50_000)).expect("it compiles");
        let compiled = started.elapsed();
        let keys: String = (0..40_000)
            .map(|i| format!("  f{}: {i}\n", 49_999 - i))
            .collect();
        let item = format!("---\none:\n{keys}  f49999: x\n---\n");
        let found = check(config, "w/x.md", &item);
        assert_eq!(rules(&found), [("duplicate-key", Some("one.f49999"))]);
        // Generous: a debug build on a loaded machine; the quadratic code took minutes.
        let elapsed = started.elapsed();
        assert!(
            elapsed.as_secs() < 20,
            "{compiled:?} to compile, {elapsed:?} in all"
        );
    });
}
