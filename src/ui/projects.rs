//! Projects tab: the card list, one card, cards side by side, and one
//! 二级指标 across all cards.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{bar, truncate, width, wrap};
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::app::projects::{Cursor, Screen, SortKey};
use crate::app::App;
use crate::i18n::{t, Lang, Msg};
use crate::model::{format_amount, Garble, ValueStatus};

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let p = &app.projects;
    match p.screen {
        Screen::List => render_list(app, area, buf, th),
        Screen::Card(card) => render_card(app, card, area, buf, th),
        Screen::Compare => render_compare(app, area, buf, th),
        Screen::Category => render_category(app, area, buf, th),
    }
}

/// The 指标值 of one indicator as shown: parsed (or raw on `r`), with a
/// visible mark for garbled, text-only, not-applicable and over-budget values.
pub fn value_text(app: &App, card: usize, indicator: usize, th: &Theme) -> (String, Style) {
    let lang = app.lang;
    let Some(ind) = app
        .analysis
        .doc
        .projects
        .get(card)
        .and_then(|c| c.indicators.get(indicator))
    else {
        return (String::new(), th.base);
    };
    let v = &ind.value;
    if app.projects.is_over_budget(card, indicator) {
        return (format!("{}  {}", v.raw, t(lang, Msg::OverBudget)), th.error);
    }
    match &v.status {
        ValueStatus::Clean if app.projects.show_raw => (v.raw.clone(), th.base),
        ValueStatus::Clean => (v.display(), th.base),
        ValueStatus::TextOnly => (format!("{} ({})", v.raw, t(lang, Msg::TextOnly)), th.dim),
        ValueStatus::NotApplicable => (format!("— {}", t(lang, Msg::NotApplicable)), th.dim),
        ValueStatus::Garbled(Garble::Blank) => (format!("! {}", t(lang, Msg::Blank)), th.error),
        ValueStatus::Garbled(_) => (format!("! {} ({})", v.raw, t(lang, Msg::Garbled)), th.error),
    }
}

fn sort_name(lang: Lang, sort: SortKey) -> &'static str {
    t(
        lang,
        match sort {
            SortKey::Document => Msg::SortDocument,
            SortKey::BudgetDesc => Msg::SortBudget,
            SortKey::Name => Msg::SortName,
            SortKey::Code => Msg::SortCode,
        },
    )
}

/// Draws rows `0..len` from `first_y` down, scrolled so the cursor's row
/// stays visible, the cursor's row reversed. Only the rows on screen are
/// built (`row(i)`), whatever `len` is.
pub(crate) fn draw_rows(
    len: usize,
    row: impl Fn(usize) -> Line<'static>,
    cursor: &Cursor,
    area: Rect,
    first_y: u16,
    buf: &mut Buffer,
    th: &Theme,
) {
    let height = area.bottom().saturating_sub(first_y) as usize;
    let start = cursor.window_start(height, len);
    for i in start..len.min(start + height) {
        let line = row(i);
        let y = first_y + (i - start) as u16;
        if i == cursor.selected {
            let mut line = line;
            let w = line.width();
            if w < area.width as usize {
                line.spans
                    .push(Span::raw(" ".repeat(area.width as usize - w)));
            }
            let line = line.patch_style(th.selected);
            put_line(buf, area.x, y, &line, area.width);
        } else {
            put_line(buf, area.x, y, &line, area.width);
        }
    }
}

fn render_list(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let p = &app.projects;
    put_line(buf, area.x, area.y, &list_head(app, th), area.width);
    if area.height < 2 {
        return;
    }
    let w = ListWidths::for_cols(area.width as usize);
    put_line(buf, area.x, area.y + 1, &w.header(lang, th), area.width);
    if p.list.is_empty() {
        put_line(
            buf,
            area.x,
            area.y + 2,
            &Line::styled(format!("   {}", t(lang, Msg::NoProjects)), th.dim),
            area.width,
        );
        return;
    }
    let body = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let row = |at: usize| list_row(app, at, &w, th);
    draw_rows(p.list.len(), row, &p.cursor, body, area.y + 2, buf, th);
    if area.height > 3 {
        // The total row right under the list, or on the last line.
        let y = (area.bottom() - 1).min(area.y + 2 + p.list.len() as u16);
        put_line(buf, area.x, y, &list_total(app, &w, th), area.width);
    }
}

