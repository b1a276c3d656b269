//! The native CLI. Arguments are parsed by clap, but the parameter flags are built at run time
//! from the one schema (`SPECS`), and their values are checked by `Params::set_text`, so a key,
//! a range or an error message is written exactly once.

use cascade_lab::analysis::followups::{self, Row};
use cascade_lab::analysis::sweep::{self, Axis, Metric, Sweep, METRICS, SWEEP_PRESETS};
use cascade_lab::formats::report;
use cascade_lab::sim::{self, params, ParamError, Params, Spec, SPECS};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, Command};
use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

const COMMANDS: &str = "run, link, followups, lesson, sweep, bench or params";
const COMMAND_NAMES: &[&str] = &["run", "link", "followups", "lesson", "sweep", "bench", "params"];

const AFTER_HELP: &str = "\
Parameters use the keys of share links (`cascade params` lists each with its range and
default); write `--KEY VALUE` or `--KEY=VALUE`, with `-` or `_` inside a key.

Repeated flags: every value is checked, and the last one wins. --preset is applied first
wherever it stands, so explicit keys win over the preset.

Exit status: 0 done (also when the reader of the output goes away, as with `| head`);
2 bad input, with one line on stderr naming the parameter and its valid values;
1 the output could not be written (also when there is no standard output, as with `>&-`).";

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
            let _ = writeln!(io::stderr(), "cascade: {}", escape_controls(&msg));
            ExitCode::from(2)
        }
    }
}

