//! The event log: faults, detections and recoveries, each with its sim time and a sentence for people.
//! Bounded: the newest [`EventLog::CAPACITY`] entries are kept, with a count of all ever logged.
//!
//! The sentence is English ([`LogEntry::message`]); the same sentence is also kept as data ([`LogEntry::text`]:
//! clauses by stable id with their figures) so the app can write it in the reader's language. A verdict's check
//! explains itself with the same clauses (`verdict::Check::text`).

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
    /// A flash crowd was sent to a client.
    Crowd,
    /// A data center was cut off from the others by a network partition.
    Partitioned,
    /// A network partition healed.
    Healed,
    /// A service level objective failed over its rolling window: an alert is raised.
    SloBreached {
        /// Index of the SLO in the scenario's list.
        slo: u32,
    },
    /// A breached service level objective holds again over its rolling window: its alert is cleared.
    SloRecovered {
        /// Index of the SLO in the scenario's list.
        slo: u32,
    },
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

/// A figure or name in a log sentence, kept as data.
#[derive(Clone, Debug, PartialEq)]
pub enum LogArg {
    /// A node's label, a data center's name: shown as written.
    Name(String),
    /// A count.
    Count(u64),
    /// A number as written in a scenario (a challenge's limit), shown in its shortest form.
    Number(f64),
    /// A measured value shown with `decimals` digits after the point (seconds, percentage points).
    Value {
        /// The value, in the unit the sentence names.
        value: f64,
        /// Digits after the point.
        decimals: u8,
    },
}

/// One clause of a log sentence, by stable id (`"killed"`, `"sessions_lost"`), with its named arguments. The
/// English sentence is the clauses' English joined by ": ".
#[derive(Clone, Debug, PartialEq)]
pub struct LogText {
    /// Stable id of the clause.
    pub id: &'static str,
    /// Its arguments by name (`"node"`, `"count"`).
    pub args: Vec<(&'static str, LogArg)>,
}

impl LogText {
    /// A clause `id` with no arguments yet.
    #[must_use]
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// With argument `name` = a name shown as written.
    #[must_use]
    pub fn name(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, LogArg::Name(value.into())));
        self
    }

    /// With argument `name` = a count.
    #[must_use]
    pub fn count(mut self, name: &'static str, value: impl Into<u64>) -> Self {
        self.args.push((name, LogArg::Count(value.into())));
        self
    }

    /// With argument `name` = a number shown in its shortest form (`0.6`, `150`).
    #[must_use]
    pub fn number(mut self, name: &'static str, value: f64) -> Self {
        self.args.push((name, LogArg::Number(value)));
        self
    }

    /// With argument `name` = a value shown with `decimals` digits.
    #[must_use]
    pub fn value(mut self, name: &'static str, value: f64, decimals: u8) -> Self {
        self.args.push((name, LogArg::Value { value, decimals }));
        self
    }
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
    /// The same sentence as data, clause by clause, for a translation.
    pub text: Vec<LogText>,
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