/// The list's title: count, order, filter, marks and a notice.
fn list_head(app: &App, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let p = &app.projects;
    let mut head = vec![
        Span::styled(
            format!(
                " {} {}",
                t(lang, Msg::ProjectList),
                app.analysis.doc.projects.len()
            ),
            th.title,
        ),
        Span::styled(
            format!(
                "  {}{}{}",
                t(lang, Msg::SortedBy),
                crate::i18n::colon(lang),
                sort_name(lang, p.sort)
            ),
            th.dim,
        ),
    ];
    if p.filtering || !p.filter.is_empty() {
        let cursor = if p.filtering { "_" } else { "" };
        head.push(Span::styled(
            format!(
                "  {}{}{}{cursor}",
                t(lang, Msg::Filter),
                crate::i18n::colon(lang),
                p.filter
            ),
            th.highlight,
        ));
    }
    if !p.marked.is_empty() {
        head.push(Span::styled(
            format!("  {} {}", t(lang, Msg::Marked), p.marked.len()),
            th.marked,
        ));
    }
    if let Some(notice) = p.notice {
        head.push(Span::styled(format!("  {}", t(lang, notice)), th.warning));
    }
    Line::from(head)
}

/// Column widths of the card list: mark, #, code (on wide screens), name,
/// budget, share, findings, and a bar when there is room.
struct ListWidths {
    code: usize,
    name: usize,
    bar: usize,
}

impl ListWidths {
    fn for_cols(cols: usize) -> ListWidths {
        let code = if cols >= 100 { 22 } else { 0 };
        let fixed = 3 + 4 + code + 10 + 11;
        let name = cols.saturating_sub(fixed + 12).clamp(8, 40);
        let bar = cols.saturating_sub(fixed + name + 1).min(16);
        ListWidths { code, name, bar }
    }

    /// The cells before the name: mark, #, code.
    fn lead(&self, mark: &str, number: &str, code: &str, th: &Theme) -> Vec<Span<'static>> {
        let mut spans = vec![
            Span::styled(format!("{mark} "), th.marked),
            cell_right(number, 3, th.dim),
            Span::raw(" "),
        ];
        if self.code > 0 {
            spans.push(cell_left(code, self.code, th.dim));
        }
        spans
    }

    fn header(&self, lang: Lang, th: &Theme) -> Line<'static> {
        let mut header = self.lead("  ", "", "", th);
        header[1] = cell_right("#", 3, th.header);
        if self.code > 0 {
            header[3] = cell_left(t(lang, Msg::ProjectCode), self.code, th.header);
        }
        header.push(cell_left(t(lang, Msg::ProjectName), self.name, th.header));
        header.push(cell_right(t(lang, Msg::Budget), 10, th.header));
        header.push(cell_right(t(lang, Msg::ShareOfProjects), 11, th.header));
        header.push(Span::raw(" "));
        header.push(cell_left(t(lang, Msg::FindingsHere), FINDINGS_W, th.header));
        Line::from(header)
    }
}

/// Line `at` of the list: its mark (A–D), number, code, name, budget,
/// share of 项目支出, findings and a bar.
fn list_row(app: &App, at: usize, w: &ListWidths, th: &Theme) -> Line<'static> {
    let p = &app.projects;
    let Some(card) = p
        .list
        .get(at)
        .and_then(|&i| app.analysis.doc.projects.get(i).map(|c| (i, c)))
    else {
        return Line::default();
    };
    let (i, card) = card;
    let mark = match p.marked.iter().position(|&m| m == i) {
        Some(n) => format!(" {}", (b'A' + n as u8) as char),
        None => "  ".into(),
    };
    let mut spans = w.lead(&mark, &(i + 1).to_string(), &card.code, th);
    spans.push(cell_left(&card.name, w.name, th.base));
    spans.push(cell_right(
        &card.budget.map(format_amount).unwrap_or_default(),
        10,
        th.base,
    ));
    let share = p.shares.get(i).copied().flatten();
    spans.push(cell_right(
        &share.map(|s| format!("{s}%")).unwrap_or_default(),
        11,
        th.dim,
    ));
    spans.push(Span::raw(" "));
    spans.extend(finding_marks(app, i, th));
    if let Some(s) = share {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(bar(s, w.bar), th.bar));
    }
    Line::from(spans)
}

