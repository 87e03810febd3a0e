//! budget-tui: explore and check Chinese department budget disclosures.
//!
//! Rooms: [`model`] (pure data) → [`import`] (text → model) and [`check`]
//! (consistency checks over the model) → [`app`] (state, changed only by
//! [`action`]s that [`keymap`] maps keys to) → [`ui`] (rendering only).
//! [`search`] indexes loaded disclosures for `/` and `budget lookup`.

pub mod action;
pub mod analysis;
pub mod app;
pub mod bundled;
pub mod cache;
pub mod check;
pub mod config;
pub mod corpus;
pub mod export;
pub mod i18n;
pub mod import;
pub mod keymap;
pub mod load;
pub mod model;
pub mod screenshots;
pub mod search;
pub mod ui;
