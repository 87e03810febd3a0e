//! budget-tui: explore and check Chinese department budget disclosures.
//!
//! Rooms: [`model`] (pure data) → [`import`] (text → model).

pub mod action;
pub mod app;
pub mod bundled;
pub mod i18n;
pub mod import;
pub mod keymap;
pub mod model;
pub mod screenshots;
pub mod ui;