/// The total row: Σ 预算数 (summed at load) beside the 项目支出 it should
/// equal, in error style when they differ.
fn list_total(app: &App, w: &ListWidths, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let p = &app.projects;
    let mut total = w.lead("  ", "", "", th);
    total.push(cell_left(
        &format!("Σ {}", t(lang, Msg::ListTotal)),
        w.name,
        th.header,
    ));
    let sum_text = p
        .budget_sum
        .map(format_amount)
        .unwrap_or_else(|| "—".into());
    let agrees = p.budget_sum.is_some() && p.budget_sum == p.project_total;
    let style = if agrees || p.project_total.is_none() {
        th.header
    } else {
        th.error
    };
    total.push(cell_right(&sum_text, 10, style));
    if let Some(expected) = p.project_total {
        total.push(Span::styled(
            format!(
                "  {} {}{}",
                t(lang, Msg::ProjectExpenditure),
                format_amount(expected),
                p.project_total_unit.label()
            ),
            th.dim,
        ));
    }
    Line::from(total)
}

/// Width of the findings column of the list.
const FINDINGS_W: usize = 8;

/// A card's findings as counts by severity (`2错 1注`, `2E 1N`; no
/// ambiguous-width symbols), exactly `FINDINGS_W` wide.
fn finding_marks(app: &App, card: usize, th: &Theme) -> Vec<Span<'static>> {
    let findings = app
        .projects
        .card_findings
        .get(card)
        .map_or(&[][..], Vec::as_slice);
    let [errors, warnings, notes] =
        crate::app::projects::severity_counts(&app.analysis.report, findings);
    let mut spans = Vec::new();
    let mut used = 0;
    let marks = [
        (errors, Msg::SevErrorShort, th.error),
        (warnings, Msg::SevWarningShort, th.warning),
        (notes, Msg::SevNoteShort, th.note),
    ];
    for (n, mark, style) in marks {
        let mark = t(app.lang, mark);
        if n > 0 {
            let text = format!("{n}{mark} ");
            used += width(&text);
            spans.push(Span::styled(text, style));
        }
    }
    spans.push(Span::raw(" ".repeat(FINDINGS_W.saturating_sub(used))));
    spans
}

fn render_card(app: &App, card_index: usize, area: Rect, buf: &mut Buffer, th: &Theme) {
    let p = &app.projects;
    let Some(card) = app.analysis.doc.projects.get(card_index) else {
        return;
    };
    let cols = area.width as usize;
    let widths = IndicatorWidths::for_cols(cols);
    let mut head = card_head(app, card_index, card, cols, th);
    head.push(widths.header(app.lang, th));
    let flagged = flagged_indicators(app, card_index);
    let row = |n: usize| indicator_row(app, card_index, n, &widths, &flagged, th);

    let head_h = (head.len() as u16).min(area.height);
    for (i, line) in head.iter().take(head_h as usize).enumerate() {
        put_line(buf, area.x, area.y + i as u16, line, area.width);
    }
    // The selected indicator in full below the table when there is room:
    // its description, raw value, the whole 依据, and its findings.
    let detail = detail_lines(app, card_index, cols, th);
    let detail_h = if area.height >= head_h + 8 + detail.len() as u16 {
        detail.len() as u16
    } else {
        0
    };
    let table = Rect {
        height: area.height.saturating_sub(detail_h),
        ..area
    };
    draw_rows(
        card.indicators.len(),
        row,
        &p.card_cursor,
        table,
        area.y + head_h,
        buf,
        th,
    );
    for (i, line) in detail.iter().take(detail_h as usize).enumerate() {
        let y = table.bottom() + i as u16;
        put_line(buf, area.x, y, line, area.width);
    }
}

