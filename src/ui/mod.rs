//! Rendering only: reads the [`App`] and draws a frame; it changes nothing
//! (the app holds no interior mutability — scroll offsets are kept by
//! `update` for the viewport and only clamped here). One file per tab.

pub mod aggregate;
pub mod checks;
pub mod departments;
pub mod drill;
pub mod help;
pub mod projects;
pub mod reader;
pub mod search;
pub mod summary;
pub mod svg;
pub mod tables;
pub mod text;
pub mod theme;
pub mod years;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::Frame;

use crate::app::{App, Overlay, Tab};
use crate::i18n::{t, Msg};
use theme::Theme;

/// Rows the chrome takes around a tab's body: the tab bar and the status
/// line.
pub const CHROME_ROWS: u16 = 2;

/// The theme the app runs with.
pub fn theme(app: &App) -> &'static Theme {
    if app.monochrome {
        &theme::MONO
    } else {
        &theme::COLOR
    }
}

/// An overlay's bar: `text` across row `y` of `popup`, in the status style
/// (the title at the top, a "more" note at the bottom).
pub fn overlay_bar(buf: &mut Buffer, popup: Rect, y: u16, text: &str, th: &Theme) {
    let w = popup.width as usize;
    buf.set_string(
        popup.x,
        y,
        text::fit_left(&text::truncate(text, w), w),
        th.status,
    );
}

/// Draws the whole app: tab bar, the current tab, the status line and any
/// overlay. Safe at any size down to 1×1.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(AppScreen(app), frame.area());
}

/// The whole app as a ratatui widget over its state, read only.
pub struct AppScreen<'a>(pub &'a App);

impl Widget for AppScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self.0, area, buf);
    }
}

/// One tab's body as a ratatui widget: the tab's renderer over the app's
/// state, read only (the Summary is its own widget over the analysis).
pub struct TabBody<'a> {
    pub app: &'a App,
    pub tab: Tab,
    pub th: &'a Theme,
}

impl Widget for TabBody<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let (app, th) = (self.app, self.th);
        match self.tab {
            Tab::Summary => summary::SummaryScreen::of(app, th).render(body, buf),
            Tab::Drill => drill::render(app, body, buf, th),
            Tab::Projects => projects::render(app, body, buf, th),
            Tab::Checks => checks::render(app, body, buf, th),
            Tab::Tables => tables::render(app, body, buf, th),
            Tab::Departments => departments::render(app, body, buf, th),
            Tab::Years => years::render(app, body, buf, th),
        }
    }
}

/// [`draw`] into a plain buffer (used by tests and screenshots as well).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let th = theme(app);
    if area.width == 0 || area.height == 0 {
        return;
    }
    if area.height < 3 || area.width < 12 {
        let msg = text::truncate(t(app.lang, Msg::TooSmall), area.width as usize);
        buf.set_string(area.x, area.y, msg, th.base);
        return;
    }
    // Tab bar, body, status line: CHROME_ROWS rows of chrome.
    let [tabs, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, tabs, buf, th);
    TabBody {
        app,
        tab: app.tab,
        th,
    }
    .render(body, buf);
    render_status(app, status, buf, th);
    match &app.overlay {
        Some(Overlay::Reader(r)) => reader::render(app, r, body, buf, th),
        Some(Overlay::Search) => search::render(app, body, buf, th),
        Some(Overlay::Help { scroll }) => help::render(app, *scroll, body, buf, th),
        None => {}
    }
}

