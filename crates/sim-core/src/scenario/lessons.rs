//! The chapter as a guided path: one lesson per preset, in chapter order. A lesson says what this step of the
//! design adds and why, what to watch while it runs, and offers experiments — one-click faults and tier actions
//! on named nodes ("kill the primary", "flush the cache", "add a shard", "take US-East down").
//!
//! Lessons are data; the app draws them and turns an experiment into a fault injected into the running
//! simulation (recorded in the document like a click, so a shared link replays it). Experiments name their node by
//! label, so they keep working on a user's copy as long as the node keeps its name; [`Experiment::target`] says
//! when it does not.

use super::{FaultAction, Scenario};
use crate::id::NodeId;

/// One button of a lesson: `action` on the node labelled `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Experiment {
    /// Button text, an imperative ("Kill the primary").
    pub title: &'static str,
    /// What it does to the node.
    pub action: FaultAction,
    /// The label of the node it acts on (exact match).
    pub target: &'static str,
    /// One sentence: what to look for after pressing it.
    pub expect: &'static str,
}

impl Experiment {
    /// The node this experiment acts on in `doc`, or `None` when no node carries that label any more.
    #[must_use]
    pub fn target(&self, doc: &Scenario) -> Option<NodeId> {
        doc.nodes
            .iter()
            .find(|n| n.label == self.target)
            .map(|n| n.id)
    }
}

/// A chart of the metrics panel, as a lesson names it in [`Lesson::charts`] (the app keeps these in view first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chart {
    /// Completed requests per second.
    Throughput,
    /// p50 / p95 / p99 latency, ms.
    Latency,
    /// Failed requests per second by cause.
    Errors,
    /// Read-through cache hit ratio, %.
    CacheHitRatio,
    /// CDN hit ratio, %.
    CdnHitRatio,
    /// Replication lag of the writes shipped to read replicas (mean and max, ms), and the writes not yet applied.
    ReplicationLag,
    /// Jobs waiting in the message queue.
    QueueBacklog,
    /// Mean job wait (ms) and worker utilization (%) of the message queues' workers.
    Jobs,
    /// Requests per second to each shard of a shard router (bars).
    ShardLoad,
    /// Cost of every node together, USD per hour.
    Cost,
    /// Share of the requests answered in each second that were answered successfully, %.
    Availability,
    /// Reads served by read replicas before they applied the reading user's own latest write, per second (shown
    /// when a primary sets `read_your_writes_s`).
    StaleOwnReads,
}

impl Chart {
    /// Every chart, in the panel's default order.
    pub const ALL: [Chart; 12] = [
        Chart::Throughput,
        Chart::Latency,
        Chart::Errors,
        Chart::CacheHitRatio,
        Chart::CdnHitRatio,
        Chart::ReplicationLag,
        Chart::StaleOwnReads,
        Chart::QueueBacklog,
        Chart::Jobs,
        Chart::ShardLoad,
        Chart::Cost,
        Chart::Availability,
    ];

    /// Stable id for CSS, tests and `data-chart` attributes, e.g. `"replication_lag"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Chart::Throughput => "throughput",
            Chart::Latency => "latency",
            Chart::Errors => "errors",
            Chart::CacheHitRatio => "cache_hit_ratio",
            Chart::CdnHitRatio => "cdn_hit_ratio",
            Chart::ReplicationLag => "replication_lag",
            Chart::QueueBacklog => "queue_backlog",
            Chart::ShardLoad => "shard_load",
            Chart::Cost => "cost",
            Chart::Jobs => "jobs",
            Chart::Availability => "availability",
            Chart::StaleOwnReads => "stale_own_reads",
        }
    }
}

