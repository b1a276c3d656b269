//! The causal diagram's typed state, read from traces of known runs.

use cascade_lab::sim::{simulate, EventKind, Params};
use cascade_lab::views::diagram::{DiagramState, Health, LeverKind, PartId};

const LARGEST: usize = 1;

fn at(p: &Params, t: f64, cluster: usize) -> DiagramState {
    DiagramState::at(&simulate(p), p, t, cluster)
}

fn health(d: &DiagramState, id: PartId) -> Health {
    d.part(id).unwrap_or_else(|| panic!("{id:?} missing")).health
}

#[test]
fn before_the_agent_lands_every_part_is_healthy_or_idle() {
    let d = at(&Params::default(), -20.0, LARGEST);
    for part in &d.parts {
        assert!(matches!(part.health, Health::Ok | Health::Idle), "{part:?}");
    }
    assert_eq!(health(&d, PartId::Customers), Health::Ok);
    assert!(d.caption.contains("large-a") && d.caption.contains("healthy"), "{}", d.caption);
    assert!(d.flows.iter().all(|f| !f.broken), "{:?}", d.flows);
}

#[test]
fn at_t_plus_30_the_largest_cluster_reads_failing_down_the_chain() {
    let d = at(&Params::default(), 30.0, LARGEST);
    assert_eq!(health(&d, PartId::ApiServers), Health::Failing);
    assert_eq!(health(&d, PartId::CoreDns), Health::Failing);
    assert_eq!(health(&d, PartId::Caches), Health::Failing);
    assert_eq!(health(&d, PartId::Customers), Health::Failing);
    let text = d.describe();
    assert!(text.contains("API servers: failing") && text.contains("CoreDNS: failing") && text.contains("Pods' DNS caches: failing"), "{text}");
    assert!(d.flows.iter().any(|f| f.from == PartId::ApiServers && f.to == PartId::CoreDns && f.broken), "sync drawn broken");
}

#[test]
fn caches_hide_the_failure_for_a_while() {
    // Two minutes after the control plane falls, caches still answer: the failure is hidden.
    let p = Params::default();
    let t = simulate(&p);
    let down = t.first(EventKind::ControlPlaneDown).unwrap().t_min;
    let d = DiagramState::at(&t, &p, down + 2.0, LARGEST);
    assert_eq!(health(&d, PartId::ApiServers), Health::Failing);
    assert_eq!(health(&d, PartId::Customers), Health::Ok, "{}", d.describe());
    assert_eq!(health(&d, PartId::Caches), Health::Strained, "{}", d.describe());
    assert!(d.caption.contains("still hold a cached answer"), "{}", d.caption);
}

#[test]
fn engineers_are_locked_out_until_access_and_through_after() {
    let p = Params::default();
    let t = simulate(&p);
    let access = t.first(EventKind::AccessRegained).unwrap().t_min;
    let before = DiagramState::at(&t, &p, access - 5.0, LARGEST);
    assert_eq!(health(&before, PartId::Engineers), Health::Failing);
    assert!(before.caption.contains("locked out"), "{}", before.caption);
    let after = DiagramState::at(&t, &p, access + 1.0, LARGEST);
    assert_eq!(health(&after, PartId::Engineers), Health::Ok);
    assert!(after.part(PartId::Engineers).unwrap().status.starts_with("through"));
}

#[test]
fn with_break_glass_the_admin_path_reads_through_once_access_is_regained() {
    let p = Params::preset("break-glass").unwrap();
    let t = simulate(&p);
    let access = t.first(EventKind::AccessRegained).unwrap();
    let d = DiagramState::at(&t, &p, access.t_min + 0.5, access.cluster.unwrap());
    assert!(d.part(PartId::BreakGlass).is_some());
    assert!(d.describe().contains("Engineers' kubectl: healthy (through"), "{}", d.describe());
    // Without break-glass there is no such path.
    assert!(at(&Params::default(), 10.0, LARGEST).part(PartId::BreakGlass).is_none());
}

