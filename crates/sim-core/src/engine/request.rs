//! Requests in flight: a slab of fixed-size records reused through a free list, so the hot path never allocates
//! once the slab has grown to the peak number in flight.

use crate::id::{NodeIx, ReqIx};
use crate::metrics::{FailureCause, RequestKind};
use crate::time::SimTime;
use std::ops::{Index, IndexMut};

/// Deepest chain of nodes a response travels back through (load balancer, web server, …).
pub const MAX_DEPTH: usize = 6;

/// `at` value of a request that is between nodes.
pub const NOWHERE: NodeIx = NodeIx::NONE;

/// One node a response must pass on its way back to the user.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hop {
    /// The node.
    pub node: NodeIx,
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
    /// Its client.
    pub client: NodeIx,
    /// User id within its client.
    pub user: u32,
    /// User id unique across clients (for sessions and sticky routing).
    pub session_user: u32,
    /// Data key (for a static file, the file).
    pub key: u32,
    /// Read, write, static file or background job.
    pub kind: RequestKind,
    /// When it reached its web server (for the timeout).
    pub web_arrival: SimTime,
    /// Node that holds it now (on its way there, queued, in service, resolving), or [`NOWHERE`].
    pub at: NodeIx,
    /// The epoch of `at` when it was admitted there (a different epoch at the end of its service means the node
    /// died meanwhile).
    pub at_epoch: u32,
    /// Changed whenever the event it waits for is replaced (a kill, a resize, a restore), so the old event knows it
    /// is stale: events of a request carry the ticket they were scheduled with.
    pub ticket: u32,
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
    pub fn new(created: SimTime, client: NodeIx, user: u32, key: u32, kind: RequestKind) -> Self {
        Request {
            created,
            client,
            user,
            session_user: user,
            key,
            kind,
            web_arrival: created,
            at: NOWHERE,
            at_epoch: 0,
            ticket: 0,
            version: 0,
            failure: None,
            path: [Hop::default(); MAX_DEPTH],
            depth: 0,
        }
    }

    /// Whether it changes data.
    #[must_use]
    #[inline]
    pub fn is_write(&self) -> bool {
        self.kind == RequestKind::Write
    }

    /// The hops on the way back, innermost first.
    pub fn hops(&self) -> impl Iterator<Item = Hop> + '_ {
        self.path[..usize::from(self.depth)].iter().rev().copied()
    }

    /// The node it last left (the innermost hop on its way back), or its client.
    #[must_use]
    pub fn sender(&self) -> NodeIx {
        match usize::from(self.depth) {
            0 => self.client,
            d => self.path[d - 1].node,
        }
    }
}

/// Slab of requests.
#[derive(Clone, Debug, Default)]
pub struct Requests {
    slots: Vec<Request>,
    live: Vec<bool>,
    free: Vec<ReqIx>,
    count: u64,
}

impl Requests {
    /// Stores `r` and returns its slot.
    pub fn insert(&mut self, r: Request) -> ReqIx {
        self.count += 1;
        if let Some(i) = self.free.pop() {
            let slot = &mut self.slots[i.get()];
            // The path of a new request is empty (`depth` 0): what the slot's last request left there is not read.
            let (path, ticket) = (slot.path, slot.ticket);
            *slot = Request { ticket, path, ..r };
            self.live[i.get()] = true;
            i
        } else {
            self.slots.push(r);
            self.live.push(true);
            ReqIx(u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 requests in flight"))
        }
    }

    /// Frees a slot.
    pub fn remove(&mut self, i: ReqIx) {
        debug_assert!(self.live[i.get()], "request {i:?} freed twice");
        self.live[i.get()] = false;
        // A stale event for the old request must not match the next one in this slot.
        self.slots[i.get()].ticket = self.slots[i.get()].ticket.wrapping_add(1);
        self.free.push(i);
        self.count -= 1;
    }

    /// Requests in flight.
    #[must_use]
    pub fn live_count(&self) -> u64 {
        self.count
    }

    /// Every live request with its slot.
    pub fn iter_live(&self) -> impl Iterator<Item = (ReqIx, &Request)> {
        self.slots
            .iter()
            .zip(&self.live)
            .enumerate()
            .filter(|(_, (_, l))| **l)
            .map(|(i, (r, _))| (ReqIx(u32::try_from(i).expect("slot fits u32")), r))
    }
}

impl Index<ReqIx> for Requests {
    type Output = Request;
    #[inline]
    fn index(&self, i: ReqIx) -> &Request {
        &self.slots[i.get()]
    }
}

impl IndexMut<ReqIx> for Requests {
    #[inline]
    fn index_mut(&mut self, i: ReqIx) -> &mut Request {
        &mut self.slots[i.get()]
    }
}
