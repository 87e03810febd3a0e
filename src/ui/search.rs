//! The `/` overlay: the query, then the hits grouped by kind with the
//! figure beside each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::open_overlay;
use super::put_line;
use super::text::{fit_left, fit_right};
use super::theme::Theme;
use crate::app::App;
use crate::i18n::{t, Msg};
use crate::model::format_amount;
use crate::search::{Figure, HitKind};

fn kind_name(kind: HitKind) -> Msg {
    match kind {
        HitKind::Row => Msg::KindRow,
        HitKind::Project => Msg::KindProject,
        HitKind::Indicator => Msg::KindIndicator,
        HitKind::Heading => Msg::KindHeading,
        HitKind::Glossary => Msg::KindGlossary,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let s = &app.search;
    let Some(popup) = open_overlay(area, buf, 24) else {
        return;
    };
    let w = popup.width;
    let cols = w as usize;
    let title = format!(
        " {}  {}",
        t(lang, Msg::SearchTitle),
        t(lang, Msg::SearchHint)
    );
    super::overlay_bar(buf, popup, popup.y, &title, th);
    let input = Line::from(vec![
        Span::styled(" / ", th.title),
        Span::raw(s.query.clone()),
        Span::styled("_", th.dim),
    ]);
    put_line(buf, popup.x, popup.y + 1, &input, w);

    let lines = hit_lines(app, cols, th);

    let body_y = popup.y + 2;
    let height = popup.bottom().saturating_sub(body_y) as usize;
    // Keep the selected hit's line on screen.
    let selected_line = lines
        .iter()
        .position(|(_, hit)| *hit == Some(s.cursor.selected))
        .unwrap_or(0);
    let start = selected_line.saturating_sub(height.saturating_sub(1));
    for (row, (line, hit)) in lines.into_iter().skip(start).take(height).enumerate() {
        let y = body_y + row as u16;
        if hit == Some(s.cursor.selected) {
            let text: String = line.spans.iter().map(|sp| sp.content.as_ref()).collect();
            put_line(
                buf,
                popup.x,
                y,
                &Line::styled(fit_left(&text, cols), th.selected),
                w,
            );
        } else {
            put_line(buf, popup.x, y, &line, w);
        }
    }
}

/// The hits as lines, with a heading line wherever the kind changes; each
/// hit's line carries its index among the hits.
fn hit_lines(app: &App, cols: usize, th: &Theme) -> Vec<(Line<'static>, Option<usize>)> {
    let lang = app.lang;
    let s = &app.search;
    let figure_w = 16usize;
    let context_w = (cols / 4).clamp(6, 28);
    let label_w = cols.saturating_sub(figure_w + context_w + 4);
    let mut lines: Vec<(Line<'static>, Option<usize>)> = Vec::new();
    let mut last_kind = None;
    for (i, hit) in s.hits.iter().enumerate() {
        let item = app.analysis.index.item(hit);
        if last_kind != Some(item.kind) {
            lines.push((
                Line::styled(format!(" {}", t(lang, kind_name(item.kind))), th.title),
                None,
            ));
            last_kind = Some(item.kind);
        }
        let figure = match &item.figure {
            Some(Figure::Amount { value, .. }) => format_amount(*value),
            Some(Figure::Target { raw, .. }) => raw.clone(),
            None => String::new(),
        };
        let line = Line::from(vec![
            Span::raw("  "),
            Span::raw(fit_left(&item.label(), label_w)),
            Span::raw(" "),
            Span::styled(fit_left(&item.context, context_w), th.dim),
            Span::raw(" "),
            Span::raw(fit_right(&figure, figure_w)),
        ]);
        lines.push((line, Some(i)));
    }
    if s.hits.is_empty() && !s.query.trim().is_empty() {
        lines.push((
            Line::styled(format!("  {}", t(lang, Msg::NoHits)), th.dim),
            None,
        ));
    }
    lines
}
