//! The command line end to end: exit codes, standard input, config, suppressions,
//! `rules` and `init`, run on the real binary.

#![allow(clippy::expect_used)]

mod common;

use std::path::Path;

use common::{NOW, newsval, newsval_with_stdin};

const SEED: &str = "fixtures/valid/000_6dff586fa6765838.txt";

#[test]
fn clean_file_exits_zero() {
    let run = newsval(&["check", "--now", NOW, SEED]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
}

#[test]
fn errors_exit_one_warnings_do_not() {
    assert_eq!(
        newsval(&["check", "--now", NOW, "fixtures/rules/out-of-range/bad.md"]).code,
        1
    );
    assert_eq!(
        newsval(&["check", "--now", NOW, "fixtures/rules/future-date/bad.md"]).code,
        0
    );
}

#[test]
fn deny_warnings_and_exit_zero() {
    let warning = "fixtures/rules/future-date/bad.md";
    assert_eq!(
        newsval(&["check", "--now", NOW, "--deny-warnings", warning]).code,
        1
    );
    let error = "fixtures/rules/out-of-range/bad.md";
    let run = newsval(&["check", "--now", NOW, "--exit-zero", error]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("error[out-of-range]"));
}

#[test]
fn missing_path_is_a_usage_error() {
    let run = newsval(&["check", "no/such/items"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn bad_flag_values_are_usage_errors() {
    assert_eq!(newsval(&["check", "--now", "yesterday", SEED]).code, 2);
    assert_eq!(newsval(&["check", "--format", "xml", SEED]).code, 2);
    assert_eq!(newsval(&["frobnicate"]).code, 2);
}

#[test]
fn quiet_prints_only_problems() {
    assert_eq!(
        newsval(&["check", "--quiet", "--now", NOW, SEED]).stdout,
        ""
    );
    let run = newsval(&[
        "check",
        "-q",
        "--now",
        NOW,
        "fixtures/rules/out-of-range/bad.md",
    ]);
    assert!(
        run.stdout
            .starts_with("fixtures/rules/out-of-range/bad.md:10:7: error[out-of-range]")
    );
    assert!(!run.stdout.contains("Checked"));
}

#[test]
fn colour_only_when_asked() {
    let bad = "fixtures/rules/out-of-range/bad.md";
    assert!(
        !newsval(&["check", "--now", NOW, bad])
            .stdout
            .contains('\x1b')
    );
    assert!(
        newsval(&["check", "--now", NOW, "--color", "always", bad])
            .stdout
            .contains("\x1b[1m")
    );
}

/// `newsval check` on `paths` and on `bytes` from standard input shown as `name`.
fn check_stdin_named(name: &str, paths: &[&str], bytes: &[u8]) -> common::Run {
    let mut args = vec!["check", "--now", NOW, "--stdin-filename", name];
    args.extend(paths);
    args.push("-");
    newsval_with_stdin(&args, Some(bytes))
}

#[test]
fn standard_input_with_a_name() {
    let bytes = std::fs::read("fixtures/rules/invalid-date/bad.md").expect("fixture");
    let run = check_stdin_named("items/new.md", &[], &bytes);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("items/new.md:5:20: error[invalid-date]"),
        "{}",
        run.stdout
    );
    let run = newsval_with_stdin(&["check", "--now", NOW, "-"], Some(b"hello"));
    assert!(
        run.stdout
            .starts_with("<stdin>:1:1: error[missing-frontmatter]"),
        "{}",
        run.stdout
    );
}

#[test]
fn suppressions() {
    let run = newsval(&[
        "check",
        "--now",
        NOW,
        "--color",
        "never",
        "fixtures/suppressions",
    ]);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let one = newsval(&["check", "--now", NOW, "-j", "1", "fixtures"]);
    let two = newsval(&["check", "--now", NOW, "-j", "2", "fixtures"]);
    let eight = newsval(&["check", "--now", NOW, "-j", "8", "fixtures"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, eight.stdout);
    assert_eq!(one.code, 1);
}

/// The walk hands files to the checks as it finds them, so a file reached twice (named,
/// and inside a named folder) is checked twice; the report still lists it once.
#[test]
fn a_file_named_twice_is_reported_once() {
    let folder = "fixtures/rules/duplicate-item/bad";
    let once = newsval(&["check", "--now", NOW, "--format", "json", folder]);
    let file = std::fs::read_dir(folder)
        .expect("the fixture folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|e| e == "md"))
        .expect("a fixture file");
    let file = file.to_str().expect("a UTF-8 path");
    // `./x` and `x//` name the same files as `x`; such a file must not be reported as a
    // duplicate of itself.
    let dotted = format!("./{folder}");
    let slashed = format!("{folder}//");
    let twice = newsval(&[
        "check", "--now", NOW, "--format", "json", folder, file, folder, file, &dotted, &slashed,
    ]);
    assert!(
        once.stdout.contains("\"files_checked\": 2,"),
        "{}",
        once.stdout
    );
    assert!(once.stdout.contains("duplicate-item"), "{}", once.stdout);
    assert_eq!(once.stdout, twice.stdout);
    assert_eq!(once.code, twice.code);
}

/// A file reached under two spellings (`./x/a.md`, `x//a.md`) is reported under the
/// shortest, whatever order the walk threads found them in.
#[test]
fn a_file_named_under_two_spellings_is_shown_under_the_shortest() {
    let once = newsval(&["check", "--now", NOW, "--format", "json", "fixtures/rules"]);
    for threads in ["1", "2", "4"] {
        let twice = newsval(&[
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "-j",
            threads,
            "fixtures//rules",
            "./fixtures/rules",
        ]);
        assert_eq!(twice.stdout, once.stdout, "-j {threads}");
    }
}

/// A folder named by a relative and an absolute path, or through a symlink, is one
/// folder: its files count once and none is a `duplicate-item` of itself.
#[test]
fn a_folder_named_by_two_routes_is_checked_once() {
    let folder = "fixtures/rules/duplicate-item";
    let absolute = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let absolute = absolute.to_str().expect("a UTF-8 checkout path");
    let links = tempfile::tempdir().expect("a temporary folder");
    // Longer than the relative name, so that the shortest spelling shown is that one.
    let link = links.path().join("a-link-to-the-duplicate-item-fixtures");
    std::os::unix::fs::symlink(absolute, &link).expect("a symlink");
    let link = link.to_str().expect("a UTF-8 temporary path");
    for format in ["human", "json"] {
        let once = newsval(&["check", "--now", NOW, "--format", format, folder]);
        assert!(once.stdout.contains("duplicate-item"), "{}", once.stdout);
        for threads in ["1", "2"] {
            for other in [absolute, link] {
                let twice = newsval(&[
                    "check", "--now", NOW, "--format", format, "-j", threads, folder, other,
                ]);
                assert_eq!(
                    twice.transcript(),
                    once.transcript(),
                    "{other} -j {threads}"
                );
            }
        }
    }
}

/// A folder linked inside the walked folder is walked at both paths, but a file met
/// twice that way is one file, not two that share an originalUrl.
#[test]
fn a_file_reached_through_a_link_is_no_duplicate_of_itself() {
    let items = tempfile::tempdir().expect("a temporary folder");
    let year = items.path().join("2022");
    std::fs::create_dir(&year).expect("a folder");
    for name in ["a.md", "b.md"] {
        std::fs::copy(
            format!("fixtures/rules/duplicate-item/good/{name}"),
            year.join(name),
        )
        .expect("a copy of the fixture");
    }
    std::os::unix::fs::symlink(&year, items.path().join("latest")).expect("a symlink");
    let file = year.join("a.md");
    let file_link = items.path().join("a-link.md");
    std::os::unix::fs::symlink(&file, &file_link).expect("a symlink");
    let items = items.path().to_str().expect("a UTF-8 temporary path");
    let run = newsval(&["check", "--now", NOW, items]);
    assert_eq!(run.stdout, "Checked 5 files: no problems found.\n");
    assert_eq!(run.code, 0);
    // The same for a file named as a link and as its target.
    let named = [file.to_str(), file_link.to_str()].map(|p| p.expect("a UTF-8 path"));
    let run = newsval(&["check", "--now", NOW, named[0], named[1]]);
    assert_eq!(run.stdout, "Checked 2 files: no problems found.\n");
}

#[test]
fn a_stdin_name_without_standard_input_is_a_usage_error() {
    let run = newsval(&[
        "check",
        "--stdin-filename",
        "items/new.md",
        "fixtures/valid",
    ]);
    insta::assert_snapshot!("stdin-name-without-stdin", run.transcript());
}

#[test]
fn standard_input_sharing_an_original_url_with_a_file() {
    let folder = "fixtures/rules/duplicate-item/bad";
    let bytes = std::fs::read(format!("{folder}/a.md")).expect("fixture");
    let run = check_stdin_named("items/new.md", &[folder], &bytes);
    insta::assert_snapshot!("stdin-shares-an-original-url", run.transcript());
}

#[test]
fn rules_list_and_explain() {
    let run = newsval(&["rules"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("rules-list", run.stdout);
    let run = newsval(&["rules", "invalid-date"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("rules-invalid-date", run.stdout);
    newsval(&["rules", "invalid-dates"]).assert_suggests("invalid-date");
}

#[test]
fn config_is_found_above_and_applied() {
    let repo = tempfile::tempdir().expect("temp dir");
    let items = repo.path().join("items/2022");
    std::fs::create_dir_all(&items).expect("folders");
    std::fs::copy("fixtures/rules/unknown-value/bad.md", items.join("a.md")).expect("copy");
    std::fs::copy("fixtures/rules/out-of-range/bad.md", items.join("draft.md")).expect("copy");
    std::fs::write(
        repo.path().join("newsval.toml"),
        "[schema]\ncategories = [\"news\", \"nwes\"]\n[files]\nexclude = [\"draft.md\"]\n",
    )
    .expect("config");
    // Run from a subfolder: the config above still applies.
    let run = common::newsval_in(&items, &["check", "--now", NOW, "."]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
    // Excluded files stay excluded when named (as pre-commit names them)...
    let run = common::newsval_in(&items, &["check", "--now", NOW, "draft.md"]);
    assert_eq!(run.stdout, "Checked 0 files: no problems found.\n");
    // ...unless --no-exclude.
    let run = common::newsval_in(&items, &["check", "--now", NOW, "--no-exclude", "draft.md"]);
    assert_eq!(run.code, 1);
}

#[test]
fn bad_config_exits_two_naming_file_and_line() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        repo.path().join("newsval.toml"),
        "[rules]\n\nfuture-dates = \"off\"\n",
    )
    .expect("config");
    let run = common::newsval_in(repo.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("newsval.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("newsval.toml:3:1:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `future-date`?"),
        "{}",
        run.stderr
    );
    std::fs::write(
        repo.path().join("newsval.toml"),
        "[schema]\ncategorys = [\"news\"]\n",
    )
    .expect("config");
    let run = common::newsval_in(repo.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("categorys"), "{}", run.stderr);
}

#[test]
fn init_writes_a_config_that_loads() {
    let repo = tempfile::tempdir().expect("temp dir");
    assert_eq!(common::newsval_in(repo.path(), &["init"]).code, 0);
    assert_eq!(
        common::newsval_in(repo.path(), &["init"]).code,
        2,
        "does not overwrite"
    );
    assert_eq!(
        common::newsval_in(repo.path(), &["init", "--force"]).code,
        0
    );
    let run = common::newsval_in(repo.path(), &["check", "."]);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

#[test]
fn gitignore_is_honoured_and_extensions_filter_the_walk() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        "fixtures/rules/out-of-range/bad.md",
        repo.path().join("ignored.md"),
    )
    .expect("copy");
    std::fs::copy(
        "fixtures/rules/out-of-range/bad.md",
        repo.path().join("notes.json"),
    )
    .expect("copy");
    std::fs::copy(SEED, repo.path().join("item.markdown")).expect("copy");
    std::fs::write(repo.path().join(".gitignore"), "ignored.md\n").expect("gitignore");
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "."]);
    run.assert_one_clean_file();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsval"))
        .args(["check", "--now", NOW, "fixtures"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("newsval runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("newsval ends");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
}

#[test]
fn size_limit_applies_to_files_and_standard_input() {
    let repo = tempfile::tempdir().expect("temp dir");
    let config = repo.path().join("small.toml");
    std::fs::write(&config, "[files]\nsize-limit = \"1KiB\"\n").expect("config");
    let config = config.to_string_lossy().into_owned();
    let run = newsval(&["check", "--config", &config, SEED]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains(
            "error[unreadable-file]: the file is 3.9 KiB, larger than the 1 KiB size limit"
        ),
        "{}",
        run.stdout
    );
    let big = vec![b'x'; 4096];
    let run = newsval_with_stdin(&["check", "--config", &config, "-"], Some(&big));
    assert!(
        run.stdout.starts_with(
            "<stdin>:1:1: error[unreadable-file]: the input is larger than the 1 KiB size limit"
        ),
        "{}",
        run.stdout
    );
}

/// Regression: a misspelt key hid the missing field it stood for even when the
/// unknown-field finding itself was turned off or suppressed, so the file passed.
#[test]
fn a_silenced_misspelling_still_reports_the_missing_field() {
    let repo = tempfile::tempdir().expect("temp dir");
    let item = std::fs::read_to_string("fixtures/rules/unknown-field/bad.md").expect("fixture");
    std::fs::write(repo.path().join("item.md"), &item).expect("item");
    let run = common::newsval_in(repo.path(), &["check", "-q", "--now", NOW, "item.md"]);
    assert!(
        run.stdout.contains("error[unknown-field]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("missing-field"), "{}", run.stdout);

    std::fs::write(
        repo.path().join("newsval.toml"),
        "[rules]\nunknown-field = \"off\"\n",
    )
    .expect("config");
    let run = common::newsval_in(repo.path(), &["check", "-q", "--now", NOW, "item.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("error[missing-field]: missing required field `publishedDateTime`")
    );
    std::fs::remove_file(repo.path().join("newsval.toml")).expect("remove");

    let suppressed = item.replace(
        "publishedDate: 2022-09-12T13:00:00Z",
        "publishedDate: 2022-09-12T13:00:00Z # newsval: ignore[unknown-field]",
    );
    std::fs::write(repo.path().join("item.md"), suppressed).expect("item");
    let run = common::newsval_in(repo.path(), &["check", "-q", "--now", NOW, "item.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("error[missing-field]"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("unknown-field]"), "{}", run.stdout);
}

#[test]
fn repeated_unknown_keys_are_duplicates_with_the_first_line() {
    let text = "---\nfoo: 1\nbar: 2\nfoo: 3\n---\n";
    let run = newsval_with_stdin(&["check", "-q", "--now", NOW, "-"], Some(text.as_bytes()));
    assert!(
        run.stdout
            .contains("<stdin>:4:1: error[duplicate-key]: duplicate key `foo`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`foo` is already set on line 2"),
        "{}",
        run.stdout
    );
}

/// Regression: a walk reported broken links and loops whose names are no news items.
#[test]
fn the_walk_reports_only_links_that_look_like_items() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::copy(SEED, repo.path().join("item.md")).expect("copy");
    std::os::unix::fs::symlink("nowhere", repo.path().join("dangling")).expect("link");
    std::os::unix::fs::symlink("zz", repo.path().join("zz")).expect("link");
    std::os::unix::fs::symlink("nowhere.md", repo.path().join("gone.md")).expect("link");
    std::os::unix::fs::symlink("loop-b.md", repo.path().join("loop-a.md")).expect("link");
    std::os::unix::fs::symlink("loop-a.md", repo.path().join("loop-b.md")).expect("link");
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "."]);
    // A loop is a loop, not a "broken" link.
    assert!(
        run.stdout.contains("loop-a.md:1:1: error[unreadable-file]"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("its target (loop-b.md) does not exist"),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "gone.md:1:1: error[unreadable-file]: a broken symbolic link: its target (nowhere.md) does not exist"
        ),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("dangling") && !run.stdout.contains("zz"),
        "{}",
        run.stdout
    );
}

/// `--statistics`, `--format concise`, `--select` and `--ignore`, on the rule fixtures.
#[test]
fn output_control() {
    let statistics = newsval(&["check", "--now", NOW, "--statistics", "fixtures/rules"]);
    assert_eq!(statistics.code, 1);
    insta::assert_snapshot!("statistics", statistics.transcript());
    let concise = newsval(&[
        "check",
        "--now",
        NOW,
        "--format",
        "concise",
        "--select",
        "out-of-range,invalid-type",
        "fixtures/rules",
    ]);
    insta::assert_snapshot!("concise-selected", concise.transcript());
    let ignored = newsval(&[
        "check",
        "--now",
        NOW,
        "--ignore",
        "out-of-range",
        "fixtures/rules/out-of-range/bad.md",
    ]);
    assert_eq!(ignored.code, 0, "{}", ignored.transcript());
    newsval(&["check", "--select", "invalid-typ", "fixtures/valid"])
        .assert_suggests("invalid-type");
    newsval(&["check", "--ignore", "out-of-rang", "fixtures/valid"])
        .assert_suggests("out-of-range");
}

/// Regression: `newsval check /repo/items` run from another folder ignored
/// `/repo/newsval.toml`; each PATH now gets the config nearest above it, and two
/// repositories in one run each keep their own.
#[test]
fn config_is_found_from_each_path() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let quiet_repo = tempfile::tempdir().expect("temp dir");
    let plain_repo = tempfile::tempdir().expect("temp dir");
    for repo in [&quiet_repo, &plain_repo] {
        std::fs::create_dir(repo.path().join("items")).expect("folder");
        std::fs::copy(
            "fixtures/rules/unknown-value/bad.md",
            repo.path().join("items/a.md"),
        )
        .expect("copy");
    }
    std::fs::write(
        quiet_repo.path().join("newsval.toml"),
        "[rules]\nunknown-value = \"off\"\n",
    )
    .expect("config");
    let quiet_items = quiet_repo.path().join("items");
    let quiet = quiet_items.to_string_lossy();
    let run = common::newsval_in(elsewhere.path(), &["check", "--now", NOW, &quiet]);
    run.assert_one_clean_file();
    let plain_item = plain_repo.path().join("items/a.md");
    let plain = plain_item.to_string_lossy();
    let run = common::newsval_in(elsewhere.path(), &["check", "--now", NOW, &quiet, &plain]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.contains("warning[unknown-value]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("Checked 2 files: 0 errors, 1 warning.\n"),
        "{}",
        run.stdout
    );
}

/// Regression: under pre-commit only the staged files are named, so a new item that
/// duplicates a committed one passed without `duplicate-item`. Named files are now also
/// compared with every other item under the config's folder, and only they are reported.
#[test]
fn a_named_file_is_compared_with_the_rest_of_the_repository() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::write(repo.path().join("newsval.toml"), "").expect("config");
    let items = repo.path().join("items/2022");
    std::fs::create_dir_all(&items).expect("folders");
    std::fs::copy(SEED, items.join("committed.md")).expect("copy");
    std::fs::copy(SEED, repo.path().join("items/staged.md")).expect("copy");
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "items/staged.md"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        run.stdout.starts_with(
            "items/staged.md:6:14: warning[duplicate-item]: originalUrl is also the originalUrl of items/2022/committed.md:6"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("Checked 1 file: 0 errors, 1 warning.\n"),
        "{}",
        run.stdout
    );
    // Its own item once, under another name: no duplicate of itself.
    std::fs::remove_file(items.join("committed.md")).expect("remove");
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "items/staged.md"]);
    run.assert_one_clean_file();
}

/// `[per-file-ignores]` turns rules off for the files a glob matches, and
/// `--show-settings` says which config, collection and rules a PATH gets.
#[test]
fn per_file_ignores_and_show_settings() {
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        repo.path().join("newsval.toml"),
        "[per-file-ignores]\n\"drafts/**\" = [\"out-of-range\"]\n\"*.markdown\" = [\"future-date\"]\n",
    )
    .expect("config");
    for folder in ["drafts", "items"] {
        std::fs::create_dir(repo.path().join(folder)).expect("folder");
        std::fs::copy(
            "fixtures/rules/out-of-range/bad.md",
            repo.path().join(folder).join("a.md"),
        )
        .expect("copy");
    }
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "drafts", "items"]);
    assert!(
        run.stdout.contains("items/a.md:10:7: error[out-of-range]"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout
            .lines()
            .any(|line| line.starts_with("drafts/a.md:")),
        "{}",
        run.stdout
    );
    let run = common::newsval_in(
        repo.path(),
        &[
            "check",
            "--show-settings",
            "--ignore",
            "duplicate-item",
            "drafts/a.md",
            "items/b.markdown",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let config = repo.path().join("newsval.toml");
    let config = std::fs::canonicalize(&config).unwrap_or(config);
    let shown = run
        .stdout
        .replace(&config.to_string_lossy().into_owned(), "REPO/newsval.toml");
    let shown = shown.replace(
        &repo
            .path()
            .join("newsval.toml")
            .to_string_lossy()
            .into_owned(),
        "REPO/newsval.toml",
    );
    insta::assert_snapshot!("show-settings", shown);
}

/// `--watch` checks once, then prints only what a change brings: a new problem, then
/// its disappearance.
#[test]
fn watch_prints_only_what_changed() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("temp dir");
    let item = dir.path().join("a.md");
    let seed = std::fs::read_to_string(SEED).expect("seed");
    std::fs::write(&item, &seed).expect("item");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsval"))
        .args(["check", "--now", NOW, "--color", "never", "--watch"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("newsval runs");
    let stdout = child.stdout.take().expect("stdout");
    let (lines, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if lines.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let until = |text: &str| -> Vec<String> {
        let mut seen = Vec::new();
        while let Ok(line) = received.recv_timeout(std::time::Duration::from_secs(20)) {
            let done = line.contains(text);
            seen.push(line);
            if done {
                break;
            }
        }
        seen
    };
    let first = until("Watching for changes");
    assert_eq!(first[0], "Checked 1 file: no problems found.", "{first:?}");
    std::fs::write(&item, seed.replace("quality: 21", "quality: \"21\"")).expect("edit");
    let broken = until("Checked 1 file");
    assert!(
        broken[0].ends_with(
            "a.md:9:10: error[invalid-type]: quality must be an integer, found a string (`21`)"
        ),
        "{broken:?}"
    );
    std::fs::write(&item, &seed).expect("edit back");
    let fixed = until("Checked 1 file");
    assert!(
        fixed[0].starts_with("gone: ") && fixed[0].contains("a.md:9:10"),
        "{fixed:?}"
    );
    assert_eq!(
        fixed.last().map(String::as_str),
        Some("Checked 1 file: no problems found.")
    );
    child.kill().expect("kill");
    let _ = child.wait();
}

/// Regression: a named file under a linked folder of the repository was met again by
/// the walk of the repository under its other path, and reported as its own duplicate.
#[cfg(unix)]
#[test]
fn a_named_file_under_a_linked_folder_is_not_its_own_duplicate() {
    let outside = tempfile::tempdir().expect("temp dir");
    let repo = tempfile::tempdir().expect("temp dir");
    std::fs::copy(SEED, outside.path().join("a.md")).expect("copy");
    std::os::unix::fs::symlink(outside.path(), repo.path().join("items")).expect("link");
    std::fs::write(repo.path().join("newsval.toml"), "").expect("config");
    let run = common::newsval_in(repo.path(), &["check", "--now", NOW, "items/a.md"]);
    run.assert_one_clean_file();
}
