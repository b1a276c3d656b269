// Test fleets for "every view works with any fleet" (issue 22): included by tests/native and
// benches/simulate.rs, so the suites and the benchmark run the same fleets.

/// 60 clusters (the most a fleet may hold), 80 to 6,000 nodes, in six waves with a staging
/// cluster in front of each of the first three, names from 4 to 32 characters: a fleet that
/// falls in part (the large ones), saturates in part and stays ok in part with the default agent.
#[allow(dead_code)]
pub fn fleet_sixty() -> cascade_lab::sim::fleet::Fleet {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    let regions = ["eu-west", "us-east", "ap-south", "sa-east", "eu-central-analytics-batch", "edge"];
    let clusters = (0..60u32)
        .map(|i| {
            let staging = i < 3;
            let region = regions[(i % 6) as usize];
            let name = if staging { format!("staging-{i}") } else { format!("{region}-{:02}", i) };
            // Sizes spread over 80–6,000 nodes, largest first within each region's run.
            let nodes = if staging { 300 + 200 * i } else { 80 + ((i * 37) % 57) * 104 };
            ClusterDesc {
                wave: if staging { 0 } else { 1 + i % 5 },
                staging,
                apiservers: (i % 7 == 0).then_some(7),
                seats: (i % 7 == 0).then_some(2_000),
                apiserver_mem_gb: (i % 7 == 0).then_some(256),
                ttl: (i % 11 == 0).then_some(60),
                ..ClusterDesc::new(&name, nodes.min(6_000))
            }
        })
        .collect();
    Fleet { clusters }
}

/// A fleet of one production cluster of 2,500 nodes.
#[allow(dead_code)]
pub fn fleet_one() -> cascade_lab::sim::fleet::Fleet {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    Fleet { clusters: vec![ClusterDesc::new("solo", 2_500)] }
}

/// Default parameters running `fleet` exactly as written.
#[allow(dead_code)]
pub fn with_fleet(fleet: cascade_lab::sim::fleet::Fleet) -> cascade_lab::sim::Params {
    let mut p = cascade_lab::sim::Params::default();
    assert_eq!(p.set_fleet(Some(fleet)), None);
    p
}
