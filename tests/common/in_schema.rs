// Included by the tests that check a `Params` a link, a preset or a strategy produced
// (params_schema, link_codec, link_fuzz, sim_properties, web): it must be one the schema could
// have stored. The library has no such check: every write goes through `Spec::clamp`.

/// Every number as the schema stores it — equal to `spec.clamp` of itself, so finite, in its
/// range and at its kind's precision — and the interventions no more than the limit, each at a
/// finite time within the limits. `Err` names the first value that is not.
pub fn in_schema(p: &cascade_lab::sim::Params) -> Result<(), String> {
    use cascade_lab::sim::params::{IV_MAX_T, IV_MIN_T, MAX_INTERVENTIONS};
    for s in cascade_lab::sim::SPECS {
        let v = p.value(s.key);
        let stored = s.clamp(v);
        // `!=` is true for NaN too: NaN clamps to the default.
        if v != stored {
            return Err(format!("{}: {v:?} is stored as {stored:?}", s.key));
        }
    }
    if p.interventions.len() > MAX_INTERVENTIONS {
        return Err(format!("{} interventions, more than {MAX_INTERVENTIONS}", p.interventions.len()));
    }
    match p.interventions.iter().find(|i| !(IV_MIN_T..=IV_MAX_T).contains(&i.t_min)) {
        Some(i) => Err(format!("intervention {i:?} outside {IV_MIN_T}..={IV_MAX_T} min")),
        None => Ok(()),
    }
}
