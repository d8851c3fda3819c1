//! Bounded undo/redo history of the document, as whole snapshots. The editor records one entry per completed
//! gesture (a drag, a connection, one inspector change), never per pointer move; a refused edit records nothing.

use sim_core::scenario::Scenario;
use std::collections::VecDeque;

/// Undo and redo stacks of document snapshots. The oldest undo entries are dropped past the capacity.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Scenario>,
    redo: Vec<Scenario>,
    capacity: usize,
}

impl Default for History {
    fn default() -> Self {
        History::with_capacity(100)
    }
}

impl History {
    /// Empty history keeping at most `capacity` undo steps (at least one).
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            capacity: capacity.max(1),
        }
    }

    /// Records `before`, the document as it was before a completed change. Clears the redo stack.
    pub fn record(&mut self, before: Scenario) {
        if self.undo.len() == self.capacity {
            self.undo.pop_front();
        }
        self.undo.push_back(before);
        self.redo.clear();
    }

    /// The document to go back to, given the current one (which becomes redoable); `None` when nothing to undo.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        let prev = self.undo.pop_back()?;
        self.redo.push(current.clone());
        Some(prev)
    }

    /// The document to go forward to, given the current one; `None` when nothing to redo.
    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        let next = self.redo.pop()?;
        self.undo.push_back(current.clone());
        Some(next)
    }

    /// Whether [`History::undo`] would do something.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`History::redo`] would do something.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(seed: u64) -> Scenario {
        Scenario {
            seed,
            ..Scenario::default()
        }
    }

    #[test]
    fn undo_and_redo_walk_the_snapshots_and_capacity_drops_the_oldest() {
        let mut h = History::with_capacity(2);
        h.record(doc(1));
        h.record(doc(2));
        h.record(doc(3));
        assert_eq!(h.undo(&doc(4)).map(|d| d.seed), Some(3));
        assert_eq!(h.undo(&doc(3)).map(|d| d.seed), Some(2));
        assert!(
            h.undo(&doc(2)).is_none(),
            "entry 1 was dropped past capacity"
        );
        assert_eq!(h.redo(&doc(2)).map(|d| d.seed), Some(3));
        h.record(doc(9));
        assert!(!h.can_redo(), "a new change clears redo");
    }
}
