//! Resharding at run time: a fault asks a shard router (`components::router`) to add or remove a shard, and the
//! event log says what moves.

use super::{Role, Simulation};
use crate::components::Reshard;
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText};

impl Simulation {
    /// Router `node` changes its number of shards in use by `delta` (±1), if it can.
    pub(super) fn reshard(&mut self, node: NodeIx, delta: i32) {
        let now = self.now;
        let (label, id) = (self.nodes[node].label.clone(), self.nodes[node].id);
        let Role::Router(r) = &mut self.nodes[node].role else {
            return;
        };
        let (message, text) = match r.reshard(delta, now) {
            Reshard::Unchanged if delta > 0 => (
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
                let (verb, clause) = if delta > 0 {
                    ("added a shard", "shard_added")
                } else {
                    ("removed a shard", "shard_removed")
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
