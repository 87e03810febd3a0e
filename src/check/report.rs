//! Formatting a [`Report`] for the terminal and as JSON (`budget check`).

use serde_json::{json, Value};

use super::{LedgerCounts, Report};
use crate::model::Disclosure;

/// One checked input: its file name (when several are checked), the
/// disclosure and its report.
pub struct Checked<'a> {
    pub file: Option<&'a str>,
    pub doc: &'a Disclosure,
    pub report: &'a Report,
}

/// `41 passed, 3 failed, 2 not applicable, 0 could not run`.
pub fn summary_line(counts: LedgerCounts) -> String {
    format!(
        "{} passed, {} failed, {} not applicable, {} could not run",
        counts.passed, counts.failed, counts.not_applicable, counts.could_not_run
    )
}

/// One finding per line (severity, rule, location, message), then the
/// ledger summary; every line prefixed with the file name when given.
pub fn text(checked: &Checked) -> String {
    let prefix = checked.file.map(|f| format!("{f}: ")).unwrap_or_default();
    let mut out = String::new();
    for f in &checked.report.findings {
        let location = f.location(checked.doc);
        out.push_str(&format!(
            "{prefix}{:<7} {}  {}: {}\n",
            f.severity.label(),
            f.rule,
            if location.is_empty() { "-" } else { &location },
            f.message
        ));
    }
    out.push_str(&format!(
        "{prefix}ledger: {}\n",
        summary_line(checked.report.counts())
    ));
    out
}

/// `{"findings": [{rule, severity, message, location[, file]}…],
/// "ledger": [{rule, state[, file]}…]}`; `file` only when several inputs.
pub fn json(checked: &[Checked]) -> Value {
    let several = checked.len() > 1;
    let mut findings = Vec::new();
    let mut ledger = Vec::new();
    for c in checked {
        let file = c.file.filter(|_| several);
        for f in &c.report.findings {
            let mut obj = json!({
                "rule": f.rule,
                "severity": f.severity.label(),
                "message": f.message,
                "location": f.location(c.doc),
            });
            if let (Some(file), Some(map)) = (file, obj.as_object_mut()) {
                map.insert("file".into(), Value::from(file));
            }
            findings.push(obj);
        }
        for e in &c.report.ledger {
            let mut obj = json!({ "rule": e.rule, "state": e.state.label() });
            if let (Some(file), Some(map)) = (file, obj.as_object_mut()) {
                map.insert("file".into(), Value::from(file));
            }
            ledger.push(obj);
        }
    }
    json!({ "findings": findings, "ledger": ledger })
}
