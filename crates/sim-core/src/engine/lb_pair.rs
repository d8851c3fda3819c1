//! A load balancer pair: two machines behind one virtual IP, one active and one on standby (keepalived/VRRP,
//! or a cloud's floating IP). The node stands for both: it serves while its active machine runs. When the active
//! machine fails and the standby runs, requests fail ("node down") for the takeover time (missed heartbeats, then
//! the address moves), and the standby serves from then on with the health view it kept; a standby that fails
//! costs nothing until the active one fails too. Both down is the pair down, and the first one repaired serves at
//! once. The user's Kill stops the active machine (a second Kill the other), Restore brings both back; a data
//! center outage stops both. With random failures each machine has its own up and repair times (the first
//! machine's events are the node's `RandomFailure` / `Repair`, the second's `SecondFailure` / `SecondRepair`).
//!
//! Long-run availability, machines up `a` of the time each, failing at rate λ, takeover time T: the pair is down
//! while both are (`(1 − a)²`) and during a takeover, which starts when the active machine fails while the other
//! runs (rate `a²λ`) and lasts T unless the other fails first (mean `(1 − e^{−λT})/λ`), so
//! A ≈ 1 − (1 − a)² − a²(1 − e^{−λT}) (a parallel pair with imperfect switching: Trivedi, *Probability and
//! Statistics with Reliability, Queuing, and Computer Science Applications*, 2nd ed., 2016, §8.4).

use super::faults::Why;
use super::queue::Ev;
use super::{Role, Simulation};
use crate::id::NodeIx;
use crate::metrics::{LogEntry, LogKind, LogText, PairStatus};
use crate::time::{SimDuration, SimTime};

/// The state of a load balancer's two machines.
#[derive(Clone, Debug)]
pub(crate) struct Pair {
    /// Whether each machine runs.
    pub up: [bool; 2],
    /// The machine that holds (or is taking over) the address.
    pub active: usize,
    /// Time for the standby to take the address over.
    pub takeover: SimDuration,
    /// Takeovers planned so far; a `Takeover` event carries the count it was planned at, so a later change
    /// (the pair down, or restored) voids it.
    pub takeovers: u32,
    /// A takeover is under way (the node is down until it ends).
    pub taking_over: bool,
}

impl Pair {
    /// Both machines running, the first one active.
    pub(crate) fn new(takeover: SimDuration) -> Self {
        Pair {
            up: [true, true],
            active: 0,
            takeover,
            takeovers: 0,
            taking_over: false,
        }
    }

    /// What the canvas shows of the pair.
    pub(crate) fn status(&self) -> PairStatus {
        match (self.taking_over, self.up) {
            (true, _) => PairStatus::TakingOver,
            (false, [true, true]) => PairStatus::Ready,
            (false, [false, false]) => PairStatus::Down,
            (false, _) => PairStatus::NoStandby,
        }
    }
}

impl Simulation {
    fn pair_mut(&mut self, node: NodeIx) -> Option<&mut Pair> {
        match &mut self.nodes[node].role {
            Role::Lb(lb) => lb.pair.as_mut(),
            _ => None,
        }
    }

    fn log_pair(&mut self, node: NodeIx, kind: LogKind, message: String, text: Vec<LogText>) {
        let n = &self.nodes[node];
        self.log.push(LogEntry {
            at: self.now,
            node: n.id,
            kind,
            message,
            text,
        });
    }

    /// With random failures on, a pair's second machine gets its own first failure (drawn after the first
    /// machine's, from the node's stream). Nothing for any other node.
    pub(super) fn schedule_second_machine(&mut self, node: NodeIx) {
        if self.pair_mut(node).is_none() {
            return;
        }
        if let Some(f) = &mut self.nodes[node].failures {
            let up = SimDuration(f.rng.exponential_us(f.mtbf_us).max(1));
            self.schedule(SimTime::ZERO + up, Ev::SecondFailure { node });
        }
    }

    /// A kill (`down`) or restore of pair `node`: handled here (`true`), or `false` for a node without a standby.
    /// The user's Kill stops the active machine and Restore brings both back; a random failure or repair is the
    /// first machine's; an outage stops both and a recovery starts both.
    pub(super) fn pair_fault(&mut self, node: NodeIx, down: bool, why: Why) -> bool {
        let alive = self.nodes[node].alive;
        let Some(p) = self.pair_mut(node) else {
            return false;
        };
        match (down, why) {
            (true, Why::User) => {
                let active = if p.up[p.active] {
                    p.active
                } else {
                    1 - p.active
                };
                self.machine_down(node, active, why);
            }
            // The first machine's own failure and repair (the second one's have their own events).
            (true, Why::Random) => self.machine_down(node, 0, why),
            (false, Why::Random) => self.machine_up(node, 0, why),
            (true, Why::Region(_)) => {
                self.machine_down(node, 0, why);
                self.machine_down(node, 1, why);
            }
            // Restored by hand, or its data center is back: both machines run, the first one serves at once.
            (false, _) if !alive => {
                *p = Pair::new(p.takeover);
                self.start(node, why);
            }
            (false, _) => {
                self.machine_up(node, 0, why);
                self.machine_up(node, 1, why);
            }
        }
        true
    }

