//! The practical limit the engine is compared with: a minimal hand-written discrete-event loop with no engine —
//! Poisson arrivals → round-robin load balancer → 4 servers (8 workers each, FIFO queue, exponential service) →
//! an LRU cache over Zipf keys. It uses the core's own generator, exponential sampler and Zipf table, and a
//! `BinaryHeap` of `(time, seq)` events, so the ratio engine/baseline measures what the engine's generality costs,
//! not a different random number generator.

use sim_core::model::KeyDistribution;
use sim_core::rng::{Rng, Stream};
use sim_core::traffic::KeySampler;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// Arrival rate of the baseline, requests per simulated second.
pub const RATE_PER_S: f64 = 2_000.0;
const SERVERS: usize = 4;
const WORKERS: u32 = 8;
const SERVICE_MEAN_US: f64 = 10_000.0;
const KEYS: u32 = 10_000;
const CACHE_ENTRIES: u32 = 1_000;

/// What a baseline run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BaselineTotals {
    /// Requests generated.
    pub requests: u64,
    /// Events popped.
    pub events: u64,
    /// Requests completed.
    pub completed: u64,
    /// Cache hits among completed requests.
    pub hits: u64,
    /// Sum of latencies of completed requests, µs.
    pub latency_us_sum: u64,
}

/// An LRU set over keys `0..n` with at most `capacity` members: an intrusive doubly linked list over arrays
/// indexed by key (slot `n` is the sentinel), O(1) per touch.
struct Lru {
    prev: Vec<u32>,
    next: Vec<u32>,
    present: Vec<bool>,
    len: u32,
    capacity: u32,
}

impl Lru {
    fn new(n: u32, capacity: u32) -> Self {
        let size = n as usize + 1;
        Lru {
            prev: vec![n; size],
            next: vec![n; size],
            present: vec![false; n as usize],
            len: 0,
            capacity,
        }
    }

    fn sentinel(&self) -> u32 {
        u32::try_from(self.present.len()).expect("key count fits u32")
    }

    fn unlink(&mut self, k: u32) {
        let (p, n) = (self.prev[k as usize], self.next[k as usize]);
        self.next[p as usize] = n;
        self.prev[n as usize] = p;
    }

    fn push_front(&mut self, k: u32) {
        let s = self.sentinel();
        let first = self.next[s as usize];
        self.prev[k as usize] = s;
        self.next[k as usize] = first;
        self.prev[first as usize] = k;
        self.next[s as usize] = k;
    }

    /// True on a hit; a miss inserts `k`, evicting the least recently used key when full.
    fn touch(&mut self, k: u32) -> bool {
        if self.present[k as usize] {
            self.unlink(k);
            self.push_front(k);
            return true;
        }
        if self.capacity == 0 {
            return false;
        }
        if self.len == self.capacity {
            let last = self.prev[self.sentinel() as usize];
            self.unlink(last);
            self.present[last as usize] = false;
            self.len -= 1;
        }
        self.push_front(k);
        self.present[k as usize] = true;
        self.len += 1;
        false
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    Arrival,
    /// A worker of `server` finishes the request that arrived at `arrived_us` for `key`.
    Done {
        server: u32,
        key: u32,
        arrived_us: u64,
    },
}

/// Runs the baseline for `sim_seconds` of simulated time with `seed`.
#[must_use]
#[allow(clippy::cast_possible_truncation)] // server index < SERVERS
pub fn run(sim_seconds: u64, seed: u64) -> BaselineTotals {
    let end_us = sim_seconds * 1_000_000;
    let mut arrivals = Rng::new(seed, Stream::Arrivals, 0);
    let mut keys_rng = Rng::new(seed, Stream::Keys, 0);
    let mut service = Rng::new(seed, Stream::Service, 0);
    let keys = KeySampler::new(KeyDistribution::Zipf, KEYS, 1.0);
    let mut cache = Lru::new(KEYS, CACHE_ENTRIES);
    let mut busy = [0u32; SERVERS];
    let mut queues: [VecDeque<(u32, u64)>; SERVERS] = Default::default();
    let mut next_server = 0usize;
    let mut heap = BinaryHeap::new();
    let mut seq = 0u64;
    let mut t = BaselineTotals::default();
    let mut push = |heap: &mut BinaryHeap<_>, at: u64, ev: Ev| {
        seq += 1;
        heap.push(Reverse((at, seq, ev)));
    };
    push(
        &mut heap,
        arrivals.exponential_us(1e6 / RATE_PER_S),
        Ev::Arrival,
    );
    while let Some(Reverse((now, _, ev))) = heap.pop() {
        if now > end_us {
            break;
        }
        t.events += 1;
        match ev {
            Ev::Arrival => {
                t.requests += 1;
                let key = keys.sample(&mut keys_rng);
                let server = next_server;
                next_server = (next_server + 1) % SERVERS;
                if busy[server] < WORKERS {
                    busy[server] += 1;
                    let done = now + service.exponential_us(SERVICE_MEAN_US);
                    let ev = Ev::Done {
                        server: server as u32,
                        key,
                        arrived_us: now,
                    };
                    push(&mut heap, done, ev);
                } else {
                    queues[server].push_back((key, now));
                }
                let next = now + arrivals.exponential_us(1e6 / RATE_PER_S);
                push(&mut heap, next, Ev::Arrival);
            }
            Ev::Done {
                server,
                key,
                arrived_us,
            } => {
                t.completed += 1;
                t.hits += u64::from(cache.touch(key));
                t.latency_us_sum += now - arrived_us;
                let s = server as usize;
                if let Some((key, arrived_us)) = queues[s].pop_front() {
                    let done = now + service.exponential_us(SERVICE_MEAN_US);
                    let ev = Ev::Done {
                        server,
                        key,
                        arrived_us,
                    };
                    push(&mut heap, done, ev);
                } else {
                    busy[s] -= 1;
                }
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_evicts_the_least_recently_used_key() {
        let mut c = Lru::new(10, 2);
        assert!(!c.touch(1));
        assert!(!c.touch(2));
        assert!(c.touch(1)); // 2 is now least recent
        assert!(!c.touch(3)); // evicts 2
        assert!(c.touch(1));
        assert!(!c.touch(2));
    }

    #[test]
    #[allow(clippy::cast_precision_loss)]
    fn the_baseline_behaves_like_its_queueing_model() {
        let t = run(60, 1);
        // Poisson at 2 000 rps for 60 s: 120 000 ± 5 standard deviations.
        assert!(
            (t.requests as f64 - 120_000.0).abs() < 5.0 * 120_000f64.sqrt(),
            "{t:?}"
        );
        // Two events per request, and nearly everything completes (utilization 0.625).
        assert!(
            t.events >= 2 * t.completed && t.completed + 100 > t.requests,
            "{t:?}"
        );
        // Mean latency at ρ = 0.625 with 8 workers is close to the 10 ms service time (Erlang C wait ≈ 0.3 ms).
        let mean_ms = t.latency_us_sum as f64 / t.completed as f64 / 1_000.0;
        assert!((9.5..11.5).contains(&mean_ms), "mean latency {mean_ms} ms");
        // Zipf(1) over 10 000 keys with 1 000 cached: an LRU hits roughly 60–75 % (Che's approximation).
        let hit_ratio = t.hits as f64 / t.completed as f64;
        assert!((0.55..0.8).contains(&hit_ratio), "hit ratio {hit_ratio}");
    }
}
