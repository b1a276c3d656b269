//! `cascade run`: one run, as text, JSON or CSV.

use crate::cli::*;

pub fn run_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["json", "csv", "text"], "text")?;
    let p = params_from(m, &["format"])?;
    let trace = sim::simulate(&p);
    Ok(match format {
        "json" => report::to_json(&p, &trace) + "\n",
        "csv" => cascade_lab::formats::csvw::trace_csv(&trace, None, None),
        _ => report::to_text(&p, &trace),
    })
}
