//! Invariant checker, run at the end of every `step_until` in debug builds (so every test and the fuzz targets
//! check it) and after every step by the integration tests. It recounts from the requests actually in flight
//! rather than trusting the counters it checks; the tests below corrupt each counted quantity and expect the
//! invariant that covers it to say so.
//!
//! Invariants: per node, arrived = completed + failed + in flight, where in flight is recounted from live
//! requests (those at the node plus those with the node on their way back); overall, generated = completed +
//! failed + live; per station, busy ≤ workers, queue ≤ capacity, and a non-empty queue only when all workers are
//! busy; per shard router, the shards' key counts sum to the key space; per message queue, published = done + waiting + lost + in progress; per replica set, one primary that is a member and no replica ahead of it; per cache, hits ≤ lookups and entries ≤ capacity; per load balancer, each backend's outstanding count equals the live requests sent to it in the
//! balancer's current epoch; the latency histogram holds one value per completed request.

use crate::engine::{NOWHERE, Role, Simulation};

impl Simulation {
    /// Panics, naming every broken invariant, when one does not hold (debug builds call it after each step).
    ///
    /// # Panics
    /// When an invariant is broken: the engine has a bug.
    pub fn assert_invariants(&self) {
        if let Err(broken) = self.check_invariants() {
            panic!(
                "invariants broken at {} µs (seed {}):\n{}",
                self.now.as_us(),
                self.seed,
                broken.join("\n")
            );
        }
    }

