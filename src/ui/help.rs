//! The `?` overlay, generated from the key table that dispatches the keys.
//! Groups flow into as many columns as fit; what still does not fit
//! scrolls with j / k.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::put_line;
use super::text::{fit_left, width};
use super::theme::Theme;
use crate::app::App;
use crate::i18n::{t, Msg};

/// The help's lines, one per key group heading and binding.
fn help_lines<'a>(app: &App, th: &Theme) -> Vec<Line<'a>> {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let groups = app.keymap.help_groups();
    let key_w = groups
        .iter()
        .flat_map(|(_, bs)| bs.iter())
        .map(|b| width(&key_names(b)))
        .max()
        .unwrap_or(0)
        .min(26);
    for (i, (context, bindings)) in groups.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::styled(
            format!("[{}]", t(lang, context.title())),
            th.title,
        ));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!(" {}", fit_left(&key_names(b), key_w)), th.header),
                Span::raw(format!("  {}", t(lang, b.description))),
            ]));
        }
    }
    lines
}

/// Where the help stands in `area` and how its lines flow.
struct Geometry {
    popup: Rect,
    col_w: usize,
    /// Rows of the column flow, and rows on screen.
    needed: usize,
    rows: usize,
}

fn geometry(lines: &[Line], area: Rect) -> Option<Geometry> {
    let col_w = lines.iter().map(Line::width).max().unwrap_or(0) + 2;
    let inner_h = area.height.saturating_sub(2) as usize;
    if inner_h == 0 || area.width < 8 {
        return None;
    }
    // As many columns as fit, each `col_w` wide (the last may be cut).
    let columns = (area.width as usize / col_w.max(1)).max(1);
    let needed = lines.len().div_ceil(columns).max(1);
    let rows = needed.min(inner_h);
    let w = ((col_w * columns.min(lines.len().div_ceil(rows))) as u16 + 2).min(area.width);
    let h = (rows as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Some(Geometry {
        popup,
        col_w,
        needed,
        rows,
    })
}

/// How far the help can scroll in a body `area`: `update` clamps with it,
/// so drawing never has to.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let lines = help_lines(app, super::theme(app));
    geometry(&lines, area).map_or(0, |g| g.needed.saturating_sub(g.rows))
}

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let lines = help_lines(app, th);
    let Some(Geometry {
        popup,
        col_w,
        needed,
        rows,
    }) = geometry(&lines, area)
    else {
        return;
    };
    super::clear_with_straddle(buf, popup);
    let title = format!(
        " {} · {} ",
        t(lang, Msg::HelpTitle),
        t(lang, Msg::HelpClose)
    );
    super::overlay_bar(buf, popup, popup.y, &title, th);
    // Scrolling moves whole rows of the column flow.
    let max_scroll = needed.saturating_sub(rows);
    let scroll = scroll.min(max_scroll);
    for (i, line) in lines.iter().enumerate() {
        let (column, row) = (i / needed, i % needed);
        if row < scroll || row >= scroll + rows {
            continue;
        }
        let x = popup.x + 1 + (column * col_w) as u16;
        if x >= popup.right().saturating_sub(1) {
            continue;
        }
        let room = popup.right().saturating_sub(1) - x;
        put_line(
            buf,
            x,
            popup.y + 1 + (row - scroll) as u16,
            line,
            room.min(col_w as u16),
        );
    }
    let more = more_marker(lang, scroll > 0, scroll < max_scroll);
    super::overlay_bar(buf, popup, popup.bottom() - 1, &more, th);
}

/// The bottom edge's note that more lies above (`up`) or below (`down`).
fn more_marker(lang: crate::i18n::Lang, up: bool, down: bool) -> String {
    if !up && !down {
        return String::new();
    }
    format!(
        " {}{} {} ",
        if up { "↑" } else { "" },
        if down { "↓" } else { "" },
        t(lang, Msg::HelpMore)
    )
}

fn key_names(b: &crate::keymap::Binding) -> String {
    b.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" / ")
}
