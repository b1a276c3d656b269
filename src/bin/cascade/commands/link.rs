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
    let base =
        last_option(m, "base", |b| cascade_lab::formats::link::check_base(b).map_err(|e| e.to_string()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE);
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
        if matches!(*key, "sx" | "sy") {
            axis_cluster(&p, key, v)?;
        }
        view_query.push_str(&format!("&{}", form_urlencoded::Serializer::new(String::new()).append_pair(key, v).finish()));
    }
    for (key, _) in SWITCH_KEYS.iter().filter(|(k, _)| m.get_flag(k)) {
        view_query.push_str(&format!("&{key}=1"));
    }
    // The view keys are read by the link's own decoder, strictly: what it would adjust is bad
    // input here. The run (its fleet and plan too) decides where it starts and ends (for t,
    // from, to) and which cluster the diagram shows when none is named (the largest).
    // A link too long to read back is said as such, not as the decoder's first complaint.
    if let Some(why) = LinkState::from_params(&p).too_long() {
        return Err(format!("link: {why}"));
    }
    let (decoded, notices) = LinkState::decode(&(LinkState::from_params(&p).to_query() + &view_query));
    if let Some(n) = notices.first() {
        return Err(format!("link: {}", refused(&n.text)));
    }
    let mut link = LinkState::from_params(&p);
    link.t = decoded.t;
    link.view = decoded.view;
    if let Some(i) = cluster {
        link.view.cluster = i;
    }
    if let Some(why) = link.too_long() {
        return Err(format!("link: {why}"));
    }
    Ok(link.to_url(base) + "\n")
}

/// A sweep axis on one cluster (`cluster.NAME.FIELD=…`) names a cluster of the run's fleet.
fn axis_cluster(p: &cascade_lab::sim::Params, key: &str, v: &str) -> Result<(), String> {
    let axis_key = v.split_once('=').map_or(v, |(k, _)| k);
    let Some(rest) = axis_key.strip_prefix("cluster.") else { return Ok(()) };
    let name = rest.rsplit_once('.').map_or(rest, |(n, _)| n);
    let names = cascade_lab::sim::fleet::names(p);
    if names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return Ok(());
    }
    Err(format!("{key}: '{}' is not a cluster of the fleet ({})", clip(name), names.join(", ")))
}

/// The link decoder is lenient: its notice says what it adjusted ("moved to 360.", "using the
/// default."). Here the value is refused, so the notice says what was refused and what is valid.
fn refused(notice: &str) -> String {
    // "Cursor t=100000 is outside the run (-26 to 360 min); moved to 360."
    let notice = notice.trim_end_matches('.');
    let what = match notice.rsplit_once("; ") {
        Some((w, adjusted)) if ["moved", "using", "showing", "ignored", "the two were swapped", "dropped"].iter().any(|a| adjusted.starts_with(a)) => w,
        _ => notice,
    };
    if let Some(rest) = what.strip_prefix("Playback speed ") {
        let (value, tail) = rest.strip_prefix('\'').and_then(|r| r.split_once("' ")).unwrap_or_else(|| rest.split_once(' ').unwrap_or((rest, "")));
        return format!("--speed {} {}", clip(value), tail.replacen("min/s ", "", 1));
    }
    if let Some(rest) = what.strip_prefix("Sweep axes sx and sy both vary ") {
        return format!("--sx and --sy both vary {rest}");
    }
    // "Window from=10 to=10 is empty", "Window from=50 is after to=10".
    if let Some(rest) = what.strip_prefix("Window from=") {
        let rest = if rest.starts_with('\'') { rest.replacen('\'', "", 2) } else { rest.to_string() };
        let rest = rest.replace(" to=", " --to ");
        return format!("--from {}", rest.replace(" is empty", " is an empty window"));
    }
    // "Cursor t=30.05 was rounded to 30.1 (links keep 0.1 min)": the value has too many decimals.
    if let Some((head, _)) = what.split_once(" was rounded to ") {
        return format!("{} has more than one decimal (links keep 0.1 min)", refused(head).trim_end());
    }
    // Drop the decoder's label ("Cursor", "Sweep metric", "Chapter", "Window", "Sweep axis")
    // and write the flag: "--t 100000 is outside the run (-26 to 360 min)".
    let Some(eq) = what.find('=') else { return what.to_string() };
    let start = what[..eq].rfind(' ').map_or(0, |i| i + 1);
    let key = &what[start..eq];
    let rest = &what[eq + 1..];
    let (value, tail) = match rest.strip_prefix('\'') {
        Some(r) => match r.split_once("' ") {
            Some((v, t)) => (v, t),
            None => (r.trim_end_matches('\''), ""),
        },
        None => rest.split_once(' ').unwrap_or((rest, "")),
    };
    let tail = tail.replace("is not one of 0 – 9", "is not a chapter (0 – 9)").replace("should be", "is not");
    format!("--{key} {} {tail}", clip(value)).trim_end().to_string()
}
