//! The native CLI. Arguments are parsed by clap, but the parameter flags are built at run time
//! from the one schema (`SPECS`), and their values are checked by `Params::set_text`, so a key,
//! a range or an error message is written exactly once.

use cascade_lab::report;
use cascade_lab::sim::{self, params, ParamError, Params, Spec, SPECS};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

const COMMANDS: &str = "run, link, bench or params";

const AFTER_HELP: &str = "\
Parameters use the keys of share links (`cascade params` lists each with its range and
default); write `--KEY VALUE` or `--KEY=VALUE`, with `-` or `_` inside a key.

Repeated flags: every value is checked, and the last one wins. --preset is applied first
wherever it stands, so explicit keys win over the preset.

Exit status: 0 done (also when the reader of the output goes away, as with `| head`);
2 bad input, with one line on stderr naming the parameter and its valid values;
1 the output could not be written.";

/// What a command produced: text for stdout, or one line of bad input for stderr (exit 2).
enum Outcome {
    Out(String),
    BadInput(String),
}

pub fn main() -> ExitCode {
    let outcome = match utf8_args(std::env::args_os().collect()) {
        Ok(args) => run(&args),
        Err(msg) => Outcome::BadInput(msg),
    };
    match outcome {
        Outcome::Out(text) => write_stdout(&text),
        Outcome::BadInput(msg) => {
            // Not `eprintln!`: it panics when stderr is closed.
            let _ = writeln!(io::stderr(), "cascade: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Every argument as UTF-8 (schema keys and values are text), or a message naming the first
/// one that is not; `std::env::args` would panic instead.
fn utf8_args(args_os: Vec<OsString>) -> Result<Vec<String>, String> {
    args_os
        .into_iter()
        .enumerate()
        .skip(1)
        .map(|(i, a)| a.into_string().map_err(|a| format!("argument {i} ('{}') is not valid UTF-8", clip(&a.to_string_lossy()))))
        .collect()
}

/// A reader that goes away early (`cascade run | head -1`) is normal use, not an error: stop
/// quietly. `print!` would panic there, as Rust ignores SIGPIPE.
fn write_stdout(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(io::stderr(), "cascade: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Outcome {
    let matches = match command().try_get_matches_from(std::iter::once("cascade").chain(args.iter().map(String::as_str))) {
        Ok(m) => m,
        Err(e) => return clap_error(&e, args),
    };
    let result = match matches.subcommand() {
        Some(("run", m)) => run_cmd(m),
        Some(("link", m)) => link_cmd(m),
        Some(("bench", _)) => Ok(bench()),
        Some(("params", _)) => Ok(list_params()),
        // `subcommand_required` makes clap report a missing command before this.
        _ => Err(format!("a command is needed: {COMMANDS}")),
    };
    match result {
        Ok(text) => Outcome::Out(text),
        Err(msg) => Outcome::BadInput(msg),
    }
}

fn command() -> Command {
    Command::new("cascade")
        .about("Simulate the December 2024 control-plane / DNS-cache cascade: the model, parameter schema and link format of Cascade Lab.")
        .after_help(AFTER_HELP)
        .subcommand_required(true)
        .subcommand(
            Command::new("run")
                .about("Simulate one run and print it")
                .after_help(AFTER_HELP)
                .args(param_args())
                .arg(option("format", "FORMAT", "Output: json (params, summary, events), csv (the whole trace) or text (a timeline); default text")),
        )
        .subcommand(
            Command::new("link")
                .about("Print the share link for the parameters")
                .after_help(AFTER_HELP)
                .args(param_args())
                .arg(option("base", "URL", &format!("Where the app is served; default {}", cascade_lab::link::DEFAULT_BASE))),
        )
        .subcommand(Command::new("bench").about("Time re-simulation by agent count (`cargo bench` measures the same cases with divan)"))
        .subcommand(Command::new("params").about("List every parameter with its range and default"))
}

/// A `--NAME VALUE` flag that may repeat. Values are kept as text, in order, and checked by the
/// command, so the schema's messages are the ones a user sees. Hyphen values are allowed:
/// `--agents -5` must reach the range check and `--iv -30:halt` is valid.
fn option(name: &str, value_name: &str, help: &str) -> Arg {
    Arg::new(name.to_string())
        .long(name.to_string())
        .value_name(value_name.to_string())
        .help(help.to_string())
        .num_args(1)
        .allow_hyphen_values(true)
        .action(ArgAction::Append)
}

/// One flag per schema key, plus `--preset` and `--iv`; `--break-glass` works as well as
/// `--break_glass`, as it always has.
fn param_args() -> Vec<Arg> {
    let mut out: Vec<Arg> = SPECS.iter().map(spec_arg).collect();
    out.push(option(
        "preset",
        "NAME",
        &format!("Scenario to start from, applied before every other flag; one of {}", sim::PRESET_NAMES.join(", ")),
    ));
    out.push(option("iv", "MIN:ACTION,…", &format!("Interventions, e.g. 45:block,60:break_glass; actions {}", action_keys())));
    out
}

fn spec_arg(s: &Spec) -> Arg {
    let value_name = match s.kind {
        sim::Kind::Int => "N".to_string(),
        sim::Kind::Float => "X".to_string(),
        sim::Kind::Bool => "true|false".to_string(),
        sim::Kind::Choice(c) => c.join("|"),
    };
    let short = format!("{}; default {}; {}", s.label, s.format(s.default), params::range_text(s));
    let mut arg = option(s.key, &value_name, &short).long_help(format!("{short}\n{}", s.help));
    if s.key.contains('_') {
        arg = arg.alias(s.key.replace('_', "-"));
    }
    arg
}

fn action_keys() -> String {
    sim::Action::ALL.map(|a| a.key()).join(", ")
}

/// The values given on the command line for these ids, in the order they were given.
fn given<'a>(m: &'a ArgMatches, skip: &[&str]) -> Vec<(usize, &'a str, &'a str)> {
    let mut out = Vec::new();
    for id in m.ids().map(|id| id.as_str()).filter(|id| !skip.contains(id)) {
        let (Some(idx), Some(vals)) = (m.indices_of(id), m.get_many::<String>(id)) else { continue };
        out.extend(idx.zip(vals).map(|(i, v)| (i, id, v.as_str())));
    }
    out.sort_by_key(|&(i, _, _)| i);
    out
}

/// The one rule for repeated flags: every value is checked, the last one wins; `--preset` is
/// applied first wherever it stands, so explicit keys win over the preset.
fn params_from(m: &ArgMatches, options: &[&str]) -> Result<Params, String> {
    let values = given(m, options);
    let mut p = Params::default();
    for (_, _, v) in values.iter().filter(|(_, k, _)| *k == "preset") {
        p = Params::preset(v).map_err(|e| e.to_string())?;
    }
    for (_, k, v) in values.iter().filter(|(_, k, _)| *k != "preset") {
        p.set_text(k, v).map_err(|e| e.to_string())?;
    }
    Ok(p)
}

/// The last value of an option after checking each one with `check`.
fn last_option<'a>(m: &'a ArgMatches, id: &str, check: impl Fn(&str) -> Result<(), String>) -> Result<Option<&'a str>, String> {
    let mut last = None;
    for v in m.get_many::<String>(id).into_iter().flatten() {
        check(v)?;
        last = Some(v.as_str());
    }
    Ok(last)
}

fn run_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = last_option(m, "format", |v| match v {
        "json" | "csv" | "text" => Ok(()),
        other => Err(format!("format: '{other}' is not allowed; valid: one of json, csv, text")),
    })?;
    let p = params_from(m, &["format"])?;
    let trace = sim::simulate(&p);
    Ok(match format.unwrap_or("text") {
        "json" => report::to_json(&p, &trace) + "\n",
        "csv" => trace.to_csv(),
        _ => report::to_text(&p, &trace),
    })
}

fn link_cmd(m: &ArgMatches) -> Result<String, String> {
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::link::DEFAULT_BASE);
    let p = params_from(m, &["base"])?;
    Ok(cascade_lab::link::LinkState::from_params(&p).to_url(base) + "\n")
}

