//! `cascade sweep`: a two-parameter grid, one metric per cell.

use crate::cli::*;

pub fn sweep_help() -> String {
    let metrics: Vec<String> = METRICS.iter().map(|m| format!("  {:<28} {}", m.key, m.label)).collect();
    let presets: Vec<String> =
        SWEEP_PRESETS.iter().map(|p| format!("  {:<13} --x {} --y {} --metric {}\n  {:<13} {}", p.name, p.x, p.y, p.metric, "", p.notice_for(None))).collect();
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

pub fn sweep_preset_names() -> String {
    SWEEP_PRESETS.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
}

/// An axis from the command line: `-` may stand for `_` in a parameter's key, as in flags (not
/// in a cluster's name: `cluster.eu-west-1.ttl`); echoed input stays short.
fn parse_axis(flag: &str, text: &str) -> Result<Axis, String> {
    if text.chars().count() > 80 {
        return Err(format!("sweep: --{flag} '{}' is not KEY=FROM..TO:STEPS[:log]", clip(text)));
    }
    let text = match text.split_once('=') {
        Some((k, rest)) => match k.strip_prefix("cluster.").and_then(|c| c.rsplit_once('.')) {
            Some((cluster, field)) => format!("cluster.{cluster}.{}={rest}", field.replace('-', "_")),
            None => format!("{}={rest}", k.replace('-', "_")),
        },
        None => text.to_string(),
    };
    Axis::parse(&text).map_err(|e| e.to_string())
}

pub fn sweep_cmd(m: &ArgMatches) -> Result<String, String> {
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
        metric = Some(Metric::find(&clip(v)).map_err(|e| e.to_string())?);
    }
    let metric = match (metric, preset) {
        (Some(me), _) => me,
        (None, Some(p)) => Metric::find(p.metric).map_err(|e| e.to_string())?,
        (None, None) => Metric::find("impact_min").map_err(|e| e.to_string())?,
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
            // A cluster's field (`cluster.NAME.ttl`) leaves the fleet-wide `--ttl` free to set.
            if k == axis.key && axis.cluster().is_none() {
                return Err(format!("sweep: {k} is the {name} axis, so --{k} would be ignored; drop it or sweep another key"));
            }
        }
    }
    let p = params_given(m, &skip)?;
    // A swept horizon: interventions must fall within the sweep's longest run.
    let horizon = [&x, &y].into_iter().find(|a| a.key == "horizon").map_or(p.horizon, |a| a.from.max(a.to) as u32);
    within_horizon(&p, horizon)?;
    let mut s = Sweep::new(x, y, metric, p).map_err(|e| e.to_string())?;
    s.run_all(threads());
    Ok(match format {
        "csv" => cascade_lab::formats::csvw::sweep_grid_csv(&s),
        _ => s.to_json() + "\n",
    })
}

pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
