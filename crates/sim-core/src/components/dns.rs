//! DNS kernel: answers a lookup with one of the addresses it resolves to (round robin over its targets, as
//! round-robin DNS does) and says how long the answer may be cached (the record TTL).

use crate::time::SimDuration;

/// A DNS server's state.
#[derive(Clone, Debug)]
pub struct Dns {
    targets: Vec<u32>,
    next: usize,
    /// Time to answer one lookup.
    pub resolution: SimDuration,
    /// How long a user caches an answer.
    pub ttl: SimDuration,
}

impl Dns {
    /// A DNS resolving to `targets` (engine node indices, in edge order).
    #[must_use]
    pub fn new(targets: Vec<u32>, resolution: SimDuration, ttl: SimDuration) -> Self {
        Dns {
            targets,
            next: 0,
            resolution,
            ttl,
        }
    }

    /// The address the next lookup returns, or `None` if it resolves to nothing.
    pub fn resolve(&mut self) -> Option<u32> {
        let t = *self.targets.get(self.next % self.targets.len().max(1))?;
        self.next = (self.next + 1) % self.targets.len();
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_rotate_over_targets() {
        let mut d = Dns::new(vec![4, 5], SimDuration(1), SimDuration(2));
        assert_eq!(
            [d.resolve(), d.resolve(), d.resolve()],
            [Some(4), Some(5), Some(4)]
        );
        assert_eq!(
            Dns::new(vec![], SimDuration(1), SimDuration(2)).resolve(),
            None
        );
    }
}
