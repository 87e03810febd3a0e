//! Completeness (catalogue A): the nine tables, notes on empty tables,
//! classification depth, the narrative's sections and template residue.

use std::collections::HashSet;

use super::{squeeze, Arg, Finding, Found, Outcome, Rule, Severity, Text};
use crate::model::{Block, CodeScheme, Disclosure, Place, TableKind};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "completeness.tables",
        title: "九张标准表齐全",
        title_en: "All nine standard tables are present",
        check: tables_present,
    },
    Rule {
        id: "completeness.empty-table-note",
        title: "空表附有说明，且说明点明相应资金",
        title_en: "An empty table carries a note naming its fund",
        check: empty_table_note,
    },
    Rule {
        id: "completeness.code-depth",
        title: "功能分类细化到项，经济分类细化到款",
        title_en: "Functional codes reach items (项), economic codes reach subclasses (款)",
        check: code_depth,
    },
    Rule {
        id: "completeness.sections",
        title: "情况说明各部分齐全",
        title_en: "The narrative has all its sections",
        check: sections,
    },
    Rule {
        id: "completeness.template-residue",
        title: "没有模板残留（XX、某某、待填写、空的“主要原因是”）",
        title_en: "No template residue (XX, 某某, 待填写, an empty “主要原因是”)",
        check: template_residue,
    },
];

fn tables_present(doc: &Disclosure) -> Outcome {
    let findings = TableKind::STANDARD
        .iter()
        .filter(|kind| doc.table(**kind).is_none())
        .map(|kind| {
            Finding::new(
                "completeness.tables",
                Severity::Error,
                text!(
                    "缺少{}（无数据也应公开空表并加说明）",
                    "{} is missing (a table with no data is still published, empty, with a note)",
                    Arg::Table(*kind)
                ),
                vec![Place::Document],
            )
        })
        .collect();
    Outcome::Ran(findings)
}

/// The words an empty table's note must contain to name its fund.
fn fund_words(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::GeneralPublicExpenditure => &["一般公共预算"],
        TableKind::GeneralPublicBasic => &["基本支出", "一般公共预算"],
        TableKind::GovernmentFundExpenditure => &["政府性基金"],
        TableKind::StateCapitalExpenditure => &["国有资本经营"],
        TableKind::ThreePublicCosts => &["三公"],
        _ => &[],
    }
}

fn is_empty_note(note: &str) -> bool {
    let n = squeeze(note);
    n.contains("空表") || n.contains("无数据") || n.contains("本表无")
}

fn check_note(
    findings: &mut Vec<Finding>,
    name: Arg,
    notes: &[String],
    words: &[&str],
    place: Place,
) {
    let empty_notes: Vec<String> = notes
        .iter()
        .filter(|n| is_empty_note(n))
        .map(|n| squeeze(n))
        .collect();
    if empty_notes.is_empty() {
        findings.push(Finding::new(
            "completeness.empty-table-note",
            Severity::Warning,
            text!(
                "{}为空表，但没有说明（如“无…预算，空表列示”）",
                "{} is empty but carries no note (such as “无…预算，空表列示”)",
                name
            ),
            vec![place],
        ));
    } else if !words.is_empty()
        && !empty_notes
            .iter()
            .any(|n| words.iter().any(|w| n.contains(w)))
    {
        findings.push(Finding::new(
            "completeness.empty-table-note",
            Severity::Warning,
            text!(
                "{}的空表说明没有点明相应资金（应提到“{}”）：{}",
                "the note of empty {} does not name its fund (it should mention “{}”): {}",
                name,
                words.join("”或“"),
                empty_notes.join("；")
            ),
            vec![place],
        ));
    }
}

fn empty_table_note(doc: &Disclosure) -> Outcome {
    let mut empty = 0;
    let mut findings = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        if !table.has_no_figures() {
            continue;
        }
        empty += 1;
        let found = Found { index, table };
        check_note(
            &mut findings,
            found.name(),
            &table.notes,
            fund_words(table.kind),
            found.place(),
        );
    }
    if let Some(p) = &doc.procurement {
        let blank = p
            .table
            .rows
            .iter()
            .all(|r| r.iter().all(|c| c.trim().is_empty()));
        if blank && p.total.is_none_or(|t| t.is_zero()) {
            empty += 1;
            check_note(
                &mut findings,
                Arg::from(text!("政府采购预算表", "the procurement table")),
                &p.notes,
                &["政府采购"],
                Place::Procurement,
            );
        }
    }
    if empty == 0 {
        return Outcome::NotApplicable(text!("没有空表", "no table is empty"));
    }
    Outcome::Ran(findings)
}