/// A card's head: title and code, funds, 资金用途, the spending plan (every
/// printed column, blank and missing ones marked) and 绩效目标.
fn card_head(
    app: &App,
    card_index: usize,
    card: &crate::model::ProjectCard,
    cols: usize,
    th: &Theme,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let p = &app.projects;
    let mut head: Vec<Line<'static>> = Vec::new();
    head.push(Line::from(vec![
        Span::styled(
            format!(
                " {}/{} {}",
                card_index + 1,
                app.analysis.doc.projects.len(),
                card.name
            ),
            th.title,
        ),
        Span::styled(format!("  {}", card.code), th.dim),
    ]));
    let money =
        |a: Option<rust_decimal::Decimal>| a.map(format_amount).unwrap_or_else(|| "—".into());
    let mut funds = vec![
        Span::styled(format!(" {} ", t(lang, Msg::Budget)), th.header),
        Span::raw(money(card.budget)),
        Span::raw(format!(
            "   {} {}   {} {}",
            t(lang, Msg::FiscalFunds),
            money(card.fiscal_funds),
            t(lang, Msg::OtherFunds),
            money(card.other_funds)
        )),
    ];
    if let Some(share) = p.shares.get(card_index).copied().flatten() {
        funds.push(Span::styled(
            format!("   {} {share}%", t(lang, Msg::ShareOfProjects)),
            th.dim,
        ));
    }
    funds.push(Span::styled(
        format!(
            "   {}{}{}",
            t(lang, Msg::Unit),
            crate::i18n::colon(lang),
            card.unit.label()
        ),
        th.dim,
    ));
    head.push(Line::from(funds));
    head.extend(labelled(t(lang, Msg::Purpose), &card.purpose, cols, 2, th));
    head.push(plan_line(card, lang, th));
    head.extend(labelled(t(lang, Msg::Goal), &card.goal, cols, 3, th));
    head
}

/// ` 资金用途 text…` wrapped to `cols`, at most `max_lines`, the label on
/// the first line and its width of blank on the others.
fn labelled(
    label: &str,
    text: &str,
    cols: usize,
    max_lines: usize,
    th: &Theme,
) -> Vec<Line<'static>> {
    let label = format!(" {label} ");
    let room = cols.saturating_sub(width(&label)).max(1);
    wrap(text, room)
        .into_iter()
        .take(max_lines)
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                label.clone()
            } else {
                " ".repeat(width(&label))
            };
            Line::from(vec![Span::styled(lead, th.header), Span::raw(part)])
        })
        .collect()
}

/// The spending plan: every printed column, blank and missing ones marked.
fn plan_line(card: &crate::model::ProjectCard, lang: Lang, th: &Theme) -> Line<'static> {
    let mut plan = vec![Span::styled(
        format!(" {} ", t(lang, Msg::SpendingPlan)),
        th.header,
    )];
    for point in &card.spending_plan {
        plan.push(Span::raw(format!(" {} ", point.label)));
        match point.percent {
            Some(pct) => {
                plan.push(Span::raw(format!("{pct}% ")));
                plan.push(Span::styled(bar(pct, 4), th.bar));
            }
            None => plan.push(Span::styled(t(lang, Msg::Blank).to_string(), th.dim)),
        }
        plan.push(Span::raw(" "));
    }
    if !card.plan_has_year_end() {
        plan.push(Span::styled(
            format!(" {} {}", t(lang, Msg::YearEnd), t(lang, Msg::NotPrinted)),
            th.warning,
        ));
    }
    Line::from(plan)
}

/// Column widths of a card's indicator table for a screen `cols` wide.
struct IndicatorWidths {
    l1: usize,
    l2: usize,
    name: usize,
    value: usize,
    basis: usize,
}

impl IndicatorWidths {
    fn for_cols(cols: usize) -> IndicatorWidths {
        let (l1, l2) = (11, 15);
        // Wide enough at 80 columns for `≤622600 万元  超预算`.
        let value = (cols / 4).clamp(10, 24);
        let name = cols.saturating_sub(l1 + l2 + value + 4).clamp(6, 40);
        let basis = cols.saturating_sub(l1 + l2 + name + value + 4);
        IndicatorWidths {
            l1,
            l2,
            name,
            value,
            basis,
        }
    }

