//! Each rule family on small changes of the fixture, including could-not-run
//! and not-applicable cases.

use budget_tui::check::{self, Finding, RuleState, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::{Block, Disclosure, IndicatorValue, Place, TableKind};

use crate::fixture::{self, dec, row_index, table_index};

fn run_rule(doc: &Disclosure, id: &str) -> (RuleState, Vec<Finding>) {
    let rule = check::rules().into_iter().find(|r| r.id == id).unwrap();
    let report = check::run_rules(doc, &[rule]);
    (report.ledger[0].state, report.findings)
}

fn set(doc: &mut Disclosure, kind: TableKind, side: usize, row: &str, col: usize, v: &str) {
    let t = table_index(doc, kind);
    let r = row_index(doc, t, side, row);
    doc.tables[t].sides[side].rows[r].amounts[col] = if v.is_empty() { None } else { Some(dec(v)) };
}

fn replace_text(doc: &mut Disclosure, from: &str, to: &str) {
    for s in &mut doc.narrative {
        for b in &mut s.blocks {
            if let Block::Paragraph(p) = b {
                *p = p.replace(from, to);
            }
        }
    }
}

// --- tables -------------------------------------------------------------

#[test]
fn total_row_must_equal_the_classes() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::GeneralPublicExpenditure,
        0,
        "合计",
        2,
        "896.00",
    );
    let (state, findings) = run_rule(&doc, "table.total-row");
    assert_eq!(state, RuleState::WithFindings);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].message(Lang::Zh).contains("+1.00"),
        "{}",
        findings[0].message(Lang::Zh)
    );
    assert_eq!(
        findings[0].location(&doc),
        "一般公共预算财政拨款支出表 › 1 合计「项目支出」"
    );
}

#[test]
fn income_subtotal_is_the_sum_of_sources() {
    let mut doc = fixture::seed();
    // 2010302 gets 5.00 of 事业收入 without its 小计 and 合计 following.
    set(&mut doc, TableKind::Income, 0, "2010302", 4, "5.00");
    let (_, findings) = run_rule(&doc, "table.column-sum");
    let t2 = table_index(&doc, TableKind::Income);
    let row = row_index(&doc, t2, 0, "2010302");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(
        findings[0].places,
        vec![Place::TableCell {
            table: t2,
            side: 0,
            row,
            column: doc.tables[t2].sides[0].column("小计").unwrap(),
        }]
    );
    assert!(
        findings[0].message(Lang::Zh).contains("本年收入/小计"),
        "{}",
        findings[0].message(Lang::Zh)
    );
}

#[test]
fn three_public_rows_add_up() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::ThreePublicCosts,
        0,
        "三、公务接待费",
        0,
        "3.00",
    );
    set(
        &mut doc,
        TableKind::ThreePublicCosts,
        0,
        "三、公务接待费",
        1,
        "3.00",
    );
    let (state, findings) = run_rule(&doc, "table.three-public-rows");
    assert_eq!(state, RuleState::WithFindings);
    // 小计 in both filled columns.
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(findings
        .iter()
        .all(|f| f.message(Lang::Zh).contains("“三公”经费小计")));
}

#[test]
fn summary_balance_and_lines() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::IncomeExpenditureSummary,
        0,
        "上年结转结余",
        0,
        "10.00",
    );
    let (state, findings) = run_rule(&doc, "summary.balance");
    assert_eq!(state, RuleState::WithFindings);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].message(Lang::Zh).contains("收入总计"));

    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::FiscalGrantSummary,
        1,
        "十二、城乡社区支出",
        2,
        "21.00",
    );
    let (_, findings) = run_rule(&doc, "grant-summary.expenditure-sum");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0]
        .message(Lang::Zh)
        .contains("政府性基金预算财政拨款"));
}

#[test]
fn table_rules_could_not_run_without_tables() {
    let mut doc = fixture::seed();
    doc.tables.clear();
    let report = check::run(&doc);
    for rule in [
        "table.parent-sum",
        "table.total-row",
        "table.column-sum",
        "summary.balance",
        "cross.class-totals",
        "narrative.basic",
        "project.budget-total",
    ] {
        assert_eq!(
            report.state_of(rule),
            Some(RuleState::CouldNotRun),
            "{rule}"
        );
    }
    assert_eq!(report.findings_of("completeness.tables").count(), 9);
    // Could not run is never counted as passed.
    let counts = report.counts();
    assert!(counts.could_not_run >= 20, "{counts:?}");
}