/// Echoed input is shown, not obeyed: control characters (an escape sequence, a newline that
/// would break the one line) and invisible direction or width marks are printed as `\u{1b}`,
/// `\n`, `\u{202e}`.
fn escape_controls(text: &str) -> String {
    let hidden = |c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}');
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
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
    let result = match matches.subcommand() {
        Some(("run", m)) => run_cmd(m),
        Some(("link", m)) => link_cmd(m),
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
        .subcommand(Command::new("link").about("Print the share link for the parameters").after_help(AFTER_HELP).args(param_args()).arg(option(
            "base",
            "URL",
            &format!("Where the app is served; default {}", cascade_lab::formats::link::DEFAULT_BASE),
        )))
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
                .arg(option("base", "URL", &format!("Where the app is served, for each chapter's link; default {}", cascade_lab::formats::link::DEFAULT_BASE))),
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
        .subcommand(Command::new("bench").about("Time re-simulation by agent count, and a 32×32 sweep (`cargo bench` measures the per-run cases with divan)"))
        .subcommand(Command::new("params").about("List every parameter with its range and default").arg(option(
            "format",
            "FORMAT",
            "Output: text (a list) or md (the README's table); default text",
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

fn run_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["json", "csv", "text"], "text")?;
    let p = params_from(m, &["format"])?;
    let trace = sim::simulate(&p);
    Ok(match format {
        "json" => report::to_json(&p, &trace) + "\n",
        "csv" => trace.to_csv(),
        _ => report::to_text(&p, &trace),
    })
}

fn link_cmd(m: &ArgMatches) -> Result<String, String> {
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE);
    let p = params_from(m, &["base"])?;
    Ok(cascade_lab::formats::link::LinkState::from_params(&p).to_url(base) + "\n")
}

const LESSON_HELP: &str = "\
Eight chapters derived from the run (the same as the app's lesson mode): each with its moment
or window, the figure to show, one question to ask before the answer, the answer key with the
run's own numbers, a note for the facilitator and a suggested time (45 minutes in all). A
chapter whose event does not happen in this run says so and why. Markdown is a guide to print
(docs/facilitator-guide.md is this command's output for December 2024); JSON lists the chapters
with n, title, t, from, to, figure, question, kind, options, answer, explanation, note, minutes,
happened and link.";

const FOLLOWUPS_HELP: &str = "\
Each follow-up the December 2024 postmortem names is applied alone to the parameters given
(phased_rollout, test_at_scale, break_glass, dns_serve_stale, more_crews, shorter_ramp,
retry_budget; then the bundles test_at_scale_gated and faster_recovery, whose `parts` name
the single rows they combine) and re-simulated; none lowers a setting already better. Text: the current run's figures on the first line, then one row per follow-up.
JSON: one object per follow-up with key, label, what, impact_min (minutes above the
customer-visible error threshold), peak_error (a fraction, 0 – 1), fix_landed_min,
all_recovered_min (minutes after the agent lands; null when it never happens), saved_min
(customer-impact minutes saved against the current run; negative: worse) and already (true
when the parameters already include it). Rounded like `cascade run --format json`: minutes to
0.01, peak_error to 0.0001.";

fn sweep_help() -> String {
    let metrics: Vec<String> = METRICS.iter().map(|m| format!("  {:<28} {}", m.key, m.label)).collect();
    let presets: Vec<String> =
        SWEEP_PRESETS.iter().map(|p| format!("  {:<13} --x {} --y {} --metric {}\n  {:<13} {}", p.name, p.x, p.y, p.metric, "", p.notice)).collect();
    format!(
        "\
Axes are KEY=FROM..TO:STEPS[:log]: STEPS values (2 – {max}) from FROM to TO, evenly spaced or,
with :log, log-evenly; FROM and TO are checked as --KEY checks a value, each value is put
through the schema (integers rounded), and the output lists the exact values simulated. The other flags set the rest of the parameters; a swept key may
not also be given as a flag.

Numeric keys: {keys}.

Metrics (--metric NAME; impact_min is a total in minutes, the other *_min are minutes after
the agent lands, peak_error_rate is a fraction 0 – 1, control_plane_fell is 1 or 0):
{metrics}

JSON: {{\"x\": {{\"key\", \"values\", \"log\"}}, \"y\": {{…}}, \"metric\", \"values\": [[…], …]}} with values[j][i]
the cell at y index j and x index i; CSV: one row per cell (x, y, metric). A cell where the
event never happens is null (empty in CSV). Values are the model's, unrounded: a cell equals
the summary of `cascade run` with that cell's parameters, which rounds its JSON summary to
0.01 min (peak_error_rate to 0.0001), so compare after rounding alike.

Sweep presets (--preset-sweep NAME):
{presets}",
        max = sweep::MAX_STEPS,
        keys = sweep::numeric_keys().join(", "),
        metrics = metrics.join("\n"),
        presets = presets.join("\n"),
    )
}

fn sweep_preset_names() -> String {
    SWEEP_PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// A row as `cascade run --format json` rounds its summary: minutes to 0.01, the error rate
/// (a fraction) to 0.0001.
/// `saved_min` is the difference of the rounded figures a reader sees (the current run's
/// impact and the row's), so it checks out exactly.
fn rounded(r: &Row, base_impact: f64) -> Row {
    Row {
        impact_min: round2(r.impact_min),
        peak_error: (r.peak_error * 1e4).round() / 1e4,
        fix_landed_min: r.fix_landed_min.map(round2),
        all_recovered_min: r.all_recovered_min.map(round2),
        saved_min: round2(round2(base_impact) - round2(r.impact_min)),
        ..r.clone()
    }
}

/// `cascade_lab::text::t_plus` ("T+4 min", "T+1 h 26 min": minutes after the agent lands), or "never".
fn t_plus_text(t: Option<f64>) -> String {
    t.map_or_else(|| "never".to_string(), cascade_lab::text::t_plus)
}

fn lesson_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["md", "json"], "md")?;
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE).to_string();
    let p = params_from(m, &["format", "base"])?;
    let t = sim::simulate(&p);
    let chapters = cascade_lab::analysis::lesson::chapters(&p, &t);
    Ok(if format == "json" {
        cascade_lab::formats::lesson_text::to_json(&p, &chapters, &base)
    } else {
        cascade_lab::formats::lesson_text::to_markdown(&p, &chapters, &base)
    })
}

fn followups_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["text", "json"], "text")?;
    let p = params_from(m, &["format"])?;
    let base = sim::simulate(&p).summary;
    let rows: Vec<Row> = followups::compare(&p, &base).iter().map(|r| rounded(r, base.impact_min)).collect();
    if format == "json" {
        return serde_json::to_string_pretty(&rows).map(|s| s + "\n").map_err(|e| format!("cannot write the follow-ups as JSON: {e}"));
    }
    let pct = |f: f64| format!("{:.1} %", f * 100.0);
    let mut out = format!(
        "current run: {:.1} customer-impact min, peak error {}, fix landed {}, all recovered {}\n\n",
        base.impact_min,
        pct(base.peak_error_rate),
        t_plus_text(base.fix_landed_min),
        t_plus_text(base.all_recovered_min)
    );
    out.push_str(&format!(
        "{:<19}  {:>10}  {:>10}  {:<14}  {:<14}  {:>9}  {}\n",
        "follow-up", "impact min", "peak error", "fix landed", "all recovered", "saved min", "(each applied alone; peak: share of all requests)"
    ));
    for r in &rows {
        let what = if r.already { format!("{} (already in this run)", r.label) } else { r.label.to_string() };
        out.push_str(&format!(
            "{:<19}  {:>10.1}  {:>10}  {:<14}  {:<14}  {:>9.1}  {what}\n",
            r.key,
            r.impact_min,
            pct(r.peak_error),
            t_plus_text(r.fix_landed_min),
            t_plus_text(r.all_recovered_min),
            r.saved_min
        ));
    }
    Ok(out)
}

