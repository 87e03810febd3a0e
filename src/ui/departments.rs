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
use crate::app::departments::{Columns, Library, VALUE_COLUMNS, YEAR};
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
    let columns = lib.columns(app.lang, area.width as usize);
    put_line(
        buf,
        area.x,
        area.y + 1,
        &header_line(app, &columns, th),
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
        let line = department_line(&lib.lines[i], &columns, style, th);
        put_line(buf, area.x, y, &line, area.width);
    }
    let y = (area.y + 2 + lib.shown.len().min(body) as u16).min(area.bottom() - 1);
    put_line(
        buf,
        area.x,
        y,
        &total_line(app, lib, &columns, th),
        area.width,
    );
    if partial && y + 1 < area.bottom() {
        put_line(
            buf,
            area.x,
            y + 1,
            &covered_line(app, lib, &columns, th),
            area.width,
        );
    }
}

/// A line of the list: `name` and `year`, then the value columns on
/// screen, each in its style.
fn row_line(
    columns: &Columns,
    name: Span<'static>,
    year: Span<'static>,
    values: [(String, Style); VALUE_COLUMNS],
) -> Line<'static> {
    let mut spans = vec![name, year];
    for c in columns.shown.clone() {
        let (text, style) = &values[c];
        spans.push(Span::raw(" "));
        spans.push(cell_right(text, columns.widths[c], *style));
    }
    Line::from(spans)
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
fn covered_line(app: &App, lib: &Library, columns: &Columns, th: &Theme) -> Line<'static> {
    let t = &lib.totals;
    let count = |(_, n): (Option<Decimal>, usize)| (n.to_string(), th.dim);
    let blank = || (String::new(), th.dim);
    // The label may take the year column too: it has no year.
    let label = cell_left(
        &format!("   {}", crate::i18n::t(app.lang, Msg::DeptCovered)),
        columns.name + YEAR,
        th.dim,
    );
    let values = [
        count(t.income_total),
        count(t.basic),
        count(t.project),
        count(t.three_public),
        blank(),
        blank(),
    ];
    row_line(columns, label, Span::raw(""), values)
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

fn header_line(app: &App, columns: &Columns, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let head = |m: Msg| (t(lang, m).to_string(), th.header);
    // `‹ ›` say that value columns are off screen (`<` `>` scroll them).
    let name = if columns.scrolled() {
        let left = if columns.shown.start > 0 { "‹" } else { " " };
        let right = if columns.shown.end < VALUE_COLUMNS {
            "›"
        } else {
            " "
        };
        format!(" {} {left}{right}", t(lang, Msg::DeptName))
    } else {
        format!(" {}", t(lang, Msg::DeptName))
    };
    let values = [
        head(Msg::IncomeTotal),
        head(Msg::BasicExpenditure),
        head(Msg::ProjectExpenditure),
        head(Msg::YoyThreePublic),
        head(Msg::DeptCards),
        head(Msg::DeptErrors),
    ];
    row_line(
        columns,
        cell_left(&name, columns.name, th.header),
        cell_right(t(lang, Msg::DeptYear), YEAR, th.header),
        values,
    )
}

fn money(v: Option<Decimal>) -> String {
    v.map(format_amount).unwrap_or_else(|| "—".into())
}

fn department_line(
    d: &DepartmentLine,
    columns: &Columns,
    style: Style,
    th: &Theme,
) -> Line<'static> {
    let errors_style = if d.errors > 0 {
        th.error.patch(style)
    } else {
        style
    };
    let values = [
        (money(d.income_total), style),
        (money(d.basic), style),
        (money(d.project), style),
        (money(d.three_public), style),
        (d.cards.to_string(), style),
        (d.errors.to_string(), errors_style),
    ];
    row_line(
        columns,
        cell_left(&format!(" {}", d.name), columns.name, style),
        cell_right(&d.year.to_string(), YEAR, style),
        values,
    )
}

/// Σ of the documents shown (summed when the list changed); how many
/// documents a Σ covers is on the line below when not all.
fn total_line(app: &App, lib: &Library, columns: &Columns, th: &Theme) -> Line<'static> {
    let n = lib.shown.len();
    let sums = &lib.totals;
    let total = |(sum, _): (Option<Decimal>, usize)| {
        (sum.map_or_else(|| "—".into(), format_amount), th.header)
    };
    let values = [
        total(sums.income_total),
        total(sums.basic),
        total(sums.project),
        total(sums.three_public),
        (sums.cards.to_string(), th.header),
        (sums.errors.to_string(), th.header),
    ];
    // The label may take the year column too: the Σ row has no year.
    row_line(
        columns,
        cell_left(
            &format!(" Σ {} {n}", t(app.lang, Msg::ListTotal)),
            columns.name + YEAR,
            th.header,
        ),
        Span::raw(""),
        values,
    )
}
