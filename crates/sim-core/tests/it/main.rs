//! Integration tests of the simulation core.
