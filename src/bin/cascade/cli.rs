//! The native CLI. Arguments are parsed by clap, but the parameter flags are built at run time
//! from the one schema (`SPECS`), and their values are checked by `Params::set_text`, so a key,
//! a range or an error message is written exactly once.

use cascade_lab::analysis::followups::{self, Row};
use cascade_lab::analysis::sweep::{self, Axis, Metric, Sweep, METRICS, SWEEP_PRESETS};
use cascade_lab::formats::{fleet_file, report};
use cascade_lab::sim::{self, params, ParamError, Params, Spec, SPECS};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

mod commands;

use commands::bench::bench;
use commands::check::{check_cmd, check_help};
use commands::fleet::{fleet_cmd, FLEET_HELP};
use commands::followups::{followups_cmd, FOLLOWUPS_HELP};
use commands::lesson::{lesson_cmd, LESSON_HELP};
use commands::link::link_cmd;
use commands::params::list_params;
use commands::render::render_cmd;
use commands::run::run_cmd;
use commands::sweep::{sweep_cmd, sweep_help, sweep_preset_names};

const COMMANDS: &str = "run, check, fleet, link, followups, lesson, sweep, bench or params";
const COMMAND_NAMES: &[&str] = &["run", "check", "fleet", "link", "render", "followups", "lesson", "sweep", "bench", "params"];

/// How parameters are written, for every command's help (a macro, so `concat!` can join it).
macro_rules! params_help {
    () => {
        "\
Parameters use the keys of share links (`cascade params` lists each with its range and
default); write `--KEY VALUE` or `--KEY=VALUE`, with `-` or `_` inside a key.

Repeated flags: every value is checked, and the last one wins. --preset is applied first
wherever it stands, so explicit keys win over the preset."
    };
}

/// Without its exit status block: `cascade check` has one of its own.
const PARAMS_HELP: &str = params_help!();

const AFTER_HELP: &str = concat!(
    params_help!(),
    "\n\nExit status: 0 done (also when the reader of the output goes away, as with `| head`);
2 bad input, with one line on stderr naming the parameter and its valid values;
1 the output could not be written (also when there is no standard output, as with `>&-`)."
);

/// What a command produced: text for stdout, or one line of bad input for stderr (exit 2).
enum Outcome {
    Out(String),
    /// Output and an exit status of its own (`cascade check`: 1 a cluster falls, 3 one saturates).
    Gate(String, u8),
    BadInput(String),
}

pub fn main() -> ExitCode {
    let outcome = match utf8_args(std::env::args_os().collect()) {
        Ok(args) => run(&args),
        Err(msg) => Outcome::BadInput(msg),
    };
    match outcome {
        Outcome::Out(text) => write_stdout(&text),
        // A gate's 1 means a cluster falls: output that could not be written is 4 here.
        Outcome::Gate(text, code) => match write_stdout(&text) {
            c if c == ExitCode::SUCCESS => ExitCode::from(code),
            _ => ExitCode::from(4),
        },
        Outcome::BadInput(msg) => {
            // Not `eprintln!`: it panics when stderr is closed.
            let _ = writeln!(io::stderr(), "cascade: {}", escape_controls(&msg));
            ExitCode::from(2)
        }
    }
}

