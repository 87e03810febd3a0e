//! All departments in the Drill-down tab: every code of one scheme summed
//! across the Departments selection, indented by level, with how many
//! departments contribute; `Enter` lists a code's departments.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::projects::draw_rows;
use super::text::width;
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::analysis::aggregate::AggregateRow;
use crate::analysis::library::UNIT;
use crate::app::aggregate::{scheme_label, unconverted_note, years_note, AggregateView, MAX_DEPTH};
use crate::app::App;
use crate::i18n::{colon, t, Lang, Msg};
use crate::model::format_amount;

/// Columns of the code, indented two a level under its 类, and a gap.
const CODE: usize = 13;
/// Columns of the 部门数 / year column.
const COUNT: usize = 8;

pub fn render(app: &App, view: &AggregateView, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lang = app.lang;
    // The widest figure, measured when the aggregate was built: no Σ is cut.
    let amount_w = view
        .rows()
        .widest
        .max(width(t(lang, Msg::AggregateOverflow)))
        .max(width(t(lang, Msg::AggregateFigure)));
    let name_w = (area.width as usize)
        .saturating_sub(CODE + 1 + amount_w + COUNT)
        .clamp(8, 40);
    let widths = Widths {
        name: name_w,
        amount: amount_w,
    };
    match (view.contributors.as_ref(), view.selected()) {
        (Some(cursor), Some(row)) => {
            let title = contributors_title(lang, view, row, th);
            put_line(buf, area.x, area.y, &title, area.width);
            render_contributors(app, row, cursor, widths, area, buf, th)
        }
        _ => render_codes(lang, view, widths, area, buf, th),
    }
}

/// The name and Σ columns' widths for the screen.
#[derive(Clone, Copy)]
struct Widths {
    name: usize,
    amount: usize,
}

/// One code's departments, largest first, under the title.
fn render_contributors(
    app: &App,
    row: &AggregateRow,
    cursor: &crate::app::projects::Cursor,
    widths: Widths,
    area: Rect,
    buf: &mut Buffer,
    th: &Theme,
) {
    let (lang, amount_w) = (app.lang, widths.amount);
    let Some(lib) = app.library.as_ref() else {
        return;
    };
    if area.height < 3 {
        return;
    }
    let name_w = widths.name + CODE - COUNT;
    let header = Line::from(vec![
        cell_left(&format!(" {}", t(lang, Msg::DeptName)), name_w, th.header),
        cell_right(t(lang, Msg::DeptYear), COUNT, th.header),
        Span::raw(" "),
        cell_right(t(lang, Msg::AggregateFigure), amount_w, th.header),
        cell_right("", COUNT, th.header),
    ]);
    put_line(buf, area.x, area.y + 1, &header, area.width);
    let line = |i: usize| {
        let Some(&(index, figure)) = row.contributors.get(i) else {
            return Line::default();
        };
        let (name, year) = lib
            .lines
            .get(index)
            .map_or((String::new(), String::new()), |l| {
                (l.name.clone(), l.year.to_string())
            });
        Line::from(vec![
            cell_left(&format!(" {name}"), name_w, th.base),
            cell_right(&year, COUNT, th.base),
            Span::raw(" "),
            cell_right(&format_amount(figure), amount_w, th.base),
        ])
    };
    let len = row.contributors.len();
    draw_rows(len, line, cursor, area, area.y + 2, buf, th);
}

/// Every code of the scheme with its Σ and how many departments print it.
fn render_codes(
    lang: Lang,
    view: &AggregateView,
    widths: Widths,
    area: Rect,
    buf: &mut Buffer,
    th: &Theme,
) {
    let Widths {
        name: name_w,
        amount: amount_w,
    } = widths;
    put_line(
        buf,
        area.x,
        area.y,
        &codes_title(lang, view, th),
        area.width,
    );
    if area.height < 3 {
        return;
    }
    let header = Line::from(vec![
        cell_left(
            &format!(" {}", t(lang, Msg::AggregateCode)),
            CODE,
            th.header,
        ),
        cell_left(t(lang, Msg::AggregateName), name_w, th.header),
        Span::raw(" "),
        cell_right("Σ", amount_w, th.header),
        cell_right(t(lang, Msg::AggregateDocuments), COUNT, th.header),
    ]);
    put_line(buf, area.x, area.y + 1, &header, area.width);
    let rows = &view.rows().rows;
    let visible = view.visible();
    let line = |i: usize| {
        visible
            .get(i)
            .and_then(|&row| rows.get(row))
            .map_or_else(Line::default, |r| code_line(lang, r, name_w, amount_w, th))
    };
    draw_rows(
        visible.len(),
        line,
        view.cursor(),
        area,
        area.y + 2,
        buf,
        th,
    );
}

/// ` 所有部门 · 功能分类  部门数 12  单位：万元`, then the notes (years
/// summed together, figures in no sum) in their colours.
fn codes_title(lang: Lang, view: &AggregateView, th: &Theme) -> Line<'static> {
    let aggregate = &view.aggregate;
    let mut spans = vec![
        Span::styled(
            format!(
                " {} · {}",
                t(lang, Msg::AggregateTitle),
                scheme_label(lang, view.scheme)
            ),
            th.title,
        ),
        Span::styled(
            format!(
                "  {} {}  {}{}{}  {} {}/{MAX_DEPTH}",
                t(lang, Msg::AggregateDocuments),
                aggregate.documents,
                t(lang, Msg::Unit),
                colon(lang),
                UNIT.label(),
                t(lang, Msg::Depth),
                view.depth
            ),
            th.dim,
        ),
    ];
    if let Some(years) = years_note(lang, aggregate) {
        spans.push(Span::styled(format!("  {years}"), th.highlight));
    }
    if let Some(left_out) = unconverted_note(lang, aggregate) {
        spans.push(Span::styled(format!("  {left_out}"), th.error));
    }
    Line::from(spans)
}

/// ` 所有部门 › 2010301 行政运行  Σ 4,186.9232 (2)`.
fn contributors_title(
    lang: Lang,
    view: &AggregateView,
    row: &AggregateRow,
    th: &Theme,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!(
                " {} › {} {}",
                t(lang, Msg::AggregateContributors),
                row.code,
                row.name
            ),
            th.title,
        ),
        Span::styled(
            format!(
                "  Σ {} ({})  {}{}{}",
                sum_text(lang, row),
                row.contributors.len(),
                t(lang, Msg::Unit),
                colon(lang),
                UNIT.label()
            ),
            th.dim,
        ),
        Span::styled(format!("  {}", scheme_label(lang, view.scheme)), th.dim),
    ])
}

/// The Σ as printed, or the overflow marker: never a clamped number.
fn sum_text(lang: Lang, row: &AggregateRow) -> String {
    row.total.map_or_else(
        || t(lang, Msg::AggregateOverflow).to_string(),
        format_amount,
    )
}

fn code_line(
    lang: Lang,
    row: &AggregateRow,
    name_w: usize,
    amount_w: usize,
    th: &Theme,
) -> Line<'static> {
    let indent = "  ".repeat(row.depth.unwrap_or(1).saturating_sub(1));
    let style = if row.depth == Some(1) {
        th.highlight
    } else {
        th.base
    };
    let total_style = if row.total.is_some() { style } else { th.error };
    Line::from(vec![
        cell_left(&format!(" {indent}{}", row.code), CODE, style),
        cell_left(&row.name, name_w, style),
        Span::raw(" "),
        cell_right(&sum_text(lang, row), amount_w, total_style),
        cell_right(&format!("({})", row.contributors.len()), COUNT, style),
    ])
}