fn code_depth(doc: &Disclosure) -> Outcome {
    let mut any = false;
    let mut findings = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        let Some(scheme) = table.kind.scheme() else {
            continue;
        };
        any = true;
        let found = Found { index, table };
        let deepest = scheme.lengths().len();
        for (si, side) in table.sides.iter().enumerate() {
            // The parents that have a child, collected once: linear in the
            // rows (10,000 rows are checked in milliseconds).
            let parents: HashSet<String> = side
                .rows
                .iter()
                .filter_map(|r| r.code.as_ref()?.parent(scheme))
                .map(|p| p.as_str().to_string())
                .collect();
            for (ri, row) in side.rows.iter().enumerate() {
                let Some(code) = &row.code else { continue };
                let Some(depth) = code.depth(scheme) else {
                    continue;
                };
                if depth >= deepest {
                    continue;
                }
                if !parents.contains(code.as_str()) {
                    let (scheme_name, target) = match scheme {
                        CodeScheme::Functional => (
                            text!("功能分类", "functional codes"),
                            text!("项", "item (项)"),
                        ),
                        CodeScheme::Economic => (
                            text!("经济分类", "economic codes"),
                            text!("款", "subclass (款)"),
                        ),
                    };
                    findings.push(Finding::new(
                        "completeness.code-depth",
                        Severity::Warning,
                        text!(
                            "{0}：{1} {2} 没有细化到{3}（{4}应列到{3}级）",
                            "{0}: {1} {2} is not broken down to the {3} level ({4} must reach it)",
                            found.name(),
                            code,
                            &row.name,
                            target,
                            scheme_name
                        ),
                        vec![found.row_place(si, ri)],
                    ));
                }
            }
        }
    }
    if !any {
        return Outcome::CouldNotRun(text!(
            "没有按科目编码列示的表",
            "no table is listed by classification code"
        ));
    }
    Outcome::Ran(findings)
}

fn sections(doc: &Disclosure) -> Outcome {
    let headings: Vec<String> = doc
        .narrative
        .iter()
        .flat_map(|s| s.path.iter().chain(std::iter::once(&s.heading)))
        .map(|h| squeeze(h))
        .collect();
    let has = |word: &str| headings.iter().any(|h| h.contains(word));
    let wanted: [(&str, bool); 8] = [
        ("部门职责", has("部门职责") || has("职责")),
        ("总体情况", has("总体情况")),
        ("机关运行经费", has("机关运行经费")),
        ("三公经费", has("三公")),
        ("绩效目标", has("绩效目标")),
        ("政府采购", has("政府采购") || doc.procurement.is_some()),
        (
            "国有资产",
            has("国有资产") || has("资产") || doc.assets.is_some(),
        ),
        ("名词解释", has("名词解释") || !doc.glossary.is_empty()),
    ];
    let findings = wanted
        .iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| {
            Finding::new(
                "completeness.sections",
                Severity::Warning,
                text!(
                    "情况说明缺少「{}」部分",
                    "the narrative has no “{}” section",
                    *name
                ),
                vec![Place::Document],
            )
        })
        .collect();
    Outcome::Ran(findings)
}

/// Template words left in a published document.
const RESIDUE: [&str; 6] = ["XX", "ＸＸ", "某某", "待填写", "待补充", "此处填写"];

/// What residue `text` holds, if any.
pub(crate) fn residue_in(text: &str) -> Option<Text> {
    let t = squeeze(text);
    if let Some(word) = RESIDUE.iter().find(|w| t.contains(*w)) {
        return Some(text!("模板文字「{}」", "template text “{}”", *word));
    }
    // "主要原因是。": a reason the template asked for and nobody wrote.
    for (at, _) in t.match_indices("主要原因是") {
        let after = &t[at + "主要原因是".len()..];
        let after = after
            .strip_prefix('：')
            .or_else(|| after.strip_prefix(':'))
            .unwrap_or(after);
        if after.is_empty() || after.starts_with(['。', '，', '；', ',', '.', ';', '）', ')']) {
            return Some(text!(
                "“主要原因是”后没有写原因",
                "no reason after “主要原因是” (the main reason is)"
            ));
        }
    }
    None
}

fn template_residue(doc: &Disclosure) -> Outcome {
    let mut findings = Vec::new();
    let mut push = |what: Text, where_: Text, place: Place| {
        findings.push(Finding::new(
            "completeness.template-residue",
            Severity::Warning,
            text!("{}有{}", "{} contains {}", where_, what),
            vec![place],
        ));
    };
    for (si, section) in doc.narrative.iter().enumerate() {
        let texts = std::iter::once(section.heading.as_str()).chain(
            section.blocks.iter().filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            }),
        );
        for text in texts {
            if let Some(what) = residue_in(text) {
                push(
                    what,
                    text!("情况说明", "the narrative"),
                    Place::Section { section: si },
                );
            }
        }
    }
    for (ci, card) in doc.projects.iter().enumerate() {
        for text in [&card.name, &card.purpose, &card.goal] {
            if let Some(what) = residue_in(text) {
                push(
                    what,
                    text!("项目绩效目标表", "the project card"),
                    Place::Project { card: ci },
                );
            }
        }
        for (ii, ind) in card.indicators.iter().enumerate() {
            for text in [&ind.level3, &ind.description, &ind.basis, &ind.value.raw] {
                if let Some(what) = residue_in(text) {
                    push(
                        what,
                        text!("绩效指标", "the indicator"),
                        Place::Indicator {
                            card: ci,
                            indicator: ii,
                        },
                    );
                }
            }
        }
    }
    for (ti, term) in doc.glossary.iter().enumerate() {
        if let Some(what) = residue_in(&term.definition) {
            push(
                what,
                text!("名词解释", "the glossary"),
                Place::Glossary { term: ti },
            );
        }
    }
    Outcome::Ran(findings)
}
