//! Departments tab: one line per loaded document with its headline figures
//! in 万元, its cards and errors, and a total row that says how many
//! documents each sum covers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::analysis::library::{column_total, DepartmentLine, UNIT};
use crate::app::App;
use crate::i18n::{colon, t, Msg};
use crate::model::format_amount;

/// Width of each figure column: an 11-digit 万元 figure with separators.
const AMOUNT: usize = 16;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let Some(lib) = app.library.as_ref() else {
        return;
    };
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lang = app.lang;
    let mut title = vec![
        Span::styled(
            format!(" {} {}", t(lang, Msg::DeptTitle), lib.lines.len()),
            th.title,
        ),
        Span::styled(
            format!("  {}{}{}", t(lang, Msg::Unit), colon(lang), UNIT.label()),
            th.dim,
        ),
    ];
    if lib.filtering || !lib.filter.is_empty() {
        let cursor = if lib.filtering { "_" } else { "" };
        title.push(Span::styled(
            format!(
                "  {}{}{}{cursor}",
                t(lang, Msg::Filter),
                colon(lang),
                lib.filter
            ),
            th.highlight,
        ));
    }
    put_line(buf, area.x, area.y, &Line::from(title), area.width);
    if area.height < 3 {
        return;
    }
    let cols = area.width as usize;
    let name_w = cols.saturating_sub(6 + 4 * AMOUNT + 14).clamp(8, 40);
    let header = Line::from(vec![
        cell_left(&format!(" {}", t(lang, Msg::DeptName)), name_w, th.header),
        cell_right(t(lang, Msg::DeptYear), 6, th.header),
        cell_right(t(lang, Msg::IncomeTotal), AMOUNT, th.header),
        cell_right(t(lang, Msg::BasicExpenditure), AMOUNT, th.header),
        cell_right(t(lang, Msg::ProjectExpenditure), AMOUNT, th.header),
        cell_right("“三公”经费", AMOUNT, th.header),
        cell_right(t(lang, Msg::DeptCards), 8, th.header),
        cell_right(t(lang, Msg::DeptErrors), 6, th.header),
    ]);
    put_line(buf, area.x, area.y + 1, &header, area.width);
    let money = |v: Option<Decimal>| v.map(format_amount).unwrap_or_else(|| "—".into());
    let line_of = |d: &DepartmentLine, style| {
        Line::from(vec![
            cell_left(&format!(" {}", d.name), name_w, style),
            cell_right(&d.year.to_string(), 6, style),
            cell_right(&money(d.income_total), AMOUNT, style),
            cell_right(&money(d.basic), AMOUNT, style),
            cell_right(&money(d.project), AMOUNT, style),
            cell_right(&money(d.three_public), AMOUNT, style),
            cell_right(&d.cards.to_string(), 8, style),
            cell_right(
                &d.errors.to_string(),
                6,
                if d.errors > 0 {
                    th.error.patch(style)
                } else {
                    style
                },
            ),
        ])
    };
    // The list, the total row under it.
    let body = area.height.saturating_sub(3) as usize;
    let start = lib.cursor.window_start(body, lib.shown.len());
    for (row, &i) in lib.shown.iter().enumerate().skip(start).take(body) {
        let style = if row == lib.cursor.selected {
            th.selected
        } else {
            th.base
        };
        let y = area.y + 2 + (row - start) as u16;
        put_line(buf, area.x, y, &line_of(&lib.lines[i], style), area.width);
    }
    let shown: Vec<&DepartmentLine> = lib.shown.iter().map(|&i| &lib.lines[i]).collect();
    let total = |f: fn(&DepartmentLine) -> Option<Decimal>| {
        let (sum, n) = column_total(&shown, f);
        // A sum says how many documents print the figure when not all do.
        match (sum, n == shown.len()) {
            (Some(s), true) => format_amount(s),
            (Some(s), false) => format!("{} ({n})", format_amount(s)),
            (None, _) => "—".into(),
        }
    };
    let errors: usize = shown.iter().map(|d| d.errors).sum();
    let cards: usize = shown.iter().map(|d| d.cards).sum();
    let total_line = Line::from(vec![
        cell_left(
            &format!(" Σ {} {}", t(lang, Msg::ListTotal), shown.len()),
            name_w,
            th.header,
        ),
        cell_right("", 6, th.header),
        cell_right(&total(|d| d.income_total), AMOUNT, th.header),
        cell_right(&total(|d| d.basic), AMOUNT, th.header),
        cell_right(&total(|d| d.project), AMOUNT, th.header),
        cell_right(&total(|d| d.three_public), AMOUNT, th.header),
        cell_right(&cards.to_string(), 8, th.header),
        cell_right(&errors.to_string(), 6, th.header),
    ]);
    let y = (area.y + 2 + shown.len().min(body) as u16).min(area.bottom() - 1);
    put_line(buf, area.x, y, &total_line, area.width);
}
