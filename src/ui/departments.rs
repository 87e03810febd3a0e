//! Departments tab: one line per loaded document with its headline figures
//! in 万元, its cards and errors, and a total row that says how many
//! documents each sum covers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::action::Action;
use crate::analysis::library::{DepartmentLine, UNIT};
use crate::app::departments::Library;
use crate::app::App;
use crate::i18n::{colon, t, Msg};
use crate::keymap::Context;
use crate::model::format_amount;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let Some(lib) = app.library.as_ref() else {
        return;
    };
    if area.height == 0 || area.width == 0 {
        return;
    }
    put_line(buf, area.x, area.y, &title_line(app, lib, th), area.width);
    if lib.show_problems {
        render_problems(lib, area, buf, th);
        return;
    }
    if area.height < 3 {
        return;
    }
    // As wide as the widest figure, Σ or header (none is cut), and a
    // column of air so that neighbours do not run together.
    let headers = [
        Msg::IncomeTotal,
        Msg::BasicExpenditure,
        Msg::ProjectExpenditure,
        Msg::YoyThreePublic,
    ];
    let amount = headers
        .iter()
        .map(|&m| crate::ui::text::width(t(app.lang, m)))
        .fold(lib.figure_width, usize::max)
        + 1;
    let name_w = (area.width as usize)
        .saturating_sub(6 + 4 * (amount + 1) + 14)
        .clamp(8, 40);
    let widths = Widths {
        name: name_w,
        amount,
    };
    put_line(
        buf,
        area.x,
        area.y + 1,
        &header_line(app, widths, th),
        area.width,
    );
    // The list, the total row under it and, when a Σ covers fewer
    // documents than are listed, how many it covers.
    let partial = partial_totals(lib);
    let below = 1 + usize::from(partial);
    let body = (area.height as usize).saturating_sub(2 + below);
    let start = lib.cursor.window_start(body, lib.shown.len());
    for (row, &i) in lib.shown.iter().enumerate().skip(start).take(body) {
        let style = if row == lib.cursor.selected {
            th.selected
        } else {
            th.base
        };
        let y = area.y + 2 + (row - start) as u16;
        let line = department_line(&lib.lines[i], widths, style, th);
        put_line(buf, area.x, y, &line, area.width);
    }
    let y = (area.y + 2 + lib.shown.len().min(body) as u16).min(area.bottom() - 1);
    put_line(
        buf,
        area.x,
        y,
        &total_line(app, lib, widths, th),
        area.width,
    );
    if partial && y + 1 < area.bottom() {
        put_line(
            buf,
            area.x,
            y + 1,
            &covered_line(app, lib, widths, th),
            area.width,
        );
    }
}

/// Whether some Σ adds up fewer documents than are listed (some print no
/// such figure).
fn partial_totals(lib: &Library) -> bool {
    let t = &lib.totals;
    [t.income_total, t.basic, t.project, t.three_public]
        .iter()
        .any(|&(sum, count)| sum.is_some() && count != lib.shown.len())
}

/// How many documents each Σ adds up, under the total row.
fn covered_line(app: &App, lib: &Library, widths: Widths, th: &Theme) -> Line<'static> {
    let t = &lib.totals;
    // The label may take the year column too: it has no year.
    let mut spans = vec![cell_left(
        &format!("   {}", crate::i18n::t(app.lang, Msg::DeptCovered)),
        widths.name + 6,
        th.dim,
    )];
    for (_, count) in [t.income_total, t.basic, t.project, t.three_public] {
        spans.push(Span::raw(" "));
        spans.push(cell_right(&count.to_string(), widths.amount, th.dim));
    }
    Line::from(spans)
}

/// The name column's width and each figure column's.
#[derive(Clone, Copy)]
struct Widths {
    name: usize,
    amount: usize,
}

