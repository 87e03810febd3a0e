//! Formatting a [`Report`] for `budget check`: text for the terminal, JSON
//! for scripts, a Markdown 审核意见 to send back to the department, and CSV
//! (one finding per row) for a spreadsheet of many departments. Every
//! format renders the findings' data in the reader's language here, at
//! output time.

use serde_json::{json, Map, Value};

use super::{Finding, LedgerCounts, Report, RuleState, Severity, FORMAT_VERSION};
use crate::i18n::Lang;
use crate::model::{format_amount, Disclosure, Place, TableKind};

/// The output formats of `budget check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Md,
    Csv,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// One checked input: its file name (when several are checked), the
/// disclosure and its report.
pub struct Checked<'a> {
    pub file: Option<&'a str>,
    pub doc: &'a Disclosure,
    pub report: &'a Report,
}

/// Renders all inputs in `format`.
pub fn render(checked: &[Checked], format: Format, lang: Lang) -> String {
    match format {
        Format::Text => checked.iter().map(|c| text(c, lang)).collect(),
        Format::Json => format!("{:#}\n", json(checked, lang)),
        Format::Md => checked
            .iter()
            .map(|c| markdown(c, lang))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
        Format::Csv => csv(checked, lang),
    }
}

/// `41 passed, 3 with findings (…), 2 not applicable, 0 could not run`.
pub fn summary_line(report: &Report, lang: Lang) -> String {
    let counts: LedgerCounts = report.counts();
    let (errors, warnings, notes) = severity_counts(report);
    match lang {
        Lang::Zh => format!(
            "通过 {}，有发现 {}（错误 {errors}，警告 {warnings}，提示 {notes}），不适用 {}，无法检查 {}",
            counts.passed, counts.with_findings, counts.not_applicable, counts.could_not_run
        ),
        Lang::En => format!(
            "{} passed, {} with findings ({errors} errors, {warnings} warnings, {notes} notes), {} not applicable, {} could not run",
            counts.passed, counts.with_findings, counts.not_applicable, counts.could_not_run
        ),
    }
}

/// Findings by severity, consequences included.
fn severity_counts(report: &Report) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    for f in report.all_findings() {
        match f.severity {
            Severity::Error => counts.0 += 1,
            Severity::Warning => counts.1 += 1,
            Severity::Note => counts.2 += 1,
        }
    }
    counts
}

fn rule_title(report: &Report, rule: &str, lang: Lang) -> &'static str {
    report
        .ledger
        .iter()
        .find(|e| e.rule == rule)
        .map(|e| e.title_in(lang))
        .unwrap_or("")
}

/// One finding per line (severity, rule, location, message), its
/// consequences indented below it, then every rule that did not pass with
/// its reason, then the ledger summary; every line prefixed with the file
/// name when given. Chinese output names rules by their Chinese title.
pub fn text(checked: &Checked, lang: Lang) -> String {
    let prefix = checked.file.map(|f| format!("{f}: ")).unwrap_or_default();
    let mut out = String::new();
    let line = |f: &Finding, indent: &str| {
        let location = f.location_in(checked.doc, lang);
        let location = if location.is_empty() {
            "-".to_string()
        } else {
            location
        };
        let review = review_text(f, lang);
        match lang {
            Lang::Zh => format!(
                "{prefix}{indent}{}  {location}：{}〔{}〕{review}\n",
                f.severity.name(lang),
                f.message(lang),
                rule_title(checked.report, f.rule, lang)
            ),
            Lang::En => format!(
                "{prefix}{indent}{:<7} {}  {location}: {}{review}\n",
                f.severity.name(lang),
                f.rule,
                f.message(lang)
            ),
        }
    };
    for f in &checked.report.findings {
        out.push_str(&line(f, ""));
        for c in &f.consequences {
            let lead = match lang {
                Lang::Zh => "    └ 连带：",
                Lang::En => "    └ follows: ",
            };
            out.push_str(&line(c, lead));
        }
    }
    for e in &checked.report.ledger {
        if e.state == RuleState::Passed {
            continue;
        }
        let reason = e.reason_in(lang).unwrap_or_default();
        out.push_str(&match lang {
            Lang::Zh => format!(
                "{prefix}规则  {}：{}（{reason}）\n",
                e.title_in(lang),
                e.state.name(lang)
            ),
            Lang::En => format!(
                "{prefix}rule  {}  {}: {reason}\n",
                e.rule,
                e.state.name(lang)
            ),
        });
    }
    out.push_str(&match lang {
        Lang::Zh => format!("{prefix}审核台账：{}\n", summary_line(checked.report, lang)),
        Lang::En => format!("{prefix}ledger: {}\n", summary_line(checked.report, lang)),
    });
    out
}

