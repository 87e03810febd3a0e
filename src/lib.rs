//! budget-tui: explore and check Chinese department budget disclosures.
//!
//! Rooms: [`model`] (pure data) → [`import`] (text → model) → [`check`]
//! (consistency checks over the model).

pub mod check;
pub mod import;
pub mod model;