/// Echoed input is shown, not obeyed: control characters (an escape sequence, a newline that
/// would break the one line) and invisible direction or width marks are printed as `\u{1b}`,
/// `\n`, `\u{202e}` (`text::printable`, the app's notices' rule too).
fn escape_controls(text: &str) -> String {
    cascade_lab::text::printable(text)
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
/// quietly. `print!` would panic there, as Rust ignores SIGPIPE. No standard output at all
/// (`cascade run >&-`) loses the output: an error.
fn write_stdout(text: &str) -> ExitCode {
    if stdout_at_start::closed() {
        let _ = writeln!(io::stderr(), "cascade: cannot write the output: standard output is closed");
        return ExitCode::FAILURE;
    }
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

/// Whether standard output was closed when the process started (`cascade run >&-`, EBADF).
/// Rust's runtime opens /dev/null on a closed descriptor 0 – 2 before `main`, where every write
/// succeeds, so this looks first, from a constructor the loader runs before the runtime starts
/// (ELF `.init_array`, Apple `__mod_init_func`). Elsewhere it never reports a closed stdout.
#[cfg(unix)]
mod stdout_at_start {
    use std::ffi::{c_char, c_int};
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" {
        fn fcntl(fd: c_int, cmd: c_int, ...) -> c_int;
    }
    /// `F_GETFD`: 1 on every Unix.
    const F_GETFD: c_int = 1;

    /// Called as constructors are, with the program's arguments and environment (unused).
    extern "C" fn look(_argc: c_int, _argv: *const *const c_char, _envp: *const *const c_char) {
        // SAFETY: F_GETFD only reads descriptor 1's flags; a closed one gives -1 (EBADF).
        if unsafe { fcntl(1, F_GETFD) } == -1 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }

    #[used]
    #[cfg_attr(
        any(
            target_os = "linux",
            target_os = "android",
            target_os = "freebsd",
            target_os = "netbsd",
            target_os = "openbsd",
            target_os = "dragonfly",
            target_os = "illumos",
            target_os = "solaris"
        ),
        link_section = ".init_array"
    )]
    #[cfg_attr(target_vendor = "apple", link_section = "__DATA,__mod_init_func")]
    static LOOK: extern "C" fn(c_int, *const *const c_char, *const *const c_char) = look;

    pub fn closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

#[cfg(not(unix))]
mod stdout_at_start {
    pub fn closed() -> bool {
        false
    }
}

