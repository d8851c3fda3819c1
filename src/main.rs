//! Scale Lab entry point (placeholder).
fn main() {}