/// A reviewer's mark as shown after a finding: `〔已说明：…〕`.
fn review_text(f: &Finding, lang: Lang) -> String {
    let Some(r) = &f.review else {
        return String::new();
    };
    match (lang, r.note.is_empty()) {
        (Lang::Zh, true) => format!("〔{}〕", r.status.name(lang)),
        (Lang::Zh, false) => format!("〔{}：{}〕", r.status.name(lang), r.note),
        (Lang::En, true) => format!(" [{}]", r.status.name(lang)),
        (Lang::En, false) => format!(" [{}: {}]", r.status.name(lang), r.note),
    }
}

/// A place as JSON: its kind, indexes, and what a reader needs to find it
/// (table, code, row name, column, source line, page).
fn place_json(place: &Place, doc: &Disclosure, lang: Lang) -> Value {
    let mut obj = Map::new();
    let (kind, table, side, row, column) = match *place {
        Place::Document => ("document", None, None, None, None),
        Place::Table { table } => ("table", Some(table), None, None, None),
        Place::TableRow { table, side, row } => {
            ("table-row", Some(table), Some(side), Some(row), None)
        }
        Place::TableCell {
            table,
            side,
            row,
            column,
        } => (
            "table-cell",
            Some(table),
            Some(side),
            Some(row),
            Some(column),
        ),
        Place::Project { card } => {
            obj.insert("card".into(), Value::from(card));
            ("project", None, None, None, None)
        }
        Place::Indicator { card, indicator } => {
            obj.insert("card".into(), Value::from(card));
            obj.insert("indicator".into(), Value::from(indicator));
            ("indicator", None, None, None, None)
        }
        Place::Section { section } => {
            obj.insert("section".into(), Value::from(section));
            ("section", None, None, None, None)
        }
        Place::Procurement => ("procurement", None, None, None, None),
        Place::Assets { item } => {
            if let Some(item) = item {
                obj.insert("item".into(), Value::from(item));
            }
            ("assets", None, None, None, None)
        }
        Place::Glossary { term } => {
            obj.insert("term".into(), Value::from(term));
            ("glossary", None, None, None, None)
        }
    };
    obj.insert("kind".into(), Value::from(kind));
    if let Some(t) = table.and_then(|t| doc.tables.get(t).map(|x| (t, x))) {
        obj.insert("table".into(), Value::from(t.0));
        let kind: TableKind = t.1.kind;
        obj.insert(
            "table_kind".into(),
            serde_json::to_value(kind).unwrap_or(Value::Null),
        );
        obj.insert("table_title".into(), Value::from(t.1.title.clone()));
        let side_ref = side.and_then(|s| t.1.sides.get(s));
        if let (Some(s), Some(sd)) = (side, side_ref) {
            obj.insert("side".into(), Value::from(s));
            if let Some(label) = &sd.label {
                obj.insert("side_label".into(), Value::from(label.clone()));
            }
        }
        if let (Some(r), Some(rw)) = (
            row,
            side_ref.and_then(|sd| row.and_then(|r| sd.rows.get(r))),
        ) {
            obj.insert("row".into(), Value::from(r));
            if let Some(code) = &rw.code {
                obj.insert("code".into(), Value::from(code.as_str()));
            }
            obj.insert("row_name".into(), Value::from(rw.name.clone()));
        }
        if let (Some(c), Some(sd)) = (column, side_ref) {
            obj.insert("column".into(), Value::from(c));
            if let Some(col) = sd.columns.get(c) {
                obj.insert("column_name".into(), Value::from(col.path()));
            }
        }
    }
    if let Some(line) = place.line(doc) {
        obj.insert("line".into(), Value::from(line));
    }
    if let Some(page) = place.page(doc) {
        obj.insert("page".into(), Value::from(page));
    }
    obj.insert("describe".into(), Value::from(place.describe_in(doc, lang)));
    Value::Object(obj)
}

fn finding_json(f: &Finding, c: &Checked, lang: Lang, file: Option<&str>) -> Value {
    let mut obj = json!({
        "rule": f.rule,
        "severity": f.severity.label(),
        "message": f.message(lang),
        "location": f.location_in(c.doc, lang),
        "title": rule_title(c.report, f.rule, lang),
        "figures": f.figures,
        "places": f.places.iter().map(|p| place_json(p, c.doc, lang)).collect::<Vec<_>>(),
    });
    if let Some(map) = obj.as_object_mut() {
        if let Some(page) = f.page(c.doc) {
            map.insert("page".into(), Value::from(page));
        }
        if let Some(r) = &f.review {
            map.insert(
                "review".into(),
                json!({ "status": r.status.name(Lang::En), "note": r.note }),
            );
        }
        if let Some(file) = file {
            map.insert("file".into(), Value::from(file));
        }
        if !f.consequences.is_empty() {
            let consequences: Vec<Value> = f
                .consequences
                .iter()
                .map(|k| finding_json(k, c, lang, file))
                .collect();
            map.insert("consequences".into(), Value::from(consequences));
        }
    }
    obj
}

