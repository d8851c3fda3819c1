//! Cache kernel: a key/value store of bounded capacity with LRU, LFU or FIFO eviction and a TTL, as a
//! Memcached/Redis node behaves. Keys are the workload's dense `u32` keys, so membership is an array lookup
//! (deterministic, O(1), no hashing). Each entry remembers the data version it was filled with, so a hit on an
//! entry older than the database's current version is counted as a stale read.
//!
//! Eviction: LRU evicts the least recently used entry, FIFO the oldest inserted (hits do not refresh it), LFU the
//! least frequently used since it entered the cache (ties: least recently used) — "in-cache LFU". Expired entries
//! are dropped lazily when looked up (as Memcached does) and otherwise age out through eviction.

use crate::model::Eviction;
use crate::time::{SimDuration, SimTime};
use std::collections::BTreeSet;

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: u32,
    version: u32,
    expires: SimTime,
    freq: u32,
    tick: u64,
    prev: u32,
    next: u32,
}

/// The result of a lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// Present and fresh; carries the version it was filled with.
    Hit(u32),
    /// Absent (or expired, now removed).
    Miss,
}

/// Counters of a cache since the start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups (reads that reached the cache).
    pub lookups: u64,
    /// Lookups that found a fresh entry.
    pub hits: u64,
    /// Entries evicted to make room.
    pub evictions: u64,
    /// Entries found expired.
    pub expirations: u64,
}

/// The store.
#[derive(Clone, Debug)]
pub struct CacheStore {
    eviction: Eviction,
    capacity: u32,
    ttl: SimDuration,
    refresh_on_hit: bool,
    /// key → slot + 1 (0 = absent)
    slot_of: Vec<u32>,
    entries: Vec<Entry>,
    free: Vec<u32>,
    /// Recency list for LRU/FIFO: head = newest, tail = next to evict.
    head: u32,
    tail: u32,
    /// LFU order: (frequency, last use, slot).
    lfu: BTreeSet<(u32, u64, u32)>,
    tick: u64,
    len: u32,
    /// Counters.
    pub stats: CacheStats,
}

impl CacheStore {
    /// An empty cache holding at most `capacity` entries; `ttl` of zero means entries never expire.
    #[must_use]
    pub fn new(eviction: Eviction, capacity: u32, ttl: SimDuration, refresh_on_hit: bool) -> Self {
        CacheStore {
            eviction,
            capacity,
            ttl,
            refresh_on_hit,
            slot_of: Vec::new(),
            entries: Vec::new(),
            free: Vec::new(),
            head: NONE,
            tail: NONE,
            lfu: BTreeSet::new(),
            tick: 0,
            len: 0,
            stats: CacheStats::default(),
        }
    }

    /// Entries held now.
    #[must_use]
    pub fn len(&self) -> u32 {
        self.len
    }

    /// Whether the cache holds nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Capacity, entries.
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    fn slot(&self, key: u32) -> Option<u32> {
        match self.slot_of.get(key as usize) {
            Some(&s) if s > 0 => Some(s - 1),
            _ => None,
        }
    }

    /// Looks `key` up at `now`, counting the lookup.
    pub fn lookup(&mut self, key: u32, now: SimTime) -> Lookup {
        self.stats.lookups += 1;
        let Some(slot) = self.slot(key) else {
            return Lookup::Miss;
        };
        let e = self.entries[slot as usize];
        if e.expires <= now {
            self.stats.expirations += 1;
            self.remove(slot);
            return Lookup::Miss;
        }
        self.stats.hits += 1;
        self.touch(slot, now, true);
        Lookup::Hit(e.version)
    }

