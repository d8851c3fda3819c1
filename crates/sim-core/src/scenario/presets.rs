//! Built-in scenarios that follow the chapter. Each is an ordinary document, built here with the same edits a user
//! would make, so a preset can never be something the editor could not produce.

use super::{Edit, Scenario};
use crate::id::NodeId;
use crate::model::{ComponentConfig, ComponentKind, Region};

#[path = "challenges.rs"]
mod challenges;

/// A preset's id (used on the command line and in links) and title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetInfo {
    /// Stable id, e.g. `"three_tier"`.
    pub id: &'static str,
    /// Title for menus.
    pub title: &'static str,
}

/// Every preset, in chapter order.
pub const ALL: &[PresetInfo] = &[
    PresetInfo {
        id: "single_server",
        title: "Single server",
    },
    PresetInfo {
        id: "separate_db",
        title: "Web server and database on their own machines",
    },
    PresetInfo {
        id: "three_tier",
        title: "Load balancer + two web servers + database",
    },
    PresetInfo {
        id: "replication",
        title: "Primary database with read replicas",
    },
    PresetInfo {
        id: "cache",
        title: "Cache in front of the database",
    },
    PresetInfo {
        id: "cdn",
        title: "CDN for static files",
    },
    PresetInfo {
        id: "stateless",
        title: "Stateless web tier with a session store",
    },
    PresetInfo {
        id: "two_regions",
        title: "Two data centers with GeoDNS",
    },
    PresetInfo {
        id: "queue",
        title: "Message queue and workers",
    },
    PresetInfo {
        id: "sharding",
        title: "Sharding by user id",
    },
    PresetInfo {
        id: "millions",
        title: "Millions of users: all of it",
    },
];

/// The preset with this id, or `None`.
#[must_use]
pub fn get(id: &str) -> Option<Scenario> {
    match id {
        "single_server" => Some(single_server()),
        "separate_db" => Some(separate_db()),
        "three_tier" => Some(three_tier()),
        "replication" => Some(replication()),
        "cache" => Some(cache()),
        "cdn" => Some(cdn()),
        "stateless" => Some(stateless()),
        "two_regions" => Some(two_regions()),
        "queue" => Some(queue()),
        "sharding" => Some(sharding()),
        "millions" => Some(millions()),
        _ => None,
    }
}

struct Builder(Scenario);

impl Builder {
    fn new(name: &str, description: &str) -> Self {
        Builder(Scenario {
            name: name.to_owned(),
            description: description.to_owned(),
            ..Scenario::default()
        })
    }
    fn add(&mut self, kind: ComponentKind, label: &str, x: f64, y: f64) -> NodeId {
        let id = self
            .0
            .apply(Edit::AddNode { kind, x, y })
            .expect("preset node")
            .added
            .expect("new id");
        self.0
            .apply(Edit::SetLabel {
                node: id,
                label: label.to_owned(),
            })
            .expect("preset label");
        id
    }
    fn set(&mut self, node: NodeId, field: &str, value: f64) {
        self.0
            .apply(Edit::SetNumber {
                node,
                field: field.to_owned(),
                value,
            })
            .expect("preset setting in range");
    }
    fn choose(&mut self, node: NodeId, field: &str, option: &str) {
        self.0
            .apply(Edit::SetChoice {
                node,
                field: field.to_owned(),
                option: option.to_owned(),
            })
            .expect("preset choice");
    }
    fn region(&mut self, node: NodeId, region: Region) {
        self.0
            .apply(Edit::SetRegion { node, region })
            .expect("preset region");
    }
    fn connect(&mut self, from: NodeId, to: NodeId) {
        self.0
            .apply(Edit::Connect { from, to })
            .expect("preset connection");
    }
}

