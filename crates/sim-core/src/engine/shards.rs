//! Resharding at run time: a fault asks a shard router (`components::router`) to add or remove a shard, or to
//! double its shards, and the event log says what moves.

use super::{Role, Simulation};
use crate::components::Reshard;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};

/// Which resharding a fault asks for.
#[derive(Clone, Copy)]
enum Step {
    /// One more shard.
    Add,
    /// One fewer.
    Remove,
    /// n → 2n.
    Double,
}

impl Simulation {
    /// Router `node` changes its number of shards in use by `delta` (±1), if it can.
    pub(super) fn reshard(&mut self, node: NodeIx, delta: i32) {
        self.reshard_step(node, if delta > 0 { Step::Add } else { Step::Remove });
    }

    /// Router `node` doubles its shards in use (as far as its connected databases allow), if it can.
    pub(super) fn reshard_double(&mut self, node: NodeIx) {
        self.reshard_step(node, Step::Double);
    }

    fn reshard_step(&mut self, node: NodeIx, step: Step) {
        let now = self.now;
        let (label, id) = (self.nodes[node].label.clone(), self.nodes[node].id);
        let Role::Router(r) = &mut self.nodes[node].role else {
            return;
        };
        let outcome = match step {
            Step::Add => r.reshard(1, now),
            Step::Remove => r.reshard(-1, now),
            Step::Double => r.double(now),
        };
        let (message, text) = match outcome {
            Reshard::Unchanged if matches!(step, Step::Add | Step::Double) => (
                format!(
                    "{label}: no more connected databases to add as shards; connect another database first"
                ),
                LogText::new("no_shard_to_add"),
            ),
            Reshard::Unchanged => (
                format!("{label}: cannot remove the last shard"),
                LogText::new("last_shard"),
            ),
            Reshard::Started {
                from,
                to,
                fraction,
                secs,
            } => {
                let (verb, clause) = match step {
                    Step::Add => ("added a shard", "shard_added"),
                    Step::Remove => ("removed a shard", "shard_removed"),
                    Step::Double => ("doubled the shards", "shards_doubled"),
                };
                (
                    format!(
                        "{label}: {verb} ({from} → {to}); {:.1} % of the keys move, copied in about {secs:.0} s",
                        fraction * 100.0
                    ),
                    LogText::new(clause)
                        .count("from", u64::from(from))
                        .count("to", u64::from(to))
                        .value("percent", fraction * 100.0, 1)
                        .value("seconds", secs, 0),
                )
            }
        };
        self.log.push(LogEntry {
            at: now,
            node: id,
            kind: LogKind::Resharded,
            message,
            text: vec![LogText::new("node_says").name("node", label), text],
        });
    }
}
