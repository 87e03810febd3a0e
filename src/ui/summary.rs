//! Summary tab: headline figures with shares and bars, the year-over-year
//! changes the narrative states, and the 收支总表 as a two-sided table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::text::{bar, fit_right};
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use ratatui::widgets::Widget;

use crate::analysis::summary::{LedgerLine, Share, SummaryView, YearOverYear};
use crate::analysis::Analysis;
use crate::app::summary::SummaryState;
use crate::app::App;
use crate::i18n::{t, Lang, Msg};
use crate::model::{format_amount, percent_of};

/// Wide enough for an 11-digit 元 total with separators (`16,497,864,000`).
const AMOUNT: usize = 14;
const PERCENT: usize = 7;

/// The Summary tab as a widget: what it draws from, the analysis and the
/// tab's own state, without the rest of the app (so `budget | less` draws
/// it from an analysis alone).
#[derive(Clone, Copy)]
pub struct SummaryScreen<'a> {
    pub analysis: &'a Analysis,
    pub lang: Lang,
    pub state: &'a SummaryState,
    pub th: &'a Theme,
}

impl<'a> SummaryScreen<'a> {
    pub fn of(app: &'a App, th: &'a Theme) -> SummaryScreen<'a> {
        SummaryScreen {
            analysis: &app.analysis,
            lang: app.lang,
            state: &app.summary_state,
            th,
        }
    }
}

/// How the Summary lays out in `area`: the left and right parts (the right
/// only on wide terminals) and the length of the longer column.
fn layout(v: SummaryScreen, area: Rect) -> (Rect, Option<Rect>, Vec<Line<'static>>, usize) {
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
    let figures = figure_lines(v, left_area.width as usize);
    let ledger_len = Ledger::new(v, right_area.unwrap_or(left_area).width as usize).len();
    let longest = match right_area {
        Some(_) => figures.len().max(ledger_len),
        None => figures.len() + 1 + ledger_len,
    };
    (left_area, right_area, figures, longest)
}

/// How far the Summary scrolls in a body `area`: `update` clamps with it.
pub fn max_scroll(app: &App, area: Rect) -> usize {
    let (_, _, _, longest) = layout(SummaryScreen::of(app, super::theme(app)), area);
    longest.saturating_sub(area.height as usize)
}

impl Widget for SummaryScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self, area, buf);
    }
}

fn render(v: SummaryScreen, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    // The figures are a fixed handful of lines; the 收支总表's rows are
    // built only when they are on screen.
    let (left_area, right_area, figures, longest) = layout(v, area);
    let ledger = Ledger::new(v, right_area.unwrap_or(left_area).width as usize);
    let (left_len, right_len) = match right_area {
        Some(_) => (figures.len(), ledger.len()),
        None => (figures.len() + 1 + ledger.len(), 0),
    };
    debug_assert_eq!(longest, left_len.max(right_len));
    let height = area.height as usize;
    let scroll = v.state.scroll.min(longest.saturating_sub(height));

    for row in 0..height {
        let i = scroll + row;
        let y = area.y + row as u16;
        let left = if i < figures.len() {
            Some(figures[i].clone())
        } else if right_area.is_none() && i > figures.len() && i < left_len {
            Some(ledger.line(i - figures.len() - 1))
        } else {
            None
        };
        if let Some(line) = left {
            put_line(buf, left_area.x, y, &line, left_area.width);
        }
        if let Some(r) = right_area.filter(|_| i < right_len) {
            put_line(buf, r.x, y, &ledger.line(i), r.width);
        }
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

/// One headline figure: label, figure, percent of its whole, indent, and
/// whether it heads a group.
type FigureRow = (String, Option<Decimal>, Option<Decimal>, usize, bool);

/// The headline figures in the order the Summary lists them.
fn headline_rows(s: &SummaryView, lang: Lang) -> Vec<FigureRow> {
    let mut rows: Vec<FigureRow> = Vec::new();
    let parts = |rows: &mut Vec<_>, list: &[Share]| {
        for share in list {
            rows.push((
                share.label.clone(),
                Some(share.amount),
                share.percent,
                2,
                false,
            ));
        }
    };
    let income = format!("{}（{}）", t(lang, Msg::IncomeTotal), s.unit.label());
    rows.push((income, s.income_total, None, 0, true));
    parts(&mut rows, &s.income_sources);
    rows.push((
        t(lang, Msg::ByFunction).into(),
        s.expenditure_total,
        None,
        0,
        true,
    ));
    parts(&mut rows, &s.by_function);
    rows.push((
        t(lang, Msg::BasicExpenditure).into(),
        s.basic,
        s.basic_percent,
        0,
        true,
    ));
    for (msg, part) in [
        (Msg::Personnel, s.personnel),
        (Msg::PublicUse, s.public_use),
    ] {
        let percent = part.zip(s.basic).and_then(|(p, b)| percent_of(p, b));
        rows.push((t(lang, msg).into(), part, percent, 2, false));
    }
    let project = format!(
        "{}（{} {}）",
        t(lang, Msg::ProjectExpenditure),
        s.project_cards,
        t(lang, Msg::ProjectsCount)
    );
    rows.push((project, s.project, s.project_percent, 0, true));
    rows.push((
        t(lang, Msg::ThreePublic).into(),
        s.three_public,
        None,
        0,
        true,
    ));
    rows.push((
        t(lang, Msg::RunningCosts).into(),
        s.running_costs,
        None,
        0,
        true,
    ));
    rows
}

fn figure_lines(v: SummaryScreen, cols: usize) -> Vec<Line<'static>> {
    let (lang, th) = (v.lang, v.th);
    let rows = headline_rows(&v.analysis.summary, lang);
    let mut lines: Vec<Line<'static>> = rows
        .iter()
        .map(|(label, figure, percent, indent, heading)| {
            let style = if *heading { th.title } else { th.base };
            share_line(label, *figure, *percent, *indent, cols, th, style)
        })
        .collect();
    lines.push(findings_line(v));
    lines.push(Line::default());
    lines.push(heading(t(lang, Msg::YearOverYear), th));
    lines.push(year_over_year_line(v));
    lines
}

/// What the checks found, so a reviewer sees it before opening tab 4.
fn findings_line(v: SummaryScreen) -> Line<'static> {
    let (lang, th) = (v.lang, v.th);
    let [errors, warnings, notes] = v.analysis.by_severity;
    Line::from(vec![
        Span::styled(format!(" {}  ", t(lang, Msg::FindingsHere)), th.title),
        Span::styled(
            format!("{} {errors}  ", t(lang, Msg::SevErrorLong)),
            if errors > 0 { th.error } else { th.base },
        ),
        Span::styled(
            format!("{} {warnings}  ", t(lang, Msg::SevWarningLong)),
            th.warning,
        ),
        Span::styled(format!("{} {notes}", t(lang, Msg::SevNoteLong)), th.note),
    ])
}