    fn header(&self, lang: Lang, th: &Theme) -> Line<'static> {
        Line::from(vec![
            Span::raw(" "),
            cell_left(t(lang, Msg::IndicatorLevel1), self.l1, th.header),
            cell_left(t(lang, Msg::IndicatorLevel2), self.l2, th.header),
            cell_left(t(lang, Msg::IndicatorLevel3), self.name, th.header),
            Span::raw(" "),
            cell_left(t(lang, Msg::Value), self.value, th.header),
            Span::raw(" "),
            cell_left(t(lang, Msg::Basis), self.basis, th.header),
        ])
    }
}

/// The indicators of card `card_index` that a finding points at.
fn flagged_indicators(app: &App, card_index: usize) -> Vec<usize> {
    app.projects
        .card_findings
        .get(card_index)
        .into_iter()
        .flatten()
        .filter_map(|&f| app.analysis.report.findings.get(f))
        .flat_map(|f| f.places.iter())
        .filter_map(|place| match *place {
            crate::model::Place::Indicator { card, indicator } if card == card_index => {
                Some(indicator)
            }
            _ => None,
        })
        .collect()
}

/// One indicator row: a mark when a finding points at it, 一级 and 二级
/// printed where they change from the row above.
fn indicator_row(
    app: &App,
    card_index: usize,
    n: usize,
    w: &IndicatorWidths,
    flagged: &[usize],
    th: &Theme,
) -> Line<'static> {
    let Some(card) = app.analysis.doc.projects.get(card_index) else {
        return Line::default();
    };
    let Some(ind) = card.indicators.get(n) else {
        return Line::default();
    };
    let mark = if flagged.contains(&n) {
        Span::styled("!", th.error)
    } else {
        Span::raw(" ")
    };
    let above = n.checked_sub(1).and_then(|a| card.indicators.get(a));
    let new_l1 = above.is_none_or(|a| a.level1 != ind.level1);
    let new_l2 = new_l1 || above.is_some_and(|a| a.level2 != ind.level2);
    let l1 = if new_l1 { ind.level1.as_str() } else { "" };
    let l2 = if new_l2 { ind.level2.as_str() } else { "" };
    let (value, value_style) = value_text(app, card_index, n, th);
    Line::from(vec![
        mark,
        cell_left(l1, w.l1, th.header),
        cell_left(l2, w.l2, th.base),
        cell_left(&ind.level3, w.name, th.base),
        Span::raw(" "),
        cell_left(&value, w.value, value_style),
        Span::raw(" "),
        cell_left(&ind.basis, w.basis, th.dim),
    ])
}

/// The detail pane of the selected indicator: a rule, then 描述, 指标值 as
/// printed, 依据 and each finding's message, wrapped, at most 7 lines.
fn detail_lines(app: &App, card: usize, cols: usize, th: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let n = app.projects.card_cursor.selected;
    let projects = &app.analysis.doc.projects;
    let Some(ind) = projects.get(card).and_then(|c| c.indicators.get(n)) else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled(
        format!(
            " {} · {} › {} › {}",
            t(lang, Msg::IndicatorDetail),
            ind.level1,
            ind.level2,
            ind.level3
        ),
        th.title,
    )];
    let colon = crate::i18n::colon(lang);
    let mut field = |label: &str, text: &str, style: Style| {
        if text.trim().is_empty() {
            return;
        }
        let lead = format!(" {label}{colon}");
        let room = cols.saturating_sub(width(&lead)).max(1);
        for (i, part) in wrap(text, room).into_iter().take(2).enumerate() {
            let lead = if i == 0 {
                lead.clone()
            } else {
                " ".repeat(width(&lead))
            };
            lines.push(Line::from(vec![
                Span::styled(lead, th.header),
                Span::styled(part, style),
            ]));
        }
    };
    field(t(lang, Msg::Description), &ind.description, th.base);
    field(t(lang, Msg::Value), &ind.value.raw, th.base);
    field(t(lang, Msg::Basis), &ind.basis, th.base);
    let here = crate::model::Place::Indicator { card, indicator: n };
    for f in app
        .projects
        .card_findings
        .get(card)
        .into_iter()
        .flatten()
        .filter_map(|&f| app.analysis.report.findings.get(f))
        .filter(|f| f.places.contains(&here))
    {
        let style = super::checks::severity_style(f.severity, th);
        field(t(lang, Msg::FindingsHere), &f.message(lang), style);
    }
    lines.truncate(8);
    lines
}