    /// Machine `m` of pair `node` stops.
    pub(super) fn machine_down(&mut self, node: NodeIx, m: usize, why: Why) {
        let now = self.now;
        let Some(p) = self.pair_mut(node) else { return };
        if !p.up[m] {
            return;
        }
        p.up[m] = false;
        let (other_up, was_active, takeover) = (p.up[1 - m], p.active == m, p.takeover);
        if !other_up {
            // The pair is down: a takeover under way has nothing to take over with.
            p.taking_over = false;
            p.takeovers += 1;
            if self.nodes[node].alive {
                return self.stop(node, why);
            }
            let label = self.nodes[node].label.clone();
            let text = vec![LogText::new("pair_down").name("node", label.clone())];
            let message = format!("{label}: its other machine went down too: the pair is down");
            return self.log_pair(node, LogKind::Killed, message, text);
        }
        let label = self.nodes[node].label.clone();
        let mut text = vec![why.clause("killed", "killed_random", "killed_region", &label)];
        let head = match why.english() {
            Some(c) => format!("{label} went down with the {c}"),
            None => format!("{label} was killed"),
        };
        if !was_active {
            text.push(LogText::new("standby_lost"));
            let message =
                format!("{head}: its standby machine stopped, the active one still serves");
            return self.log_pair(node, LogKind::Killed, message, text);
        }
        let Some(p) = self.pair_mut(node) else { return };
        p.active = 1 - m;
        p.taking_over = true;
        p.takeovers += 1;
        let count = p.takeovers;
        let seconds = takeover.as_ms_f64() / 1e3;
        self.schedule(
            now + takeover,
            Ev::Takeover {
                node,
                takeover: count,
            },
        );
        let n = &mut self.nodes[node];
        if n.alive {
            n.alive = false;
            n.epoch += 1;
            n.down_since = Some(now);
            if let Role::Lb(lb) = &mut n.role {
                lb.balancer.drop_connections();
            }
        }
        text.push(LogText::new("standby_taking_over").value("seconds", seconds, 1));
        let message = format!("{head}: its standby takes the address over in {seconds:.1} s");
        self.log_pair(node, LogKind::Killed, message, text);
    }

    /// Machine `m` of pair `node` runs again: it serves at once if the pair was down, else it stands by.
    pub(super) fn machine_up(&mut self, node: NodeIx, m: usize, why: Why) {
        let Some(p) = self.pair_mut(node) else { return };
        if p.up[m] {
            return;
        }
        p.up[m] = true;
        if !p.up[1 - m] {
            p.active = m;
            return self.start(node, why);
        }
        let label = self.nodes[node].label.clone();
        let text = vec![
            why.clause("restored", "repaired", "restored_region", &label),
            LogText::new("standby_ready"),
        ];
        let message = match why.english_back() {
            Some(c) => format!("{label} is back with the {c}: it has a standby machine again"),
            None => format!("{label} was restored: it has a standby machine again"),
        };
        self.log_pair(node, LogKind::Restored, message, text);
    }

    /// The standby of pair `node` has taken the address over and serves (unless the plan was voided).
    pub(super) fn on_takeover(&mut self, node: NodeIx, takeover: u32) {
        let now = self.now;
        let Some(p) = self.pair_mut(node) else { return };
        if p.takeovers != takeover || !p.taking_over {
            return;
        }
        p.taking_over = false;
        let n = &mut self.nodes[node];
        n.alive = true;
        n.slowdown = 1;
        n.came_up(now);
        let label = n.label.clone();
        let text = vec![LogText::new("standby_took_over").name("node", label.clone())];
        let message = format!("{label}'s standby took the address over and serves");
        self.log_pair(node, LogKind::Restored, message, text);
    }

    /// The second machine of pair `node` fails at random; its repair follows after an exponential time of mean
    /// MTTR.
    pub(super) fn on_second_failure(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(f) = &mut self.nodes[node].failures else {
            return;
        };
        let repair = SimDuration(f.rng.exponential_us(f.mttr_us).max(1));
        self.machine_down(node, 1, Why::Random);
        self.schedule(now + repair, Ev::SecondRepair { node });
    }

    /// The second machine of pair `node` is repaired; its next failure comes after a mean of MTBF.
    pub(super) fn on_second_repair(&mut self, node: NodeIx) {
        let now = self.now;
        let Some(f) = &mut self.nodes[node].failures else {
            return;
        };
        let up = SimDuration(f.rng.exponential_us(f.mtbf_us).max(1));
        self.machine_up(node, 1, Why::Random);
        self.schedule(now + up, Ev::SecondFailure { node });
    }
}
