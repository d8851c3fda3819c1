//! Scale Lab front end (placeholder).
