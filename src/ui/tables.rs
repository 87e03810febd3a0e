//! Tables tab: one published table at a time, as printed — header paths,
//! 栏次, every row and column, blank cells blank — with the 序号 / 编码 /
//! 名称 columns frozen and the others scrolled. A list of the document's
//! tables stands at the left when the screen is wide enough.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, Widget};

use super::put_line;
use super::text::{fit_left, fit_right, truncate, width};
use super::theme::Theme;
use crate::analysis::PublishedTable;
use crate::app::tables::{
    fitting_columns, frozen_width, grid_area, header_rows, window_start, SumMark, LIST_WIDTH,
    TITLE_ROWS,
};
use crate::app::App;
use crate::i18n::{t, Msg};
use crate::model::format_amount;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let tables = &app.tables_view().0.tables;
    if tables.is_empty() {
        put_line(
            buf,
            area.x,
            area.y,
            &Line::styled(t(app.lang, Msg::NoTables), th.dim),
            area.width,
        );
        return;
    }
    let grid = grid_area(area);
    if grid.width < area.width {
        render_list(
            app,
            Rect {
                width: LIST_WIDTH,
                ..area
            },
            buf,
            th,
        );
    }
    let state = app.tables_view().1;
    let Some(table) = tables.get(state.table) else {
        return;
    };
    render_title(app, table, grid, buf, th);
    let body = Rect {
        y: grid.y + TITLE_ROWS as u16,
        height: grid.height.saturating_sub(TITLE_ROWS as u16),
        ..grid
    };
    if body.height > 0 {
        render_grid(app, table, body, buf, th);
    }
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let tables = &app.tables_view().0.tables;
    let selected = app.tables_view().1.table;
    let height = area.height as usize;
    let start = window_start(selected, 0, height, tables.len());
    for (i, table) in tables.iter().enumerate().skip(start).take(height) {
        let style = if i == selected { th.selected } else { th.base };
        let label = format!("{:>2} {}", i + 1, table.title);
        let line = Line::styled(
            fit_left(&truncate(&label, area.width as usize), area.width as usize),
            style,
        );
        put_line(buf, area.x, area.y + (i - start) as u16, &line, area.width);
    }
}

fn render_title(app: &App, table: &PublishedTable, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let (tables, state) = app.tables_view();
    // All departments' tables were printed by no document.
    let source = match table.origin {
        crate::analysis::Origin::Aggregate(_) => String::new(),
        _ => crate::i18n::source_label(lang, table.page, table.line),
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {}/{} ", state.table + 1, tables.tables.len()),
            th.dim,
        ),
        Span::styled(table.title.clone(), th.title),
        Span::raw(format!(
            "  {}{}{}  {source}",
            t(lang, Msg::Unit),
            crate::i18n::colon(lang),
            table.unit.label()
        )),
    ]);
    put_line(buf, area.x, area.y, &title, area.width);
    if area.height < 2 {
        return;
    }
    // Which columns are on screen, so a reader knows there are more.
    let room = (area.width as usize).saturating_sub(frozen_width(table, area.width as usize));
    let shown = fitting_columns(table, state.first_column, room);
    let mut caption = Vec::new();
    if let Some(sum) = &state.sum {
        // The finding's arithmetic beside the table: the printed figure
        // and what its parts (marked in the grid) add up to.
        put_line(
            buf,
            area.x,
            area.y + 1,
            &sum_line(lang, sum, th),
            area.width,
        );
        return;
    }
    if let Some(text) = &table.caption {
        caption.push(Span::raw(format!(" {text}")));
    }
    if let (Some(first), Some(last)) = (shown.first(), shown.last()) {
        caption.push(Span::styled(
            format!(
                "  {} {}–{}/{}",
                t(lang, Msg::Columns),
                first + 1,
                last + 1,
                table.columns.len()
            ),
            th.dim,
        ));
    }
    if !table.notes.is_empty() {
        caption.push(Span::styled(format!("  {}", table.notes.join(" ")), th.dim));
    }
    put_line(buf, area.x, area.y + 1, &Line::from(caption), area.width);
}

/// `Σ 各部分 306.17 ≠ 所列 306.71  差 +0.54`: the sum a finding opened.
fn sum_line(lang: crate::i18n::Lang, sum: &SumMark, th: &Theme) -> Line<'static> {
    let printed = sum
        .printed
        .map_or_else(|| t(lang, Msg::Blank).to_string(), format_amount);
    let mut spans = vec![
        Span::styled(format!(" {} ", t(lang, Msg::SumOfParts)), th.warning),
        Span::styled(format_amount(sum.expected), th.warning),
        Span::raw(format!(
            " {} {} {printed}",
            if sum.printed == Some(sum.expected) {
                "="
            } else {
                "≠"
            },
            t(lang, Msg::Printed)
        )),
    ];
    if let Some(p) = sum.printed {
        let diff = p - sum.expected;
        let sign = if diff.is_sign_negative() { "" } else { "+" };
        spans.push(Span::styled(
            format!(
                "  {} {sign}{}",
                t(lang, Msg::DifferenceShort),
                format_amount(diff)
            ),
            th.error,
        ));
    }
    Line::from(spans)
}

