//! Counts memo re-runs, so a test can say how much reactive work one pointer move causes (issue 13). Every memo of
//! the app is made with [`memo`], which counts each run under the file that created it; [`take`] reads and resets
//! the counts. A counter is one thread-local increment: cheap enough to stay in release builds.

use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    static RUNS: RefCell<Vec<(&'static str, u32)>> = const { RefCell::new(Vec::new()) };
}

fn hit(file: &'static str) {
    RUNS.with(|r| {
        let mut r = r.borrow_mut();
        match r.iter_mut().find(|(f, _)| *f == file) {
            Some((_, n)) => *n += 1,
            None => r.push((file, 1)),
        }
    });
}

/// `crate::probe::memo(f)`, counting each run of `f` under the caller's file.
#[track_caller]
pub fn memo<T: PartialEq + Send + Sync + 'static>(
    f: impl Fn(Option<&T>) -> T + Send + Sync + 'static,
) -> Memo<T> {
    let file = std::panic::Location::caller().file();
    Memo::new(move |prev| {
        hit(file);
        f(prev)
    })
}

/// The memo runs counted since the last call, per source file (`src/…`), most first; resets the counts.
#[must_use]
pub fn take() -> Vec<(&'static str, u32)> {
    let mut all = RUNS.with(|r| std::mem::take(&mut *r.borrow_mut()));
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    all
}

/// The total of [`take`].
#[must_use]
pub fn total(runs: &[(&'static str, u32)]) -> u32 {
    runs.iter().map(|(_, n)| n).sum()
}