fn context_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

/// clap's errors in this CLI's voice: one line, naming the argument, with a suggestion when
/// clap has one. Help goes to stdout with status 0.
fn clap_error(e: &clap::Error, args: &[String]) -> Outcome {
    let invalid = clip(&context_str(e, ContextKind::InvalidArg).unwrap_or_default());
    let cmd = args.first().map(String::as_str).filter(|c| ["run", "link", "bench", "params"].contains(c));
    let msg = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return Outcome::Out(e.render().to_string()),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("a command is needed: {COMMANDS} (cascade --help for more)")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = clip(&context_str(e, ContextKind::InvalidSubcommand).unwrap_or_default());
            match context_str(e, ContextKind::SuggestedSubcommand) {
                Some(s) => format!("unknown command '{sub}'; did you mean '{s}'? commands: {COMMANDS}"),
                None => format!("unknown command '{sub}'; commands: {COMMANDS}"),
            }
        }
        ErrorKind::UnknownArgument => match cmd {
            None if invalid.starts_with('-') => format!("'{invalid}' needs a command before it: {COMMANDS}"),
            None => format!("unknown command '{invalid}'; commands: {COMMANDS}"),
            Some(c @ ("bench" | "params")) => format!("{c}: unexpected argument '{invalid}' ({c} takes none)"),
            // After a bare `--` every argument is positional, so `--ttl` there is not a key.
            Some(c) => match invalid.strip_prefix("--").filter(|_| !args.iter().any(|a| a == "--")) {
                Some(flag) => {
                    let key = flag.split_once('=').map_or(flag, |(k, _)| k);
                    match context_str(e, ContextKind::SuggestedArg) {
                        Some(s) => format!("unknown parameter '{key}'; did you mean {s}? (cascade {c} --help lists them)"),
                        None => ParamError::UnknownKey(key.to_string()).to_string(),
                    }
                }
                None => format!("unexpected argument '{invalid}' (parameters are --KEY VALUE)"),
            },
        },
        ErrorKind::InvalidValue | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues | ErrorKind::NoEquals => {
            // InvalidArg reads "--agents <N>".
            format!("{} needs a value", invalid.split_whitespace().next().unwrap_or("a flag"))
        }
        // Not reached (clap is given checked UTF-8 and no other constraints), but never a panic.
        _ => e.render().to_string().lines().next().unwrap_or("bad arguments").trim_start_matches("error: ").to_string(),
    };
    Outcome::BadInput(msg)
}