    /// Stores `key` at data `version` (a read-through fill or a write-through), evicting if full.
    pub fn insert(&mut self, key: u32, version: u32, now: SimTime) {
        if self.capacity == 0 {
            return;
        }
        if let Some(slot) = self.slot(key) {
            self.entries[slot as usize].version = version;
            self.entries[slot as usize].expires = self.expiry(now);
            self.touch(slot, now, false);
            return;
        }
        if self.len >= self.capacity {
            let victim = match self.eviction {
                Eviction::Lru | Eviction::Fifo => self.tail,
                Eviction::Lfu => self.lfu.first().map_or(NONE, |&(_, _, s)| s),
            };
            if victim != NONE {
                self.remove(victim);
                self.stats.evictions += 1;
            }
        }
        self.tick += 1;
        let entry = Entry {
            key,
            version,
            expires: self.expiry(now),
            freq: 1,
            tick: self.tick,
            prev: NONE,
            next: NONE,
        };
        let slot = if let Some(s) = self.free.pop() {
            self.entries[s as usize] = entry;
            s
        } else {
            self.entries.push(entry);
            u32::try_from(self.entries.len() - 1).expect("capacity fits u32")
        };
        if self.slot_of.len() <= key as usize {
            self.slot_of.resize(key as usize + 1, 0);
        }
        self.slot_of[key as usize] = slot + 1;
        self.len += 1;
        match self.eviction {
            Eviction::Lru | Eviction::Fifo => self.push_front(slot),
            Eviction::Lfu => {
                self.lfu.insert((1, self.tick, slot));
            }
        }
    }

    /// Removes `key` if present (write invalidation). Returns whether it was there.
    pub fn invalidate(&mut self, key: u32) -> bool {
        match self.slot(key) {
            Some(slot) => {
                self.remove(slot);
                true
            }
            None => false,
        }
    }

    /// Forgets everything (flush, or a restart: caches are in memory). Counters are kept.
    pub fn clear(&mut self) {
        let stats = self.stats;
        *self = CacheStore::new(self.eviction, self.capacity, self.ttl, self.refresh_on_hit);
        self.stats = stats;
    }

    fn expiry(&self, now: SimTime) -> SimTime {
        if self.ttl == SimDuration::ZERO {
            SimTime(u64::MAX)
        } else {
            now + self.ttl
        }
    }

    fn touch(&mut self, slot: u32, now: SimTime, hit: bool) {
        self.tick += 1;
        let tick = self.tick;
        let refresh = hit && self.refresh_on_hit;
        let expires = if refresh {
            self.expiry(now)
        } else {
            self.entries[slot as usize].expires
        };
        let e = &mut self.entries[slot as usize];
        e.expires = expires;
        match self.eviction {
            Eviction::Lru => {
                self.unlink(slot);
                self.push_front(slot);
            }
            Eviction::Fifo => {}
            Eviction::Lfu => {
                self.lfu.remove(&(e.freq, e.tick, slot));
                e.freq = e.freq.saturating_add(u32::from(hit));
                e.tick = tick;
                self.lfu.insert((e.freq, e.tick, slot));
            }
        }
    }

    fn remove(&mut self, slot: u32) {
        let e = self.entries[slot as usize];
        match self.eviction {
            Eviction::Lru | Eviction::Fifo => self.unlink(slot),
            Eviction::Lfu => {
                self.lfu.remove(&(e.freq, e.tick, slot));
            }
        }
        self.slot_of[e.key as usize] = 0;
        self.free.push(slot);
        self.len -= 1;
    }

    fn push_front(&mut self, slot: u32) {
        let old = self.head;
        let e = &mut self.entries[slot as usize];
        e.prev = NONE;
        e.next = old;
        if old == NONE {
            self.tail = slot;
        } else {
            self.entries[old as usize].prev = slot;
        }
        self.head = slot;
    }

    fn unlink(&mut self, slot: u32) {
        let Entry { prev, next, .. } = self.entries[slot as usize];
        if prev == NONE {
            self.head = next;
        } else {
            self.entries[prev as usize].next = next;
        }
        if next == NONE {
            self.tail = prev;
        } else {
            self.entries[next as usize].prev = prev;
        }
    }

