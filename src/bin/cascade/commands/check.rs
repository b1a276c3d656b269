//! `cascade check`: every cluster's verdict and margins, with an exit status for CI.

use super::sweep::threads;
use crate::cli::*;
use cascade_lab::analysis::check;
use cascade_lab::formats::check_report;

/// `cascade check --help`: the verdicts are `Verdict`'s names and `--band`'s ranges are
/// `band::ASSUMED`'s values, read from the tables the check uses (`tests/native/cli.rs` checks).
pub fn check_help() -> String {
    use cascade_lab::analysis::band::ASSUMED;
    use cascade_lab::sim::Verdict;
    let ranges: Vec<String> = ASSUMED.iter().map(|a| format!("{} {}", a.key, a.values.iter().map(|v| a.label(v)).collect::<Vec<_>>().join(", "))).collect();
    let [ok, saturated, looping, fell] =
        [Verdict::Ok, Verdict::Saturated { at_min: 0.0 }, Verdict::CrashLooping { at_min: 0.0 }, Verdict::Fell { at_min: 0.0 }].map(Verdict::name);
    format!(
        "\
Runs the fleet once and prints each cluster's verdict — {ok}, {saturated} (429s over 1 % or
an API server restarting), {looping} (its API server replicas OOM-restarting, under 90 %
up for a minute, while those up still serve) or {fell} (under 50 % of requests served) — with
the moment, and each cluster's margins: the agent cost at which it would fall or begin crash-looping
(whole runs, bisected on three-significant-figure values from 0.1 to 10), the poll interval at
which it would (whole seconds, 10 to 300, each a run: cost and poll act only as their ratio, so
the search starts at poll × cost ÷ the cost margin) and its node count at which it would (that
cluster's nodes only, 1 to 100,000). Beside them: the assumptions that decide the verdicts, what
each verdict depends on most, and how the agent's load on the largest cluster is derived.
--no-margins prints the verdicts alone (one run).

--band repeats the node margin with one assumption at a time over its plausible range (×
multiplies every cluster's own value):
  {}
\"falls between 2,300 and 2,700 nodes\" per cluster and assumption. It takes longer (a few
seconds for 40 clusters on 2 cores).

Exit status (JSON carries 0, 1 or 3 as `exit`):
  0  clean (also when the reader of the output goes away, as with `| head`)
  1  a cluster falls or crash-loops
  3  a cluster only saturates, with --fail-on saturate (with the default --fail-on fall it
     exits 0 and the text says it saturates)
  2  bad input (a flag, a fleet file): one line on stderr naming it
  4  the output could not be written (also when there is no standard output, as with `>&-`)",
        ranges.join("\n  ")
    )
}

pub fn check_cmd(m: &ArgMatches) -> Result<(String, u8), String> {
    let format = format_option(m, &["text", "json", "csv"], "text")?;
    let fail_on = last_option(m, "fail-on", |v| {
        if v == "fall" || v == "saturate" {
            Ok(())
        } else {
            Err(format!("fail-on: '{}' is not allowed; valid: one of fall, saturate", clip(v)))
        }
    })?
    .unwrap_or("fall");
    let band = m.get_flag("band");
    let margins = if m.get_flag("no-margins") { check::Search::VerdictsOnly } else { check::Search::Margins };
    if band && format == "csv" {
        return Err("band: --band has no CSV form (one row per cluster); use --format text or json".into());
    }
    let p = params_from(m, &["format", "fail-on", "band", "no-margins"])?;
    let fail_on_saturate = fail_on == "saturate";
    let c = check::check(&p, margins, threads());
    let rows = band.then(|| cascade_lab::analysis::band::band(&p, threads()).0);
    let out = match format {
        "json" => check_report::to_json(&p, &c, fail_on_saturate, rows.as_deref()),
        "csv" => check_report::to_csv(&c),
        _ => check_report::to_text(&p, &c, fail_on_saturate, rows.as_deref()),
    };
    Ok((out, check_report::exit_code(&c, fail_on_saturate)))
}
