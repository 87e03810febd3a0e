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
