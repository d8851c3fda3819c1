//! Requests in flight: a slab of fixed-size records reused through a free list, so the hot path never allocates
//! once the slab has grown to the peak number in flight.

use crate::metrics::FailureCause;
use crate::time::SimTime;

/// Deepest chain of nodes a response travels back through (load balancer, web server, …).
pub const MAX_DEPTH: usize = 6;

/// `at` value of a request that is between nodes.
pub const NOWHERE: u32 = u32::MAX;

/// One node a response must pass on its way back to the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hop {
    /// Engine node index.
    pub node: u32,
    /// The node's epoch when the request passed; a different epoch on the way back means it died meanwhile.
    pub epoch: u32,
    /// Kind-specific: the backend slot a load balancer chose.
    pub slot: u32,
}

/// A request in flight.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// When the user sent it.
    pub created: SimTime,
    /// Engine index of its client.
    pub client: u32,
    /// User id within its client.
    pub user: u32,
    /// User id unique across clients (for sessions and sticky routing).
    pub session_user: u32,
    /// Data key.
    pub key: u32,
    /// Write (true) or read.
    pub write: bool,
    /// A static file (image, script): served by a CDN or by a web server without its data tier.
    pub asset: bool,
    /// A background job (published to a message queue, or done inline by a web server without one).
    pub job: bool,
    /// When it reached its web server (for the timeout).
    pub web_arrival: SimTime,
    /// Node that holds it now (queued, in service, resolving), or [`NOWHERE`].
    pub at: u32,
    /// Data version it read or wrote at the database (for cache fills and stale-read detection).
    pub version: u32,
    /// How it ended, once it has: `None` for success.
    pub failure: Option<FailureCause>,
    /// Nodes to pass on the way back, innermost last.
    pub path: [Hop; MAX_DEPTH],
    /// Entries of `path` in use.
    pub depth: u8,
}

impl Request {
    /// A fresh request from `client`.
    #[must_use]
    pub fn new(created: SimTime, client: u32, user: u32, key: u32, write: bool) -> Self {
        Request {
            created,
            client,
            user,
            session_user: user,
            key,
            write,
            job: false,
            asset: false,
            web_arrival: created,
            at: NOWHERE,
            version: 0,
            failure: None,
            path: [Hop::default(); MAX_DEPTH],
            depth: 0,
        }
    }

    /// The hops on the way back, innermost first.
    pub fn hops(&self) -> impl Iterator<Item = Hop> + '_ {
        self.path[..usize::from(self.depth)].iter().rev().copied()
    }
}

/// Slab of requests.
#[derive(Clone, Debug, Default)]
pub struct Requests {
    slots: Vec<Request>,
    live: Vec<bool>,
    free: Vec<u32>,
    count: u64,
}

impl Requests {
    /// Stores `r` and returns its slot.
    pub fn insert(&mut self, r: Request) -> u32 {
        self.count += 1;
        if let Some(i) = self.free.pop() {
            self.slots[i as usize] = r;
            self.live[i as usize] = true;
            i
        } else {
            self.slots.push(r);
            self.live.push(true);
            u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 requests in flight")
        }
    }

    /// Frees a slot.
    pub fn remove(&mut self, i: u32) {
        debug_assert!(self.live[i as usize], "request {i} freed twice");
        self.live[i as usize] = false;
        self.free.push(i);
        self.count -= 1;
    }

    /// The request in slot `i`.
    #[must_use]
    pub fn get(&self, i: u32) -> &Request {
        &self.slots[i as usize]
    }

    /// The request in slot `i`, mutably.
    pub fn get_mut(&mut self, i: u32) -> &mut Request {
        &mut self.slots[i as usize]
    }

    /// Requests in flight.
    #[must_use]
    pub fn live_count(&self) -> u64 {
        self.count
    }

    /// Every live request with its slot.
    pub fn iter_live(&self) -> impl Iterator<Item = (u32, &Request)> {
        self.slots
            .iter()
            .zip(&self.live)
            .enumerate()
            .filter(|(_, (_, l))| **l)
            .map(|(i, (r, _))| (u32::try_from(i).expect("slot fits u32"), r))
    }
}
