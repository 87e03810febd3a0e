//! Summary tab: headline figures with shares and bars, the year-over-year
//! changes the narrative states, and the 收支总表 as a two-sided table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::text::{bar, fit_right};
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::app::summary::{LedgerLine, Share};
use crate::app::App;
use crate::i18n::{t, Msg};
use crate::model::format_amount;

const AMOUNT: usize = 10;
const PERCENT: usize = 7;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    // Wide terminals: figures left, 收支总表 right. Otherwise one column.
    let wide = area.width >= 130;
    let (left_area, right_area) = if wide {
        let left_w = area.width * 5 / 11;
        (
            Rect {
                width: left_w,
                ..area
            },
            Some(Rect {
                x: area.x + left_w + 1,
                width: area.width - left_w - 1,
                ..area
            }),
        )
    } else {
        (area, None)
    };

    let mut lines = figure_lines(app, left_area.width as usize, th);
    let mut right_lines = Vec::new();
    match right_area {
        Some(r) => right_lines = ledger_lines(app, r.width as usize, th),
        None => {
            lines.push(Line::default());
            lines.extend(ledger_lines(app, left_area.width as usize, th));
        }
    }

    let height = area.height as usize;
    let state = &app.summary_state;
    state.page.set(height);
    let longest = lines.len().max(right_lines.len());
    let scroll = state.scroll.get().min(longest.saturating_sub(height));
    state.scroll.set(scroll);

    draw_lines(&lines, scroll, left_area, buf);
    if let Some(r) = right_area {
        draw_lines(&right_lines, scroll, r, buf);
    }
}

fn draw_lines(lines: &[Line], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        put_line(buf, area.x, area.y + i as u16, line, area.width);
    }
}

/// A figure line: label, amount, percent and a bar filling what is left.
fn share_line(
    label: &str,
    amount: Option<Decimal>,
    percent: Option<Decimal>,
    indent: usize,
    cols: usize,
    th: &Theme,
    label_style: ratatui::style::Style,
) -> Line<'static> {
    let label_w = (cols / 2).clamp(8, 30).saturating_sub(indent);
    let mut spans = vec![
        Span::raw(" ".repeat(indent + 1)),
        cell_left(label, label_w, label_style),
        cell_right(
            &amount.map(format_amount).unwrap_or_else(|| "—".into()),
            AMOUNT,
            th.base,
        ),
    ];
    if let Some(p) = percent {
        spans.push(cell_right(&format!("{p}%"), PERCENT, th.dim));
        let used = indent + 1 + label_w + AMOUNT + PERCENT + 1;
        let bar_w = cols.saturating_sub(used).min(24);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(bar(p, bar_w), th.bar));
    }
    Line::from(spans)
}

fn heading(text: &str, th: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!(" {text}"), th.title))
}

