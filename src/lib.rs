//! budget-tui: explore and check Chinese department budget disclosures.
//!
//! Rooms: [`model`] (pure data) → [`import`] (text → model); [`search`]
//! (index and lookup over loaded disclosures).

pub mod import;
pub mod model;
pub mod search;
