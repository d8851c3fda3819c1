//! The event log: faults, detections and recoveries, each with its sim time and a sentence for people.
//! Bounded: the newest [`EventLog::CAPACITY`] entries are kept, with a count of all ever logged.

use crate::id::NodeId;
use crate::time::SimTime;
use std::collections::VecDeque;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    /// A node was killed (fault timeline or the user's click).
    Killed,
    /// A node was restored.
    Restored,
    /// A cache was flushed.
    Flushed,
    /// A node started serving slowly (a gray failure).
    SlowedDown,
    /// A slowed node serves at its normal speed again.
    SpedUp,
    /// A replica was promoted to primary.
    Promoted {
        /// Acknowledged writes it had not received.
        lost_writes: u64,
    },
    /// A primary is down and no replica can be promoted.
    NoFailover,
    /// An autoscaler changed a pool's size.
    Scaled,
    /// A shard router added or removed a shard.
    Resharded,
    /// New static files were deployed behind a CDN.
    Deployed,
    /// A load balancer's health check marked a backend unhealthy.
    DetectedUnhealthy {
        /// The load balancer.
        by: NodeId,
    },
    /// A load balancer's health check marked a backend healthy again.
    Recovered {
        /// The load balancer.
        by: NodeId,
    },
}

/// One log line.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// When it happened.
    pub at: SimTime,
    /// The node it is about.
    pub node: NodeId,
    /// What happened.
    pub kind: LogKind,
    /// A sentence for people, with node labels.
    pub message: String,
}

/// Bounded log.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    entries: VecDeque<LogEntry>,
    total: u64,
}

impl EventLog {
    /// Entries kept.
    pub const CAPACITY: usize = 1_000;

    /// Appends an entry, dropping the oldest past capacity.
    pub fn push(&mut self, entry: LogEntry) {
        if self.entries.len() == Self::CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.total += 1;
    }

    /// Kept entries, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// Entries ever pushed.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total
    }
}
