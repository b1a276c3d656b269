//! `cascade params`: every parameter, as a list or docs/cli.md's table.

use crate::cli::*;

pub fn list_params() -> String {
    let mut out = String::from("parameters (--KEY VALUE; the same keys as share links):\n");
    for s in SPECS {
        out.push_str(&format!("  --{:<16} {:<34} default {:<12} {}\n", s.key, s.label, s.format(s.default), params::range_text(s)));
    }
    out.push_str(&format!("  --{:<16} {:<34} one of {}\n", "preset", "Scenario to start from", sim::PRESET_NAMES.join(", ")));
    out.push_str(&format!("  --{:<16} {:<34} e.g. 45:block,60:break_glass\n", "iv", "Interventions (minutes:action)"));
    out
}