/// The files that could not be read: each file, its error under it.
fn render_problems(lib: &Library, area: Rect, buf: &mut Buffer, th: &Theme) {
    let rows = area.height.saturating_sub(1) as usize / 2;
    let start = lib.problems_cursor.window_start(rows, lib.problems.len());
    for (k, problem) in lib.problems.iter().enumerate().skip(start).take(rows) {
        let style = if k == lib.problems_cursor.selected {
            th.selected
        } else {
            th.base
        };
        let y = area.y + 1 + 2 * (k - start) as u16;
        let file = Line::styled(format!(" {}", problem.file), style);
        put_line(buf, area.x, y, &file, area.width);
        let message = Line::styled(format!("   {}", problem.message), th.error);
        put_line(buf, area.x, y + 1, &message, area.width);
    }
}

fn title_line(app: &App, lib: &Library, th: &Theme) -> Line<'static> {
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
    if !lib.problems.is_empty() {
        let key = app
            .keymap
            .first_key(Context::Departments, Action::ToggleProblems);
        let hint = match key {
            Some(key) if !lib.show_problems => format!("（{key} {}）", t(lang, Msg::ProblemsHint)),
            _ => String::new(),
        };
        title.push(Span::styled(
            format!(
                "  {}{}{}{hint}",
                t(lang, Msg::ProblemsTitle),
                colon(lang),
                lib.problems.len()
            ),
            th.error,
        ));
    }
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
    Line::from(title)
}

fn header_line(app: &App, widths: Widths, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let Widths {
        name: name_w,
        amount,
    } = widths;
    Line::from(vec![
        cell_left(&format!(" {}", t(lang, Msg::DeptName)), name_w, th.header),
        cell_right(t(lang, Msg::DeptYear), 6, th.header),
        Span::raw(" "),
        cell_right(t(lang, Msg::IncomeTotal), amount, th.header),
        Span::raw(" "),
        cell_right(t(lang, Msg::BasicExpenditure), amount, th.header),
        Span::raw(" "),
        cell_right(t(lang, Msg::ProjectExpenditure), amount, th.header),
        Span::raw(" "),
        cell_right(t(lang, Msg::YoyThreePublic), amount, th.header),
        cell_right(t(lang, Msg::DeptCards), 8, th.header),
        cell_right(t(lang, Msg::DeptErrors), 6, th.header),
    ])
}

fn money(v: Option<Decimal>) -> String {
    v.map(format_amount).unwrap_or_else(|| "—".into())
}

fn department_line(d: &DepartmentLine, widths: Widths, style: Style, th: &Theme) -> Line<'static> {
    let Widths {
        name: name_w,
        amount,
    } = widths;
    let errors_style = if d.errors > 0 {
        th.error.patch(style)
    } else {
        style
    };
    Line::from(vec![
        cell_left(&format!(" {}", d.name), name_w, style),
        cell_right(&d.year.to_string(), 6, style),
        Span::raw(" "),
        cell_right(&money(d.income_total), amount, style),
        Span::raw(" "),
        cell_right(&money(d.basic), amount, style),
        Span::raw(" "),
        cell_right(&money(d.project), amount, style),
        Span::raw(" "),
        cell_right(&money(d.three_public), amount, style),
        cell_right(&d.cards.to_string(), 8, style),
        cell_right(&d.errors.to_string(), 6, errors_style),
    ])
}

/// Σ of the documents shown (summed when the list changed); a sum says how
/// many documents print the figure when not all of them do.
fn total_line(app: &App, lib: &Library, widths: Widths, th: &Theme) -> Line<'static> {
    let n = lib.shown.len();
    let Widths {
        name: name_w,
        amount,
    } = widths;
    // How many documents each Σ covers is on the line below when not all.
    let total = |(sum, _): (Option<Decimal>, usize)| sum.map_or_else(|| "—".into(), format_amount);
    let sums = &lib.totals;
    Line::from(vec![
        cell_left(
            &format!(" Σ {} {n}", t(app.lang, Msg::ListTotal)),
            name_w,
            th.header,
        ),
        cell_right("", 6, th.header),
        Span::raw(" "),
        cell_right(&total(sums.income_total), amount, th.header),
        Span::raw(" "),
        cell_right(&total(sums.basic), amount, th.header),
        Span::raw(" "),
        cell_right(&total(sums.project), amount, th.header),
        Span::raw(" "),
        cell_right(&total(sums.three_public), amount, th.header),
        cell_right(&sums.cards.to_string(), 8, th.header),
        cell_right(&sums.errors.to_string(), 6, th.header),
    ])
}
