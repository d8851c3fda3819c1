//! Invariant checker, run after every step by the integration tests (and available to debug builds). It recounts
//! from the requests actually in flight rather than trusting the counters it checks.
//!
//! Invariants: per node, arrived = completed + failed + in flight, where in flight is recounted from live
//! requests (those at the node plus those with the node on their way back); overall, generated = completed +
//! failed + live; per station, busy ≤ workers, queue ≤ capacity, and a non-empty queue only when all workers are
//! busy; per shard router, the shards' key counts sum to the key space; per message queue, published = done + waiting + lost + in progress; per replica set, one primary that is a member and no replica ahead of it; per cache, hits ≤ lookups and entries ≤ capacity; per load balancer, each backend's outstanding count equals the live requests sent to it in the
//! balancer's current epoch; the latency histogram holds one value per completed request.

use crate::engine::{NOWHERE, Role, Simulation};

impl Simulation {
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
            held[r.client as usize] += 1;
            if r.at != NOWHERE {
                held[r.at as usize] += 1;
            }
            for hop in r.hops() {
                held[hop.node as usize] += 1;
                let n = &self.nodes[hop.node as usize];
                if matches!(n.role, Role::Lb(_)) && n.alive && n.epoch == hop.epoch {
                    outstanding[hop.node as usize][hop.slot as usize] += 1;
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
                if st.busy() > st.workers() || st.queue_len() > st.capacity() {
                    bad.push(format!(
                        "{}: busy {}/{} queue {}/{}",
                        n.label,
                        st.busy(),
                        st.workers(),
                        st.queue_len(),
                        st.capacity()
                    ));
                }
                if st.queue_len() > 0 && st.busy() < st.workers() {
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
                if let Role::Db(db) = &self.nodes[m as usize].role
                    && m != set.primary
                    && self.nodes[m as usize].alive
                    && db.applied > set.committed
                {
                    bad.push(format!(
                        "{}: applied {} writes but the primary acknowledged only {}",
                        self.nodes[m as usize].label, db.applied, set.committed
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
                .filter_map(|&c| match &self.nodes[c as usize].role {
                    Role::Workers(w) => Some(w.in_progress.iter().flatten().count() as u64),
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
                && w.busy as usize != w.in_progress.iter().flatten().count()
            {
                bad.push(format!(
                    "{}: {} busy workers but {} jobs in progress",
                    n.label,
                    w.busy,
                    w.in_progress.len()
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
        if self.latency.count() != self.completed {
            bad.push(format!(
                "latency histogram holds {} values for {} completions",
                self.latency.count(),
                self.completed
            ));
        }
        if bad.is_empty() { Ok(()) } else { Err(bad) }
    }
}
