//! `cascade link`: the share link for the parameters, with every view key a link can hold.

use crate::cli::*;
use cascade_lab::formats::link::LinkState;

/// View keys given as `--KEY VALUE`, written as the link's own keys.
pub const VALUE_KEYS: &[(&str, &str, &str)] = &[
    ("view", "FIGURE", "Which figure the link opens: full, diagram, charts, demand, visibility, access, fleet, timeline, followups, sweep, chapter"),
    ("t", "MIN", "The cursor, minutes after the agent lands (0.1 min precision, within the run)"),
    ("from", "MIN", "A window of the run: its start, minutes after T"),
    ("to", "MIN", "A window of the run: its end, minutes after T"),
    ("sx", "KEY=FROM..TO:STEPS[:log]", "The sweep view's x axis"),
    ("sy", "KEY=FROM..TO:STEPS[:log]", "The sweep view's y axis"),
    ("sm", "METRIC", "The sweep view's metric"),
    ("ch", "N", "The lesson chapter (1 – 8)"),
    ("cluster", "NAME", "The cluster the diagram shows (a name of the run's fleet)"),
    ("speed", "MIN/S", "Playback speed: 1, 2.5, 5, 10 or 20 minutes a second"),
    ("theme", "auto|light|dark", "The page's theme"),
    ("controls", "full|min|none", "Controls of an embedded view"),
];
/// View keys that are on or off, written as `KEY=1`.
pub const SWITCH_KEYS: &[(&str, &str)] = &[
    ("teach", "Spoiler-free: what happens next stays hidden"),
    ("lesson", "Open in lesson mode"),
    ("present", "Lesson present mode"),
    ("embed", "An embedded view"),
    ("autoplay", "Play on load (embedded)"),
];

pub fn link_cmd(m: &ArgMatches) -> Result<String, String> {
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE);
    let mut skip = vec!["base"];
    skip.extend(VALUE_KEYS.iter().map(|k| k.0));
    skip.extend(SWITCH_KEYS.iter().map(|k| k.0));
    let p = params_from(m, &skip)?;
    let mut view_query = String::new();
    let mut cluster = None;
    for (key, _, _) in VALUE_KEYS {
        let Some(v) = last_option(m, key, |_| Ok(()))? else { continue };
        if *key == "cluster" {
            let names = cascade_lab::sim::fleet::names(&p);
            let i = names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(v))
                .ok_or_else(|| format!("cluster: '{}' is not a cluster of the fleet ({})", clip(v), names.join(", ")))?;
            cluster = Some(i);
            continue;
        }
        view_query.push_str(&format!("&{}", form_urlencoded::Serializer::new(String::new()).append_pair(key, v).finish()));
    }
    for (key, _) in SWITCH_KEYS.iter().filter(|(k, _)| m.get_flag(k)) {
        view_query.push_str(&format!("&{key}=1"));
    }
    // The view keys are read by the link's own decoder, strictly: what it would adjust is bad
    // input here. The run (its fleet and plan too) decides where it starts and ends (for t,
    // from, to) and which cluster the diagram shows when none is named (the largest).
    let (decoded, notices) = LinkState::decode(&(LinkState::from_params(&p).to_query() + &view_query));
    if let Some(n) = notices.first() {
        return Err(format!("link: {}", n.0));
    }
    let mut link = LinkState::from_params(&p);
    link.t = decoded.t;
    link.view = decoded.view;
    if let Some(i) = cluster {
        link.view.cluster = i;
    }
    Ok(link.to_url(base) + "\n")
}