#[test]
fn another_cluster_tells_another_story() {
    let p = Params::default();
    let t = simulate(&p);
    let large = DiagramState::at(&t, &p, 30.0, LARGEST);
    let small = DiagramState::at(&t, &p, 30.0, t.clusters.len() - 1);
    assert_ne!(large.caption, small.caption);
    assert!(small.caption.contains(&t.clusters[t.clusters.len() - 1].name));
    assert_eq!(health(&small, PartId::ApiServers), Health::Ok, "small clusters cope: {}", small.describe());
}

#[test]
fn levers_appear_when_they_act() {
    let p = Params::default();
    let t = simulate(&p);
    let shed = t.first(EventKind::LoadShedding).unwrap().t_min;
    let before = DiagramState::at(&t, &p, shed - 1.0, LARGEST);
    assert!(before.levers.iter().all(|l| !matches!(l.kind, LeverKind::ScaleDown | LeverKind::Block | LeverKind::ScaleUp)), "{:?}", before.levers);
    let texts = |t_min: f64| -> Vec<String> { DiagramState::at(&t, &p, t_min, LARGEST).levers.into_iter().map(|l| l.text).collect() };
    let shedding = texts(shed + 2.0);
    assert!(shedding.iter().any(|x| x.starts_with("Nodes scaled down")), "{shedding:?}");
    assert!(shedding.iter().any(|x| x.starts_with("API blocked")), "{shedding:?}");
    // Once the agent is gone, the crew lets traffic back in.
    let deleted = t.events.iter().find(|e| e.kind == EventKind::AgentDeleted && e.cluster == Some(LARGEST)).unwrap().t_min;
    let readmitting = texts(deleted + 10.0);
    assert!(readmitting.iter().any(|x| x.starts_with("Readmitting traffic")), "{readmitting:?}");
}

#[test]
fn traffic_swells_and_bounces_with_load() {
    let p = Params::default();
    let calm = at(&p, 5.0, 12); // the smallest cluster copes
    let storm = at(&p, 5.0, LARGEST);
    let edge = |d: &DiagramState| d.flows.iter().find(|f| f.from == PartId::Agents).unwrap().clone();
    assert!(edge(&storm).rate > edge(&calm).rate);
    assert!(edge(&storm).bounced > 0.5 && edge(&calm).bounced < 0.01);
}

#[test]
fn out_of_range_inputs_are_clamped_not_panics() {
    let p = Params::default();
    let t = simulate(&p);
    for (time, cluster) in [(f64::NAN, 0), (-1e9, 99), (1e9, usize::MAX)] {
        let d = DiagramState::at(&t, &p, time, cluster);
        assert!(d.cluster < t.clusters.len());
        assert!(!d.caption.is_empty());
    }
}

#[test]
fn every_box_text_fits_and_gauges_are_shares() {
    // The drawn boxes hold about 22 characters of status; longer text belongs in `status`.
    for preset in ["december-2024", "break-glass", "phased-rollout", "herd", "short-ttl", "staging"] {
        let p = Params::preset(preset).unwrap();
        let t = simulate(&p);
        for c in 0..t.clusters.len() {
            for i in (0..t.len).step_by(7) {
                let d = DiagramState::at(&t, &p, t.t_at(i), c);
                for part in &d.parts {
                    assert!(part.short.chars().count() <= 22, "{preset} {c} {}: '{}'", part.id.name(), part.short);
                    assert!((0.0..=1.0).contains(&part.gauge), "{preset} {c} {}: {}", part.id.name(), part.gauge);
                }
                for f in &d.flows {
                    assert!((0.0..=1.0).contains(&f.rate) && (0.0..=1.0).contains(&f.bounced), "{f:?}");
                }
            }
        }
    }
}

