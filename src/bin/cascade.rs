//! `cascade`: the simulation from the command line, with the same parameter schema and link
//! format as the app.

use cascade_lab::report;
use cascade_lab::sim::{self, params, Params, SPECS};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  cascade run   [--preset NAME] [--KEY VALUE ...] [--format json|csv|text]
  cascade link  [--base URL] [--preset NAME] [--KEY VALUE ...]
  cascade bench
  cascade params            list every parameter with its range and default";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("cascade: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let Some(cmd) = args.first() else { return Err(USAGE.into()) };
    let rest = &args[1..];
    match cmd.as_str() {
        "run" => {
            let (p, opts) = parse_params(rest, &["format"])?;
            let format = opts.iter().find(|(k, _)| k == "format").map(|(_, v)| v.as_str()).unwrap_or("text");
            let trace = sim::simulate(&p);
            match format {
                "json" => Ok(report::to_json(&p, &trace) + "\n"),
                "csv" => Ok(trace.to_csv()),
                "text" => Ok(report::to_text(&p, &trace)),
                other => Err(format!("format: '{other}' is not allowed; valid: one of json, csv, text")),
            }
        }
        "link" => {
            let (p, opts) = parse_params(rest, &["base"])?;
            let base = opts.iter().find(|(k, _)| k == "base").map(|(_, v)| v.clone()).unwrap_or_else(|| cascade_lab::link::DEFAULT_BASE.into());
            Ok(cascade_lab::link::LinkState::from_params(&p).to_url(&base) + "\n")
        }
        "bench" => Ok(bench()),
        "params" => Ok(list_params()),
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n\n{}", list_params())),
        other => Err(format!("unknown command '{other}'\n{USAGE}")),
    }
}

/// `--KEY VALUE` pairs (or `--KEY=VALUE`), strictly checked against the schema. `--preset`
/// is applied first wherever it stands, so explicit keys always win over the preset.
fn parse_params(args: &[String], extra: &[&str]) -> Result<(Params, Vec<(String, String)>), String> {
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let Some(flag) = a.strip_prefix("--") else {
            return Err(format!("unexpected argument '{a}' (parameters are --KEY VALUE)"));
        };
        let (key, value) = match flag.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => {
                let v = args.get(i + 1).ok_or_else(|| format!("--{flag} needs a value"))?;
                i += 1;
                (flag.to_string(), v.clone())
            }
        };
        pairs.push((key.replace('-', "_"), value));
        i += 1;
    }
    let mut p = Params::default();
    if let Some((_, v)) = pairs.iter().find(|(k, _)| k == "preset") {
        p = Params::preset(v).map_err(|e| e.to_string())?;
    }
    let mut opts = Vec::new();
    for (k, v) in pairs {
        if k == "preset" {
            continue;
        }
        if extra.contains(&k.as_str()) {
            opts.push((k, v));
            continue;
        }
        p.set_text(&k, &v).map_err(|e| e.to_string())?;
    }
    Ok((p, opts))
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
        let mut p = Params::default();
        p.agents = agents;
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
