//! The `newsval` binary: parses the command line, loads the config, calls the library,
//! renders the report and picks the exit code (0 clean, 1 problems, 2 usage).

mod cli;

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{CommandFactory, Parser};

use cli::{CheckArgs, Cli, ColorChoice, Command, OutputFormat};
use newsval::config::Config;
use newsval::render::{self, Format, RenderOptions};
use newsval::{Input, Rule, Settings};

const EXIT_CLEAN: u8 = 0;
const EXIT_PROBLEMS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(EXIT_CLEAN);
            }
            eprintln!("newsval: error: {error:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The PATH `-`: standard input.
fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { rule } => rules(rule.as_deref()),
        Command::Init { force } => init(force),
        Command::Schema => schema(),
        Command::Completions { shell } => completions(shell),
        Command::Manpage { dir } => manpage(&dir),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    // Checking `.` instead of the buffer an editor piped in would be a silent surprise.
    if args.stdin_filename.is_some() && !args.paths.iter().any(|path| is_stdin(path)) {
        anyhow::bail!(
            "--stdin-filename names standard input, but no PATH is `-`; add `-` to read it"
        );
    }
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None => Config::discover(
            &std::env::current_dir().context("cannot read the working directory")?,
        )?,
    };
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let mut settings = Settings::new(config, now);
    settings.list_files = matches!(args.format, OutputFormat::Junit);
    settings.threads = args.threads;
    let mut inputs = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        if is_stdin(path) {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(settings.config.size_limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            inputs.push(Input::Bytes { name, bytes });
        } else {
            inputs.push(Input::Path(path.clone()));
        }
    }
    let report = newsval::check(&inputs, &settings, args.no_exclude)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Gitlab => Format::Gitlab,
    };
    let emitter = render::emitter(
        format,
        RenderOptions {
            color,
            quiet: args.quiet,
        },
    );
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    emitter.emit(&report, &mut out)?;
    out.flush()?;
    if format == Format::Github
        && let Err(error) = append_step_summary(&report)
    {
        // The check itself ran; a summary that cannot be written must not change its verdict.
        eprintln!("newsval: warning: {error:#}");
    }
    let failed =
        !args.exit_zero && (report.errors() > 0 || (args.deny_warnings && report.warnings() > 0));
    Ok(if failed { EXIT_PROBLEMS } else { EXIT_CLEAN })
}

/// Appends the Markdown summary to the file `GITHUB_STEP_SUMMARY` names, when it names one.
fn append_step_summary(report: &newsval::Report) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .with_context(|| format!("cannot open GITHUB_STEP_SUMMARY {}", path.display()))?;
    let mut out = io::BufWriter::new(file);
    render::write_step_summary(report, &mut out)
        .and_then(|()| out.flush())
        .with_context(|| format!("cannot write GITHUB_STEP_SUMMARY {}", path.display()))
}

fn schema() -> anyhow::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    out.write_all(newsval::schema::JSON_SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn completions(shell: clap_complete::Shell) -> anyhow::Result<u8> {
    // Generated into memory: clap_complete panics on a write error, and a closed pipe
    // (`newsval completions bash | head`) must end quietly like every other command.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newsval", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(EXIT_CLEAN)
}

/// Writes `newsval.1` and a page per visible command (`newsval-check.1`...) into `dir`,
/// all generated from the same clap definition as `--help`.
fn manpage(dir: &std::path::Path) -> anyhow::Result<u8> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    // Every page names the release it documents, a command's page too.
    let source = format!("newsval {}", env!("CARGO_PKG_VERSION"));
    let commands = command.get_subcommands().filter(|c| !c.is_hide_set());
    for page in std::iter::once(&command).chain(commands) {
        clap_mangen::Man::new(page.clone())
            .source(source.clone())
            .generate_to(dir)
            .with_context(|| format!("cannot write the man pages into {}", dir.display()))?;
    }
    Ok(EXIT_CLEAN)
}

fn rules(rule: Option<&str>) -> anyhow::Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match rule {
        None => {
            let width = Rule::ALL.iter().map(|r| r.id().len()).max().unwrap_or(0);
            for rule in Rule::ALL {
                writeln!(
                    out,
                    "{:width$}  {:7}  {}",
                    rule.id(),
                    rule.default_severity().as_str(),
                    rule.summary()
                )?;
            }
        }
        Some(name) => {
            let rule: Rule = name.parse()?;
            let example = rule.example();
            writeln!(
                out,
                "{} ({} by default)\n",
                rule.id(),
                rule.default_severity()
            )?;
            writeln!(out, "Fires on: {}\n", with_period(rule.summary()))?;
            writeln!(out, "Fails:\n\n{}", indent(example.bad))?;
            if example.checkable {
                // Show what newsval says of the example, so the text can never drift.
                let settings = Settings::new(Config::default(), chrono::Utc::now());
                let report = newsval::Report {
                    files_checked: 1,
                    files: vec!["example.md".to_owned()],
                    diagnostics: newsval::check_bytes(
                        "example.md",
                        example.bad.as_bytes(),
                        &settings,
                    ),
                };
                let mut said = Vec::new();
                let options = RenderOptions {
                    color: false,
                    quiet: true,
                };
                render::emitter(Format::Human, options).emit(&report, &mut said)?;
                writeln!(
                    out,
                    "newsval says:\n\n{}",
                    indent(&String::from_utf8_lossy(&said))
                )?;
            }
            writeln!(out, "Passes:\n\n{}", indent(example.good))?;
        }
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn init(force: bool) -> anyhow::Result<u8> {
    let path = std::path::Path::new(newsval::config::FILE_NAME);
    if path.exists() && !force {
        anyhow::bail!(
            "{} already exists; use --force to replace it",
            path.display()
        );
    }
    std::fs::write(path, newsval::config::DEFAULT_CONFIG_TOML)
        .with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(EXIT_CLEAN)
}

/// A sentence's final period, unless it already ends in one (or in "...").
fn with_period(text: &str) -> String {
    if text.ends_with('.') {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}
