//! The document-wide rules on the seed text: each passes on the seed and
//! finds its defect once the seed is changed.

use budget_tui::check::{self, RuleState, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::{Block, Disclosure, Place, TableKind};

use crate::imported::imported;

fn messages(doc: &Disclosure, rule: &str) -> Vec<(Severity, Place, String)> {
    check::run(doc)
        .findings_of(rule)
        .map(|f| (f.severity, f.places[0], f.message(Lang::Zh)))
        .collect()
}

fn replace_text(doc: &mut Disclosure, from: &str, to: &str) {
    let mut done = false;
    for s in &mut doc.narrative {
        for b in &mut s.blocks {
            if let Block::Paragraph(p) = b {
                if p.contains(from) {
                    *p = p.replace(from, to);
                    done = true;
                }
            }
        }
    }
    assert!(done, "{from} is not in the seed");
}

#[test]
fn the_seed_passes_every_document_rule() {
    let report = check::run(&imported());
    for rule in [
        "document.year",
        "document.department-name",
        "document.contents",
        "document.duplicated-words",
    ] {
        assert_eq!(report.state_of(rule), Some(RuleState::Passed), "{rule}");
    }
}

#[test]
fn another_year_in_a_header_or_the_text() {
    let mut doc = imported();
    let t3 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::Expenditure)
        .unwrap();
    doc.tables[t3].year = Some(2024);
    replace_text(&mut doc, "2025年预算收入", "2023年预算收入");
    let found = messages(&doc, "document.year");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, Place::Table { table: t3 });
    assert_eq!(found[0].2, "支出总表表头年度为 2024 年，文件是 2025 年预算");
    assert_eq!(
        found[1].2,
        "情况说明写有「2023年预算收入3264」，文件是 2025 年预算"
    );
    // Last year's budget is compared with, not a leftover.
    assert!(!found.iter().any(|f| f.2.contains("2024年预算减少")));
}

#[test]
fn another_department_in_a_header() {
    let mut doc = imported();
    let t5 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::GeneralPublicExpenditure)
        .unwrap();
    doc.tables[t5].owner = Some("212 邢台市财政局".into());
    let found = messages(&doc, "document.department-name");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Severity::Error);
    assert_eq!(
        found[0].2,
        "一般公共预算财政拨款支出表表头的单位为「212 邢台市财政局」，文件是「邢台市人民政府办公室」的预算"
    );
}

#[test]
fn a_document_cut_off_before_the_parts_its_contents_list() {
    let mut doc = imported();
    let cut = doc
        .narrative
        .iter()
        .position(|s| s.heading.contains("国有资产信息"))
        .unwrap();
    doc.narrative.truncate(cut);
    doc.assets = None;
    doc.glossary.clear();
    let found = messages(&doc, "document.contents");
    let names: Vec<&str> = found
        .iter()
        .map(|f| f.2.split('」').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "目录列有「九、国有资产信息",
            "目录列有「十、名词解释",
            "目录列有「十一、其他需要说明的事项"
        ]
    );
    assert!(found[0].2.contains("第 46 页"), "{found:?}");
    assert!(found.iter().all(|f| f.0 == Severity::Error));
}

#[test]
fn a_word_typed_twice() {
    let mut doc = imported();
    replace_text(&mut doc, "2025年预算收支安排", "2025年预算预算收支安排");
    let found = messages(&doc, "document.duplicated-words");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Severity::Warning);
    assert_eq!(found[0].2, "「预算预算」重复录入");
}

#[test]
fn swapped_income_lines_of_t1_disagree_with_t4() {
    let mut doc = imported();
    assert_eq!(
        check::run(&doc).state_of("cross.summary-vs-grant-income"),
        Some(RuleState::Passed)
    );
    let t1 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::IncomeExpenditureSummary)
        .unwrap();
    let side = &mut doc.tables[t1].sides[0];
    let a = side
        .rows
        .iter()
        .position(|r| r.name.contains("一般公共预算"))
        .unwrap();
    let b = side
        .rows
        .iter()
        .position(|r| r.name.contains("政府性基金"))
        .unwrap();
    let (x, y) = (side.rows[a].amounts[0], side.rows[b].amounts[0]);
    side.rows[a].amounts[0] = y;
    side.rows[b].amounts[0] = x;
    // Every sum of T1 still holds; only T4 tells the funds apart.
    let report = check::run(&doc);
    assert!(report.findings_of("summary.income-sum").next().is_none());
    let found: Vec<String> = report
        .findings_of("cross.summary-vs-grant-income")
        .map(|f| f.message(Lang::Zh))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("财政拨款收支总表「一般公共预算」收入 3,244.56 万元 与收支总表「一般公共预算」收入 20.00 万元 不一致，相差 +3,224.56万元"), "{found:?}");
}