#[test]
fn empty_tables_do_not_panic() {
    let mut doc = fixture::seed();
    for t in &mut doc.tables {
        for s in &mut t.sides {
            s.rows.clear();
            s.columns.clear();
        }
    }
    doc.projects.clear();
    let report = check::run(&doc);
    assert_eq!(report.ledger.len(), check::rules().len());
}

// --- across tables --------------------------------------------------------

#[test]
fn class_totals_match_by_name() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::IncomeExpenditureSummary,
        1,
        "十二、城乡社区支出",
        0,
        "",
    );
    set(
        &mut doc,
        TableKind::IncomeExpenditureSummary,
        1,
        "十三、农林水支出",
        0,
        "20.00",
    );
    let (state, findings) = run_rule(&doc, "cross.class-totals");
    assert_eq!(state, RuleState::WithFindings);
    let messages: Vec<String> = findings.iter().map(|f| f.message(Lang::Zh)).collect();
    assert_eq!(findings.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("农林水支出")));
    assert!(messages.iter().any(|m| m.contains("城乡社区支出")));
}

#[test]
fn expenditure_table_must_cover_the_grant_tables() {
    let mut doc = fixture::seed();
    set(&mut doc, TableKind::Expenditure, 0, "2120899", 0, "19.00");
    let (_, findings) = run_rule(&doc, "cross.expenditure-covers-grants");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].message(Lang::Zh).contains("2120899"));
    assert_eq!(findings[0].severity, Severity::Error);
}

#[test]
fn car_running_costs_cannot_exceed_the_three_public_table() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::GeneralPublicBasic,
        0,
        "30231",
        0,
        "25.00",
    );
    let (_, findings) = run_rule(&doc, "cross.three-public-vs-economic");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].message(Lang::Zh).contains("30231"));
    assert_eq!(findings[0].places.len(), 2);
}

#[test]
fn grant_columns_against_detail_tables() {
    let mut doc = fixture::seed();
    set(
        &mut doc,
        TableKind::FiscalGrantSummary,
        1,
        "本年支出合计",
        2,
        "21.00",
    );
    let (state, findings) = run_rule(&doc, "cross.grant-vs-fund");
    assert_eq!(state, RuleState::WithFindings);
    assert!(
        findings[0].message(Lang::Zh).contains("+1.00"),
        "{}",
        findings[0].message(Lang::Zh)
    );
    let (state, _) = run_rule(&fixture::seed(), "cross.grant-vs-state-capital");
    assert_eq!(state, RuleState::NotApplicable);
}

// --- narrative -------------------------------------------------------------

#[test]
fn rounded_narrative_figures_pass_and_wrong_ones_fail() {
    let mut doc = fixture::seed();
    replace_text(&mut doc, "预算安排24.00万元", "预算安排24万元");
    assert_eq!(
        run_rule(&doc, "narrative.three-public").0,
        RuleState::Passed
    );
    replace_text(&mut doc, "预算安排24万元", "预算安排25万元");
    let (state, findings) = run_rule(&doc, "narrative.three-public");
    assert_eq!(state, RuleState::WithFindings);
    assert_eq!(
        findings[0].places[0],
        Place::Section { section: 7 },
        "points at the 三公 section"
    );
}

#[test]
fn figures_the_text_does_not_state_are_not_applicable() {
    let mut doc = fixture::seed();
    replace_text(
        &mut doc,
        "机关运行经费共计安排299.81万元",
        "机关运行经费主要用于",
    );
    assert_eq!(
        run_rule(&doc, "narrative.operating-costs").0,
        RuleState::NotApplicable
    );
    replace_text(&mut doc, "等12项目经费", "等项目经费");
    assert_eq!(
        run_rule(&doc, "narrative.project-count").0,
        RuleState::NotApplicable
    );
}

#[test]
fn narrative_figures_against_tables() {
    let mut doc = fixture::seed();
    replace_text(&mut doc, "人员经费2049.75万元", "人员经费2094.75万元");
    replace_text(&mut doc, "等12项目", "等11项目");
    let (_, findings) = run_rule(&doc, "narrative.personnel");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message(Lang::Zh).contains("2,094.75 万元"));
    assert!(
        findings[0].message(Lang::Zh).contains("+45.00万元"),
        "{}",
        findings[0].message(Lang::Zh)
    );
    let (_, findings) = run_rule(&doc, "narrative.project-count");
    assert!(findings[0].message(Lang::Zh).contains("11"));
}