/// Where the comparison's columns stand: the label column, each card's
/// width, and which cards are on screen.
struct CompareColumns {
    label_w: usize,
    card_w: usize,
    shown: Vec<usize>,
    more_left: bool,
    more_right: bool,
}

impl CompareColumns {
    fn fit(cmp: &crate::app::projects::Comparison, cols: usize) -> CompareColumns {
        let label_w = (cols / 3).clamp(12, 34);
        let card_w = if cmp.cards.is_empty() {
            0
        } else {
            (cols.saturating_sub(label_w) / cmp.cards.len()).clamp(22, 40)
        };
        let fit = (cols.saturating_sub(label_w) / card_w.max(1)).max(1);
        let first = cmp.first_card.min(cmp.cards.len().saturating_sub(1));
        let shown: Vec<usize> = (first..cmp.cards.len()).take(fit).collect();
        let more_right = shown.last().is_some_and(|&c| c + 1 < cmp.cards.len());
        CompareColumns {
            label_w,
            card_w,
            shown,
            more_left: first > 0,
            more_right,
        }
    }
}

fn render_compare(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let Some(cmp) = app.projects.comparison.as_ref() else {
        return;
    };
    let w = CompareColumns::fit(cmp, area.width as usize);
    let mut title = vec![Span::styled(
        format!(" {}", t(lang, Msg::Comparison)),
        th.title,
    )];
    if w.more_left || w.more_right {
        title.push(Span::styled(
            format!(
                "  {}{} {}",
                if w.more_left { "<" } else { " " },
                if w.more_right { ">" } else { " " },
                t(lang, Msg::MoreColumns).trim_start_matches("< > ")
            ),
            th.dim,
        ));
    }
    put_line(buf, area.x, area.y, &Line::from(title), area.width);
    if area.height < 3 {
        return;
    }
    let head = compare_head(app, cmp, &w, th);
    let head_rows = (head.len() as u16).min(area.height - 1);
    for (i, line) in head.iter().take(head_rows as usize).enumerate() {
        put_line(buf, area.x, area.y + 1 + i as u16, line, area.width);
    }
    let line = |i: usize| compare_row(app, cmp, i, &w, th);
    draw_rows(
        cmp.rows.len(),
        line,
        &cmp.cursor,
        area,
        area.y + 1 + head_rows,
        buf,
        th,
    );
}

/// One line of the comparison's header: a label and what each card says.
type CardFact<'a> = (Msg, &'a dyn Fn(&crate::model::ProjectCard) -> String);

