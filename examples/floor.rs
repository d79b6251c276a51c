//! The benchmark's floors: what the cheapest honest program does with the same corpus.
//! Walks like newsval (the `ignore` crate, parallel, each file read by the thread that
//! found it), splits the frontmatter, and then stops at one of these steps:
//!
//! - `read`: read and split only;
//! - `tree`: granit-parser events into a generic tree with spans (`newsval::yaml::parse`,
//!   newsval's own YAML layer, no rules);
//! - `saphyr`: serde-saphyr (on granit-parser, newsval's YAML crate) into plain serde
//!   structs, no checks;
//! - `saphyr-model`: serde-saphyr into `newsval::model::Article` (url and date parsed);
//! - `serde-yaml`: serde_yaml 0.9 (unsafe-libyaml) into the same plain structs.
//!
//! usage: cargo run --release --example floor -- MODE [-j N] PATH...
//! Prints how many files were read and how many failed to parse (the broken ones).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Article {
    category: String,
    title: String,
    excerpt: String,
    published_date_time: String,
    original_url: String,
    web_url: String,
    #[serde(rename = "type")]
    item_type: String,
    quality: i64,
    heat: i64,
    published: bool,
    provider: Provider,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    related: Vec<Related>,
    secured: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Provider {
    name: String,
    domain: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Related {
    title: String,
    excerpt: String,
    published_date_time: String,
    web_url: String,
    #[serde(rename = "type")]
    item_type: String,
    provider: Provider,
    quality: i64,
    #[serde(default)]
    images: Vec<Image>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Image {
    url: String,
    width: i64,
    height: i64,
    is_cached: Option<bool>,
}

#[derive(Clone, Copy)]
enum Mode {
    Read,
    Tree,
    Saphyr,
    SaphyrModel,
    SerdeYaml,
}

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = match args.next().as_deref() {
        Some("read") => Mode::Read,
        Some("tree") => Mode::Tree,
        Some("saphyr") => Mode::Saphyr,
        Some("saphyr-model") => Mode::SaphyrModel,
        Some("serde-yaml") => Mode::SerdeYaml,
        _ => {
            eprintln!("usage: floor read|tree|saphyr|saphyr-model|serde-yaml [-j N] PATH...");
            return std::process::ExitCode::from(2);
        }
    };
    let mut paths = Vec::new();
    let mut threads = 0;
    while let Some(arg) = args.next() {
        if arg == "-j" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    if threads == 0 {
        threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    }
    let files = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    walk(&paths, threads, &|path| {
        files.fetch_add(1, Ordering::Relaxed);
        if !check(path, mode) {
            failed.fetch_add(1, Ordering::Relaxed);
        }
    });
    println!(
        "{} files, {} did not parse",
        files.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed)
    );
    std::process::ExitCode::SUCCESS
}

/// The same walk as newsval's: parallel, `.gitignore` honoured, `.md`/`.markdown`/`.txt`,
/// each file handed to `visit` on the thread that found it; named files on a rayon pool
/// of their own, so that a walk of folders starts no idle one.
fn walk(paths: &[PathBuf], threads: usize, visit: &(dyn Fn(&PathBuf) + Sync)) {
    let (folders, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|path| path.is_dir());
    if !files.is_empty()
        && let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build()
    {
        pool.install(|| files.par_iter().for_each(|path| visit(path)));
    }
    for path in folders {
        WalkBuilder::new(path)
            .follow_links(true)
            .require_git(false)
            .threads(threads)
            .build_parallel()
            .run(|| {
                Box::new(move |entry| {
                    if let Ok(entry) = entry {
                        let is_file = entry.file_type().is_some_and(|t| t.is_file());
                        let ext = entry.path().extension().and_then(|e| e.to_str());
                        if is_file && matches!(ext, Some("md" | "markdown" | "txt")) {
                            visit(&entry.into_path());
                        }
                    }
                    WalkState::Continue
                })
            });
    }
}

thread_local! {
    static ARENA: std::cell::RefCell<newsval::yaml::Arena> = Default::default();
}

fn check(path: &PathBuf, mode: Mode) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return false;
    };
    let Ok(split) = newsval::frontmatter::split(text) else {
        return false;
    };
    let yaml = split.frontmatter;
    match mode {
        Mode::Read => std::hint::black_box(yaml.len()) > 0,
        // One arena a thread, as newsval keeps one a walk thread.
        Mode::Tree => ARENA.with_borrow_mut(|arena| {
            newsval::yaml::parse(yaml, split.frontmatter_offset, arena)
                .map(std::hint::black_box)
                .is_ok()
        }),
        Mode::Saphyr => serde_saphyr::from_str::<Article>(yaml)
            .map(std::hint::black_box)
            .is_ok(),
        Mode::SaphyrModel => serde_saphyr::from_str::<newsval::model::Article>(yaml)
            .map(std::hint::black_box)
            .is_ok(),
        Mode::SerdeYaml => serde_yaml::from_str::<Article>(yaml)
            .map(std::hint::black_box)
            .is_ok(),
    }
}
