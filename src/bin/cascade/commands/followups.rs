//! `cascade followups`: each postmortem follow-up applied alone to the run.

use crate::cli::*;

pub const FOLLOWUPS_HELP: &str = "\
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

pub fn followups_cmd(m: &ArgMatches) -> Result<String, String> {
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
