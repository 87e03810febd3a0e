//! The corpus generator's documents read back exactly: generate, import,
//! compare every figure with the truth the generator drew, and the checks
//! find no error in any of them.

use rust_decimal::Decimal;

use budget_tui::corpus::{self, Department};
use budget_tui::model::{Disclosure, TableKind, Unit};

fn figure(d: &Department, cents: i64) -> Option<Decimal> {
    (cents != 0).then(|| d.table_figure(cents))
}

/// `kind`'s row with `code`: its amounts.
fn row(doc: &Disclosure, kind: TableKind, code: &str) -> Vec<Option<Decimal>> {
    doc.table(kind)
        .and_then(|t| t.main_side())
        .and_then(|s| s.row_by_code(code))
        .map(|r| r.amounts.clone())
        .unwrap_or_else(|| panic!("{kind:?} has no row {code}"))
}

fn total_row(doc: &Disclosure, kind: TableKind) -> Vec<Option<Decimal>> {
    doc.table(kind)
        .and_then(|t| t.main_side())
        .and_then(|s| s.total_row())
        .map(|(_, r)| r.amounts.clone())
        .unwrap_or_else(|| panic!("{kind:?} has no 合计 row"))
}

fn compare(g: &corpus::Generated, doc: &Disclosure) {
    let d = &g.truth;
    let file = &g.file_name;
    assert_eq!(doc.department.name, d.name, "{file}");
    assert_eq!(doc.department.budget_year, d.year, "{file}");
    let unit = if d.in_yuan { Unit::Yuan } else { Unit::WanYuan };
    assert_eq!(doc.department.unit, unit, "{file}");
    assert_eq!(doc.department.units.len(), d.units.len(), "{file}");

    // Every functional 项 in 收入总表, 支出总表 and 一般公共预算财政拨款支出表.
    for line in &d.functional {
        let total = line.basic + line.project + line.fund + line.business + line.carried;
        let project = line.project + line.fund + line.business + line.carried;
        let t3 = row(doc, TableKind::Expenditure, line.code);
        assert_eq!(
            t3[..3],
            [figure(d, total), figure(d, line.basic), figure(d, project)],
            "{file}: 支出总表 {}",
            line.code
        );
        let t2 = row(doc, TableKind::Income, line.code);
        let fiscal = line.basic + line.project + line.fund;
        assert_eq!(
            t2[0],
            figure(d, total),
            "{file}: 收入总表 合计 {}",
            line.code
        );
        assert_eq!(t2[1], figure(d, fiscal + line.business), "{file}: 小计");
        assert_eq!(t2[2], figure(d, fiscal), "{file}: 财政拨款收入");
        assert_eq!(t2[4], figure(d, line.business), "{file}: 事业收入");
        assert_eq!(t2[9], figure(d, line.carried), "{file}: 上年结转");
        if line.basic + line.project > 0 {
            let t5 = row(doc, TableKind::GeneralPublicExpenditure, line.code);
            assert_eq!(
                t5,
                [
                    figure(d, line.basic + line.project),
                    figure(d, line.basic),
                    figure(d, line.project)
                ],
                "{file}: 一般公共预算 {}",
                line.code
            );
        }
        if line.fund > 0 {
            let t7 = row(doc, TableKind::GovernmentFundExpenditure, line.code);
            assert_eq!(
                t7[0],
                figure(d, line.fund),
                "{file}: 政府性基金 {}",
                line.code
            );
        }
    }
    assert_eq!(
        total_row(doc, TableKind::Expenditure)[..3],
        [
            figure(d, d.total()),
            figure(d, d.basic()),
            figure(d, d.project())
        ],
        "{file}: 支出总表 合计"
    );
    // Every economic leaf, and the 人员 / 公用 split of the total.
    for (code, cents) in &d.economic {
        let amounts = row(doc, TableKind::GeneralPublicBasic, code);
        assert_eq!(amounts[0], figure(d, *cents), "{file}: {code}");
    }
    assert_eq!(
        total_row(doc, TableKind::GeneralPublicBasic),
        [
            figure(d, d.basic()),
            figure(d, d.personnel()),
            figure(d, d.public_use())
        ],
        "{file}: 基本支出表 合计"
    );
    // 三公: the vehicles' running costs.
    let three = doc.table(TableKind::ThreePublicCosts).expect("三公");
    let total = three.main_side().and_then(|s| s.total_row()).expect("合计");
    assert_eq!(total.1.amounts[0], figure(d, d.vehicles()), "{file}: 三公");
    // Every card: code, name, 预算数, 财政资金, 其他资金 (cards print 万元).
    assert_eq!(doc.projects.len(), d.cards.len(), "{file}");
    for (card, truth) in doc.projects.iter().zip(&d.cards) {
        assert_eq!(card.code, truth.code, "{file}");
        assert_eq!(card.name, truth.name, "{file}");
        assert_eq!(
            card.budget,
            Some(Decimal::new(truth.budget, 2)),
            "{file}: {}",
            truth.name
        );
        let fiscal = (truth.fiscal > 0).then(|| Decimal::new(truth.fiscal, 2));
        let other =
            (truth.budget > truth.fiscal).then(|| Decimal::new(truth.budget - truth.fiscal, 2));
        assert_eq!(card.fiscal_funds, fiscal, "{file}: {}", truth.name);
        assert_eq!(card.other_funds, other, "{file}: {}", truth.name);
    }
}

#[test]
fn generated_documents_import_to_their_truth_and_pass_the_checks() {
    let generated = corpus::generate(40, 2025);
    // The corpus has the variety it promises.
    let truths: Vec<&Department> = generated.iter().map(|g| &g.truth).collect();
    assert!(truths.iter().any(|d| d.business() > 0), "事业收入");
    assert!(truths.iter().any(|d| d.carried() > 0), "上年结转");
    assert!(truths.iter().any(|d| d.units.len() > 1), "sub-units");
    assert!(truths.iter().any(|d| d.fund() > 0), "政府性基金");
    assert!(truths.iter().any(|d| d.in_yuan), "tables in 元");
    assert!(truths.iter().any(|d| d.year == 2024), "a second year");
    assert!(truths.iter().any(|d| d.cards.len() == 1) || truths.iter().any(|d| d.cards.len() > 20));
    for g in &generated {
        let doc = budget_tui::import::import_text(&g.text, &g.file_name)
            .unwrap_or_else(|e| panic!("{e}"));
        compare(g, &doc);
        let report = budget_tui::check::run(&doc);
        let errors: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.severity == budget_tui::check::Severity::Error)
            .map(|f| format!("{}: {}", f.rule, f.message(budget_tui::i18n::Lang::Zh)))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", g.file_name);
    }
}
