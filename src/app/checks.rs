//! The Checks tab: the report of [`crate::check::run`], computed once at
//! load, laid out as severity → rule → finding, and where each finding
//! jumps to.

use crate::check::{Report, Severity};

use super::projects::Cursor;

/// One line of the findings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckLine {
    /// A severity heading with its count.
    Severity(Severity, usize),
    /// A rule heading: index into `report.ledger`, and its finding count.
    Rule(usize, usize),
    /// A finding: index into `report.findings`.
    Finding(usize),
}

/// Checks tab state.
#[derive(Debug, Clone)]
pub struct ChecksState {
    /// Findings grouped, in display order.
    pub lines: Vec<CheckLine>,
    /// The cursor moves over findings only; this is its index into `lines`.
    pub cursor: Cursor,
    /// Show every rule with its state instead of the findings.
    pub show_ledger: bool,
    pub ledger_cursor: Cursor,
    /// Width of the longest rule id, for the ledger's column.
    pub rule_width: usize,
}

impl ChecksState {
    /// The state over `report` (the analysis's): findings grouped by
    /// severity, then rule.
    pub fn new(report: &Report) -> ChecksState {
        let mut lines = Vec::new();
        for severity in [Severity::Error, Severity::Warning, Severity::Note] {
            let of_severity: Vec<usize> = (0..report.findings.len())
                .filter(|&i| report.findings[i].severity == severity)
                .collect();
            if of_severity.is_empty() {
                continue;
            }
            lines.push(CheckLine::Severity(severity, of_severity.len()));
            let mut rules: Vec<&str> = Vec::new();
            for &i in &of_severity {
                if !rules.contains(&report.findings[i].rule) {
                    rules.push(report.findings[i].rule);
                }
            }
            for rule in rules {
                let members: Vec<usize> = of_severity
                    .iter()
                    .copied()
                    .filter(|&i| report.findings[i].rule == rule)
                    .collect();
                let entry = report
                    .ledger
                    .iter()
                    .position(|e| e.rule == rule)
                    .unwrap_or(0);
                lines.push(CheckLine::Rule(entry, members.len()));
                lines.extend(members.into_iter().map(CheckLine::Finding));
            }
        }
        let report_rule_width = report
            .ledger
            .iter()
            .map(|e| e.rule.len())
            .max()
            .unwrap_or(0);
        let mut state = ChecksState {
            lines,
            cursor: Cursor::default(),
            show_ledger: false,
            ledger_cursor: Cursor::default(),
            rule_width: report_rule_width,
        };
        state.cursor.selected = state.next_finding(0, 1).unwrap_or(0);
        state
    }

    /// The finding line at or after `from` going in `step`'s direction.
    fn next_finding(&self, from: usize, step: isize) -> Option<usize> {
        let mut i = from as isize;
        while i >= 0 && (i as usize) < self.lines.len() {
            if matches!(self.lines[i as usize], CheckLine::Finding(_)) {
                return Some(i as usize);
            }
            i += step;
        }
        None
    }

    /// Moves the cursor by `delta` findings (headings are skipped).
    pub fn move_by(&mut self, delta: isize) {
        let step = delta.signum();
        let mut at = self.cursor.selected;
        for _ in 0..delta.unsigned_abs() {
            match self.next_finding((at as isize + step).max(0) as usize, step) {
                Some(next) if next != at => at = next,
                _ => break,
            }
        }
        self.cursor.selected = at;
    }

    /// The finding under the cursor.
    pub fn selected_finding(&self) -> Option<usize> {
        match self.lines.get(self.cursor.selected) {
            Some(CheckLine::Finding(i)) => Some(*i),
            _ => None,
        }
    }
}
