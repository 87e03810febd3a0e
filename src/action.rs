//! What the user asked for, independent of the key that asked.

use crate::app::Tab;

/// An intent. Keys map to actions through [`crate::keymap`]; the app applies
/// them in [`crate::app::App::update`]; nothing else changes app state.
///
/// Named in snake_case (`go_back`, `go_tab(tables)`) so a configuration file
/// can bind keys to actions by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    ToggleHelp,
    CloseOverlay,
    NextTab,
    PrevTab,
    GoTab(Tab),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Expand the selected node and step to its first child.
    DrillIn,
    /// Step to the parent and fold it again.
    DrillOut,
    /// Expand or collapse the selected node in place.
    ToggleNode,
    /// Show one level less of the whole tree (hledger-ui `-`).
    DepthLess,
    /// Show one level more of the whole tree (hledger-ui `+`).
    DepthMore,
    ExpandAll,
    /// Functional ↔ economic classification.
    ToggleScheme,
    /// Scroll the amount columns (the code/name column stays).
    ColumnsLeft,
    ColumnsRight,
    /// Summary: show the 收支总表's blank rows too.
    ToggleBlankRows,
    /// Projects: open the selected card.
    Open,
    /// Projects: back from a card, comparison or category to the list.
    Back,
    /// Projects: mark / unmark the selected card for comparison.
    ToggleMark,
    /// Projects: compare the marked cards side by side.
    Compare,
    /// Projects: next list order (document, budget, name, code); in the
    /// category view, sort by parsed value.
    CycleSort,
    /// Projects: the same list order, reversed.
    ReverseSort,
    /// Projects: start typing a filter.
    StartFilter,
    /// Projects: all indicators of one 二级指标 across the cards.
    CategoryView,
    PrevCategory,
    NextCategory,
    /// Projects: show indicator values raw instead of parsed.
    ToggleRaw,
    /// Tables: the previous / next published table.
    PrevTable,
    NextTable,
    /// Tables: move the cell cursor left / right.
    CellLeft,
    CellRight,
    /// Checks: jump to where the selected finding points.
    Jump,
    /// Checks: the ledger of every rule instead of the findings.
    ToggleLedger,
    /// Copy the selected figure (`y`) or table row as TSV (`Y`).
    CopyFigure,
    CopyRow,
    /// Export the view on screen to CSV (`x`).
    Export,
    /// All departments: the Departments selection summed by classification
    /// code, in the Drill-down and Tables tabs (again: the open department).
    Aggregate,
    /// Departments: the files that could not be read, with their errors.
    ToggleProblems,
    /// Open the `/` search overlay.
    OpenSearch,
    /// Jump to the next / previous hit of the last search.
    NextHit,
    PrevHit,
    /// Back to exactly the screen, cursor and scroll the user came from
    /// (the screen stack): after a jump, opening a card, a comparison.
    GoBack,
    /// Text input: a typed character.
    Input(char),
    InputBackspace,
    /// Text input: Ctrl-U clears, Ctrl-W deletes the last word.
    InputClear,
    InputDeleteWord,
    /// Text input: keep what was typed and leave the input.
    InputConfirm,
    /// Text input: drop what was typed and leave the input.
    InputCancel,
}

/// A movement over whatever list or text has the focus: the six movement
/// keys mean the same everywhere, so they are read here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Action {
    /// The movement this action is, if it is one.
    pub fn motion(self) -> Option<Motion> {
        Some(match self {
            Action::Up => Motion::Up,
            Action::Down => Motion::Down,
            Action::PageUp => Motion::PageUp,
            Action::PageDown => Motion::PageDown,
            Action::Top => Motion::Top,
            Action::Bottom => Motion::Bottom,
            _ => return None,
        })
    }
}

impl Motion {
    /// The motion as a step over `len` rows, `page` rows a page (Top and
    /// Bottom step the whole length, so a clamping mover ends at an end).
    pub fn delta(self, page: usize, len: usize) -> isize {
        match self {
            Motion::Up => -1,
            Motion::Down => 1,
            Motion::PageUp => -(page.max(1) as isize),
            Motion::PageDown => page.max(1) as isize,
            Motion::Top => -(len as isize),
            Motion::Bottom => len as isize,
        }
    }

    /// A scroll position after this motion: `page` rows a page, never past
    /// `max`.
    pub fn scroll(self, at: usize, max: usize, page: usize) -> usize {
        let next = match self {
            Motion::Up => at.saturating_sub(1),
            Motion::Down => at + 1,
            Motion::PageUp => at.saturating_sub(page),
            Motion::PageDown => at + page,
            Motion::Top => 0,
            Motion::Bottom => max,
        };
        next.min(max)
    }
}
