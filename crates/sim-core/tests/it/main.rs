//! Integration tests of the simulation core: determinism, invariants after every step, agreement with queueing
//! theory, the fault-and-failover story of the walking skeleton, golden summaries, and the chapter's word: every
//! lesson's promise and every verdict's explanation checked against runs.

mod autoscaling;
mod availability;
mod balancing;
mod caching;
mod cdn;
mod challenges;
mod determinism;
mod engine;
mod failover;
mod golden;
mod gray;
mod invariants;
mod jobs;
mod lb_pair;
mod lessons;
mod lessons_scale;
mod lessons_text;
mod lessons_web;
mod limits;
mod multi_primary;
mod partition;
mod properties;
mod random_failures;
mod read_your_writes;
mod regions;
mod replica_apply;
mod replication;
mod sessions;
mod sharding;
mod sharding_seeds;
mod slo;
mod slo_cold;
mod support;
mod sweep;
mod theory;
mod theory_beside;
mod traffic;
mod verdicts;
mod watching;
