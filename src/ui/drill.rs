//! Drill-down tab: the classification tree with one column per figure, a
//! breadcrumb, and a panel listing every table row that carries the code.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::text::{truncate, width};
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::analysis::drill::{label_text, DrillView};
use crate::app::drill::DrillState;
use crate::app::App;
use crate::i18n::{t, Msg};
use crate::model::{format_amount, CodeScheme, Place};

/// Narrowest the code/name column gets before amount columns give way.
const MIN_LABEL: usize = 28;
/// Widest it gets, so amounts stay near their names on wide screens.
const MAX_LABEL: usize = 56;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    // All departments (`a`): the aggregate by code in place of the tree.
    if let Some(view) = app.aggregate() {
        super::aggregate::render(app, view, area, buf, th);
        return;
    }
    // Side panel: right on wide screens, below on tall ones, else none.
    let (tree_area, panel_area) = if area.width >= 150 {
        let panel_w = (area.width / 3).min(48);
        let [tree, panel] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(panel_w)])
            .spacing(1)
            .areas(area);
        (tree, Some(panel))
    } else if area.height >= 16 {
        let [tree, panel] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(area);
        (tree, Some(panel))
    } else {
        (area, None)
    };
    render_tree(app, tree_area, buf, th);
    if let Some(panel) = panel_area {
        render_carriers(app, panel, buf, th);
    }
}

fn render_tree(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let (view, state) = app.drill();
    let cols = area.width as usize;
    let lang = app.lang;
    let mut y = area.y;
    let bottom = area.bottom();

    let crumb = breadcrumb(app, view, state, th);
    put_line(buf, area.x, y, &crumb, area.width);
    y += 1;
    if y >= bottom {
        return;
    }

    let cols_fit = TreeColumns::fit(view, state, cols);
    put_line(buf, area.x, y, &cols_fit.header(view, lang, th), area.width);
    y += 1;
    if y >= bottom {
        return;
    }
    // 合计 pinned under the header.
    put_line(buf, area.x, y, &cols_fit.total(view, lang, th), area.width);
    y += 1;

    let height = bottom.saturating_sub(y) as usize;
    let start = state.window_start(height);
    for (i, &node) in state.visible.iter().enumerate().skip(start).take(height) {
        let selected = i == state.selected;
        let line = cols_fit.node_line(view, state, node, selected, cols, th);
        put_line(buf, area.x, y, &line, area.width);
        y += 1;
    }
}

/// The line above the tree: scheme, the selection's code path and depth.
fn breadcrumb(app: &App, view: &DrillView, state: &DrillState, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let scheme = match view.scheme {
        CodeScheme::Functional => t(lang, Msg::Functional),
        CodeScheme::Economic => t(lang, Msg::Economic),
    };
    Line::from(vec![
        Span::styled(format!(" {scheme}"), th.title),
        Span::raw(format!("  {}", app.code_path().join(" › "))),
        Span::styled(
            format!(
                "   {} {}/{}",
                t(lang, Msg::Depth),
                state.depth,
                view.tree.max_depth()
            ),
            th.dim,
        ),
    ])
}

/// The label column's width and the amount columns that fit beside it.
struct TreeColumns {
    label_w: usize,
    shown: Vec<usize>,
    more_left: bool,
    more_right: bool,
}

impl TreeColumns {
    /// Which amount columns fit after the label column, from the first
    /// scrolled one.
    fn fit(view: &DrillView, state: &DrillState, cols: usize) -> TreeColumns {
        let label_want =
            (view.label_width + 2 * view.tree.max_depth() + 1).clamp(MIN_LABEL, MAX_LABEL);
        let first = state.first_column.min(view.columns.len());
        let mut shown = Vec::new();
        let mut used = MIN_LABEL.min(cols);
        for c in first..view.columns.len() {
            let w = view.column_widths[c] + 1;
            if used + w > cols {
                break;
            }
            used += w;
            shown.push(c);
        }
        let amounts_w: usize = shown.iter().map(|&c| view.column_widths[c] + 1).sum();
        let label_w = cols
            .saturating_sub(amounts_w)
            .min(label_want)
            .max(MIN_LABEL.min(cols));
        let more_right = shown
            .last()
            .map_or(!view.columns.is_empty(), |&c| c + 1 < view.columns.len());
        TreeColumns {
            label_w,
            shown,
            more_left: first > 0,
            more_right,
        }
    }