fn figure_lines(app: &App, cols: usize, th: &Theme) -> Vec<Line<'static>> {
    let s = &app.summary;
    let lang = app.lang;
    let mut lines = Vec::new();
    let shares = |lines: &mut Vec<Line<'static>>, list: &[Share]| {
        for share in list {
            lines.push(share_line(
                &share.label,
                Some(share.amount),
                share.percent,
                2,
                cols,
                th,
                th.base,
            ));
        }
    };

    lines.push(share_line(
        &format!("{}（{}）", t(lang, Msg::IncomeTotal), s.unit.label()),
        s.income_total,
        None,
        0,
        cols,
        th,
        th.title,
    ));
    shares(&mut lines, &s.income_sources);
    lines.push(share_line(
        t(lang, Msg::ByFunction),
        s.expenditure_total,
        None,
        0,
        cols,
        th,
        th.title,
    ));
    shares(&mut lines, &s.by_function);
    lines.push(share_line(
        t(lang, Msg::BasicExpenditure),
        s.basic,
        s.basic_percent,
        0,
        cols,
        th,
        th.title,
    ));
    for (msg, part) in [
        (Msg::Personnel, s.personnel),
        (Msg::PublicUse, s.public_use),
    ] {
        let percent = match (part, s.basic) {
            (Some(p), Some(b)) if !b.is_zero() => Some((p * Decimal::ONE_HUNDRED / b).round_dp(1)),
            _ => None,
        };
        lines.push(share_line(
            t(lang, msg),
            part,
            percent,
            2,
            cols,
            th,
            th.base,
        ));
    }
    lines.push(share_line(
        &format!(
            "{}（{} {}）",
            t(lang, Msg::ProjectExpenditure),
            s.project_cards,
            t(lang, Msg::ProjectsCount)
        ),
        s.project,
        s.project_percent,
        0,
        cols,
        th,
        th.title,
    ));
    lines.push(share_line(
        t(lang, Msg::ThreePublic),
        s.three_public,
        None,
        0,
        cols,
        th,
        th.title,
    ));
    lines.push(share_line(
        t(lang, Msg::RunningCosts),
        s.running_costs,
        None,
        0,
        cols,
        th,
        th.title,
    ));

    lines.push(Line::default());
    lines.push(heading(t(lang, Msg::YearOverYear), th));
    let yoy = &s.year_over_year;
    let mut spans = vec![Span::raw("  ")];
    for (msg, change) in [
        (Msg::YoyTotal, yoy.total),
        (Msg::YoyBasic, yoy.basic),
        (Msg::YoyProject, yoy.project),
        (Msg::YoyThreePublic, yoy.three_public),
    ] {
        spans.push(Span::raw(format!("{} ", t(lang, msg))));
        match change {
            Some(c) => {
                let style = if c.is_sign_negative() {
                    th.decrease
                } else {
                    th.increase
                };
                let sign = if c.is_sign_negative() { "" } else { "+" };
                spans.push(Span::styled(format!("{sign}{}", format_amount(c)), style));
            }
            None => spans.push(Span::styled(t(lang, Msg::NotStated).to_string(), th.dim)),
        }
        spans.push(Span::raw("   "));
    }
    lines.push(Line::from(spans));
    lines
}

fn ledger_lines(app: &App, cols: usize, th: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let show_all = app.summary_state.show_blank_rows;
    let hint = if show_all {
        t(lang, Msg::AllRowsShown)
    } else {
        t(lang, Msg::BlankRowsHidden)
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {}", t(lang, Msg::SummaryTable)), th.title),
        Span::styled(format!("  {hint}"), th.dim),
    ])];
    // 序号 (4) + two sides of name + amount.
    let side_w = cols.saturating_sub(5) / 2;
    let amount_w = AMOUNT.min(side_w);
    let name_w = side_w.saturating_sub(amount_w + 1);
    lines.push(Line::from(vec![
        cell_right("", 4, th.header),
        Span::raw(" "),
        cell_left(t(lang, Msg::Income), name_w, th.header),
        cell_right("", amount_w, th.header),
        Span::raw(" "),
        cell_left(t(lang, Msg::Expenditure), name_w, th.header),
        cell_right("", amount_w, th.header),
    ]));
    let side = |entry: &Option<(String, Option<Decimal>)>, spans: &mut Vec<Span<'static>>| {
        let (name, amount) = match entry {
            Some((n, a)) => (n.as_str(), a.map(format_amount).unwrap_or_default()),
            None => ("", String::new()),
        };
        let style = if name.contains("合计") || name.contains("总计") {
            th.header
        } else {
            th.base
        };
        spans.push(cell_left(name, name_w, style));
        spans.push(cell_right(&amount, amount_w, style));
    };
    for line in app.summary.ledger.iter().filter(|l| show_all || !l.blank) {
        let LedgerLine {
            seq,
            income,
            expenditure,
            ..
        } = line;
        let mut spans = vec![
            Span::styled(
                fit_right(&seq.map(|s| s.to_string()).unwrap_or_default(), 4),
                th.dim,
            ),
            Span::raw(" "),
        ];
        side(income, &mut spans);
        spans.push(Span::raw(" "));
        side(expenditure, &mut spans);
        lines.push(Line::from(spans));
    }
    lines
}

/// The Summary as plain text, for when standard output is not a terminal
/// (`budget | less`, scripts): the same lines the tab draws, without styles.
pub fn plain_text(app: &App, cols: usize) -> String {
    let th = &super::theme::MONO;
    let dept = &app.doc.department;
    let mut out = format!("{} {}\n\n", dept.name, dept.budget_year);
    let mut lines = figure_lines(app, cols, th);
    lines.push(Line::default());
    lines.extend(ledger_lines(app, cols, th));
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}