/// The cards' names, then their budget, funds, purpose and plan: one line
/// each above the indicators.
fn compare_head(
    app: &App,
    cmp: &crate::app::projects::Comparison,
    w: &CompareColumns,
    th: &Theme,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let mut names = vec![cell_left(
        &format!(" {}", t(lang, Msg::Indicator)),
        w.label_w,
        th.header,
    )];
    for &c in &w.shown {
        let card = &app.analysis.doc.projects[cmp.cards[c]];
        let letter = (b'A' + c as u8) as char;
        names.push(cell_left(
            &format!("  {letter} {}", card.name),
            w.card_w,
            th.header,
        ));
    }
    let mut lines = vec![Line::from(names)];
    let money =
        |a: Option<rust_decimal::Decimal>| a.map(format_amount).unwrap_or_else(|| "—".into());
    let facts: [CardFact; 4] = [
        (Msg::Budget, &|c| money(c.budget)),
        (Msg::FiscalFunds, &|c| money(c.fiscal_funds)),
        (Msg::Purpose, &|c| c.purpose.clone()),
        (Msg::SpendingPlan, &|c| {
            c.spending_plan
                .iter()
                .map(|p| match p.percent {
                    Some(pct) => format!("{} {pct}%", p.label),
                    None => format!("{} {}", p.label, t(lang, Msg::Blank)),
                })
                .collect::<Vec<_>>()
                .join(" · ")
        }),
    ];
    for (label, fact) in facts.iter() {
        let mut spans = vec![cell_left(
            &format!(" {}", t(lang, *label)),
            w.label_w,
            th.header,
        )];
        for &c in &w.shown {
            let card = &app.analysis.doc.projects[cmp.cards[c]];
            spans.push(cell_left(&format!("  {}", fact(card)), w.card_w, th.base));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// One aligned row: the 二级 category where a group starts, then each
/// card's target and its own 三级 name (the target first: a narrow cell
/// cuts the name, never the target), highlighted where the cards differ.
fn compare_row(
    app: &App,
    cmp: &crate::app::projects::Comparison,
    i: usize,
    w: &CompareColumns,
    th: &Theme,
) -> Line<'static> {
    let Some(row) = cmp.rows.get(i) else {
        return Line::default();
    };
    let first_of_group =
        i == 0 || cmp.rows[i - 1].level1 != row.level1 || cmp.rows[i - 1].level2 != row.level2;
    let category = if first_of_group {
        format!(" {}", row.level2.trim_end_matches("指标"))
    } else {
        String::new()
    };
    let mut spans = vec![cell_left(&category, w.label_w, th.header)];
    for &c in &w.shown {
        let card = cmp.cards[c];
        let (text, style) = match row.cells.get(c).copied().flatten() {
            Some(n) => {
                let (mut text, mut style) = value_text(app, card, n, th);
                if let Some(ind) = app.analysis.doc.projects[card].indicators.get(n) {
                    text = format!("{text}  {}", ind.level3);
                }
                if row.differs && style == th.base {
                    style = th.highlight;
                }
                (text, style)
            }
            None => (String::new(), th.base),
        };
        spans.push(cell_left(&format!("  {text}"), w.card_w, style));
    }
    Line::from(spans)
}

/// `类别：产出指标/数量指标  2/9  [ ]`, and the sort when by value.
fn category_title(app: &App, th: &Theme) -> Line<'static> {
    let (lang, p) = (app.lang, &app.projects);
    let name = p.categories.get(p.category).cloned().unwrap_or_default();
    let mut title = vec![
        Span::styled(format!(" {}：{name}", t(lang, Msg::Category)), th.title),
        Span::styled(
            format!("  {}/{}  [ ]", p.category + 1, p.categories.len()),
            th.dim,
        ),
    ];
    if p.category_by_value {
        title.push(Span::styled(
            format!("  {}", t(lang, Msg::ByValue)),
            th.highlight,
        ));
    }
    Line::from(title)
}

fn render_category(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let lang = app.lang;
    let p = &app.projects;
    let cols = area.width as usize;
    put_line(buf, area.x, area.y, &category_title(app, th), area.width);
    if area.height < 3 {
        return;
    }
    let card_w = (cols / 4).clamp(10, 30);
    let value_w = (cols / 5).clamp(10, 24);
    let name_w = cols.saturating_sub(card_w + 10 + value_w + 3).clamp(6, 40);
    put_line(
        buf,
        area.x,
        area.y + 1,
        &Line::from(vec![
            cell_left(&format!(" {}", t(lang, Msg::Card)), card_w, th.header),
            cell_right(t(lang, Msg::Budget), 10, th.header),
            Span::raw("  "),
            cell_left(t(lang, Msg::IndicatorLevel3), name_w, th.header),
            Span::raw(" "),
            cell_left(t(lang, Msg::Value), value_w, th.header),
        ]),
        area.width,
    );
    let row = |i: usize| {
        let (c, n) = p.category_rows[i];
        {
            let card = &app.analysis.doc.projects[c];
            let ind = &card.indicators[n];
            let (text, style) = value_text(app, c, n, th);
            Line::from(vec![
                cell_left(&format!(" {}", card.name), card_w, th.base),
                cell_right(
                    &card.budget.map(format_amount).unwrap_or_default(),
                    10,
                    th.base,
                ),
                Span::raw("  "),
                cell_left(&ind.level3, name_w, th.base),
                Span::raw(" "),
                cell_left(&truncate(&text, value_w), value_w, style),
            ])
        }
    };
    draw_rows(
        p.category_rows.len(),
        row,
        &p.category_cursor,
        area,
        area.y + 2,
        buf,
        th,
    );
}