    /// `编码 名称  < >` over the labels (arrows where columns are hidden),
    /// then each shown column's header.
    fn header(&self, view: &DrillView, lang: crate::i18n::Lang, th: &Theme) -> Line<'static> {
        let mut label = t(lang, Msg::CodeName).to_string();
        if self.more_left || self.more_right {
            label = format!(
                "{label}  {}{}",
                if self.more_left { "<" } else { " " },
                if self.more_right { ">" } else { " " }
            );
        }
        let mut spans = vec![cell_left(&format!(" {label}"), self.label_w, th.header)];
        for &c in &self.shown {
            spans.push(Span::raw(" "));
            spans.push(cell_right(
                &view.columns[c].header,
                view.column_widths[c],
                th.header,
            ));
        }
        Line::from(spans)
    }

    fn total(&self, view: &DrillView, lang: crate::i18n::Lang, th: &Theme) -> Line<'static> {
        let mut spans = vec![cell_left(
            &format!(" {}", t(lang, Msg::Total)),
            self.label_w,
            th.header,
        )];
        for &c in &self.shown {
            spans.push(Span::raw(" "));
            let text = view.totals[c].map(format_amount).unwrap_or_default();
            spans.push(cell_right(&text, view.column_widths[c], th.header));
        }
        Line::from(spans)
    }

    /// One node: indented by depth, ▸/▾ where it has children, its figures.
    fn node_line(
        &self,
        view: &DrillView,
        state: &DrillState,
        node: usize,
        selected: bool,
        cols: usize,
        th: &Theme,
    ) -> Line<'static> {
        let n = &view.tree.nodes[node];
        let marker = if n.children.is_empty() {
            "  "
        } else if state.expanded[node] {
            "▾ "
        } else {
            "▸ "
        };
        let indent = " ".repeat(1 + 2 * (n.depth - 1));
        let label = format!(
            "{indent}{marker}{}",
            label_text(n.code.as_str(), n.name.as_deref())
        );
        let style = if selected { th.selected } else { th.base };
        let mut spans = vec![cell_left(&label, self.label_w, style)];
        for &c in &self.shown {
            spans.push(Span::styled(" ", style));
            let text = view.values[node][c].map(format_amount).unwrap_or_default();
            spans.push(cell_right(&text, view.column_widths[c], style));
        }
        let line_w: usize = spans.iter().map(|s| width(&s.content)).sum();
        if selected && line_w < cols {
            spans.push(Span::styled(" ".repeat(cols - line_w), style));
        }
        Line::from(spans)
    }
}

/// Every table row that carries the selected code, with every figure it prints.
/// One table's figures for the code: a line per figure under the table's
/// name when `tall`, else all on one line.
fn carrier_lines(
    name: &str,
    figures: &[(&str, String)],
    tall: bool,
    cols: usize,
    th: &Theme,
    lines: &mut Vec<Line<'static>>,
) {
    if !tall {
        let joined: Vec<String> = figures.iter().map(|(l, a)| format!("{l} {a}")).collect();
        let text = format!("  {name}：{}", joined.join("  "));
        lines.push(Line::from(Span::raw(truncate(&text, cols))));
        return;
    }
    lines.push(Line::styled(
        truncate(&format!("  {name}："), cols),
        th.header,
    ));
    let label_w = figures.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    for (label, amount) in figures {
        let text = format!(
            "    {}  {amount:>10}",
            super::text::fit_left(label, label_w)
        );
        lines.push(Line::raw(truncate(&text, cols)));
    }
}

fn render_carriers(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let (view, state) = app.drill();
    let cols = area.width as usize;
    let Some(node) = state.selected_node() else {
        return;
    };
    let n = &view.tree.nodes[node];
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!(" {} ", t(app.lang, Msg::RowsCarryingCode)),
            th.title,
        ),
        Span::styled(label_text(n.code.as_str(), n.name.as_deref()), th.header),
    ])];
    if view.carriers[node].is_empty() {
        lines.push(Line::styled(
            format!("  {}", t(app.lang, Msg::NoRowsForCode)),
            th.dim,
        ));
    }
    // Beside the tree (tall and narrow): one figure per line. Below it
    // (wide and short): one line per table.
    let tall = area.height as usize > 2 * view.carriers[node].len() + 2;
    for place in &view.carriers[node] {
        let Place::TableRow { table, side, row } = *place else {
            continue;
        };
        let Some(tbl) = app.analysis.doc.tables.get(table) else {
            continue;
        };
        let Some(sd) = tbl.sides.get(side) else {
            continue;
        };
        let Some(r) = sd.rows.get(row) else { continue };
        let figures: Vec<(&str, String)> = sd
            .columns
            .iter()
            .zip(&r.amounts)
            .filter_map(|(col, a)| a.map(|a| (col.label(), format_amount(a))))
            .collect();
        carrier_lines(tbl.kind.short_name(), &figures, tall, cols, th, &mut lines);
    }
    for (i, line) in lines.iter().take(area.height as usize).enumerate() {
        put_line(buf, area.x, area.y + i as u16, line, area.width);
    }
}