fn single_server() -> Scenario {
    let mut b = Builder::new(
        "Single server",
        "Everything runs on one machine: the web app and the database share its workers. Users find it through DNS. \
         Simple, but if this one server dies the site is down, and it can only grow as big as one machine.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 200.0);
    let dns = b.add(ComponentKind::Dns, "DNS", 260.0, 80.0);
    let server = b.add(ComponentKind::WebServer, "Server", 480.0, 200.0);
    b.set(users, "arrival_rate_per_s", 200.0);
    b.choose(server, "embedded_database", "yes");
    b.set(server, "service_time_ms", 12.0);
    b.connect(users, dns);
    b.connect(dns, server);
    b.0.challenge = Some(challenges::single_server(&b.0));
    b.0
}

fn separate_db() -> Scenario {
    let mut b = Builder::new(
        "Web server and database on their own machines",
        "The database moves to a machine of its own, so web traffic and database work no longer compete for the \
         same CPU, and each tier can now be sized and grown on its own. But there are still two single points of \
         failure: kill either machine and the site is down.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 200.0);
    let dns = b.add(ComponentKind::Dns, "DNS", 260.0, 80.0);
    let web = b.add(ComponentKind::WebServer, "Web server", 480.0, 200.0);
    let db = b.add(ComponentKind::Database, "Database", 700.0, 200.0);
    b.set(users, "arrival_rate_per_s", 400.0);
    // A limit the normal run never reaches (about 1 query open on average): the slowdown experiment hits it.
    b.set(db, "max_connections", 100.0);
    b.connect(users, dns);
    b.connect(dns, web);
    b.connect(web, db);
    b.0.challenge = Some(challenges::separate_db(&b.0));
    b.0
}

fn three_tier() -> Scenario {
    let mut b = Builder::new(
        "Load balancer + two web servers + database",
        "A load balancer spreads users over two web servers that share one database. Kill a web server: the load \
         balancer keeps sending it requests until its health check notices, then the other server carries the \
         traffic.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 220.0);
    let dns = b.add(ComponentKind::Dns, "DNS", 220.0, 80.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 260.0, 220.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 480.0, 120.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 480.0, 320.0);
    let db = b.add(ComponentKind::Database, "Database", 700.0, 220.0);
    b.set(users, "arrival_rate_per_s", 600.0);
    b.connect(users, dns);
    b.connect(dns, lb);
    b.connect(lb, web1);
    b.connect(lb, web2);
    b.connect(web1, db);
    b.connect(web2, db);
    debug_assert!(matches!(
        b.0.node(db).map(|n| &n.config),
        Some(ComponentConfig::Database(_))
    ));
    b.0.challenge = Some(challenges::three_tier(&b.0));
    b.0
}

fn replication() -> Scenario {
    let mut b = Builder::new(
        "Primary database with read replicas",
        "Most traffic reads. The primary takes every write and ships it to two read replicas, which serve the \
         reads. Replication is asynchronous: a replica lags the primary, so a read can miss a write that just \
         happened. Kill the primary: writes fail until the failover timeout, then the most up-to-date replica is \
         promoted, and the writes it had not yet received are lost.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 220.0);
    let dns = b.add(ComponentKind::Dns, "DNS", 220.0, 80.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 260.0, 220.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 480.0, 120.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 480.0, 320.0);
    let primary = b.add(ComponentKind::Database, "Primary", 700.0, 220.0);
    let r1 = b.add(ComponentKind::Replica, "Replica 1", 920.0, 120.0);
    let r2 = b.add(ComponentKind::Replica, "Replica 2", 920.0, 320.0);
    b.set(users, "arrival_rate_per_s", 800.0);
    b.set(users, "read_fraction", 0.9);
    b.set(primary, "replication_lag_ms", 300.0);
    let edges = [
        (users, dns),
        (dns, lb),
        (lb, web1),
        (lb, web2),
        (web1, primary),
        (web2, primary),
        (primary, r1),
        (primary, r2),
    ];
    for (from, to) in edges {
        b.connect(from, to);
    }
    b.0.challenge = Some(challenges::replication(&b.0));
    b.0
}

fn cache() -> Scenario {
    let mut b = Builder::new(
        "Cache in front of the database",
        "Most reads ask for a few popular items. A read-through cache keeps them in memory: a hit skips the \
         database, a miss reads the database and keeps a copy. Watch the hit ratio, then flush the cache and see \
         the database take every read while the cache warms up again.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 220.0);
    let dns = b.add(ComponentKind::Dns, "DNS", 220.0, 80.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 260.0, 220.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 480.0, 120.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 480.0, 320.0);
    let cache = b.add(ComponentKind::Cache, "Cache", 700.0, 220.0);
    let db = b.add(ComponentKind::Database, "Database", 920.0, 220.0);
    b.set(users, "arrival_rate_per_s", 1_200.0);
    b.set(users, "read_fraction", 0.95);
    b.set(users, "alpha", 1.0);
    b.set(cache, "capacity_entries", 1_000.0);
    b.set(db, "workers", 4.0);
    b.set(db, "read_time_ms", 3.0);
    for (from, to) in [
        (users, dns),
        (dns, lb),
        (lb, web1),
        (lb, web2),
        (web1, cache),
        (web2, cache),
        (cache, db),
    ] {
        b.connect(from, to);
    }
    b.0.challenge = Some(challenges::cache(&b.0));
    b.0
}

fn cdn() -> Scenario {
    let mut b = Builder::new(
        "CDN for static files",
        "Most of what a page loads is static: images, scripts, styles. A CDN keeps copies on edge servers near the \
         users, so those files arrive in a few milliseconds and never reach your servers. Kill the CDN: browsers \
         fall back to your servers, which get slower and busier. Deploy new files: without versioned file names \
         the edges keep serving the old ones until they expire.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 260.0);
    let cdn = b.add(ComponentKind::Cdn, "CDN", 240.0, 80.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 240.0, 300.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 460.0, 200.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 460.0, 400.0);
    let db = b.add(ComponentKind::Database, "Database", 680.0, 300.0);
    b.set(users, "arrival_rate_per_s", 1_000.0);
    b.set(users, "static_fraction", 0.6);
    b.set(cdn, "ttl_s", 120.0);
    for (from, to) in [
        (users, cdn),
        (users, lb),
        (cdn, lb),
        (lb, web1),
        (lb, web2),
        (web1, db),
        (web2, db),
    ] {
        b.connect(from, to);
    }
    b.0.challenge = Some(challenges::cdn(&b.0));
    b.0
}

fn stateless() -> Scenario {
    let mut b = Builder::new(
        "Stateless web tier with a session store",
        "Users log in. Each web server keeps no session of its own: it reads it from a shared session store, so \
         any server can serve any user and losing a web server logs nobody out. Try keeping sessions in the \
         servers' memory instead (inspector: 'User sessions live'): round robin then logs users out all the time, \
         and sticky sessions only until a server dies. Kill the session store to see everyone logged out.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 220.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 240.0, 220.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 460.0, 120.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 460.0, 320.0);
    let store = b.add(ComponentKind::SessionStore, "Session store", 700.0, 60.0);
    let db = b.add(ComponentKind::Database, "Database", 700.0, 260.0);
    b.set(users, "arrival_rate_per_s", 600.0);
    for web in [web1, web2] {
        b.choose(web, "sessions", "session_store");
        b.connect(lb, web);
        b.connect(web, store);
        b.connect(web, db);
    }
    b.connect(users, lb);
    b.0.challenge = Some(challenges::stateless(&b.0));
    b.0
}

fn two_regions() -> Scenario {
    let mut b = Builder::new(
        "Two data centers with GeoDNS",
        "Users in America and Europe. GeoDNS answers each with the nearest data center, so pages are served \
         nearby. The database lives in US-East with a replica in EU-West that Europe reads; only Europe's writes \
         cross the ocean. Take US-East down: writes fail until the European replica is promoted, GeoDNS notices \
         after a few health checks, and American users move to Europe as their cached DNS answers expire — slower, \
         but served.",
    );
    let dns = b.add(ComponentKind::Dns, "GeoDNS", 260.0, 20.0);
    b.choose(dns, "geo_routing", "yes");
    b.set(dns, "ttl_s", 60.0);
    let mut primary = None;
    for (row, region, name) in [(0.0, Region::UsEast, "US"), (300.0, Region::EuWest, "EU")] {
        let users = b.add(
            ComponentKind::Client,
            &format!("{name} users"),
            40.0,
            140.0 + row,
        );
        let lb = b.add(
            ComponentKind::LoadBalancer,
            &format!("{name} load balancer"),
            260.0,
            140.0 + row,
        );
        let web1 = b.add(
            ComponentKind::WebServer,
            &format!("{name} web 1"),
            480.0,
            90.0 + row,
        );
        let web2 = b.add(
            ComponentKind::WebServer,
            &format!("{name} web 2"),
            480.0,
            200.0 + row,
        );
        b.set(users, "arrival_rate_per_s", 400.0);
        let db = match primary {
            None => b.add(ComponentKind::Database, "Primary (US)", 700.0, 140.0 + row),
            Some(_) => b.add(ComponentKind::Replica, "Replica (EU)", 700.0, 140.0 + row),
        };
        for node in [users, lb, web1, web2, db] {
            b.region(node, region);
        }
        for (from, to) in [(users, dns), (dns, lb), (lb, web1), (lb, web2)] {
            b.connect(from, to);
        }
        let primary_db = *primary.get_or_insert(db);
        b.connect(web1, primary_db);
        b.connect(web2, primary_db);
        if primary_db != db {
            b.connect(primary_db, db);
        }
    }
    b.0.challenge = Some(challenges::two_regions(&b.0));
    b.0
}

fn queue() -> Scenario {
    let mut b = Builder::new(
        "Message queue and workers",
        "One request in ten starts a slow job (half a second: sending an email, resizing a photo). Web servers \
         publish jobs to a queue and answer at once; workers take them from the queue. Kill the workers: the \
         backlog grows but the site stays fast, and the jobs are done when the workers return. Remove the queue \
         and the web servers must do the jobs themselves.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 220.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 240.0, 220.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 460.0, 120.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 460.0, 320.0);
    let db = b.add(ComponentKind::Database, "Database", 700.0, 320.0);
    let queue = b.add(ComponentKind::MessageQueue, "Job queue", 700.0, 100.0);
    let workers = b.add(ComponentKind::Workers, "Workers", 920.0, 100.0);
    b.set(users, "arrival_rate_per_s", 400.0);
    b.set(users, "job_fraction", 0.1);
    b.set(workers, "min_workers", 24.0);
    b.set(workers, "max_workers", 40.0);
    b.set(workers, "target_backlog_per_worker", 5.0);
    b.set(workers, "warm_up_s", 20.0);
    for web in [web1, web2] {
        b.connect(lb, web);
        b.connect(web, queue);
        b.connect(web, db);
    }
    b.connect(users, lb);
    b.connect(queue, workers);
    b.0.challenge = Some(challenges::queue(&b.0));
    b.0
}

fn sharding() -> Scenario {
    let mut b = Builder::new(
        "Sharding by user id",
        "The data no longer fits one database, so a shard router splits it by user id over four shards with \
         consistent hashing. Watch the per-shard load and key counts. A fifth database stands by: 'Add shard' \
         brings it in and copies the keys that move. Try ranges instead of hashing to see a hotspot, or give one \
         celebrity a large share of the traffic.",
    );
    let users = b.add(ComponentKind::Client, "Users", 40.0, 260.0);
    let lb = b.add(ComponentKind::LoadBalancer, "Load balancer", 240.0, 260.0);
    let web1 = b.add(ComponentKind::WebServer, "Web 1", 460.0, 160.0);
    let web2 = b.add(ComponentKind::WebServer, "Web 2", 460.0, 360.0);
    let router = b.add(ComponentKind::ShardRouter, "Shard router", 680.0, 260.0);
    b.set(users, "arrival_rate_per_s", 2_000.0);
    b.set(users, "key_count", 100_000.0);
    b.set(router, "active_shards", 4.0);
    b.set(router, "migration_keys_per_s", 2_000.0);
    for web in [web1, web2] {
        b.set(web, "workers", 16.0);
        b.connect(lb, web);
        b.connect(web, router);
    }
    b.connect(users, lb);
    // Shard 5 stands by (the router uses 4) until "Add shard"; the canvas says "standby" while it holds no keys,
    // so the label does not go on saying so after it joins.
    for (i, y) in [40.0, 150.0, 260.0, 370.0, 480.0].into_iter().enumerate() {
        let shard = b.add(
            ComponentKind::Database,
            &format!("Shard {}", i + 1),
            900.0,
            y,
        );
        b.connect(router, shard);
    }
    b.0.challenge = Some(challenges::sharding(&b.0));
    b.0
}

fn millions() -> Scenario {
    let mut b = Builder::new(
        "Millions of users: all of it",
        "Everything in the chapter together. GeoDNS sends American and European users to their own data center; a \
         CDN serves the static files. Each data center has all it needs to serve anyone on its own: a load \
         balancer over an autoscaling group of stateless web servers with a session store, a cache, a shard router \
         over the database sharded by user id, and a message queue with workers for slow jobs. The shards' \
         primaries are in US-East, each with a replica in EU-West that Europe reads from and that is promoted if \
         US-East is lost. Break any part of it and see what still works.",
    );
    let dns = b.add(ComponentKind::Dns, "GeoDNS", 300.0, 0.0);
    b.choose(dns, "geo_routing", "yes");
    b.set(dns, "ttl_s", 60.0);
    let cdn = b.add(ComponentKind::Cdn, "CDN", 40.0, 0.0);
    let mut origin = None;
    let mut routers = Vec::new();
    for (row, region, name, rate) in [
        (0.0, Region::UsEast, "US", 6_000.0),
        (420.0, Region::EuWest, "EU", 4_000.0),
    ] {
        let users = b.add(
            ComponentKind::Client,
            &format!("{name} users"),
            40.0,
            180.0 + row,
        );
        b.set(users, "arrival_rate_per_s", rate);
        b.set(users, "users", 100_000.0);
        b.set(users, "key_count", 100_000.0);
        b.set(users, "static_fraction", 0.5);
        b.set(users, "job_fraction", 0.02);
        let lb = b.add(
            ComponentKind::LoadBalancer,
            &format!("{name} load balancer"),
            260.0,
            180.0 + row,
        );
        let web = b.add(
            ComponentKind::WebServer,
            &format!("{name} web servers"),
            480.0,
            180.0 + row,
        );
        b.choose(web, "sessions", "session_store");
        b.set(web, "min_instances", 5.0);
        b.set(web, "max_instances", 20.0);
        b.set(web, "warm_up_s", 30.0);
        b.set(web, "cooldown_s", 30.0);
        let store = b.add(
            ComponentKind::SessionStore,
            &format!("{name} sessions"),
            700.0,
            60.0 + row,
        );
        let cache = b.add(
            ComponentKind::Cache,
            &format!("{name} cache"),
            700.0,
            180.0 + row,
        );
        b.set(cache, "capacity_entries", 20_000.0);
        let router = b.add(
            ComponentKind::ShardRouter,
            &format!("{name} shard router"),
            920.0,
            180.0 + row,
        );
        b.set(router, "active_shards", 4.0);
        let queue = b.add(
            ComponentKind::MessageQueue,
            &format!("{name} job queue"),
            700.0,
            300.0 + row,
        );
        let workers = b.add(
            ComponentKind::Workers,
            &format!("{name} workers"),
            920.0,
            300.0 + row,
        );
        b.set(workers, "min_workers", 40.0);
        b.set(workers, "max_workers", 120.0);
        b.set(workers, "target_backlog_per_worker", 5.0);
        b.set(workers, "warm_up_s", 20.0);
        for node in [users, lb, web, store, cache, router, queue, workers] {
            b.region(node, region);
        }
        let edges = [
            (users, dns),
            (users, cdn),
            (dns, lb),
            (lb, web),
            (web, store),
            (web, cache),
            (web, queue),
            (cache, router),
            (queue, workers),
        ];
        for (from, to) in edges {
            b.connect(from, to);
        }
        origin.get_or_insert(lb);
        routers.push(router);
    }
    b.connect(cdn, origin.expect("an origin"));
    for i in 0..4 {
        let y = 60.0 + 100.0 * f64::from(i);
        let shard = b.add(
            ComponentKind::Database,
            &format!("Shard {}", i + 1),
            1160.0,
            y,
        );
        let replica = b.add(
            ComponentKind::Replica,
            &format!("Shard {} replica (EU)", i + 1),
            1380.0,
            y + 420.0,
        );
        b.region(shard, Region::UsEast);
        b.region(replica, Region::EuWest);
        for &router in &routers {
            b.connect(router, shard);
        }
        b.connect(shard, replica);
    }
    // What the site promises its users, judged over any rolling minute (the lesson's experiments break it).
    b.0.slos = vec![super::Slo {
        availability_min: Some(0.999),
        latency_ms_p99_max: Some(500.0),
        window_s: 60,
    }];
    b.0.challenge = Some(challenges::millions(&b.0));
    b.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_listed_ids_resolve() {
        for p in ALL {
            let s = get(p.id).expect("preset");
            assert!(s.validate().is_empty(), "{}: {:?}", p.id, s.validate());
            assert_eq!(s.name, p.title);
        }
        assert!(get("nope").is_none());
    }
}
