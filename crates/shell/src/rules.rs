//! Sentences that state a node's rule from its settings, as a catalog message id and its arguments (the app's
//! `i18n` formats and translates them): the worker autoscaler's ("Adds workers when the backlog exceeds 10 jobs per
//! worker, up to 20…"). Pure functions, no DOM.

use sim_core::model::WorkersConfig;

/// An argument of a rule sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Arg {
    /// A count (workers, jobs), written as a whole number.
    Count(u32),
    /// A duration in seconds, written with at most one decimal.
    Seconds(f64),
}

/// A sentence of the catalogs: its message id and named arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Message id in `locales/*.ftl`.
    pub id: &'static str,
    /// Named arguments of the message.
    pub args: Vec<(&'static str, Arg)>,
}

/// The worker autoscaler's rule in one sentence: a pool that can grow (`max_workers` above `min_workers`) wants
/// one worker per `target_backlog_per_worker` waiting jobs, between the minimum and the maximum, and its new
/// workers take `warm_up_s` to start; otherwise it is a fixed pool.
#[must_use]
pub fn workers_autoscaler(w: &WorkersConfig) -> Sentence {
    if w.max_workers > w.min_workers {
        Sentence {
            id: "workers-rule-autoscale",
            args: vec![
                ("backlog", Arg::Count(w.target_backlog_per_worker.max(1))),
                ("max", Arg::Count(w.max_workers)),
                ("min", Arg::Count(w.min_workers)),
                ("seconds", Arg::Seconds(w.warm_up_s)),
            ],
        }
    } else {
        Sentence {
            id: "workers-rule-fixed",
            args: vec![("count", Arg::Count(w.min_workers))],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_autoscaled_pool_states_its_backlog_target_ceiling_floor_and_warm_up() {
        let w = WorkersConfig {
            min_workers: 2,
            max_workers: 20,
            target_backlog_per_worker: 10,
            warm_up_s: 30.0,
        };
        let s = workers_autoscaler(&w);
        assert_eq!(s.id, "workers-rule-autoscale");
        assert_eq!(
            s.args,
            [
                ("backlog", Arg::Count(10)),
                ("max", Arg::Count(20)),
                ("min", Arg::Count(2)),
                ("seconds", Arg::Seconds(30.0)),
            ]
        );
    }

    #[test]
    fn a_pool_that_cannot_grow_is_a_fixed_pool() {
        let s = workers_autoscaler(&WorkersConfig::default());
        assert_eq!(s.id, "workers-rule-fixed");
        assert_eq!(s.args, [("count", Arg::Count(4))]);
    }

    #[test]
    fn every_rule_sentence_is_in_every_catalog_with_its_arguments() {
        for lang in ["en", "es", "zh"] {
            let path = format!("{}/../../locales/{lang}.ftl", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("catalog");
            let autoscaled = WorkersConfig {
                max_workers: 8,
                ..WorkersConfig::default()
            };
            for s in [
                workers_autoscaler(&WorkersConfig::default()),
                workers_autoscaler(&autoscaled),
            ] {
                // The message: its line and the indented lines that continue it (variants by count).
                let mut lines = text
                    .lines()
                    .skip_while(|l| !l.starts_with(&format!("{} =", s.id)));
                let first = lines
                    .next()
                    .unwrap_or_else(|| panic!("locales/{lang}.ftl lacks {}", s.id));
                let message: String = std::iter::once(first)
                    .chain(lines.take_while(|l| l.starts_with(' ')))
                    .collect();
                for (name, _) in &s.args {
                    assert!(
                        message.contains(&format!("${name}")),
                        "{lang}: {} does not use ${name}",
                        s.id
                    );
                }
            }
        }
    }
}