/// The columns drawn, in order, with the width each gets.
fn drawn_columns(table: &PublishedTable, cols: usize, first: usize) -> Vec<(usize, usize)> {
    let frozen_room = frozen_width(table, cols);
    let mut out = Vec::new();
    let mut left = frozen_room;
    for c in 0..table.frozen {
        // The last frozen column (the name) takes what the others leave.
        let want = table.columns[c].width;
        let w = if c + 1 == table.frozen {
            left.saturating_sub(1)
        } else {
            want.min(left.saturating_sub(1))
        };
        left = left.saturating_sub(w + 1);
        out.push((c, w));
    }
    let room = cols.saturating_sub(frozen_room);
    for c in fitting_columns(table, first, room) {
        out.push((c, table.columns[c].width));
    }
    out
}

fn render_grid(app: &App, table: &PublishedTable, area: Rect, buf: &mut Buffer, th: &Theme) {
    let state = app.tables_view().1;
    let cols = area.width as usize;
    let drawn = drawn_columns(table, cols, state.first_column);
    let head = header_rows(table).min(area.height as usize);
    render_header(
        table,
        &drawn,
        Rect {
            height: head as u16,
            ..area
        },
        buf,
        th,
    );
    let body = Rect {
        y: area.y + head as u16,
        height: area.height - head as u16,
        ..area
    };
    let body_rows = body.height as usize;
    let start = window_start(state.row, state.offset, body_rows, table.rows.len());
    let rows = table
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(body_rows)
        .map(|(ri, row)| {
            let cells = drawn.iter().map(|&(c, w)| {
                let text = row.cells.get(c).map(String::as_str).unwrap_or("");
                let line = aligned(text, w, table.columns[c].numeric);
                let style = if ri == state.row && c == state.column {
                    th.highlight.patch(th.selected)
                } else if state.highlight == Some((ri, c)) {
                    th.highlight
                } else if state
                    .sum
                    .as_ref()
                    .is_some_and(|m| m.parts.contains(&(ri, c)))
                {
                    th.warning
                        .add_modifier(ratatui::style::Modifier::UNDERLINED)
                } else {
                    Style::new()
                };
                Cell::from(line).style(style)
            });
            let style = if ri == state.row {
                th.selected
            } else {
                th.base
            };
            Row::new(cells).style(style)
        });
    let widths = drawn.iter().map(|&(_, w)| Constraint::Length(w as u16));
    Table::new(rows, widths).column_spacing(1).render(body, buf);
}

/// The header as printed: a group label (本年收入, 资金性质) once across the
/// run of columns it stands over, the lowest label over each column, then
/// the 栏次 line.
fn render_header(
    table: &PublishedTable,
    drawn: &[(usize, usize)],
    area: Rect,
    buf: &mut Buffer,
    th: &Theme,
) {
    let depth = table.header_depth;
    // The label of drawn column `i` at header level `level` (top = 0),
    // header paths aligned at the bottom.
    let label = |i: usize, level: usize| -> &str {
        let header = &table.columns[drawn[i].0].header;
        let pad = depth - header.len();
        level
            .checked_sub(pad)
            .and_then(|l| header.get(l))
            .map_or("", String::as_str)
    };
    let mut xs = Vec::with_capacity(drawn.len());
    let mut x = area.x as usize;
    for &(_, w) in drawn {
        xs.push(x);
        x += w + 1;
    }
    for level in 0..depth.min(area.height as usize) {
        let y = area.y + level as u16;
        let mut i = 0;
        while i < drawn.len() {
            // A run: the same label here and on every level above.
            let mut j = i + 1;
            if level + 1 < depth {
                while j < drawn.len()
                    && !label(i, level).is_empty()
                    && (0..=level).all(|l| label(j, l) == label(i, l))
                {
                    j += 1;
                }
            }
            let run_width = xs[j - 1] + drawn[j - 1].1 - xs[i];
            let text = label(i, level);
            let numeric = table.columns[drawn[i].0].numeric && j == i + 1;
            let line = aligned(text, run_width, numeric).style(th.header);
            let room = (area.right() as usize).saturating_sub(xs[i]);
            put_line(buf, xs[i] as u16, y, &line, run_width.min(room) as u16);
            i = j;
        }
    }
    if (area.height as usize) > depth {
        let y = area.y + depth as u16;
        for (i, &(c, w)) in drawn.iter().enumerate() {
            let number = table.columns[c]
                .number
                .map(|n| n.to_string())
                .unwrap_or_default();
            let room = (area.right() as usize).saturating_sub(xs[i]);
            let line = aligned(&number, w, true).style(th.dim);
            put_line(buf, xs[i] as u16, y, &line, w.min(room) as u16);
        }
    }
}

/// `text` fitted to exactly `w` columns: a figure right-aligned and whole
/// (or `#` marks when it cannot fit, never a cut number), a label
/// left-aligned and cut with `…`. Padded here rather than aligned by the
/// widget, so header lines drawn straight into the buffer align too.
fn aligned(text: &str, w: usize, numeric: bool) -> Line<'static> {
    if numeric {
        if width(text) <= w {
            Line::from(fit_right(text, w))
        } else {
            Line::from("#".repeat(w))
        }
    } else {
        Line::from(fit_left(&truncate(text, w), w))
    }
}