/// One step of the chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The preset this lesson opens (`presets::ALL` id).
    pub preset: &'static str,
    /// The idea of this step, a few words ("Replicate the database").
    pub headline: &'static str,
    /// Paragraphs: what the design adds, and the problem it solves or leaves.
    pub explain: &'static [&'static str],
    /// What to watch on the canvas and the charts.
    pub watch: &'static str,
    /// The charts `watch` talks about, most important first, at most [`Lesson::CHARTS_MAX`]: the app shows them
    /// before any other, and an embed in an 800 px frame has room for two.
    pub charts: &'static [Chart],
    /// The experiments, most telling first.
    pub experiments: &'static [Experiment],
}

const fn x(
    title: &'static str,
    action: FaultAction,
    target: &'static str,
    expect: &'static str,
) -> Experiment {
    Experiment {
        title,
        action,
        target,
        expect,
    }
}

/// Every lesson, in chapter order (the same order as `presets::ALL`).
pub const ALL: &[Lesson] = &[
    Lesson {
        preset: "single_server",
        headline: "Start with one server",
        explain: &[
            "A user's browser asks DNS for the site's address, then sends its requests to one machine that runs \
             both the web application and the database.",
            "It is the simplest thing that works. It fails in two ways: it can only grow as big as one machine \
             (vertical scaling has a hard top), and when it dies the whole site is gone.",
        ],
        watch: "The server's utilization bar and p99 latency. Raise the users' request rate until the queue grows.",
        charts: &[Chart::Latency, Chart::Throughput],
        experiments: &[x(
            "Kill the server",
            FaultAction::Kill,
            "Server",
            "Every request fails: there is nothing else to answer.",
        )],
    },
    Lesson {
        preset: "separate_db",
        headline: "Give the database its own machine",
        explain: &[
            "Web traffic and the database now run on separate servers, so each tier can be sized on its own and \
             one cannot starve the other of CPU.",
            "It is still fragile: either machine is a single point of failure (the canvas tags both SPOF).",
            "A database accepts only so many connections at once: this one 100 (its max connections), far more \
             than it needs while it is fast. When it slows down, queries pile up to that limit and the next ones \
             are refused at once: a fast, honest error instead of a line that grows until every request waits.",
        ],
        watch: "Both machines' utilization; the SPOF tags.",
        charts: &[Chart::Errors, Chart::Throughput],
        experiments: &[
            x(
                "Kill the database",
                FaultAction::Kill,
                "Database",
                "The web server stays up, but every request that needs data fails.",
            ),
            x(
                "Kill the web server",
                FaultAction::Kill,
                "Web server",
                "The database is idle and healthy, and the site is down anyway.",
            ),
            x(
                "Slow the database down",
                FaultAction::SlowDown,
                "Database",
                "Queries pile up until all 100 connections are open; every query beyond is refused at once \
                 (connection limit), and the ones let in are answered within half a second. Without the limit they \
                 would queue until the p99 passes a second.",
            ),
        ],
    },
    Lesson {
        preset: "three_tier",
        headline: "Scale out the web tier behind a load balancer",
        explain: &[
            "Users reach a load balancer's public address; it spreads requests over two web servers on a private \
             network. Add servers to carry more traffic (horizontal scaling).",
            "When a web server dies, the load balancer keeps sending it requests until its health check fails a \
             few times in a row. Those requests fail: the shorter the check interval, the fewer. Give the web \
             servers a mean time between failures and a repair time: each is up MTBF/(MTBF + MTTR) of the time, \
             and the site, which needs only one of them, 1 − (1 − a)² (the run's availability, in nines).",
            "The algorithm decides who waits. Random and round robin ignore how busy a server is; least connections \
             picks the idlest; power of two choices (P2C) asks two random servers and picks the idler, almost as \
             good without comparing every server. Sixteen one-worker servers at 90 % load, 10 ms of work: random \
             98 ms, round robin 55 ms, P2C 28 ms, least connections 16 ms. It matters most when a server is slow \
             but alive (a gray failure): a health check that only asks \"are you up?\" never removes it.",
        ],
        watch: "Errors by cause right after the kill, and how long until they stop (the health check).",
        charts: &[Chart::Errors, Chart::Throughput],
        experiments: &[
            x(
                "Kill Web 1",
                FaultAction::Kill,
                "Web 1",
                "A short burst of 'node down' errors, then Web 2 carries all the traffic.",
            ),
            x(
                "Bring Web 1 back",
                FaultAction::Restore,
                "Web 1",
                "Web 1 gets traffic again once it passes its health checks.",
            ),
            x(
                "Kill the database",
                FaultAction::Kill,
                "Database",
                "Two web servers do not help: the one database is still a single point of failure.",
            ),
            x(
                "Kill the load balancer",
                FaultAction::Kill,
                "Load balancer",
                "Every request fails: the load balancer is a single point of failure too. Give it a standby machine \
                 and kill it again: requests fail only while the standby takes its address over (3 s), then it \
                 serves.",
            ),
            x(
                "Slow down Web 1",
                FaultAction::SlowDown,
                "Web 1",
                "Web 1 still passes its health checks, so round robin keeps sending it half the requests: its queue \
                 fills and a third of all requests fail. Switch the load balancer to least connections or P2C and \
                 the errors stop.",
            ),
        ],
    },
    Lesson {
        preset: "replication",
        headline: "Replicate the database",
        explain: &[
            "The primary takes every write and ships it to read replicas, which serve the reads. Most sites read far \
             more than they write, so replicas add read capacity, and they keep copies of the data.",
            "Replication here is asynchronous: a replica lags the primary. When the primary dies, writes fail until \
             the failover timeout, then the most up-to-date replica is promoted — and the writes it had not yet \
             received are lost.",
            "A replica also applies writes one at a time, in commit order. Set the primary's \"writes each replica \
             applies\" to 70 a second, below the 80 the users make, and the replicas fall further behind every second: after \
             two minutes each is more than a thousand writes behind, and the lag chart's maximum passes 15 s.",
            "And a user who has just written may read from a replica that has not applied the write yet. Set the \
             primary's \"read your writes\" window to 0.1 s and each replica still serves hundreds of these stale \
             reads of the user's own writes in two minutes; at 2 s, a few times the 300 ms lag, almost \
             none. The price: those users' reads go to the primary, over ten thousand of them in two minutes.",
        ],
        watch: "Replication lag on the replicas; after the kill, the promotion in the event log and its lost writes.",
        charts: &[Chart::ReplicationLag, Chart::Errors],
        experiments: &[
            x(
                "Kill the primary",
                FaultAction::Kill,
                "Primary",
                "Writes fail, a replica is promoted, and the log says how many acknowledged writes were lost.",
            ),
            x(
                "Kill Replica 1",
                FaultAction::Kill,
                "Replica 1",
                "Reads move to the other replica; nothing is lost.",
            ),
        ],
    },
    Lesson {
        preset: "cache",
        headline: "Put a cache in front of the database",
        explain: &[
            "A few items are asked for far more than the rest. A read-through cache keeps them in memory: a hit \
             skips the database, a miss reads it and keeps a copy for next time, until its TTL expires or it is \
             evicted (LRU, LFU or FIFO).",
            "The cache hides the database's real load: empty it and the misses fall on the database until the \
             cache has warmed up again. And a cache every request passes through is one more single point of \
             failure (the canvas tags it).",
        ],
        watch: "The cache hit ratio chart; the database's utilization before and after a flush.",
        charts: &[Chart::CacheHitRatio, Chart::Latency],
        experiments: &[
            x(
                "Flush the cache",
                FaultAction::Flush,
                "Cache",
                "The hit ratio dips and climbs back within seconds, the most popular items first; meanwhile the \
                 database takes the misses.",
            ),
            x(
                "Kill the cache",
                FaultAction::Kill,
                "Cache",
                "Every request fails: the web servers reach the database only through the cache, so the cache is a \
                 single point of failure too.",
            ),
        ],
    },
    Lesson {
        preset: "cdn",
        headline: "Serve static files from a CDN",
        explain: &[
            "Images, scripts and styles are the same for everyone. A CDN keeps copies on edge servers near the \
             users: they arrive in milliseconds and never touch your servers.",
            "Copies live until their TTL. Deploy new files without versioned names and users keep getting the old \
             ones until the copies expire.",
        ],
        watch: "The CDN's hit ratio and the web servers' load.",
        charts: &[Chart::CdnHitRatio, Chart::Throughput],
        experiments: &[
            x(
                "Deploy new files",
                FaultAction::Deploy,
                "CDN",
                "Without versioned file names the edges serve stale copies until their TTL runs out.",
            ),
            x(
                "Purge the CDN",
                FaultAction::Flush,
                "CDN",
                "The hit ratio drops and static requests go back to the origin until the edges refill, the most \
                 popular files first.",
            ),
            x(
                "Kill the CDN",
                FaultAction::Kill,
                "CDN",
                "Browsers fall back to your servers, which now carry every static file too, and pages load slower.",
            ),
        ],
    },
    Lesson {
        preset: "stateless",
        headline: "Make the web tier stateless",
        explain: &[
            "Logged-in users have a session. Kept in a web server's memory, it ties each user to that server; kept \
             in a shared session store, any server can serve anyone.",
            "A stateless web tier can add and remove servers freely (autoscaling) and lose one without logging \
             anybody out.",
        ],
        watch: "'Logged out' errors. Switch the web servers' sessions to in-memory (and the load balancer to sticky \
                sessions) and compare.",
        charts: &[Chart::Errors],
        experiments: &[
            x(
                "Kill Web 1",
                FaultAction::Kill,
                "Web 1",
                "With the session store nobody is logged out; with sessions in the servers' memory (sticky), every \
                 user Web 1 was serving is.",
            ),
            x(
                "Kill the session store",
                FaultAction::Kill,
                "Session store",
                "Every request fails ('node down' at the store) and every session it held is lost: the store is the \
                 new single point of failure.",
            ),
        ],
    },
    Lesson {
        preset: "two_regions",
        headline: "Run in two data centers",
        explain: &[
            "GeoDNS answers each user with the nearest data center, so pages are served nearby. The database's \
             primary is in US-East with a replica in EU-West: each side reads its own copy, and only Europe's \
             writes cross the ocean to the primary.",
            "When a whole data center goes down, GeoDNS notices after a few health checks and sends users to the \
             other one — but only as their cached DNS answers expire (the TTL).",
            "Try multi-primary (master–master): set Primary (US)'s replication to Multi-primary and Replica (EU) \
             becomes a second primary, so Europe's writes commit in Europe. A write to a key the other side wrote \
             less than the lag plus the ocean earlier conflicts, and one of the two is overwritten (last writer \
             wins): about 1 write in 40 here, counted on each primary's label. Kill either one and the other takes \
             every write at once, with no failover wait; the few writes the dead one had not shipped are lost.",
        ],
        watch: "US users' errors after the outage, how long until DNS moves them, and their latency in Europe.",
        charts: &[Chart::Errors, Chart::Latency],
        experiments: &[
            x(
                "Take US-East down",
                FaultAction::RegionOutage,
                "US web 1",
                "US requests fail until GeoDNS's health checks notice and cached answers expire; then Europe serves them, slower.",
            ),
            x(
                "Bring US-East back",
                FaultAction::RegionRestore,
                "US web 1",
                "GeoDNS sends US users home again once the checks pass.",
            ),
            x(
                "Cut EU-West off",
                FaultAction::Partition,
                "EU web 1",
                "Europe's writes fail ('partition') until GeoDNS moves its users to US-East; the EU replica gets no \
                 writes and falls further behind every second.",
            ),
            x(
                "Heal the partition",
                FaultAction::Heal,
                "EU web 1",
                "The writes held for the EU replica are shipped at once and it catches up within a second; GeoDNS \
                 sends European users home again.",
            ),
        ],
    },
    Lesson {
        preset: "queue",
        headline: "Move slow work to a message queue",
        explain: &[
            "Some requests start slow jobs (an email, a resized photo). The web server publishes the job to a \
             queue and answers at once; workers take jobs from the queue at their own pace.",
            "Producers and consumers are decoupled: each side scales and fails on its own, and a backlog is a delay, \
             not an error.",
        ],
        watch: "The queue backlog chart and the web servers' p99.",
        charts: &[Chart::QueueBacklog, Chart::Latency],
        experiments: &[
            x(
                "Kill the workers",
                FaultAction::Kill,
                "Workers",
                "The backlog grows while the site stays fast.",
            ),
            x(
                "Bring the workers back",
                FaultAction::Restore,
                "Workers",
                "The workers scale out on the backlog and drain it.",
            ),
        ],
    },
    Lesson {
        preset: "sharding",
        headline: "Shard the database by user id",
        explain: &[
            "When one database cannot take all the writes, split the data: each shard holds the users whose id maps \
             to it (modulo, consistent hashing or ranges).",
            "Sharding brings its own problems: a celebrity's key can overload one shard (a hotspot), and adding a \
             shard moves keys — almost all of them with modulo, about 1/n with consistent hashing.",
            "Doubling is the exception. Going from n shards to 2n in one step (connect as many spare databases as \
             shards in use, three more here, and press Double the shards on the router) moves half the keys, with \
             modulo and consistent hashing alike. One shard at a time, 4 → 5 moves 80 % of the keys with modulo \
             and about 20 % with consistent hashing, 1/(n + 1) on average: a run's ring depends on its seed, so one \
             run may move 18 % and another 22 %.",
        ],
        watch: "Per-shard load and the hotspot ratio; the keys moved when a shard is added.",
        charts: &[Chart::ShardLoad],
        experiments: &[
            x(
                "Add a shard",
                FaultAction::AddShard,
                "Shard router",
                "Keys migrate to the new shard: compare how many move with modulo and with consistent hashing.",
            ),
            x(
                "Remove a shard",
                FaultAction::RemoveShard,
                "Shard router",
                "The last shard's keys move to the others, and their load rises.",
            ),
        ],
    },
    Lesson {
        preset: "millions",
        headline: "Millions of users: all of it together",
        explain: &[
            "Every step at once: GeoDNS over two data centers, a CDN, and in each data center autoscaled \
             stateless web servers with a session store, a cache, a shard router and a job queue with workers. \
             The shards' primaries are in US-East; each has a replica in EU-West, which Europe reads and which is \
             promoted if US-East is lost.",
            "Each data center can serve everyone on its own, so losing one is survivable, but not free: users move \
             only as fast as GeoDNS notices and their cached answers expire, the surviving web tier needs time to \
             scale out, writes not yet replicated are lost, and jobs queued in the lost data center wait for it.",
            "One node is still a single point of failure (the canvas tags it): GeoDNS. Real DNS services answer \
             from many places at once, and large sites use two providers: when one failed (Dyn, 2016), the sites \
             that relied on it alone disappeared.",
            "The site states a service level objective: 99.9 % of requests answered successfully, and a p99 under \
             500 ms, over any rolling minute. A normal run keeps it. Take US-East down and an alert is raised \
             within a second; it clears only when a whole minute has passed without the failures, about two \
             minutes later, and the run spends its error budget (one failure in a thousand) dozens of times over. \
             Kill Shard 1 instead: the alert is raised too, yet the run spends less than one budget.",
        ],
        watch: "Cost per hour: every layer has a price. When you break something, the errors by cause and the event \
                log say what absorbed it (the latency chart, one click away, what it cost the users).",
        charts: &[Chart::Errors, Chart::Cost],
        experiments: &[
            x(
                "Take US-East down",
                FaultAction::RegionOutage,
                "US web servers",
                "US users fail until GeoDNS notices and their cached answers expire; then Europe serves everyone: \
                 its replicas are promoted and its web servers scale out, refusing some requests until the new \
                 instances are warm.",
            ),
            x(
                "Flush the US cache",
                FaultAction::Flush,
                "US cache",
                "The hit ratio dips and the shards take the misses until the cache has warmed up again.",
            ),
            x(
                "Kill Shard 1",
                FaultAction::Kill,
                "Shard 1",
                "Only writes for Shard 1's users fail, until its European replica is promoted; its reads and the \
                 other shards carry on, and the log counts the writes lost.",
            ),
            x(
                "Kill GeoDNS",
                FaultAction::Kill,
                "GeoDNS",
                "Page requests of users whose cached answer has expired fail at once, and within one TTL every \
                 page request fails, while the CDN still serves the static files.",
            ),
            x(
                "Send a flash crowd",
                FaultAction::FlashCrowd,
                "US users",
                "US traffic climbs to 4× in 10 s (the throughput chart's offered line leaves the completed one): \
                 the US web servers refuse requests until the instances they start have warmed up; once the crowd \
                 has left, the extra instances are stopped.",
            ),
        ],
    },
];