/// `{"format_version", "findings": [{rule, severity, message, location,
/// title, figures, places, page?, consequences?[, file]}…], "ledger":
/// [{rule, state, title, reason, errors, warnings, notes[, file]}…]}`;
/// `file` only when several inputs.
pub fn json(checked: &[Checked], lang: Lang) -> Value {
    let several = checked.len() > 1;
    let mut findings = Vec::new();
    let mut ledger = Vec::new();
    let mut documents = Vec::new();
    for c in checked {
        let file = c.file.filter(|_| several);
        documents.push(json!({
            "file": c.file,
            "department": c.doc.department.name,
            "year": c.doc.department.budget_year,
            "summary": summary_line(c.report, lang),
        }));
        for f in &c.report.findings {
            findings.push(finding_json(f, c, lang, file));
        }
        for e in &c.report.ledger {
            let mut obj = json!({
                "rule": e.rule,
                "state": e.state.label(),
                "title": e.title_in(lang),
                "reason": e.reason_in(lang),
                "errors": e.errors,
                "warnings": e.warnings,
                "notes": e.notes,
            });
            if let (Some(file), Some(map)) = (file, obj.as_object_mut()) {
                map.insert("file".into(), Value::from(file));
            }
            ledger.push(obj);
        }
    }
    json!({
        "format_version": FORMAT_VERSION,
        "documents": documents,
        "findings": findings,
        "ledger": ledger,
    })
}

/// Figures of a finding as `printed 306.71, expected 306.17, difference
/// +0.54, tolerance ±0 (万元)`.
fn figures_text(f: &Finding, lang: Lang) -> String {
    let fig = &f.figures;
    let mut parts = Vec::new();
    let (printed, expected, difference, tolerance) = match lang {
        Lang::Zh => ("所列", "对照", "相差", "容差"),
        Lang::En => ("printed", "against", "difference", "tolerance"),
    };
    if let Some(p) = fig.printed {
        parts.push(format!("{printed} {}", format_amount(p)));
    }
    if let Some(e) = fig.expected {
        parts.push(format!("{expected} {}", format_amount(e)));
    }
    if let Some(d) = fig.difference {
        parts.push(format!("{difference} {}", super::text::signed(d)));
    }
    if let Some(t) = fig.tolerance {
        parts.push(format!("{tolerance} ±{}", format_amount(t)));
    }
    let mut s = parts.join(match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    });
    if let (Some(unit), false) = (fig.unit, s.is_empty()) {
        s.push_str(&match lang {
            Lang::Zh => format!("（{}）", unit.label()),
            Lang::En => format!(" ({})", super::text::unit_en(unit)),
        });
    }
    s
}