/// An axis from the command line: `-` may stand for `_` in its key, as in flags; echoed input
/// stays short.
fn parse_axis(flag: &str, text: &str) -> Result<Axis, String> {
    if text.chars().count() > 80 {
        return Err(format!("sweep: --{flag} '{}' is not KEY=FROM..TO:STEPS[:log]", clip(text)));
    }
    let text = match text.split_once('=') {
        Some((k, rest)) => format!("{}={rest}", k.replace('-', "_")),
        None => text.to_string(),
    };
    Axis::parse(&text).map_err(|e| e.to_string())
}

fn sweep_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["json", "csv"], "json")?;
    let preset = last_option(m, "preset-sweep", |v| {
        if SWEEP_PRESETS.iter().any(|p| p.name == v) {
            Ok(())
        } else {
            Err(format!("preset-sweep: unknown '{}'; one of {}", clip(v), sweep_preset_names()))
        }
    })?
    .and_then(|name| SWEEP_PRESETS.iter().find(|p| p.name == name));
    let mut axes = [None, None];
    for (slot, flag) in axes.iter_mut().zip(["x", "y"]) {
        let mut last = None;
        for v in m.get_many::<String>(flag).into_iter().flatten() {
            last = Some(parse_axis(flag, v)?);
        }
        *slot = match (last, preset) {
            (Some(a), _) => Some(a),
            (None, Some(p)) => Some(Axis::parse(if flag == "x" { p.x } else { p.y }).map_err(|e| e.to_string())?),
            (None, None) => None,
        };
    }
    let mut metric = None;
    for v in m.get_many::<String>("metric").into_iter().flatten() {
        metric = Some(Metric::find(&clip(v))?);
    }
    let metric = match (metric, preset) {
        (Some(me), _) => me,
        (None, Some(p)) => Metric::find(p.metric)?,
        (None, None) => Metric::find("impact_min")?,
    };
    let [Some(x), Some(y)] = axes else {
        let missing = if axes[0].is_none() { "x" } else { "y" };
        return Err(format!(
            "sweep: --{missing} is needed, as KEY=FROM..TO:STEPS[:log] (e.g. --x agents=100..20000:24:log --y ttl=0..3600:16), or --preset-sweep NAME ({})",
            sweep_preset_names()
        ));
    };
    let skip = ["format", "x", "y", "metric", "preset-sweep"];
    for (_, k, _) in given(m, &skip) {
        for (axis, name) in [(&x, "x"), (&y, "y")] {
            if k == axis.key {
                return Err(format!("sweep: {k} is the {name} axis, so --{k} would be ignored; drop it or sweep another key"));
            }
        }
    }
    let p = params_given(m, &skip)?;
    // A swept horizon: interventions must fall within the sweep's longest run.
    let horizon = [&x, &y].into_iter().find(|a| a.key == "horizon").map_or(p.horizon, |a| a.from.max(a.to) as u32);
    within_horizon(&p, horizon)?;
    let mut s = Sweep::new(x, y, metric, p)?;
    s.run_all(threads());
    Ok(match format {
        "csv" => s.to_csv(),
        _ => s.to_json() + "\n",
    })
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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
        out.push_str(&format!("  --{:<16} {:<34} default {:<12} {}\n", s.key, s.label, s.format(s.default), params::range_text(s)));
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
            format!("{} agents", cascade_lab::text::group_thousands(agents as i64)),
            med / b
        ));
    }
    // One whole sweep, as `cascade sweep` runs it (summary-only runs on every core).
    let x = Axis::parse("agents=100..20000:32:log").expect("a valid axis");
    let y = Axis::parse("ttl=0..3600:32").expect("a valid axis");
    let metric = Metric::find("impact_min").expect("a metric");
    let mut s = Sweep::new(x, y, metric, d).expect("x and y differ");
    let t0 = Instant::now();
    s.run_all(threads());
    let wall = t0.elapsed().as_secs_f64();
    std::hint::black_box(s.range());
    out.push_str(&format!("  {:<28} wall {wall:.3} s  ({} threads, 1 run)\n", "sweep 32×32 (1,024 runs)", threads()));
    out
}