    /// Keys held, from next-to-evict to last-to-evict (for tests and the inspector).
    #[must_use]
    pub fn eviction_order(&self) -> Vec<u32> {
        match self.eviction {
            Eviction::Lru | Eviction::Fifo => {
                let mut out = Vec::with_capacity(self.len as usize);
                let mut s = self.tail;
                while s != NONE {
                    out.push(self.entries[s as usize].key);
                    s = self.entries[s as usize].prev;
                }
                out
            }
            Eviction::Lfu => self
                .lfu
                .iter()
                .map(|&(_, _, s)| self.entries[s as usize].key)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(e: Eviction, cap: u32) -> CacheStore {
        CacheStore::new(e, cap, SimDuration::ZERO, false)
    }
    const T: SimTime = SimTime(0);

    #[test]
    fn lru_evicts_the_least_recently_used() {
        let mut c = store(Eviction::Lru, 3);
        for k in [1, 2, 3] {
            c.insert(k, 0, T);
        }
        assert_eq!(c.lookup(1, T), Lookup::Hit(0));
        c.insert(4, 0, T);
        assert_eq!(c.eviction_order(), [3, 1, 4]);
        assert_eq!(c.lookup(2, T), Lookup::Miss);
        assert_eq!(c.stats.evictions, 1);
    }

    #[test]
    fn fifo_ignores_hits() {
        let mut c = store(Eviction::Fifo, 3);
        for k in [1, 2, 3] {
            c.insert(k, 0, T);
        }
        c.lookup(1, T);
        c.insert(4, 0, T);
        assert_eq!(c.eviction_order(), [2, 3, 4]);
    }

    #[test]
    fn lfu_evicts_the_least_frequently_used_then_the_least_recent() {
        let mut c = store(Eviction::Lfu, 3);
        for k in [1, 2, 3] {
            c.insert(k, 0, T);
        }
        c.lookup(1, T);
        c.lookup(1, T);
        c.lookup(3, T);
        c.insert(4, 0, T); // evicts 2 (one use)
        assert_eq!(c.lookup(2, T), Lookup::Miss);
        assert_eq!(c.eviction_order(), [4, 3, 1]);
    }

    #[test]
    fn entries_expire_after_their_ttl_unless_refreshed_on_hit() {
        let ttl = SimDuration::from_secs(10);
        let mut c = CacheStore::new(Eviction::Lru, 10, ttl, false);
        c.insert(1, 0, SimTime(0));
        assert_eq!(c.lookup(1, SimTime(9_999_999)), Lookup::Hit(0));
        assert_eq!(c.lookup(1, SimTime(10_000_000)), Lookup::Miss);
        assert_eq!(c.stats.expirations, 1);

        let mut c = CacheStore::new(Eviction::Lru, 10, ttl, true);
        c.insert(1, 0, SimTime(0));
        assert_eq!(c.lookup(1, SimTime(9_000_000)), Lookup::Hit(0));
        assert_eq!(
            c.lookup(1, SimTime(18_000_000)),
            Lookup::Hit(0),
            "the hit at 9 s refreshed the TTL"
        );
    }

    #[test]
    fn invalidate_write_through_and_clear() {
        let mut c = store(Eviction::Lru, 2);
        c.insert(5, 1, T);
        c.insert(5, 2, T);
        assert_eq!(c.lookup(5, T), Lookup::Hit(2));
        assert!(c.invalidate(5));
        assert!(!c.invalidate(5));
        c.insert(6, 0, T);
        c.clear();
        assert!(c.is_empty());
        assert_eq!(c.lookup(6, T), Lookup::Miss);
        assert_eq!(c.stats.lookups, 2, "counters survive a flush");
    }

    #[test]
    fn a_zero_capacity_cache_never_holds_anything() {
        let mut c = store(Eviction::Lru, 0);
        c.insert(1, 0, T);
        assert_eq!(c.lookup(1, T), Lookup::Miss);
    }
}