#[test]
fn a_code_that_t2_and_t3_do_not_share() {
    let mut doc = imported();
    assert_eq!(
        check::run(&doc).state_of("cross.income-vs-expenditure-codes"),
        Some(RuleState::Passed)
    );
    let t3 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::Expenditure)
        .unwrap();
    let row = doc.tables[t3].sides[0]
        .rows
        .iter_mut()
        .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == "2120899"))
        .unwrap();
    row.code = budget_tui::model::Code::parse("2120801");
    let found: Vec<String> = check::run(&doc)
        .findings_of("cross.income-vs-expenditure-codes")
        .map(|f| f.message(Lang::Zh))
        .collect();
    assert_eq!(
        found,
        [
            "支出总表列有科目 2120801 20.00 万元，收入总表没有这一科目",
            "收入总表列有科目 2120899 20.00 万元，支出总表没有这一科目"
        ]
    );
}

#[test]
fn a_change_on_last_year_without_its_reason() {
    let mut doc = imported();
    assert_eq!(
        check::run(&doc).state_of("narrative.change-reason"),
        Some(RuleState::Passed)
    );
    replace_text(
        &mut doc,
        "基本支出增加170.47万元，主要为人员经费基本工资调标及人员新增。项目支出减少402.30万元，主要为市财政奖金紧张，部分项目无力列支。",
        "基本支出增加170.47万元。项目支出减少402.30万元。",
    );
    let found = messages(&doc, "narrative.change-reason");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(
        found[0].2 == "1 处比上年的增减没有写明原因，如「2025年预算收支安排3264.56万元，较2024年预算减少231.83万元，其中：基本支出增加170.47万元」",
        "{found:?}"
    );
}

#[test]
fn a_lost_subclass_row_and_a_lost_grand_total() {
    let mut doc = imported();
    let t5 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::GeneralPublicExpenditure)
        .unwrap();
    doc.tables[t5].sides[0]
        .rows
        .retain(|r| r.code.as_ref().is_none_or(|c| c.as_str() != "20103"));
    let found = messages(&doc, "table.parent-sum");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].2,
        "一般公共预算财政拨款支出表缺少款级科目 20103：2010301 行政运行 没有上级款行"
    );

    let mut doc = imported();
    let t1 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::IncomeExpenditureSummary)
        .unwrap();
    doc.tables[t1].sides[0]
        .rows
        .retain(|r| !r.name.contains("收入总计"));
    let found = messages(&doc, "summary.balance");
    assert_eq!(found.len(), 1, "{found:?}");
    // The expenditure side prints its 总计: the income side lost its own.
    assert_eq!(found[0].0, Severity::Error);
    assert_eq!(found[0].2, "收支总表找不到「收入总计」行");
}

#[test]
fn narrative_income_by_fund_and_the_restated_total() {
    let doc = imported();
    let report = check::run(&doc);
    for rule in [
        "narrative.income-by-fund",
        "narrative.three-public-change",
        "narrative.income-total",
    ] {
        assert_eq!(report.state_of(rule), Some(RuleState::Passed), "{rule}");
    }
    let mut changed = doc.clone();
    replace_text(
        &mut changed,
        "基金预算收入20.00万元",
        "基金预算收入30.00万元",
    );
    let found = messages(&changed, "narrative.income-by-fund");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("情况说明所述「基金」收入 30.00 万元 与收支总表对应收入行 20.00 万元 不一致，相差 +10.00万元"), "{found:?}");

    // The total is restated in 比上年增减情况: that mention is compared too.
    let mut changed = doc.clone();
    replace_text(
        &mut changed,
        "2025年预算收支安排3264.56万元",
        "2025年预算收支安排3274.56万元",
    );
    assert_eq!(messages(&changed, "narrative.income-total").len(), 1);
    assert_eq!(messages(&changed, "narrative.expenditure-total").len(), 1);
}

#[test]
fn the_three_public_change_is_the_sum_of_its_items() {
    let mut doc = imported();
    // 41.60 = 0 + 19 + 22.6; the text now says 公务接待费 fell by 12.6.
    replace_text(&mut doc, "减少22.6万元", "减少12.6万元");
    let found = messages(&doc, "narrative.three-public-change");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].2,
        "情况说明称三公经费比上年变化 -41.60，但各项变化合计 -31.6，相差 -10.00（容差 ±0.555，即各数末位半个单位之和）"
    );
}

#[test]
fn a_table_printed_twice() {
    let mut doc = imported();
    assert_eq!(
        check::run(&doc).state_of("document.table-twice"),
        Some(RuleState::Passed)
    );
    let t9 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::ThreePublicCosts)
        .unwrap();
    let copy = doc.tables[t9].clone();
    doc.tables.push(copy);
    let found = messages(&doc, "document.table-twice");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Severity::Warning);
    assert_eq!(found[0].2, "财政拨款“三公”经费支出表印了两次（数字相同）");
    // The copy says 25.00 where the first says 24.00.
    let last = doc.tables.len() - 1;
    for row in &mut doc.tables[last].sides[0].rows {
        for a in row.amounts.iter_mut().flatten() {
            if *a == crate::fixture::dec("24.00") {
                *a = crate::fixture::dec("25.00");
            }
        }
    }
    let found = messages(&doc, "document.table-twice");
    assert_eq!(found[0].0, Severity::Error);
    assert_eq!(
        found[0].2,
        "财政拨款“三公”经费支出表印了两次，两次的数字不同"
    );
    assert_eq!(found[0].1, Place::Table { table: last });
}
