//! The reading overlay: a narrative section (or glossary term, assets,
//! procurement) wrapped to the popup's width, scrolled with j / k.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::open_overlay;
use super::put_line;
use super::text::{fit_left, truncate, wrap};
use super::theme::Theme;
use crate::app::reader::{Para, Reader};
use crate::app::App;
use crate::i18n::{t, Msg};

pub fn render(app: &App, reader: &Reader, area: Rect, buf: &mut Buffer, th: &Theme) {
    let Some(popup) = open_overlay(area, buf, u16::MAX) else {
        return;
    };
    let (w, h) = (popup.width, popup.height);
    let cols = w as usize;
    let title = format!(" {}  {}", reader.title, t(app.lang, Msg::HelpClose));
    buf.set_string(
        popup.x,
        popup.y,
        fit_left(&truncate(&title, cols), cols),
        th.status,
    );

    // Re-wrap only when the width changed since the last frame.
    let text_cols = cols.saturating_sub(2).max(1);
    let mut cache = reader.wrapped.borrow_mut();
    if cache.as_ref().is_none_or(|(c, _)| *c != text_cols) {
        let mut lines = Vec::new();
        for para in &reader.paras {
            match para {
                Para::Heading(text) => lines.push((true, text.clone())),
                Para::Text(text) => {
                    lines.extend(wrap(text, text_cols).into_iter().map(|l| (false, l)));
                }
            }
        }
        *cache = Some((text_cols, lines));
    }
    let Some((_, lines)) = cache.as_ref() else {
        return;
    };
    let body_h = h.saturating_sub(1) as usize;
    let scroll = reader.scroll.get().min(lines.len().saturating_sub(body_h));
    reader.scroll.set(scroll);
    for (row, (heading, text)) in lines.iter().skip(scroll).take(body_h).enumerate() {
        let style = if *heading { th.title } else { th.base };
        let line = Line::styled(format!(" {text}"), style);
        put_line(buf, popup.x, popup.y + 1 + row as u16, &line, w);
    }
}