#[test]
fn year_over_year_arithmetic_and_direction() {
    let mut doc = fixture::seed();
    replace_text(
        &mut doc,
        "较2024年预算减少231.83万元",
        "较2024年预算增加231.83万元",
    );
    let (state, findings) = run_rule(&doc, "narrative.year-over-year");
    assert_eq!(state, RuleState::WithFindings);
    assert!(
        findings[0].message(Lang::Zh).contains("应为「减少」"),
        "{}",
        findings[0].message(Lang::Zh)
    );

    let mut doc = fixture::seed();
    replace_text(&mut doc, "项目支出减少402.30万元", "项目支出减少400.30万元");
    let (_, findings) = run_rule(&doc, "narrative.year-over-year");
    assert!(
        findings[0].message(Lang::Zh).contains("-229.83"),
        "{}",
        findings[0].message(Lang::Zh)
    );
}

// --- projects and indicators -------------------------------------------------

#[test]
fn spending_plans() {
    let mut doc = fixture::seed();
    doc.projects[0].spending_plan[2].percent = Some(dec("40"));
    doc.projects[2].spending_plan[3].percent = Some(dec("90"));
    doc.projects[9].spending_plan[3].percent = Some(dec("120"));
    let (state, findings) = run_rule(&doc, "project.spending-plan");
    assert_eq!(state, RuleState::WithFindings);
    let of = |card: usize| -> Vec<Severity> {
        findings
            .iter()
            .filter(|f| f.places[0] == Place::Project { card })
            .map(|f| f.severity)
            .collect()
    };
    assert_eq!(of(0), vec![Severity::Error], "decreasing");
    assert_eq!(of(2), vec![Severity::Warning], "does not reach 100%");
    assert_eq!(of(9), vec![Severity::Error], "over 100%");
}

#[test]
fn card_codes_levels_and_values() {
    let mut doc = fixture::seed();
    doc.projects[3].code = doc.projects[2].code.clone();
    doc.projects[4]
        .indicators
        .retain(|i| !i.level1.contains("满意度"));
    doc.projects[0].indicators[0].value = IndicatorValue::parse("≥120%");
    let (_, dup) = run_rule(&doc, "project.codes-unique");
    assert_eq!(dup.len(), 1);
    assert_eq!(
        dup[0].places,
        vec![Place::Project { card: 2 }, Place::Project { card: 3 }]
    );
    let (_, levels) = run_rule(&doc, "project.indicator-levels");
    assert_eq!(levels.len(), 1);
    assert!(levels[0].message(Lang::Zh).contains("满意度指标"));
    let (_, over) = run_rule(&doc, "indicator.percent-over-100");
    assert_eq!(
        over.iter().map(|f| f.places[0]).collect::<Vec<_>>(),
        vec![Place::Indicator {
            card: 0,
            indicator: 0
        }]
    );
}

#[test]
fn cost_indicators_in_yuan_are_converted() {
    let mut doc = fixture::seed();
    let hotline = fixture::HOTLINE_B;
    let cost = doc.projects[hotline]
        .indicators
        .iter()
        .position(|i| i.level2 == "成本指标")
        .unwrap();
    // 6226000 元 = 622.6 万元 > 600.00 万元; 5,000,000 元 = 500 万元 fits.
    doc.projects[hotline].indicators[cost].value = IndicatorValue::parse("≤6226000元");
    let (_, findings) = run_rule(&doc, "project.cost-within-budget");
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].message(Lang::Zh).contains("622.6 万元"),
        "{}",
        findings[0].message(Lang::Zh)
    );
    doc.projects[hotline].indicators[cost].value = IndicatorValue::parse("≤5000000元");
    assert_eq!(
        run_rule(&doc, "project.cost-within-budget").0,
        RuleState::Passed
    );
}

#[test]
fn card_rules_do_not_apply_without_cards() {
    let mut doc = fixture::seed();
    doc.projects.clear();
    for rule in [
        "project.funds-sum",
        "project.spending-plan",
        "indicator.garbled",
    ] {
        assert_eq!(run_rule(&doc, rule).0, RuleState::NotApplicable, "{rule}");
    }
    // 915.00 of 项目支出 with no card at all is a failure, not "nothing to do".
    assert_eq!(
        run_rule(&doc, "project.budget-total").0,
        RuleState::WithFindings
    );
}

// --- completeness and assets ---------------------------------------------------

