//! budget-tui: explore and check Chinese department budget disclosures.
//!
//! Rooms: [`model`] (pure data) → [`import`] (text → model).

pub mod import;
pub mod model;