    /// Every violated invariant, as sentences; `Ok` when all hold.
    ///
    /// # Errors
    /// The list of violations.
    pub fn check_invariants(&self) -> Result<(), Vec<String>> {
        let mut bad = Vec::new();
        let mut held = vec![0u64; self.nodes.len()];
        let mut outstanding: Vec<Vec<u32>> = self
            .nodes
            .iter()
            .map(|n| match &n.role {
                Role::Lb(lb) => vec![0; lb.balancer.backends.len()],
                _ => Vec::new(),
            })
            .collect();
        for (_, r) in self.requests.iter_live() {
            held[r.client.get()] += 1;
            if r.at != NOWHERE {
                held[r.at.get()] += 1;
            }
            for hop in r.hops() {
                held[hop.node.get()] += 1;
                let n = &self.nodes[hop.node];
                if matches!(n.role, Role::Lb(_)) && n.alive && n.epoch == hop.epoch {
                    outstanding[hop.node.get()][hop.slot as usize] += 1;
                }
            }
        }
        for (i, n) in self.nodes.iter().enumerate() {
            let c = n.counters;
            if c.arrived != c.completed + c.failed + held[i] {
                bad.push(format!(
                    "{}: arrived {} ≠ completed {} + failed {} + in flight {}",
                    n.label, c.arrived, c.completed, c.failed, held[i]
                ));
            }
            if let Some(st) = n.station() {
                let (busy, queued) = (st.busy(self.now), st.queue_len(self.now));
                if busy > st.workers() || queued > st.capacity() {
                    bad.push(format!(
                        "{}: busy {busy}/{} queue {queued}/{}",
                        n.label,
                        st.workers(),
                        st.capacity()
                    ));
                }
                if queued > 0 && busy < st.workers() {
                    bad.push(format!("{}: requests wait while a worker is idle", n.label));
                }
            }
            if let Role::Cache(c) = &n.role {
                let st = c.store.stats;
                if st.hits > st.lookups || c.store.len() > c.store.capacity() {
                    bad.push(format!(
                        "{}: hits {} of {} lookups, {} entries of {}",
                        n.label,
                        st.hits,
                        st.lookups,
                        c.store.len(),
                        c.store.capacity()
                    ));
                }
            }
            if let Role::Lb(lb) = &n.role
                && n.alive
            {
                for (slot, b) in lb.balancer.backends.iter().enumerate() {
                    if b.outstanding != outstanding[i][slot] {
                        bad.push(format!(
                            "{}: backend {slot} outstanding {} but {} requests are out",
                            n.label, b.outstanding, outstanding[i][slot]
                        ));
                    }
                }
            }
        }
        for (s, set) in self.sets.iter().enumerate() {
            if !set.members.contains(&set.primary) {
                bad.push(format!("replica set {s}: its primary is not a member"));
            }
            for &m in &set.members {
                if let Role::Db(db) = &self.nodes[m].role
                    && m != set.primary
                    && self.nodes[m].alive
                    && db.applied > set.committed
                {
                    bad.push(format!(
                        "{}: applied {} writes but the primary acknowledged only {}",
                        self.nodes[m].label, db.applied, set.committed
                    ));
                }
            }
        }
        for n in &self.nodes {
            if let Role::Router(r) = &n.role {
                let keys: u64 = r.effective_key_counts(self.now).iter().sum();
                if keys != u64::from(r.keys) {
                    bad.push(format!("{}: shards own {keys} keys of {}", n.label, r.keys));
                }
            }
        }
        for n in &self.nodes {
            let Role::Queue(q) = &n.role else { continue };
            let in_progress: u64 = q
                .consumers
                .iter()
                .filter_map(|&c| match &self.nodes[c].role {
                    Role::Workers(w) => Some(w.pool.in_progress.iter().flatten().count() as u64),
                    _ => None,
                })
                .sum();
            let accounted = q.done + q.messages.len() as u64 + q.lost + in_progress;
            if q.published != accounted {
                bad.push(format!(
                    "{}: published {} ≠ done {} + waiting {} + lost {} + in progress {in_progress}",
                    n.label,
                    q.published,
                    q.done,
                    q.messages.len(),
                    q.lost
                ));
            }
        }
        for n in &self.nodes {
            if let Role::Workers(w) = &n.role
                && w.pool.busy as usize != w.pool.in_progress.iter().flatten().count()
            {
                bad.push(format!(
                    "{}: {} busy workers but {} jobs in progress",
                    n.label,
                    w.pool.busy,
                    w.pool.in_progress.iter().flatten().count()
                ));
            }
        }
        if self.generated != self.completed + self.failed + self.requests.live_count() {
            bad.push(format!(
                "generated {} ≠ completed {} + failed {} + live {}",
                self.generated,
                self.completed,
                self.failed,
                self.requests.live_count()
            ));
        }
        if self.latency_count() != self.completed {
            bad.push(format!(
                "latency histogram holds {} values for {} completions",
                self.latency_count(),
                self.completed
            ));
        }
        if bad.is_empty() { Ok(()) } else { Err(bad) }
    }
}

#[cfg(test)]
mod tests {
    //! Each counted quantity corrupted in turn: the invariant that covers it must fail, by name. (A checker that
    //! cannot fail proves nothing.)

    use crate::engine::{NOWHERE, Role, Simulation};
    use crate::model::ComponentKind;
    use crate::scenario::presets;
    use crate::time::SimTime;

    /// `preset` run for 4 s, all invariants holding.
    fn running(preset: &str) -> Simulation {
        let s = presets::get(preset).expect("preset");
        let mut sim = Simulation::new(&s).expect("valid");
        sim.step_until(SimTime(4_000_000), u64::MAX);
        assert_eq!(sim.check_invariants(), Ok(()), "{preset} before corruption");
        sim
    }

    fn index(sim: &Simulation, kind: ComponentKind) -> crate::id::NodeIx {
        crate::id::NodeIx::of(
            sim.nodes
                .iter()
                .position(|n| n.kind == kind)
                .expect("a node of that kind"),
        )
    }