impl Lesson {
    /// Most charts a lesson names (what an 800 px wide embed shows side by side).
    pub const CHARTS_MAX: usize = 2;
}

/// The lesson for a preset id, or `None`.
#[must_use]
pub fn for_preset(id: &str) -> Option<&'static Lesson> {
    ALL.iter().find(|l| l.preset == id)
}

/// The lesson whose preset has this scenario name (presets are named after their titles, and the name travels in
/// share links and files), or `None` for a scenario of the user's own.
#[must_use]
pub fn for_scenario(doc: &Scenario) -> Option<&'static Lesson> {
    super::presets::ALL
        .iter()
        .find(|p| p.title == doc.name)
        .and_then(|p| for_preset(p.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind;
    use crate::scenario::presets;

    #[test]
    fn every_preset_has_a_lesson_in_chapter_order() {
        let ids: Vec<_> = presets::ALL.iter().map(|p| p.id).collect();
        let lessons: Vec<_> = ALL.iter().map(|l| l.preset).collect();
        assert_eq!(ids, lessons);
    }

    #[test]
    fn every_experiment_targets_a_node_that_can_take_it() {
        for l in ALL {
            let doc = presets::get(l.preset).expect("preset");
            assert_eq!(for_scenario(&doc), Some(l), "{}", l.preset);
            assert!(!l.experiments.is_empty(), "{}", l.preset);
            for e in l.experiments {
                let id = e
                    .target(&doc)
                    .unwrap_or_else(|| panic!("{}: no node {:?}", l.preset, e.target));
                let kind = doc.node(id).expect("node").kind();
                let fits = match e.action {
                    FaultAction::Flush => matches!(kind, ComponentKind::Cache | ComponentKind::Cdn),
                    FaultAction::Deploy => kind == ComponentKind::Cdn,
                    FaultAction::AddShard
                    | FaultAction::RemoveShard
                    | FaultAction::DoubleShards => kind == ComponentKind::ShardRouter,
                    _ => true,
                };
                assert!(fits, "{}: {} on a {kind:?}", l.preset, e.title);
            }
        }
    }

    #[test]
    fn every_lesson_names_one_or_two_charts() {
        for l in ALL {
            assert!(
                (1..=Lesson::CHARTS_MAX).contains(&l.charts.len()),
                "{}: {:?}",
                l.preset,
                l.charts
            );
        }
    }

    #[test]
    fn a_renamed_node_is_not_found() {
        let mut doc = presets::get("cache").expect("preset");
        let e = for_preset("cache").expect("lesson").experiments[0];
        assert!(e.target(&doc).is_some());
        for n in &mut doc.nodes {
            n.label = format!("{} (mine)", n.label);
        }
        assert_eq!(e.target(&doc), None);
        doc.name = "My system".into();
        assert_eq!(for_scenario(&doc), None);
    }
}
