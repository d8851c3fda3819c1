//! Integration tests of the simulation core: determinism, invariants after every step, agreement with queueing
//! theory, the fault-and-failover story of the walking skeleton, and golden summaries.

mod autoscaling;
mod caching;
mod cdn;
mod challenges;
mod determinism;
mod failover;
mod golden;
mod invariants;
mod jobs;
mod properties;
mod regions;
mod replication;
mod sessions;
mod sharding;
mod support;
mod theory;
mod verdicts;
mod watching;