/// Text safe inside a Markdown table cell.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A 审核意见: the document, a summary line, the findings grouped by
/// severity with their page and figures, and the ledger.
pub fn markdown(c: &Checked, lang: Lang) -> String {
    let doc = c.doc;
    let report = c.report;
    let mut out = String::new();
    let (errors, warnings, notes) = severity_counts(report);
    match lang {
        Lang::Zh => {
            out.push_str(&format!(
                "# 审核意见：{} {} 年部门预算公开\n\n",
                doc.department.name, doc.department.budget_year
            ));
            if let Some(file) = c.file {
                out.push_str(&format!("文件：`{file}`\n\n"));
            }
            out.push_str(&format!(
                "**结论**：发现错误 {errors} 处、警告 {warnings} 处、提示 {notes} 处。{}\n\n",
                if errors > 0 {
                    "请逐项核对下列错误并更正后重新公开。"
                } else {
                    "未发现勾稽错误。"
                }
            ));
            out.push_str(&format!("审核台账：{}。\n\n", summary_line(report, lang)));
        }
        Lang::En => {
            out.push_str(&format!(
                "# Review: {} budget disclosure {}\n\n",
                doc.department.name, doc.department.budget_year
            ));
            if let Some(file) = c.file {
                out.push_str(&format!("File: `{file}`\n\n"));
            }
            out.push_str(&format!(
                "**Conclusion**: {errors} errors, {warnings} warnings, {notes} notes. {}\n\n",
                if errors > 0 {
                    "Please correct each error below and publish again."
                } else {
                    "No consistency error was found."
                }
            ));
            out.push_str(&format!("Ledger: {}.\n\n", summary_line(report, lang)));
        }
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let of: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if of.is_empty() {
            continue;
        }
        let heading = match (severity, lang) {
            (Severity::Error, Lang::Zh) => "错误（须更正）",
            (Severity::Warning, Lang::Zh) => "警告（请核实）",
            (Severity::Note, Lang::Zh) => "提示",
            (Severity::Error, Lang::En) => "Errors (to correct)",
            (Severity::Warning, Lang::En) => "Warnings (to verify)",
            (Severity::Note, Lang::En) => "Notes",
        };
        out.push_str(&format!("## {heading}\n\n"));
        for (i, f) in of.iter().enumerate() {
            let page = f
                .page(doc)
                .map(|p| match lang {
                    Lang::Zh => format!("（第 {p} 页）"),
                    Lang::En => format!(" (p. {p})"),
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "{}. **{}**{page}：{}{}\n",
                i + 1,
                md_cell(&f.location_in(doc, lang)),
                md_cell(&f.message(lang)),
                md_cell(&review_text(f, lang))
            ));
            let figures = figures_text(f, lang);
            if !figures.is_empty() {
                out.push_str(&format!("   - {figures}\n"));
            }
            out.push_str(&format!(
                "   - {}{}\n",
                match lang {
                    Lang::Zh => "依据：",
                    Lang::En => "rule: ",
                },
                rule_title(report, f.rule, lang)
            ));
            for k in &f.consequences {
                out.push_str(&format!(
                    "   - {}{}：{}\n",
                    match lang {
                        Lang::Zh => "连带：",
                        Lang::En => "follows: ",
                    },
                    md_cell(&k.location_in(doc, lang)),
                    md_cell(&k.message(lang))
                ));
            }
        }
        out.push('\n');
    }
    out.push_str(match lang {
        Lang::Zh => "## 审核台账\n\n| 规则 | 结果 | 说明 |\n|---|---|---|\n",
        Lang::En => "## Ledger\n\n| rule | state | why |\n|---|---|---|\n",
    });
    for e in &report.ledger {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            md_cell(e.title_in(lang)),
            e.state.name(lang),
            md_cell(&e.reason_in(lang).unwrap_or_default())
        ));
    }
    out
}

/// One finding per row (consequences too, naming their root's number):
/// for a spreadsheet of many departments.
pub fn csv(checked: &[Checked], lang: Lang) -> String {
    let mut out = String::from(
        "file,department,year,number,consequence_of,severity,rule,page,line,location,code,column,printed,expected,difference,tolerance,unit,message,review,review_note\n",
    );
    for c in checked {
        let mut number = 0;
        for f in &c.report.findings {
            number += 1;
            let root = number;
            out.push_str(&csv_row(c, f, number, None, lang));
            for k in &f.consequences {
                number += 1;
                out.push_str(&csv_row(c, k, number, Some(root), lang));
            }
        }
    }
    out
}

fn csv_row(c: &Checked, f: &Finding, number: usize, root: Option<usize>, lang: Lang) -> String {
    let first = f.places.first();
    let (code, column) = match first {
        Some(Place::TableCell {
            table,
            side,
            row,
            column,
        }) => {
            let sd = c.doc.tables.get(*table).and_then(|t| t.sides.get(*side));
            let code = sd
                .and_then(|s| s.rows.get(*row))
                .and_then(|r| r.code.as_ref().map(|x| x.as_str().to_string()));
            let col = sd.and_then(|s| s.columns.get(*column)).map(|c| c.path());
            (code, col)
        }
        Some(Place::TableRow { table, side, row }) => (
            c.doc
                .tables
                .get(*table)
                .and_then(|t| t.sides.get(*side))
                .and_then(|s| s.rows.get(*row))
                .and_then(|r| r.code.as_ref().map(|x| x.as_str().to_string())),
            None,
        ),
        _ => (None, None),
    };
    let opt = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    let fields = [
        c.file.unwrap_or_default().to_string(),
        c.doc.department.name.clone(),
        c.doc.department.budget_year.to_string(),
        number.to_string(),
        root.map(|r| r.to_string()).unwrap_or_default(),
        f.severity.label().to_string(),
        f.rule.to_string(),
        f.page(c.doc).map(|p| p.to_string()).unwrap_or_default(),
        first
            .and_then(|p| p.line(c.doc))
            .map(|l| l.to_string())
            .unwrap_or_default(),
        f.location_in(c.doc, lang),
        code.unwrap_or_default(),
        column.unwrap_or_default(),
        opt(f.figures.printed),
        opt(f.figures.expected),
        opt(f.figures.difference),
        opt(f.figures.tolerance),
        f.figures
            .unit
            .map(|u| u.label().to_string())
            .unwrap_or_default(),
        f.message(lang),
        f.review
            .as_ref()
            .map(|r| r.status.name(Lang::En).to_string())
            .unwrap_or_default(),
        f.review
            .as_ref()
            .map(|r| r.note.clone())
            .unwrap_or_default(),
    ];
    crate::export::csv::record(&fields)
}