#[test]
fn the_rollout_reads_in_progress_then_finished_unhalted_and_stops_sending() {
    let p = Params::default();
    let t = simulate(&p);
    let rolling = DiagramState::at(&t, &p, -10.0, LARGEST);
    assert!(rolling.flows.iter().any(|f| f.from == PartId::Rollout && f.rate > 0.0));
    // December 2024: the rollout finished while production was already failing.
    let done = DiagramState::at(&t, &p, 20.0, LARGEST);
    let part = done.part(PartId::Rollout).unwrap();
    assert_eq!((part.health, part.short.as_str()), (Health::Strained, "finished, not halted"));
    assert!(done.flows.iter().all(|f| f.from != PartId::Rollout || f.rate == 0.0));
    // Recovered clusters say so, in the caption too.
    let late = DiagramState::at(&t, &p, 200.0, LARGEST);
    assert!(late.caption.contains("recovered"), "{}", late.caption);
}

#[test]
fn the_picture_agrees_with_the_event_log_between_samples() {
    // Access is regained at a 10 s step; samples are 30 s apart. At the event's own moment the
    // diagram already reads "through", not the sample before's "locked out".
    let p = Params::default();
    let t = simulate(&p);
    let e = t.events.iter().find(|e| e.kind == EventKind::AgentDeleted && e.cluster == Some(LARGEST)).unwrap();
    let d = DiagramState::at(&t, &p, e.t_min, LARGEST);
    assert!(d.part(PartId::Engineers).unwrap().status.starts_with("through"), "{}", d.describe());
    assert_eq!(d.t_min, e.t_min);
}

#[test]
fn between_samples_the_diagram_shows_only_what_is_known() {
    // A cursor just before customers first see errors must not read the next sample's values.
    let p = Params::default();
    let t = simulate(&p);
    let first = t.summary.first_customer_errors_min.unwrap();
    let d = DiagramState::at(&t, &p, first - 0.2, LARGEST);
    assert_ne!(health(&d, PartId::Customers), Health::Failing, "{}", d.describe());
    assert!(!d.caption.contains("customer requests fail"), "{}", d.caption);
    assert_eq!(health(&DiagramState::at(&t, &p, first, LARGEST), PartId::Customers), Health::Failing);
}

#[test]
fn a_recovering_cluster_says_so() {
    let p = Params::default();
    let t = simulate(&p);
    let i = (0..t.len).find(|&i| t.per_cluster[LARGEST].state[i] == cascade_lab::sim::ClusterState::Recovering).unwrap();
    let d = DiagramState::at(&t, &p, t.t_at(i), LARGEST);
    assert!(d.caption.contains("recovering"), "{}", d.caption);
}

/// The room a playing figure reserves (issue 21: a frame sized once never cuts the caption):
/// at every sample of every preset's run, on the clusters a lesson or an embed shows first,
/// the caption is no longer than the reserved one and each lever shown has a reserved slot at
/// least as long. Redacted, the reserve keeps its shape and names nothing.
#[test]
fn the_reserved_room_holds_every_caption_and_lever_of_the_run() {
    use cascade_lab::views::diagram::Reserved;
    let len = |s: &str| s.chars().count();
    for def in cascade_lab::sim::params::PRESETS {
        let p = Params::from_preset(def.preset);
        let t = simulate(&p);
        let largest = cascade_lab::sim::fleet::largest_index(&p);
        let mut shown = vec![largest, t.clusters.len() / 2];
        shown.dedup();
        for cluster in shown {
            let r = Reserved::of(&t, &p, cluster);
            let mut kinds: Vec<(LeverKind, usize)> = Vec::new();
            for i in 0..t.len {
                let d = DiagramState::at(&t, &p, t.t_at(i), cluster);
                assert!(len(&d.caption) <= len(&r.caption), "{} {cluster} at {}: {:?} longer than {:?}", def.preset.name(), t.t_at(i), d.caption, r.caption);
                for lv in d.levers {
                    let k = if lv.kind == LeverKind::Readmit { LeverKind::Block } else { lv.kind };
                    match kinds.iter_mut().find(|(kk, _)| *kk == k) {
                        Some((_, n)) => *n = (*n).max(len(&lv.text)),
                        None => kinds.push((k, len(&lv.text))),
                    }
                }
            }
            kinds.sort_by_key(|(k, _)| *k as u8);
            assert_eq!(r.levers.len(), kinds.len(), "{} {cluster}: one slot per lever kind shown", def.preset.name());
            for (text, (k, n)) in r.levers.iter().zip(&kinds) {
                assert!(len(text) >= *n, "{} {cluster}: {k:?} slot {text:?} shorter than {n}", def.preset.name());
            }
            let hidden = r.redacted();
            assert_eq!(len(&hidden.caption), len(&r.caption));
            assert!(!hidden.caption.contains(&t.clusters[cluster].name), "{}", hidden.caption);
        }
    }
}

