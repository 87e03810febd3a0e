//! The reading overlay: a narrative section (or glossary term, assets,
//! procurement) wrapped to the popup's width, scrolled with j / k.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::open_overlay;
use super::put_line;
use super::theme::Theme;
use crate::app::reader::Reader;
use crate::app::App;
use crate::i18n::{t, Msg};

pub fn render(app: &App, reader: &Reader, area: Rect, buf: &mut Buffer, th: &Theme) {
    let Some(popup) = open_overlay(area, buf, u16::MAX) else {
        return;
    };
    let (w, h) = (popup.width, popup.height);
    let cols = w as usize;
    let title = format!(" {}  {}", reader.title, t(app.lang, Msg::HelpClose));
    super::overlay_bar(buf, popup, popup.y, &title, th);

    // Wrapped by `update` for the current size; a frame of another size
    // (a test, a screenshot) wraps its own copy without keeping it.
    let text_cols = cols.saturating_sub(2).max(1);
    let rewrapped;
    let lines = if reader.wrapped.0 == text_cols {
        &reader.wrapped.1
    } else {
        rewrapped = Reader::wrap(&reader.paras, text_cols);
        &rewrapped.1
    };
    let body_h = h.saturating_sub(1) as usize;
    let scroll = reader.scroll.min(lines.len().saturating_sub(body_h));
    for (row, (heading, text)) in lines.iter().skip(scroll).take(body_h).enumerate() {
        let style = if *heading { th.title } else { th.base };
        let line = Line::styled(format!(" {text}"), style);
        put_line(buf, popup.x, popup.y + 1 + row as u16, &line, w);
    }
}
