//! `cascade bench`: re-simulation time by agent count, and a 32×32 sweep.

use super::sweep::threads;
use crate::cli::*;

/// A quick table for scripts/test.sh (well under a second); `cargo bench` (benches/simulate.rs)
/// measures the same cases with divan's statistics.
#[expect(clippy::disallowed_methods, reason = "a benchmark reads the clock: it times runs, it never feeds one")]
pub fn bench() -> String {
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
        let p = Params { agents, ..Params::default() };
        let (med, p90) = time(&p);
        let b = *base.get_or_insert(med);
        out.push_str(&format!(
            "  {:<28} median {med:.3} ms  p90 {p90:.3} ms  ({:.2}× the 100-agent run)\n",
            format!("{} agents", cascade_lab::text::group_thousands(agents as i64)),
            med / b
        ));
    }
    let sixty = cascade_lab::analysis::check::sixty_cluster_params();
    let (med, p90) = time(&sixty);
    out.push_str(&format!("  {:<28} median {med:.3} ms  p90 {p90:.3} ms\n", "60-cluster fleet"));
    // `cascade check` on docs/fleets/example-40.toml with margins, as the command runs it.
    let text = include_str!("../../../../docs/fleets/example-40.toml");
    let mut p40 = Params::default();
    if let Ok(f) = fleet_file::parse("example-40.toml", text) {
        let _ = f.apply(&mut p40, "example-40.toml");
    }
    let t0 = Instant::now();
    let c = cascade_lab::analysis::check::check(&p40, cascade_lab::analysis::check::Search::Margins, threads());
    let wall = t0.elapsed().as_secs_f64();
    out.push_str(&format!("  {:<28} wall {wall:.3} s  ({} threads, {} runs)\n", "check, 40 clusters, margins", threads(), c.runs));
    // One whole sweep, as `cascade sweep` runs it (summary-only runs on every core).
    let x = Axis::parse("agents=100..20000:32:log").expect("a valid axis");
    let y = Axis::parse("ttl=0..3600:32").expect("a valid axis");
    let metric = Metric::find("impact_min").expect("a metric");
    let mut s = Sweep::new(x, y, metric, d).expect("x and y differ");
    let t0 = Instant::now();
    s.run_all(threads());
    let wall = t0.elapsed().as_secs_f64();
    std::hint::black_box(s.range());
    out.push_str(&format!("  {:<28} wall {wall:.3} s  ({} threads, 1 run)\n", "sweep 32×32 (1,024 runs)", threads()));
    out
}