fn render_tabs(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let mut spans = Vec::new();
    for tab in app.tabs().iter() {
        let style = if *tab == app.tab {
            th.tab_active
        } else {
            th.tab_inactive
        };
        spans.push(Span::styled(
            format!(" {} {} ", tab.number(), t(app.lang, tab.title())),
            style,
        ));
        // The Checks tab says how many errors wait there.
        let errors = app.analysis.by_severity[0];
        if *tab == Tab::Checks && errors > 0 {
            spans.push(Span::styled(format!("({errors})"), th.error));
        }
        spans.push(Span::raw(" "));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn render_status(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let dept = &app.analysis.doc.department;
    // The Drill-down and Tables tabs in All departments speak for the
    // selection, not for the open department.
    let all = app
        .aggregate()
        .filter(|_| matches!(app.tab, Tab::Drill | Tab::Tables));
    let left = match all {
        Some(view) => format!(
            " {} {} {}{}{}",
            t(app.lang, Msg::AggregateTitle),
            view.aggregate.documents,
            t(app.lang, Msg::Unit),
            crate::i18n::colon(app.lang),
            crate::analysis::library::UNIT.label()
        ),
        None => format!(
            " {} {} {}{}{}",
            dept.name,
            dept.budget_year,
            t(app.lang, Msg::Unit),
            crate::i18n::colon(app.lang),
            app.analysis.summary.unit.label()
        ),
    };
    let path = if let Some(notice) = &app.notice {
        notice.clone()
    } else if app.tab == Tab::Drill && all.is_none() {
        app.code_path().join(" › ")
    } else {
        String::new()
    };
    let width = area.width as usize;
    // The context's keys (most useful first), then help and quit; on a
    // short line the least useful go first, help and quit stay.
    let mut keys = app.keymap.footer(app.context());
    let key_text = |keys: &[(String, Msg)]| {
        keys.iter()
            .map(|(k, m)| format!("{k} {}", t(app.lang, *m)))
            .collect::<Vec<_>>()
            .join("  ")
    };
    while keys.len() > 2 && text::width(&key_text(&keys)) + 24 > width {
        keys.remove(keys.len() - 3);
    }
    let right = format!(" {} ", key_text(&keys));
    let middle = if path.is_empty() {
        String::new()
    } else {
        format!("  {path}")
    };
    // The hint and the path matter more than the department's full name.
    let room_left = width.saturating_sub(text::width(&right) + text::width(&middle));
    let mut line = text::fit_left(
        &format!("{}{}", text::truncate(&left, room_left), middle),
        width.saturating_sub(text::width(&right)),
    );
    line.push_str(&right);
    let line = text::fit_left(&line, width);
    buf.set_style(area, th.status);
    buf.set_string(area.x, area.y, line, th.status);
}

/// Writes `line` at `(x, y)` clipped to `width` columns. A clipped line
/// ends in `…`, and a figure at the edge is dropped whole, never cut.
pub(crate) fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) {
    let clipped = clip_line(line, width as usize);
    buf.set_line(x, y, &clipped, width);
}

/// `line` cut to `width` columns by [`text::truncate`]'s rule, keeping each
/// span's style.
pub(crate) fn clip_line<'a>(line: &Line<'a>, width: usize) -> Line<'a> {
    if line.width() <= width {
        return line.clone();
    }
    let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let cut = text::truncate(&plain, width);
    // The kept prefix is the cut text up to its ellipsis.
    let keep = cut
        .rfind('…')
        .map_or(cut.chars().count(), |at| cut[..at].chars().count());
    let mut spans = Vec::new();
    let mut left = keep;
    let mut last_style = line.style;
    for span in &line.spans {
        if left == 0 {
            break;
        }
        let n = span.content.chars().count();
        last_style = span.style;
        if n <= left {
            spans.push(span.clone());
            left -= n;
        } else {
            let part: String = span.content.chars().take(left).collect();
            spans.push(Span::styled(part, span.style));
            left = 0;
        }
    }
    spans.push(Span::styled("…", last_style));
    Line::from(spans).style(line.style)
}

/// A styled span of exactly `cols` columns, left-aligned.
pub(crate) fn cell_left(text: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(text::fit_left(text, cols), style)
}

/// A styled span of exactly `cols` columns, right-aligned.
pub(crate) fn cell_right(text: &str, cols: usize, style: Style) -> Span<'static> {
    Span::styled(text::fit_right(text, cols), style)
}

/// The characters of a buffer, one line per row, trailing spaces trimmed.
/// The cell after a wide glyph is its continuation and is skipped, so the
/// text reads as the terminal shows it. Used by snapshots and screenshots.
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in buf.area.left()..buf.area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = text::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Blanks `area`, and the cell left of it when a wide glyph there would
/// otherwise straddle the popup's edge and tear. A figure of the screen
/// below that runs into the popup's edge is blanked whole on both sides,
/// so no cut-off part of it (`56` of `3,264.56`) stays readable.
pub(crate) fn clear_with_straddle(buf: &mut Buffer, area: Rect) {
    let is_figure_cell = |buf: &Buffer, x: u16, y: u16| {
        buf.cell((x, y))
            .and_then(|c| c.symbol().chars().next())
            .is_some_and(text::is_figure_char)
    };
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
        if area.left() > buf.area.left() {
            let x = area.left() - 1;
            if let Some(cell) = buf.cell_mut((x, y)) {
                if text::width(cell.symbol()) > 1 {
                    cell.set_symbol(" ");
                }
            }
            let mut x = area.left();
            while x > buf.area.left() && is_figure_cell(buf, x - 1, y) {
                x -= 1;
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.reset();
                }
            }
        }
        let mut x = area.right();
        while x < buf.area.right() && is_figure_cell(buf, x, y) {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
            x += 1;
        }
    }
}

/// Where a top-anchored overlay stands in `area` (pure: the app uses it to
/// wrap the reading overlay's text for the current size).
pub fn overlay_rect(area: Rect, max_height: u16) -> Option<Rect> {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2).min(max_height);
    if w < 10 || h < 3 {
        return None;
    }
    Some(Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    })
}

/// The body of the screen (between the tab bar and the status line) for a
/// terminal of `cols` × `rows`.
pub fn body_rect(cols: u16, rows: u16) -> Rect {
    Rect::new(0, 1, cols, rows.saturating_sub(CHROME_ROWS))
}

/// Places a top-anchored overlay (search, reading) in `area`: at most 100
/// columns wide and `max_height` tall, centred, with a blank column either
/// side so the background never touches its text. Clears it and returns its
/// rectangle, or `None` when the area is too small to hold one.
pub(crate) fn open_overlay(area: Rect, buf: &mut Buffer, max_height: u16) -> Option<Rect> {
    let popup = overlay_rect(area, max_height)?;
    let margin = Rect {
        x: popup.x.saturating_sub(1).max(area.x),
        width: (popup.width + 2).min(area.width),
        ..popup
    };
    clear_with_straddle(buf, margin);
    Some(popup)
}