    /// Applies `corrupt` to a copy of `sim` and expects a broken invariant whose sentence contains `says`.
    fn caught(sim: &Simulation, says: &str, corrupt: impl FnOnce(&mut Simulation)) {
        let mut bad = sim.clone();
        corrupt(&mut bad);
        let broken = bad.check_invariants().expect_err(says);
        assert!(
            broken.iter().any(|b| b.contains(says)),
            "expected “{says}”, got {broken:?}"
        );
        let panicked = std::panic::catch_unwind(|| bad.assert_invariants());
        assert!(panicked.is_err(), "assert_invariants panics on “{says}”");
    }

    #[test]
    fn request_counts_that_do_not_add_up_are_caught() {
        let sim = running("three_tier");
        let web = index(&sim, ComponentKind::WebServer);
        caught(&sim, "arrived", |s| s.nodes[web].counters.arrived += 1);
        caught(&sim, "arrived", |s| s.nodes[web].counters.completed += 1);
        caught(&sim, "arrived", |s| s.nodes[web].counters.failed += 1);
        caught(&sim, "arrived", |s| {
            let (slot, at) = s
                .requests
                .iter_live()
                .find(|(_, r)| r.at != NOWHERE)
                .map(|(i, r)| (i, r.at))
                .expect("a request held by a node");
            s.requests[slot].at = crate::id::NodeIx(if at.0 == 0 { 1 } else { 0 });
        });
        caught(&sim, "generated", |s| s.generated += 1);
        caught(&sim, "generated", |s| s.failed += 1);
        caught(&sim, "latency histogram", |s| s.latency.record(1_000));
    }

    fn web_station(s: &mut Simulation, web: crate::id::NodeIx) -> &mut crate::components::Station {
        match &mut s.nodes[web].role {
            Role::Web(w) => &mut w.station,
            _ => unreachable!("node {web:?} is a web server"),
        }
    }

    #[test]
    fn stations_and_balancers_out_of_step_are_caught() {
        let sim = running("three_tier");
        let web = index(&sim, ComponentKind::WebServer);
        let workers = sim.nodes[web].station().expect("station").workers();
        caught(&sim, &format!("busy {}/{workers}", workers + 1), |s| {
            let now = s.now;
            web_station(s, web).corrupt(now, workers + 1, &[]);
        });
        caught(&sim, "requests wait while a worker is idle", |s| {
            let now = s.now;
            web_station(s, web).corrupt(now, 0, &[crate::id::ReqIx(0)]);
        });
        let lb = index(&sim, ComponentKind::LoadBalancer);
        caught(&sim, "outstanding", |s| {
            if let Role::Lb(lb) = &mut s.nodes[lb].role {
                lb.balancer.backends[0].outstanding += 1;
            }
        });
    }

    #[test]
    fn tiers_out_of_step_are_caught() {
        let sim = running("cache");
        let cache = index(&sim, ComponentKind::Cache);
        caught(&sim, "hits", |s| {
            if let Role::Cache(c) = &mut s.nodes[cache].role {
                c.store.stats.hits = c.store.stats.lookups + 1;
            }
        });
        let sim = running("replication");
        caught(&sim, "primary is not a member", |s| {
            s.sets[0].primary = crate::id::NodeIx::NONE;
        });
        caught(&sim, "applied", |s| {
            let replica = s.sets[0].members[1];
            let committed = s.sets[0].committed;
            if let Role::Db(db) = &mut s.nodes[replica].role {
                db.applied = committed + 1;
            }
        });
        let sim = running("sharding");
        let router = index(&sim, ComponentKind::ShardRouter);
        caught(&sim, "shards own", |s| {
            if let Role::Router(r) = &mut s.nodes[router].role {
                r.keys += 1;
            }
        });
        let sim = running("queue");
        let queue = index(&sim, ComponentKind::MessageQueue);
        caught(&sim, "published", |s| {
            if let Role::Queue(q) = &mut s.nodes[queue].role {
                q.published += 1;
            }
        });
        let pool = index(&sim, ComponentKind::Workers);
        caught(&sim, "busy workers", |s| {
            if let Role::Workers(w) = &mut s.nodes[pool].role {
                w.pool.busy += 1;
            }
        });
    }
}