fn run(args: &[String]) -> Outcome {
    let matches = match command().try_get_matches_from(std::iter::once("cascade").chain(args.iter().map(String::as_str))) {
        Ok(m) => m,
        Err(e) => return clap_error(&e, args),
    };
    if let Some(("check", m)) = matches.subcommand() {
        return match check_cmd(m) {
            Ok((text, code)) => Outcome::Gate(text, code),
            Err(msg) => Outcome::BadInput(msg),
        };
    }
    let result = match matches.subcommand() {
        Some(("run", m)) => run_cmd(m),
        Some(("fleet", m)) => fleet_cmd(m),
        Some(("link", m)) => link_cmd(m),
        Some(("render", m)) => render_cmd(m),
        Some(("followups", m)) => followups_cmd(m),
        Some(("lesson", m)) => lesson_cmd(m),
        Some(("sweep", m)) => sweep_cmd(m),
        Some(("bench", _)) => Ok(bench()),
        Some(("params", m)) => format_option(m, &["text", "md"], "text").map(|f| if f == "md" { params::markdown_table() } else { list_params() }),
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
        .subcommand(Command::new("run").about("Simulate one run and print it").after_help(AFTER_HELP).args(param_args()).arg(option(
            "format",
            "FORMAT",
            "Output: json (params, summary, events), csv (the whole trace) or text (a timeline); default text",
        )))
        .subcommand(
            Command::new("check")
                .about("Every cluster's verdict and margins (cost, poll, nodes); exits 1 when a cluster falls or crash-loops, for CI")
                .after_help(format!("{}\n\n{PARAMS_HELP}", check_help()))
                .args(param_args())
                .arg(option("format", "FORMAT", "Output: text (a table and the assumptions), json or csv (one row per cluster); default text"))
                .arg(option("fail-on", "fall|saturate", "What fails the check: a cluster falling (exit 1; default) or also one saturating (exit 3)"))
                .arg(switch("band", "Also each cluster's node margin over each assumption's plausible range"))
                .arg(switch("no-margins", "Verdicts only: one run, no margins")),
        )
        .subcommand(
            Command::new("fleet")
                .about("Print a fleet file: --example, --december, or the fleet the other flags describe")
                .after_help(format!("{FLEET_HELP}\n\n{AFTER_HELP}"))
                .args(param_args())
                .arg(switch("example", "A commented example fleet file to start from"))
                .arg(switch("december", "December 2024's fleet, agent and plan as a file")),
        )
        .subcommand(
            Command::new("link")
                .about("Print the share link for the parameters (and the fleet, agent and plan), with any view key")
                .after_help(AFTER_HELP)
                .args(param_args())
                .arg(option("base", "URL", &format!("Where the app is served; default {}", cascade_lab::formats::link::DEFAULT_BASE)))
                .args(commands::link::VALUE_KEYS.iter().map(|(k, v, h)| option(k, v, h)))
                .args(commands::link::SWITCH_KEYS.iter().map(|(k, h)| switch(k, h))),
        )
        .subcommand(commands::render::command())
        .subcommand(
            Command::new("followups")
                .about("Compare the postmortem's follow-ups, each applied alone to the run")
                .after_help(format!("{FOLLOWUPS_HELP}\n\n{AFTER_HELP}"))
                .args(param_args())
                .arg(option("format", "FORMAT", "Output: text (a table, the current run's figures first) or json (one object per follow-up); default text")),
        )
        .subcommand(
            Command::new("lesson")
                .about("Print the lesson for the run: chapters, questions, the answer key and a facilitator's notes")
                .after_help(format!("{LESSON_HELP}\n\n{AFTER_HELP}"))
                .args(param_args())
                .arg(option("format", "FORMAT", "Output: md (a facilitator's guide) or json (one object per chapter); default md"))
                .arg(option("base", "URL", &format!("Where the app is served, for each chapter's links (present=1 to project it, lesson=1 to explore it); default {}, a placeholder", cascade_lab::formats::link::DEFAULT_BASE)))
                .arg(option("minutes", "N", "The session's length: 35, 45 or 60 minutes, each chapter's time planned to add up to it; default 45")),
        )
        .subcommand(
            Command::new("sweep")
                .about("Simulate every cell of a two-parameter grid and print one metric per cell")
                .after_help(format!("{}\n\n{AFTER_HELP}", sweep_help()))
                .arg(option("x", "KEY=FROM..TO:STEPS[:log]", "The parameter across (numeric keys only; 2 – 64 steps; e.g. agents=100..20000:24:log)"))
                .arg(option("y", "KEY=FROM..TO:STEPS[:log]", "The parameter down (another numeric key; e.g. ttl=0..3600:16)"))
                .arg(option("metric", "NAME", "What each cell shows: a key of the run's JSON summary, or control_plane_fell; default impact_min"))
                .arg(
                    option(
                        "preset-sweep",
                        "NAME",
                        &format!("A named sweep giving --x, --y and --metric (explicit flags win); one of {}", sweep_preset_names()),
                    )
                    .alias("sweep-preset"),
                )
                .arg(option("format", "FORMAT", "Output: json (the grid) or csv (one row per cell); default json"))
                .args(param_args()),
        )
        .subcommand(Command::new("bench").about("Time re-simulation by agent count and for 60 clusters, check on 40 clusters, and a 32×32 sweep (`cargo bench` measures the per-run cases with divan)"))
        .subcommand(Command::new("params").about("List every parameter with its range and default").arg(option(
            "format",
            "FORMAT",
            "Output: text (a list) or md (docs/cli.md's table); default text",
        )))
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
    out.push(option("preset", "NAME", &format!("Scenario to start from, applied before every other flag; one of {}", sim::PRESET_NAMES.join(", "))));
    out.push(option("iv", "MIN:ACTION,…", &format!("Interventions up to the horizon, e.g. 45:block,60:break_glass; actions {}", action_keys())));
    out.push(option("fleet", "FILE", "A fleet file (TOML: [[clusters]], and optionally [defaults], [agent], [plan]); `cascade fleet --example` prints one. Applied after --preset, before the other flags; agents becomes its largest cluster"));
    out.push(option("agent", "FILE", "A file whose [agent] section describes the agent (calls, poll_s, cost); wins over --fleet's"));
    out.push(option("plan", "FILE|december|phased", "A named rollout plan, or a file whose [plan] section gives waves and a gate; wins over --fleet's"));
    out
}

/// A flag without a value.
fn switch(name: &str, help: &str) -> Arg {
    Arg::new(name.to_string()).long(name.to_string()).help(help.to_string()).action(ArgAction::SetTrue)
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
    sim::Action::NAMES.join(", ")
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

/// The parameters of a command, checked whole: `params_given`, then no intervention after the
/// horizon.
fn params_from(m: &ArgMatches, options: &[&str]) -> Result<Params, String> {
    let p = params_given(m, options)?;
    within_horizon(&p, p.horizon)?;
    Ok(p)
}

/// Nothing happens after the horizon, so an intervention after it would do nothing (a link
/// drops it with a notice): bad input, whatever the order of `--iv` and `--horizon`.
fn within_horizon(p: &Params, horizon: u32) -> Result<(), String> {
    let late: Vec<sim::Intervention> = p.interventions.iter().copied().filter(|i| i.t_min > horizon as f64).collect();
    match late.len() {
        0 => Ok(()),
        n => Err(format!("iv: {} {} after the horizon ({horizon} min)", params::format_interventions(&late), if n == 1 { "is" } else { "are" })),
    }
}

/// The one rule for repeated flags: every value is checked, the last one wins; `--preset` is
/// applied first wherever it stands, so explicit keys win over the preset.
fn params_given(m: &ArgMatches, options: &[&str]) -> Result<Params, String> {
    let values = given(m, options);
    let mut p = Params::default();
    for (_, _, v) in values.iter().filter(|(_, k, _)| *k == "preset") {
        p = Params::preset(v).map_err(|e| e.to_string())?;
    }
    let files = apply_files(&mut p, &values)?;
    let mut warnings = files.warnings.clone();
    for (_, k, v) in values.iter().filter(|(_, k, _)| !FILE_FLAGS.contains(k) && *k != "preset") {
        if *k == "iv" {
            p.interventions = interventions(v, &mut warnings)?;
        } else {
            p.set_text(k, v).map_err(|e| e.to_string())?;
        }
    }
    warnings.extend(overridden(&p, &values, &files.waves_given));
    // Before the run's first step: moved to it, as a link is, and said.
    warnings.extend(cascade_lab::formats::link::move_early_interventions(&mut p).map(|w| format!("iv: {w}")));
    for w in warnings {
        // A warning, not bad input: the run is the one the file describes.
        let _ = writeln!(io::stderr(), "cascade: warning: {}", escape_controls(&w));
    }
    Ok(p)
}

/// `--iv` as written or refused: a time finer than the 0.1 min interventions keep is bad input
/// (as `--t 30.05` is); an intervention written twice acts once, with a warning.
fn interventions(text: &str, warnings: &mut Vec<String>) -> Result<Vec<sim::Intervention>, String> {
    let (list, changes) = params::parse_interventions_rounding(text).map_err(|e| e.to_string())?;
    if let Some((written, t)) = changes.rounded.first() {
        return Err(format!("iv: {} has more than one decimal (interventions keep 0.1 min; nearest: {})", clip(written), params::format_tenth(*t)));
    }
    if !changes.repeated.is_empty() {
        warnings.push(format!("iv: {}", cascade_lab::formats::link::repeated_text(&changes.repeated)));
    }
    Ok(list)
}

/// Flags and fields that a file's sections make inert, one line each: `--rollout` under a
/// file's waves, `--staging_nodes` under a described fleet, a cluster's `wave =` under
/// `[[plan.waves]]` (only for the clusters whose file sets `wave`: `waves_given`).
fn overridden(p: &Params, values: &[(usize, &str, &str)], waves_given: &[String]) -> Vec<String> {
    let given = |k: &str| values.iter().rev().find(|(_, key, _)| *key == k).map(|(_, _, v)| *v);
    let mut out = Vec::new();
    if let (Some(v), Some(_)) = (given("rollout"), &p.plan) {
        out.push(format!("--rollout {} is ignored: the file's [[plan.waves]] order the rollout (--plan december or --plan phased replaces them)", clip(v)));
    }
    if let (Some(v), Some(_)) = (given("staging_nodes"), &p.fleet) {
        out.push(format!("--staging_nodes {} is ignored: the fleet file gives each cluster's nodes (staging = true marks a staging cluster)", clip(v)));
    }
    if let (Some(f), Some(plan)) = (&p.fleet, &p.plan) {
        // Where they agree (wave = the index of its plan wave, 0 first) nothing is lost.
        let plan_wave = |name: &str| plan.waves.iter().position(|w| w.clusters.iter().any(|c| c.eq_ignore_ascii_case(name)));
        let differ: Vec<String> = f
            .clusters
            .iter()
            .filter(|c| waves_given.iter().any(|n| n.eq_ignore_ascii_case(&c.name)))
            .filter_map(|c| match plan_wave(&c.name) {
                Some(i) if i as u32 == c.wave => None,
                Some(i) => Some(format!("{} (wave = {}, plan wave {})", clip(&c.name), c.wave, i)),
                None => None,
            })
            .collect();
        if !differ.is_empty() {
            let names = if differ.len() > 3 { format!("{} and {} more", differ[..3].join(", "), differ.len() - 3) } else { differ.join(", ") };
            out.push(format!("the clusters' wave = fields are ignored where [[plan.waves]] (counted from 0) disagree: {names}"));
        }
    }
    out
}

const FILE_FLAGS: &[&str] = &["fleet", "agent", "plan"];

/// What the files said besides the run: warnings to print, and the clusters whose fleet file
/// sets `wave =` (for `overridden`).
#[derive(Default)]
struct FileNotes {
    warnings: Vec<String>,
    waves_given: Vec<String>,
}

/// `--fleet`, `--agent` and `--plan`, in that order whatever their order on the line (a plan
/// names the fleet's clusters), each the last one given: after the preset, before every other
/// flag, so `--agents` or `--pods` still win over the file.
fn apply_files(p: &mut Params, values: &[(usize, &str, &str)]) -> Result<FileNotes, String> {
    let last = |flag: &str| values.iter().rev().find(|(_, k, _)| *k == flag).map(|(_, _, v)| *v);
    let mut notes = FileNotes::default();
    if let Some(path) = last("fleet") {
        let f = read_fleet_file("fleet", path)?;
        if f.fleet.is_none() {
            return Err(format!("{path}: no [[clusters]] (a fleet file lists 1 to 60; --agent FILE reads an agent alone)"));
        }
        f.apply(p, path).map_err(|e| e.text)?;
        // A later --agent FILE replaces this file's agent, and its warning with it.
        if last("agent").is_none() {
            notes.warnings.extend(f.warnings(path));
        }
        notes.waves_given = f.waves_given;
    }
    if let Some(path) = last("agent") {
        let f = read_fleet_file("agent", path)?;
        notes.warnings.extend(f.warnings(path));
        let a = f.agent.ok_or_else(|| format!("{path}: no [agent] section"))?;
        a.apply(p).map_err(|e| format!("{path}: {e}"))?;
    }
    if let Some(v) = last("plan") {
        let part = match fleet_file::named_plan(v) {
            Ok(r) => fleet_file::PlanPart::Named(r),
            Err(_) if std::path::Path::new(v).exists() => read_fleet_file("plan", v)?.plan.ok_or_else(|| format!("{v}: no [plan] section"))?,
            Err(_) => return Err(format!("plan: '{}' is neither {} nor a file", clip(v), fleet_file::PLAN_NAMES.join(" nor "))),
        };
        part.apply(p).map_err(|e| format!("{v}: {e}"))?;
    }
    Ok(notes)
}

/// A fleet file, read and checked section by section; a file that cannot be read says why.
/// At most `MAX_BYTES` are read whatever the file says its size is: `/dev/zero`, a pipe or a
/// growing file reports 0 bytes and never ends.
fn read_fleet_file(flag: &str, path: &str) -> Result<fleet_file::FleetFile, String> {
    use std::io::Read;
    let cannot = |e: io::Error| format!("{flag}: cannot read '{}': {}", clip(path), io_reason(&e));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(fleet_file::MAX_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > fleet_file::MAX_BYTES {
        return Err(format!("{}: more than {} bytes is too large for a fleet file (at most 1 MB)", clip(path), fleet_file::MAX_BYTES));
    }
    let text = String::from_utf8(bytes).map_err(|_| cannot(io::ErrorKind::InvalidData.into()))?;
    fleet_file::parse(path, &text).map_err(|e| e.text)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => e.to_string(),
    }
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

/// `--format`, by the rule for repeated flags: every value must be one of `valid`, the last wins.
fn format_option<'a>(m: &'a ArgMatches, valid: &[&str], default: &'a str) -> Result<&'a str, String> {
    let format = last_option(m, "format", |v| {
        if valid.contains(&v) {
            Ok(())
        } else {
            Err(format!("format: '{}' is not allowed; valid: one of {}", clip(v), valid.join(", ")))
        }
    })?;
    Ok(format.unwrap_or(default))
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
    let cmd = args.first().map(String::as_str).filter(|c| COMMAND_NAMES.contains(c));
    let msg = match e.kind() {
        // check's help is written as its output is: 4 when it cannot be.
        ErrorKind::DisplayHelp if cmd == Some("check") => return Outcome::Gate(e.render().to_string(), 0),
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
/// Printable too (`text::echo`), as every echo is.
fn clip(s: &str) -> String {
    cascade_lab::text::echo(s, 40)
}