/// The changes on last year as the narrative states them, signed, or
/// 未说明 where it states none.
fn year_over_year_line(v: SummaryScreen) -> Line<'static> {
    let mut spans = vec![Span::raw("  ")];
    spans.extend(year_over_year_spans(
        &v.analysis.summary.year_over_year,
        v.lang,
        v.th,
    ));
    Line::from(spans)
}

/// The stated changes, labelled and signed, or 未说明 where none is stated.
pub fn year_over_year_spans(yoy: &YearOverYear, lang: Lang, th: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
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
                spans.push(Span::styled(super::text::signed_amount(c), style));
            }
            None => spans.push(Span::styled(t(lang, Msg::NotStated).to_string(), th.dim)),
        }
        spans.push(Span::raw("   "));
    }
    spans
}

/// The 收支总表 as the Summary shows it: a title, a header, then one line
/// per row (blank rows hidden unless asked for), each built on demand.
struct Ledger<'a> {
    v: SummaryScreen<'a>,
    name_w: usize,
    amount_w: usize,
}

impl<'a> Ledger<'a> {
    fn new(v: SummaryScreen<'a>, cols: usize) -> Ledger<'a> {
        // 序号 (4) + two sides of name + amount.
        let side_w = cols.saturating_sub(5) / 2;
        let amount_w = AMOUNT.min(side_w);
        Ledger {
            v,
            name_w: side_w.saturating_sub(amount_w + 1),
            amount_w,
        }
    }

    /// Indexes into `summary.ledger` of the rows shown.
    fn rows(&self) -> &[usize] {
        let s = &self.v.analysis.summary;
        if self.v.state.show_blank_rows {
            &s.all_lines
        } else {
            &s.nonblank_lines
        }
    }

    fn len(&self) -> usize {
        2 + self.rows().len()
    }

    fn line(&self, i: usize) -> Line<'static> {
        let (lang, th) = (self.v.lang, self.v.th);
        match i {
            0 => {
                let hint = if self.v.state.show_blank_rows {
                    t(lang, Msg::AllRowsShown)
                } else {
                    t(lang, Msg::BlankRowsHidden)
                };
                Line::from(vec![
                    Span::styled(format!(" {}", t(lang, Msg::SummaryTable)), th.title),
                    Span::styled(format!("  {hint}"), th.dim),
                ])
            }
            1 => Line::from(vec![
                cell_right("", 4, th.header),
                Span::raw(" "),
                cell_left(t(lang, Msg::Income), self.name_w, th.header),
                cell_right("", self.amount_w, th.header),
                Span::raw(" "),
                cell_left(t(lang, Msg::Expenditure), self.name_w, th.header),
                cell_right("", self.amount_w, th.header),
            ]),
            _ => {
                let Some(line) = self
                    .rows()
                    .get(i - 2)
                    .and_then(|&r| self.v.analysis.summary.ledger.get(r))
                else {
                    return Line::default();
                };
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
                self.side(income, &mut spans);
                spans.push(Span::raw(" "));
                self.side(expenditure, &mut spans);
                Line::from(spans)
            }
        }
    }

    fn side(&self, entry: &Option<(String, Option<Decimal>)>, spans: &mut Vec<Span<'static>>) {
        let (name, amount) = match entry {
            Some((n, a)) => (n.as_str(), a.map(format_amount).unwrap_or_default()),
            None => ("", String::new()),
        };
        let style = if crate::model::names_a_total(name) {
            self.v.th.header
        } else {
            self.v.th.base
        };
        spans.push(cell_left(name, self.name_w, style));
        spans.push(cell_right(&amount, self.amount_w, style));
    }
}

/// The Summary as plain text, for when standard output is not a terminal
/// (`budget | less`, scripts): the same lines the tab draws, without styles.
pub fn plain_text(analysis: &Analysis, lang: Lang, cols: usize) -> String {
    let state = SummaryState::default();
    let v = SummaryScreen {
        analysis,
        lang,
        state: &state,
        th: &super::theme::MONO,
    };
    let dept = &analysis.doc.department;
    let mut out = format!("{} {}\n\n", dept.name, dept.budget_year);
    let mut lines = figure_lines(v, cols);
    lines.push(Line::default());
    let ledger = Ledger::new(v, cols);
    lines.extend((0..ledger.len()).map(|i| ledger.line(i)));
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}
