//! Checks tab: the ledger's counts, then findings grouped by severity and
//! rule (Enter jumps to the place), or the whole ledger of rules.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::put_line;
use super::text::{fit_left, truncate};
use super::theme::Theme;
use crate::app::checks::CheckLine;
use crate::app::App;
use crate::check::{RuleState, Severity};
use crate::i18n::{t, Msg};

fn severity_text(severity: Severity) -> Msg {
    match severity {
        Severity::Error => Msg::SevError,
        Severity::Warning => Msg::SevWarning,
        Severity::Note => Msg::SevNote,
    }
}

/// The colour of a severity, wherever a finding is shown.
pub fn severity_style(severity: Severity, th: &Theme) -> Style {
    match severity {
        Severity::Error => th.error,
        Severity::Warning => th.warning,
        Severity::Note => th.note,
    }
}

fn state_text(state: RuleState) -> Msg {
    match state {
        RuleState::Passed => Msg::StatePassed,
        RuleState::WithFindings => Msg::StateWithFindings,
        RuleState::NotApplicable => Msg::StateNotApplicable,
        RuleState::CouldNotRun => Msg::StateCouldNotRun,
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let lang = app.lang;
    let c = &app.checks;
    put_line(buf, area.x, area.y, &head_line(app, th), area.width);
    let body_y = area.y + 1;
    let cols = area.width as usize;
    // The selected finding in full, wrapped, below the list.
    let detail = if c.show_ledger {
        Vec::new()
    } else {
        detail_lines(app, cols, th)
    };
    let detail_h = if area.height >= 12 {
        detail.len() as u16
    } else {
        0
    };
    let list_bottom = area.bottom().saturating_sub(detail_h);
    for (i, line) in detail.iter().take(detail_h as usize).enumerate() {
        put_line(buf, area.x, list_bottom + i as u16, line, area.width);
    }
    if !c.show_ledger && c.lines.is_empty() {
        let line = Line::styled(format!(" {}", t(lang, Msg::NoFindings)), th.increase);
        put_line(buf, area.x, body_y, &line, area.width);
        return;
    }
    let list = Rect {
        y: body_y,
        height: list_bottom.saturating_sub(body_y),
        ..area
    };
    render_list(app, list, buf, th);
}

/// The header: how many rules, and how many of them passed, found
/// something (split by severity), did not apply or could not run.
fn head_line(app: &App, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let c = &app.checks;
    let report = &app.analysis.report;
    let counts = report.counts();
    let title = if c.show_ledger {
        Msg::LedgerTitle
    } else {
        Msg::FindingsTitle
    };
    let mut head = vec![
        Span::styled(format!(" {}", t(lang, title)), th.title),
        Span::raw(format!(
            "  {} {}{}",
            report.ledger.len(),
            t(lang, Msg::Rules),
            crate::i18n::colon(lang)
        )),
    ];
    for (n, state, style) in [
        (counts.passed, RuleState::Passed, th.increase),
        (counts.with_findings, RuleState::WithFindings, th.error),
        (counts.not_applicable, RuleState::NotApplicable, th.dim),
        (counts.could_not_run, RuleState::CouldNotRun, th.warning),
    ] {
        head.push(Span::styled(
            format!("{} {n}  ", t(lang, state_text(state))),
            style,
        ));
        if state == RuleState::WithFindings {
            // What the rules with findings found, by severity.
            let [e, w, n] = app.analysis.by_severity;
            head.push(Span::styled(
                format!(
                    "({} {e} {} {w} {} {n})  ",
                    t(lang, Msg::SevErrorShort),
                    t(lang, Msg::SevWarningShort),
                    t(lang, Msg::SevNoteShort)
                ),
                th.dim,
            ));
        }
    }
    Line::from(head)
}

/// One rule of the ledger: its state, id, title and the reason when it did
/// not pass.
fn ledger_line(app: &App, i: usize, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let c = &app.checks;
    let report = &app.analysis.report;
    let Some(e) = report.ledger.get(i) else {
        return Line::default();
    };
    let style = match e.state {
        RuleState::Passed => th.base,
        RuleState::WithFindings => th.error,
        RuleState::NotApplicable => th.dim,
        RuleState::CouldNotRun => th.warning,
    };
    let mut spans = vec![
        Span::styled(
            fit_left(&format!(" {}", t(lang, state_text(e.state))), 10),
            style,
        ),
        Span::styled(fit_left(e.rule, c.rule_width + 1), th.dim),
        Span::raw(format!(" {}", e.title_in(lang))),
    ];
    if let Some(reason) = &e.reason {
        spans.push(Span::styled(format!("  ({})", reason.render(lang)), th.dim));
    }
    Line::from(spans)
}

/// One line of the findings list: a severity heading, a rule heading or a
/// finding (its message names its place; the full location is in the
/// detail below).
fn finding_line(app: &App, i: usize, th: &Theme) -> Line<'static> {
    let lang = app.lang;
    let c = &app.checks;
    let report = &app.analysis.report;
    match c.lines.get(i) {
        Some(&CheckLine::Severity(sev, n)) => Line::styled(
            format!(" {} {n}", t(lang, severity_text(sev))),
            severity_style(sev, th),
        ),
        Some(&CheckLine::Rule(entry, n)) => match report.ledger.get(entry) {
            Some(e) => Line::from(vec![
                Span::styled(format!("   {}", e.rule), th.header),
                Span::styled(format!("  {} ({n})", e.title_in(lang)), th.dim),
            ]),
            None => Line::default(),
        },
        Some(&CheckLine::Finding(f)) => report.findings.get(f).map_or_else(Line::default, |f| {
            Line::raw(format!("     {}", f.message(lang)))
        }),
        None => Line::default(),
    }
}

/// The findings (or the ledger) in `area`, scrolled to the cursor; only the
/// lines on screen are built.
fn render_list(app: &App, area: Rect, buf: &mut Buffer, th: &Theme) {
    let c = &app.checks;
    let report = &app.analysis.report;
    let cols = area.width as usize;
    let (len, cursor) = if c.show_ledger {
        (report.ledger.len(), &c.ledger_cursor)
    } else {
        (c.lines.len(), &c.cursor)
    };
    let height = area.height as usize;
    let start = cursor.window_start(height, len);
    for i in start..len.min(start + height) {
        let line = if c.show_ledger {
            ledger_line(app, i, th)
        } else {
            finding_line(app, i, th)
        };
        let y = area.y + (i - start) as u16;
        if i == cursor.selected {
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            let line = Line::styled(fit_left(&truncate(&text, cols), cols), th.selected);
            put_line(buf, area.x, y, &line, area.width);
        } else {
            put_line(buf, area.x, y, &line, area.width);
        }
    }
}

/// The selected finding: its location and its whole message, wrapped.
fn detail_lines(app: &App, cols: usize, th: &Theme) -> Vec<Line<'static>> {
    let c = &app.checks;
    let report = &app.analysis.report;
    let Some(f) = c.selected_finding().and_then(|i| report.findings.get(i)) else {
        return Vec::new();
    };
    let mut lines = vec![Line::styled(
        truncate(
            &format!(" › {}", f.location_in(&app.analysis.doc, app.lang)),
            cols,
        ),
        th.header,
    )];
    let room = cols.saturating_sub(3).max(1);
    for part in super::text::wrap(&f.message(app.lang), room)
        .into_iter()
        .take(3)
    {
        lines.push(Line::raw(format!("   {part}")));
    }
    lines
}