/// Fresh-eyes review (issue 29): a cluster with DNS TTL 0 has no cache, yet the caption said
/// "46 % of clients still hold a cached answer", its card showed a cache share and its lane
/// "DNS caches empty". One definition (`model::caches_dns`) now tells every view.
#[test]
fn a_cluster_without_a_dns_cache_is_never_said_to_hold_or_empty_one() {
    use cascade_lab::formats::compact::fleet_from_text;
    use cascade_lab::views::lanes::{lanes, Mark};
    let mut p = Params::default();
    p.set_fleet(Some(fleet_from_text("1~big,7000,a5~nocache,3000,t0~small,1200").unwrap()));
    let t = simulate(&p);
    let nocache = t.clusters.iter().position(|c| c.name == "nocache").unwrap();
    assert!(!cascade_lab::sim::model::caches_dns(t.clusters[nocache].settings.ttl));
    let fell = t.clusters[nocache].fell_min.expect("the no-cache cluster falls");
    for dt in [0.5, 2.0, 10.0] {
        let d = DiagramState::at(&t, &p, fell + dt, nocache);
        assert!(!d.caption.contains("cached answer"), "T+{}: {}", fell + dt, d.caption);
    }
    let lane = &lanes(&t)[nocache];
    assert!(!lane.marks.iter().any(|(m, _)| *m == Mark::CachesEmpty), "{:?}", lane.marks);
    // A cluster with a cache still has its mark and its caption.
    let big = t.clusters.iter().position(|c| c.name == "big").unwrap();
    assert!(lanes(&t)[big].marks.iter().any(|(m, _)| *m == Mark::CachesEmpty));
}
/// Fresh-eyes review (issue 29): a described fleet of one wave under December's rollout lands
/// every cluster at T, yet the log said "Rollout starts T−21" while the diagram said "not
/// started", and the staging lane called its landing at T a trial "before the fleet's rollout".
#[test]
fn a_one_wave_fleet_starts_its_rollout_when_it_lands() {
    use cascade_lab::formats::compact::fleet_from_text;
    use cascade_lab::views::lanes::{lanes, Mark};
    let mut p = Params::default();
    p.set_fleet(Some(fleet_from_text("1~stage,80,g~big,7000~small,1200").unwrap()));
    let t = simulate(&p);
    assert!(t.clusters.iter().all(|c| c.landed_min == Some(0.0)), "one wave lands at T");
    let started = t.events.iter().find(|e| e.kind == EventKind::RolloutStarted).expect("it starts").t_min;
    assert_eq!(started, 0.0);
    let rollout = |tm: f64| at(&p, tm, 1).parts.iter().find(|x| x.id == PartId::Rollout).unwrap().short.clone();
    assert_eq!(rollout(-5.0), "not started");
    assert_ne!(rollout(3.0), "not started");
    let stage = &lanes(&t)[0];
    assert!(stage.staging && !stage.trial);
    assert_eq!(stage.mark_label(Mark::AgentLanded), "agent landed");
    // December's staging cluster is a trial before the fleet, and its rollout starts at T−21.
    let dec = simulate(&Params::default());
    assert!(lanes(&dec)[0].trial);
    assert_eq!(dec.events.iter().find(|e| e.kind == EventKind::RolloutStarted).unwrap().t_min, -21.0);
}
