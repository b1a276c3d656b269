//! `cargo bench`: how long a re-simulation takes (the app re-simulates on every slider move).
//! The agent counts span four decades to show that the cost does not grow with the fleet: the
//! model keeps aggregate state per cluster, not per agent. `cascade bench` prints a quick table
//! of the same cases.

use cascade_lab::sim::{simulate, Params};
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// The 6-hour December 2024 default, as the app runs it on load.
#[divan::bench]
fn default_run(bencher: Bencher) {
    let p = Params::default();
    bencher.bench_local(|| simulate(black_box(&p)));
}

/// The default run at each agent count.
#[divan::bench(args = [100, 1_000, 10_000, 100_000])]
fn agents(bencher: Bencher, agents: u32) {
    let p = Params { agents, ..Params::default() };
    bencher.bench_local(|| simulate(black_box(&p)));
}

/// A described fleet of 60 clusters (the most a fleet holds; issue 22's target: ≤ 10 ms).
#[divan::bench]
fn sixty_clusters(bencher: Bencher) {
    let p = cascade_lab::analysis::check::sixty_cluster_params();
    bencher.bench_local(|| simulate(black_box(&p)));
}
