//! What is derived from a disclosure, computed once when it loads: pure
//! functions of the model, no UI state. The app keeps only cursors and
//! marks on top of these.

pub mod grid;
pub mod library;
pub mod summary;

pub use grid::{GridColumn, GridRow, Origin, PublishedTable, Source, Tables};
