//! Measurements of a run: counters per node, fixed-bucket latency histograms, a bounded ring of one-second
//! windows for charts, the event log, per-edge traffic for the watching views, and the read-only [`Frame`] the UI
//! draws from.
//!
//! Nothing here allocates per request or grows without bound: windows and log entries live in fixed-capacity
//! rings.

mod frame;
mod histogram;
mod log;
mod measured;
mod slo;
mod traffic;
mod window;

pub use frame::{DbRole, Frame, Health, NodeFrame, PairStatus, ReplicaSetFrame, Totals};
pub use histogram::{Histogram, SparseHistogram};
pub use log::{EventLog, LogArg, LogEntry, LogKind, LogText};
pub use measured::Measured;
pub use slo::{SloAlert, SloState, SloTracker};
pub use traffic::{EdgeFrame, RequestKind, Traffic};
pub use window::{JobTotals, WINDOW, WindowStats, Windows};

use serde::{Deserialize, Serialize};

/// Why a request failed. Every failed request carries exactly one cause: the first thing that failed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureCause {
    /// It spent longer than the web server's timeout.
    Timeout,
    /// A server's or database's queue was full when it arrived.
    QueueFull,
    /// The load balancer had no healthy backend to send it to.
    NoHealthyBackend,
    /// A node on its path was down (killed) when it arrived or while it was there.
    NodeDown,
    /// The user's session was not where the request was served (another server, or lost): they were logged out.
    LoggedOut,
    /// A load balancer or database already held as many requests as its `max_connections` allows.
    ConnectionLimit,
    /// It had to cross a network partition between two data centers ([`crate::scenario::FaultAction::Partition`]).
    Partition,
}

impl FailureCause {
    /// Every cause, in display order.
    pub const ALL: [FailureCause; 7] = [
        FailureCause::NodeDown,
        FailureCause::NoHealthyBackend,
        FailureCause::QueueFull,
        FailureCause::ConnectionLimit,
        FailureCause::Timeout,
        FailureCause::LoggedOut,
        FailureCause::Partition,
    ];
    /// Number of causes (length of per-cause arrays).
    pub const COUNT: usize = 7;

    /// Index into per-cause arrays.
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            FailureCause::NodeDown => 0,
            FailureCause::NoHealthyBackend => 1,
            FailureCause::QueueFull => 2,
            FailureCause::Timeout => 3,
            FailureCause::LoggedOut => 4,
            FailureCause::ConnectionLimit => 5,
            FailureCause::Partition => 6,
        }
    }

    /// Id used in summaries, e.g. `"node_down"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            FailureCause::NodeDown => "node_down",
            FailureCause::NoHealthyBackend => "no_healthy_backend",
            FailureCause::QueueFull => "queue_full",
            FailureCause::Timeout => "timeout",
            FailureCause::LoggedOut => "logged_out",
            FailureCause::ConnectionLimit => "connection_limit",
            FailureCause::Partition => "partition",
        }
    }

    /// Short name for legends.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            FailureCause::NodeDown => "node down",
            FailureCause::NoHealthyBackend => "no healthy backend",
            FailureCause::QueueFull => "queue full",
            FailureCause::Timeout => "timeout",
            FailureCause::LoggedOut => "logged out",
            FailureCause::ConnectionLimit => "connection limit",
            FailureCause::Partition => "partition",
        }
    }

    /// Why this happens, for a beginner.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            FailureCause::NodeDown => {
                "Sent to a node that is down. A load balancer keeps doing this until its health check notices."
            }
            FailureCause::NoHealthyBackend => {
                "Every server behind the load balancer is marked unhealthy."
            }
            FailureCause::QueueFull => {
                "More requests arrived than the workers could serve and the queue could hold."
            }
            FailureCause::Timeout => {
                "The request waited so long at the web server that it gave up."
            }
            FailureCause::ConnectionLimit => {
                "The node already had as many requests open as its connection limit allows, so it turned this \
                 one away at once instead of queueing it."
            }
            FailureCause::Partition => {
                "It had to go between two data centers while the network between them was cut (a partition)."
            }
            FailureCause::LoggedOut => {
                "The user's session was not there: it lived on another server (no sticky sessions) or was lost \
                 when its server or session store died. The user had to log in again."
            }
        }
    }
}