#[test]
fn empty_table_notes() {
    let mut doc = fixture::seed();
    let t8 = table_index(&doc, TableKind::StateCapitalExpenditure);
    doc.tables[t8].notes = vec!["注：无政府性基金预算财政拨款预算，空表列示。".into()];
    let (_, findings) = run_rule(&doc, "completeness.empty-table-note");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message(Lang::Zh).contains("国有资本经营"));
    assert_eq!(findings[0].places, vec![Place::Table { table: t8 }]);
    doc.tables[t8].notes.clear();
    let (_, findings) = run_rule(&doc, "completeness.empty-table-note");
    assert!(findings[0].message(Lang::Zh).contains("没有说明"));
}

#[test]
fn sections_and_template_residue() {
    let mut doc = fixture::seed();
    doc.narrative
        .retain(|s| !s.path[0].contains("机关运行经费"));
    replace_text(&mut doc, "主要原因是单车保障标准调整", "主要原因是。XX单位");
    let (_, sections) = run_rule(&doc, "completeness.sections");
    assert_eq!(sections.len(), 1);
    assert!(sections[0].message(Lang::Zh).contains("机关运行经费"));
    let (_, residue) = run_rule(&doc, "completeness.template-residue");
    assert_eq!(residue.len(), 1, "one paragraph");
    assert!(matches!(residue[0].places[0], Place::Section { .. }));
}

#[test]
fn code_depth_reaches_the_item_level() {
    let mut doc = fixture::seed();
    let t7 = table_index(&doc, TableKind::GovernmentFundExpenditure);
    doc.tables[t7].sides[0]
        .rows
        .retain(|r| r.code.as_ref().is_none_or(|c| c.as_str() != "2120899"));
    let (_, findings) = run_rule(&doc, "completeness.code-depth");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message(Lang::Zh).contains("21208"));
}

#[test]
fn assets_sum_and_stated_total() {
    let mut doc = fixture::seed();
    if let Some(a) = doc.assets.as_mut() {
        a.items[1].value = Some(dec("500.00")); // a 其中 row: not counted
        a.stated_total = Some(dec("1297.98"));
    }
    assert_eq!(run_rule(&doc, "assets.category-sum").0, RuleState::Passed);
    let (_, findings) = run_rule(&doc, "assets.stated-total");
    assert!(
        findings[0].message(Lang::Zh).contains("+18.00"),
        "{}",
        findings[0].message(Lang::Zh)
    );
    doc.assets = None;
    assert_eq!(
        run_rule(&doc, "assets.category-sum").0,
        RuleState::CouldNotRun
    );
}

#[test]
fn absurd_figures_do_not_panic() {
    let mut doc = fixture::seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    for row in &mut doc.tables[t6].sides[0].rows {
        row.amounts[0] = Some(rust_decimal::Decimal::MAX);
    }
    doc.tables[t6].unit = budget_tui::model::Unit::YiYuan;
    set(
        &mut doc,
        TableKind::Expenditure,
        0,
        "201",
        0,
        "0.0000000000000000000000000001",
    );
    let report = check::run(&doc);
    assert!(report.findings_of("table.parent-sum").count() > 0);
}

#[test]
fn tables_in_yuan_compare_with_the_three_public_table_in_wan_yuan() {
    let mut doc = fixture::seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    doc.tables[t6].unit = budget_tui::model::Unit::Yuan;
    // 240,040 元 rounds to 24.00 万元: agrees.
    set(
        &mut doc,
        TableKind::GeneralPublicBasic,
        0,
        "30231",
        0,
        "240040.00",
    );
    assert_eq!(
        run_rule(&doc, "cross.three-public-vs-economic").0,
        RuleState::Passed
    );
    set(
        &mut doc,
        TableKind::GeneralPublicBasic,
        0,
        "30231",
        0,
        "240100.00",
    );
    assert_eq!(
        run_rule(&doc, "cross.three-public-vs-economic").0,
        RuleState::WithFindings
    );
}

#[test]
fn operating_costs_column_is_not_part_of_the_three_public_total() {
    let mut doc = fixture::seed();
    let t9 = table_index(&doc, TableKind::ThreePublicCosts);
    let side = &mut doc.tables[t9].sides[0];
    side.columns.push(fixture::column("资金性质/机关运行经费"));
    for row in &mut side.rows {
        row.amounts.push(Some(dec("299.81")));
    }
    assert_eq!(run_rule(&doc, "table.column-sum").0, RuleState::Passed);
}
