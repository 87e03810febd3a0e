//! Years tab: the open department beside its other loaded year, by code
//! (functional, then economic) and by project card, with Δ and Δ%; new and
//! vanished lines marked, and the changes the narrative states.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::projects::draw_rows;
use super::theme::Theme;
use super::{cell_left, cell_right, put_line};
use crate::analysis::years::{Presence, YearComparison};
use crate::app::years::YearsState;
use crate::app::App;
use crate::i18n::{t, Lang, Msg};
use crate::model::{format_amount, CodeScheme};

/// Columns of the section label (on wide screens), the code (indented by
/// level) and Δ%.
const SECTION: usize = 10;
const CODE: usize = 12;
const PERCENT: usize = 9;
/// Narrower than this, the section label gives its room to the name.
const WIDE: usize = 110;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lang = app.lang;
    let Some(years) = &app.years else {
        let line = Line::styled(format!(" {}", t(lang, Msg::YearsNone)), th.dim);
        put_line(buf, area.x, area.y, &line, area.width);
        return;
    };
    let view = &years.view;
    for (i, line) in head_lines(view, lang, th).iter().enumerate() {
        if i < area.height as usize {
            put_line(buf, area.x, area.y + i as u16, line, area.width);
        }
    }
    let first_y = area.y + 3;
    if first_y >= area.bottom() {
        return;
    }
    let widths = Widths::fit(years, area.width as usize);
    put_line(
        buf,
        area.x,
        first_y - 1,
        &widths.header(view, lang, th),
        area.width,
    );
    let len = view.rows.len() + view.cards.len();
    let row = |i: usize| widths.line(view, i, lang, th);
    draw_rows(len, row, &years.cursor, area, first_y, buf, th);
}

/// The department and years, then what the narrative states.
fn head_lines(view: &YearComparison, lang: Lang, th: &Theme) -> [Line<'static>; 2] {
    let (before, after) = view.years;
    let title = Line::from(vec![
        Span::styled(
            format!(" {}  {before} → {after}", view.department),
            th.title,
        ),
        Span::raw(format!(
            "  {}{}{}",
            t(lang, Msg::Unit),
            crate::i18n::colon(lang),
            view.unit.label()
        )),
    ]);
    let mut stated = vec![Span::styled(
        format!(" {}{}", t(lang, Msg::YearsStated), crate::i18n::colon(lang)),
        th.dim,
    )];
    stated.extend(super::summary::year_over_year_spans(&view.stated, lang, th));
    [title, Line::from(stated)]
}

/// Column widths for a screen `cols` wide: the figures as wide as the widest
/// (measured once at load), the name takes what is left.
struct Widths {
    section: usize,
    name: usize,
    amount: usize,
}

impl Widths {
    fn fit(years: &YearsState, cols: usize) -> Widths {
        let amount = years.amount_width;
        let section = if cols >= WIDE { SECTION } else { 1 };
        let fixed = section + CODE + 3 * (amount + 1) + PERCENT;
        Widths {
            section,
            name: cols.saturating_sub(fixed).clamp(6, 40),
            amount,
        }
    }

    fn header(&self, view: &YearComparison, lang: Lang, th: &Theme) -> Line<'static> {
        let (before, after) = view.years;
        Line::from(vec![
            cell_left("", self.section + CODE, th.header),
            cell_left(t(lang, Msg::Name), self.name, th.header),
            cell_right(&before.to_string(), self.amount + 1, th.header),
            cell_right(&after.to_string(), self.amount + 1, th.header),
            cell_right("Δ", self.amount + 1, th.header),
            cell_right("Δ%", PERCENT, th.header),
        ])
    }

    /// Line `i`: the code rows, then the cards; a section's first line
    /// names the section.
    fn line(&self, view: &YearComparison, i: usize, lang: Lang, th: &Theme) -> Line<'static> {
        let (section, code, name, depth, before, after, presence) = match view.rows.get(i) {
            // `depth` indents the code: 类, then 款 and 项 under it.
            Some(r) => {
                let first = i == 0 || view.rows[i - 1].scheme != r.scheme;
                let section = match r.scheme {
                    CodeScheme::Functional => Msg::Functional,
                    CodeScheme::Economic => Msg::Economic,
                };
                let shown = first.then(|| t(lang, section));
                (
                    shown, &r.code, &r.name, r.depth, r.before, r.after, r.presence,
                )
            }
            None => {
                let k = i - view.rows.len();
                let Some(c) = view.cards.get(k) else {
                    return Line::default();
                };
                let shown = (k == 0).then(|| t(lang, Msg::TabProjects));
                (shown, &c.code, &c.name, 1, c.before, c.after, c.presence)
            }
        };
        let delta = before.zip(after).and_then(|(b, a)| a.checked_sub(b));
        let percent = delta
            .zip(before)
            .and_then(|(d, b)| crate::model::percent_of(d, b));
        let indent = "  ".repeat(depth.saturating_sub(1));
        let signed_style = |d: Option<Decimal>| match d {
            Some(d) if d.is_sign_negative() => th.decrease,
            Some(d) if !d.is_zero() => th.increase,
            _ => th.base,
        };
        // A line printed in one year only says so where Δ would stand.
        let (change, change_style) = match presence {
            Presence::Both => (signed(delta), signed_style(delta)),
            Presence::New => (t(lang, Msg::YearsNew).to_string(), th.increase),
            Presence::Vanished => (t(lang, Msg::YearsVanished).to_string(), th.decrease),
        };
        let section = match section {
            Some(name) if self.section > 1 => format!(" {name}"),
            _ => String::new(),
        };
        Line::from(vec![
            cell_left(&section, self.section, th.dim),
            cell_left(&format!("{indent}{code}"), CODE, th.base),
            cell_left(name, self.name, th.base),
            cell_right(&figure(before), self.amount + 1, th.base),
            cell_right(&figure(after), self.amount + 1, th.base),
            cell_right(&change, self.amount + 1, change_style),
            cell_right(
                &percent.map(percent_text).unwrap_or_default(),
                PERCENT,
                signed_style(delta),
            ),
        ])
    }
}

fn figure(amount: Option<Decimal>) -> String {
    amount.map(format_amount).unwrap_or_default()
}

/// Δ% with its sign and one decimal, as every line prints it (`+100.0%`,
/// `-30.0%`, `0.0%`).
fn percent_text(p: Decimal) -> String {
    let sign = if p.is_sign_positive() && !p.is_zero() {
        "+"
    } else {
        ""
    };
    format!("{sign}{p:.1}%")
}

fn signed(change: Option<Decimal>) -> String {
    change.map(super::text::signed_amount).unwrap_or_default()
}
