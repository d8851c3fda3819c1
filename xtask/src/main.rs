//! Placeholder until xtask lands.
fn main() {}
