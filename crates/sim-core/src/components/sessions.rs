//! Session kernel: where each user's login session lives, and what a request finds there.
//!
//! One table per place sessions are kept: all stateful web servers share one table (a user's session lives on
//! exactly one server, its *home*), and each session store has its own. A request checked at place `p`: if the
//! user's session is at `p`, fine; if the user never logged in, they log in at `p` (no error); if their session
//! is elsewhere or was lost (its server or store died), they are logged out — the request fails and they log in
//! again at `p`. This is why a stateful web tier needs sticky sessions, and why a single session store is a single
//! point of failure.

use crate::id::NodeIx;

const NEVER: u32 = u32::MAX;
const LOST: u32 = u32::MAX - 1;

/// What a session check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionCheck {
    /// The session is here.
    Ok,
    /// First visit: the user logged in here.
    LoggedIn,
    /// The session was elsewhere or lost: the user was logged out (and now logs in here).
    LoggedOut,
}

/// Session homes of every user (dense global user ids).
#[derive(Clone, Debug, Default)]
pub struct SessionTable {
    home: Vec<u32>,
}

impl SessionTable {
    /// Checks `user`'s session at place `here` (an engine node index) and moves it there.
    pub fn check(&mut self, user: u32, here: NodeIx) -> SessionCheck {
        let here = here.0;
        let u = user as usize;
        if self.home.len() <= u {
            self.home.resize(u + 1, NEVER);
        }
        let before = std::mem::replace(&mut self.home[u], here);
        match before {
            h if h == here => SessionCheck::Ok,
            NEVER => SessionCheck::LoggedIn,
            _ => SessionCheck::LoggedOut,
        }
    }

    /// Every session kept at `place` is lost (the place died). Returns how many.
    pub fn lose(&mut self, place: NodeIx) -> u64 {
        let place = place.0;
        let mut n = 0;
        for h in &mut self.home {
            if *h == place {
                *h = LOST;
                n += 1;
            }
        }
        n
    }

    /// Every session in this table is lost (a session store died). Returns how many.
    pub fn lose_all(&mut self) -> u64 {
        let mut n = 0;
        for h in &mut self.home {
            if *h != NEVER && *h != LOST {
                *h = LOST;
                n += 1;
            }
        }
        n
    }

    /// Sessions kept at `place` now.
    #[must_use]
    pub fn count_at(&self, place: NodeIx) -> u64 {
        self.home.iter().filter(|&&h| h == place.0).count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_visit_logs_in_then_the_session_must_stay_put() {
        let mut t = SessionTable::default();
        assert_eq!(t.check(7, NodeIx(1)), SessionCheck::LoggedIn);
        assert_eq!(t.check(7, NodeIx(1)), SessionCheck::Ok);
        assert_eq!(
            t.check(7, NodeIx(2)),
            SessionCheck::LoggedOut,
            "another server does not have the session"
        );
        assert_eq!(
            t.check(7, NodeIx(2)),
            SessionCheck::Ok,
            "the user logged in again there"
        );
    }

    #[test]
    fn a_dead_place_loses_its_sessions() {
        let mut t = SessionTable::default();
        for u in 0..10 {
            t.check(u, NodeIx(u % 2));
        }
        assert_eq!(t.lose(NodeIx(0)), 5);
        assert_eq!(t.count_at(NodeIx(0)), 0);
        assert_eq!(
            t.check(0, NodeIx(0)),
            SessionCheck::LoggedOut,
            "even back on the same server the session is gone"
        );
        assert_eq!(t.check(1, NodeIx(1)), SessionCheck::Ok);
    }
}