/// Echoed input stays short: a 10,000-character argument must not become a 10,000-character line.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn list_params() -> String {
    let mut out = String::from("parameters (--KEY VALUE; the same keys as share links):\n");
    for s in SPECS {
        out.push_str(&format!(
            "  --{:<16} {:<34} default {:<12} {}\n",
            s.key,
            s.label,
            s.format(s.default),
            params::range_text(s)
        ));
    }
    out.push_str(&format!("  --{:<16} {:<34} one of {}\n", "preset", "Scenario to start from", sim::PRESET_NAMES.join(", ")));
    out.push_str(&format!("  --{:<16} {:<34} e.g. 45:block,60:break_glass\n", "iv", "Interventions (minutes:action)"));
    out
}

/// A quick table for scripts/test.sh (well under a second); `cargo bench` (benches/simulate.rs)
/// measures the same cases with divan's statistics.
fn bench() -> String {
    fn time(p: &Params) -> (f64, f64) {
        let mut runs = Vec::new();
        let _ = sim::simulate(p); // warm-up
        let mut sink = 0u64;
        for _ in 0..30 {
            let t0 = Instant::now();
            sink ^= sim::simulate(p).len as u64;
            runs.push(t0.elapsed().as_secs_f64() * 1e3);
        }
        runs.sort_by(f64::total_cmp);
        std::hint::black_box(sink);
        (runs[runs.len() / 2], runs[runs.len() * 9 / 10])
    }
    let mut out = String::from("re-simulation time (native, this build; 30 runs each)\n");
    let d = Params::default();
    let (med, p90) = time(&d);
    out.push_str(&format!("  {:<28} median {med:.3} ms  p90 {p90:.3} ms\n", "default (6 h, 7,500 agents)"));
    let mut base = None;
    for agents in [100u32, 1_000, 10_000, 100_000] {
        let p = Params { agents, ..Params::default() };
        let (med, p90) = time(&p);
        let b = *base.get_or_insert(med);
        out.push_str(&format!(
            "  {:<28} median {med:.3} ms  p90 {p90:.3} ms  ({:.2}× the 100-agent run)\n",
            format!("{} agents", params::group_thousands(agents as i64)),
            med / b
        ));
    }
    out
}
