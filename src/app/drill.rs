//! Drill-down UI state: what is expanded and selected in a tree whose
//! figures are [`crate::analysis::drill`].

use crate::analysis::drill::DrillView;

/// Expand / select state of one tree. `visible` is recomputed only when
/// the expansion changes, never per frame.
#[derive(Debug, Clone)]
pub struct DrillState {
    pub expanded: Vec<bool>,
    /// Node indexes in display order.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    /// First row on screen, kept by `update` for the viewport it knows;
    /// the renderer clamps it for the height it draws, writing nothing.
    pub offset: usize,
    /// Rows a page holds at the current size, for PgUp / PgDn.
    pub page: usize,
    /// Levels shown by depth keys: 1 = 类 only.
    pub depth: usize,
    /// First scrolled amount column.
    pub first_column: usize,
}

impl DrillState {
    pub fn new(view: &DrillView) -> DrillState {
        let mut state = DrillState {
            expanded: vec![false; view.tree.nodes.len()],
            visible: Vec::new(),
            selected: 0,
            offset: 0,
            page: 10,
            depth: 1,
            first_column: 0,
        };
        state.set_depth(view, 1);
        state
    }

    pub fn selected_node(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    fn rebuild(&mut self, view: &DrillView, keep: Option<usize>) {
        self.visible.clear();
        let mut stack: Vec<usize> = view.tree.roots.iter().rev().copied().collect();
        while let Some(node) = stack.pop() {
            self.visible.push(node);
            if self.expanded[node] {
                stack.extend(view.tree.nodes[node].children.iter().rev());
            }
        }
        self.selected = keep
            .and_then(|n| self.nearest_visible(view, n))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
    }

    /// The position of `node`, or of its nearest visible ancestor.
    fn nearest_visible(&self, view: &DrillView, node: usize) -> Option<usize> {
        let mut current = Some(node);
        while let Some(n) = current {
            if let Some(pos) = self.visible.iter().position(|&v| v == n) {
                return Some(pos);
            }
            current = view.tree.nodes[n].parent;
        }
        None
    }

    /// Shows `depth` levels of the whole tree (hledger-ui's depth).
    pub fn set_depth(&mut self, view: &DrillView, depth: usize) {
        let max = view.tree.max_depth().max(1);
        self.depth = depth.clamp(1, max);
        for (node, open) in view.tree.nodes.iter().zip(self.expanded.iter_mut()) {
            *open = node.depth < self.depth;
        }
        let keep = self.selected_node();
        self.rebuild(view, keep);
    }

    pub fn drill_in(&mut self, view: &DrillView) {
        let Some(node) = self.selected_node() else {
            return;
        };
        let Some(&first) = view.tree.nodes[node].children.first() else {
            return;
        };
        self.expanded[node] = true;
        self.rebuild(view, Some(first));
    }

    pub fn drill_out(&mut self, view: &DrillView) {
        let Some(node) = self.selected_node() else {
            return;
        };
        let Some(parent) = view.tree.nodes[node].parent else {
            return;
        };
        self.expanded[parent] = false;
        self.rebuild(view, Some(parent));
    }

    pub fn toggle(&mut self, view: &DrillView) {
        let Some(node) = self.selected_node() else {
            return;
        };
        if view.tree.nodes[node].children.is_empty() {
            return;
        }
        self.expanded[node] = !self.expanded[node];
        self.rebuild(view, Some(node));
    }

    pub fn expand_all(&mut self, view: &DrillView) {
        let max = view.tree.max_depth();
        self.set_depth(view, max);
    }

    /// Selects `node`, expanding its ancestors.
    pub fn reveal(&mut self, view: &DrillView, node: usize) {
        for ancestor in view.tree.path(node) {
            if ancestor != node {
                self.expanded[ancestor] = true;
            }
        }
        self.rebuild(view, Some(node));
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn scroll_columns(&mut self, view: &DrillView, delta: isize) {
        let last = view.columns.len().saturating_sub(1) as isize;
        self.first_column = (self.first_column as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Keeps the selection on a screen of `page` rows (called by `update`).
    pub fn follow(&mut self, page: usize) {
        self.page = page;
        self.offset = self.window_start(page);
    }

    /// The first row to draw in a body of `height` rows so the selection
    /// stays on screen with as little scrolling as possible. Pure.
    pub fn window_start(&self, height: usize) -> usize {
        super::projects::window_start(self.selected, self.offset, height, self.visible.len())
    }
}
