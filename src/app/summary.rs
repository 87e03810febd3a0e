//! The Summary tab's UI state; its figures are [`crate::analysis::summary`].

/// Scroll state of the Summary tab.
#[derive(Debug, Clone, Default)]
pub struct SummaryState {
    pub show_blank_rows: bool,
    /// First line on screen, kept within the content by `update`.
    pub scroll: usize,
}
