//! The seed disclosure (邢台市人民政府办公室 2025) imports to its printed figures.

use std::path::Path;
use std::str::FromStr;

use budget_tui::import::{from_ron, import_path, import_text, load_path, to_ron};
use budget_tui::model::{
    Block, Comparator, Disclosure, IndicatorUnit, Scope, TableKind, Unit, ValueStatus,
};
use rust_decimal::Decimal;

const SEED: &str = "data/raw/xingtai-gov-office-2025.txt";
const SEED_RON: &str = "data/xingtai-gov-office-2025.ron";

fn seed() -> Disclosure {
    import_path(Path::new(SEED)).unwrap_or_else(|e| panic!("{e}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn table(doc: &Disclosure, kind: TableKind) -> &budget_tui::model::BudgetTable {
    doc.table(kind)
        .unwrap_or_else(|| panic!("no {}", kind.short_name()))
}

#[test]
fn department() {
    let doc = seed();
    let dep = &doc.department;
    assert_eq!(dep.name, "邢台市人民政府办公室");
    assert_eq!(dep.code.as_deref(), Some("211"));
    assert_eq!(dep.budget_year, 2025);
    assert_eq!(dep.published.as_deref(), Some("2025-02-20"));
    assert_eq!(dep.unit, Unit::WanYuan);
    assert_eq!(dep.scope, Scope::Department);
    assert_eq!(dep.units.len(), 1);
    assert_eq!(dep.units[0].name, "邢台市人民政府办公室本级");
    assert_eq!(dep.units[0].nature, "行政");
    assert_eq!(dep.units[0].rank, "正处（县）级");
    assert_eq!(dep.units[0].funding, "财政拨款");
}

#[test]
fn nine_tables_in_order() {
    let doc = seed();
    let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, TableKind::STANDARD);
    for t in &doc.tables {
        assert_eq!(t.owner.as_deref(), Some("211 邢台市人民政府办公室"));
        assert_eq!(t.year, Some(2025));
        assert_eq!(t.unit, Unit::WanYuan);
    }
}

#[test]
fn summary_table_has_34_rows_and_balances() {
    let doc = seed();
    let t = table(&doc, TableKind::IncomeExpenditureSummary);
    assert_eq!(t.row_count(), 34);
    let income = t.side("收入").unwrap();
    let expense = t.side("支出").unwrap();
    assert_eq!(income.columns[0].header, ["预算数"]);
    assert_eq!(income.columns[0].number, Some(2));
    assert_eq!(expense.columns[0].number, Some(4));
    let total_in = income.row_by_name("收入总计").unwrap();
    let total_out = expense.row_by_name("支出总计").unwrap();
    assert_eq!(total_in.seq, Some(34));
    assert_eq!(total_in.amount(0), Some(d("3264.56")));
    assert_eq!(total_out.amount(0), Some(d("3264.56")));
    // The income side prints rows 1–5 and 32–34; its padding is not kept.
    let seqs: Vec<u32> = income.rows.iter().filter_map(|r| r.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 32, 33, 34]);
    // Rows 20–34 come from the second page and are merged in.
    assert_eq!(expense.rows.len(), 34);
    assert_eq!(expense.rows[19].name, "二十、住房保障支出");
    assert_eq!(
        expense.row_by_name("十二、城乡社区支出").unwrap().amount(0),
        Some(d("20.00"))
    );
}

#[test]
fn fiscal_grant_summary_merges_its_pages_and_drops_markup() {
    let doc = seed();
    let t = table(&doc, TableKind::FiscalGrantSummary);
    assert_eq!(t.row_count(), 37);
    let expense = t.side("支出").unwrap();
    let paths: Vec<String> = expense.columns.iter().map(|c| c.path()).collect();
    assert_eq!(
        paths,
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
    let total = expense.row_by_name("支出总计").unwrap();
    assert_eq!(total.seq, Some(37));
    assert_eq!(
        total.amounts,
        [
            Some(d("3264.56")),
            Some(d("3244.56")),
            Some(d("20.00")),
            None
        ]
    );
    let income = t.side("收入").unwrap();
    assert_eq!(
        income.row_by_name("本年收入合计").unwrap().amount(0),
        Some(d("3264.56"))
    );
}

#[test]
fn income_table_columns_and_codes() {
    let doc = seed();
    let t = table(&doc, TableKind::Income);
    let side = t.main_side().unwrap();
    let paths: Vec<String> = side.columns.iter().map(|c| c.path()).collect();
    assert_eq!(
        paths,
        [
            "合计",
            "本年收入/小计",
            "本年收入/财政拨款收入",
            "本年收入/财政专户收入",
            "本年收入/事业收入",
            "本年收入/经营收入",
            "本年收入/上级补助收入",
            "本年收入/附属单位上缴收入",
            "本年收入/其他收入",
            "上年结转",
        ]
    );
    let numbers: Vec<Option<u32>> = side.columns.iter().map(|c| c.number).collect();
    assert_eq!(numbers, (3..=12).map(Some).collect::<Vec<_>>());
    let row = side.row_by_code("2010301").unwrap();
    assert_eq!(row.name, "行政运行");
    assert_eq!(row.amount(0), Some(d("2349.56")));
    assert_eq!(row.amount(9), None);
    let total = side.row_by_name("合计").unwrap();
    assert_eq!(total.code, None);
    assert_eq!(total.amount(0), Some(d("3264.56")));
}

#[test]
fn expenditure_table() {
    let doc = seed();
    let side = table(&doc, TableKind::Expenditure)
        .main_side()
        .unwrap()
        .clone();
    let total = side.row_by_name("合计").unwrap();
    let (basic, project) = (
        side.column("基本支出").unwrap(),
        side.column("项目支出").unwrap(),
    );
    assert_eq!(total.amount(0), Some(d("3264.56")));
    assert_eq!(total.amount(basic), Some(d("2349.56")));
    assert_eq!(total.amount(project), Some(d("915.00")));
}

#[test]
fn basic_expenditure_table() {
    let doc = seed();
    let t = table(&doc, TableKind::GeneralPublicBasic);
    let side = t.main_side().unwrap();
    assert_eq!(t.row_count(), 23, "rows 1–19 then 20–23 from the next page");
    assert_eq!(side.columns[1].header, ["一般公共预算基本支出", "人员经费"]);
    let total = side.row_by_name("合计").unwrap();
    assert_eq!(total.amount(0), Some(d("2349.56")));
    assert_eq!(total.amount(1), Some(d("2049.75")));
    assert_eq!(total.amount(2), Some(d("299.81")));
    assert_eq!(d("2049.75") + d("299.81"), d("2349.56"));
    let car = side.row_by_code("30231").unwrap();
    assert_eq!(car.name, "公务用车运行维护费");
    assert_eq!(car.amount(0), Some(d("24.00")));
    assert_eq!(
        side.row_by_code("30305").unwrap().amount(0),
        Some(d("12.23"))
    );
}

#[test]
fn three_public_costs() {
    let doc = seed();
    let t = table(&doc, TableKind::ThreePublicCosts);
    let side = t.main_side().unwrap();
    assert_eq!(side.columns[0].header, ["资金性质", "合计"]);
    assert_eq!(side.columns[1].label(), "一般公共预算财政拨款");
    let total = side.row_by_name("合计").unwrap();
    assert_eq!(total.seq, Some(1));
    assert_eq!(total.code, None);
    assert_eq!(total.amount(0), Some(d("24.00")));
    assert!(side.rows.iter().all(|r| r.code.is_none()));
    assert_eq!(t.row_count(), 8);
}

#[test]
fn empty_state_capital_table_keeps_its_note() {
    let doc = seed();
    let t = table(&doc, TableKind::StateCapitalExpenditure);
    assert!(t.main_side().unwrap().rows.is_empty());
    assert_eq!(t.main_side().unwrap().columns.len(), 3);
    assert_eq!(t.notes, ["注：无国有资本经营预算财政拨款预算，空表列示。"]);
}

#[test]
fn twelve_cards_summing_to_the_project_expenditure() {
    let doc = seed();
    assert_eq!(doc.projects.len(), 12);
    assert_eq!(doc.project_budget_total(), Some(d("915.00")));
    let counts: Vec<usize> = doc.projects.iter().map(|p| p.indicators.len()).collect();
    assert_eq!(counts, [12, 9, 12, 9, 12, 13, 14, 14, 10, 15, 12, 13]);
    assert_eq!(counts.iter().sum::<usize>(), 145);
    for card in &doc.projects {
        assert_eq!(card.budget, card.fiscal_funds, "{}", card.name);
        assert_eq!(card.other_funds, None);
        assert!(
            !card.purpose.is_empty() && !card.goal.is_empty(),
            "{}",
            card.name
        );
        assert!(card.indicators.iter().all(|i| !i.level1.is_empty()));
    }
}

#[test]
fn hotline_card() {
    let doc = seed();
    let card = doc
        .projects
        .iter()
        .find(|p| p.code == "13050025P00945010077D")
        .unwrap();
    assert_eq!(card.seq, Some(2));
    assert_eq!(card.title, "基本工作经费 B（市长热线)绩效目标表");
    assert_eq!(card.name, "基本工作经费 B（市长热线)");
    assert_eq!(card.budget, Some(d("600.00")));
    let connect = card
        .indicators
        .iter()
        .find(|i| i.level3 == "人工话务的接通率")
        .unwrap();
    assert_eq!(connect.value.comparator, Some(Comparator::Ge));
    assert_eq!(connect.value.number, Some(d("98")));
    assert_eq!(connect.value.unit, Some(IndicatorUnit::Percent));
    let cost: Vec<_> = card.indicators_of("成本指标").collect();
    assert_eq!(cost.len(), 1);
    assert_eq!(cost[0].value.raw, "≤622600 万元");
    assert_eq!(cost[0].value.unit, Some(IndicatorUnit::WanYuan));
    // Only 3, 6 and 10 月底 are printed.
    let plan: Vec<(Option<u8>, Option<Decimal>)> = card
        .spending_plan
        .iter()
        .map(|p| (p.month, p.percent))
        .collect();
    assert_eq!(
        plan,
        [
            (Some(3), Some(d("25"))),
            (Some(6), Some(d("50"))),
            (Some(10), Some(d("75")))
        ]
    );
    assert!(!card.plan_has_year_end());
}

#[test]
fn first_card_plan_and_inherited_levels() {
    let doc = seed();
    let card = &doc.projects[0];
    assert_eq!(card.code, "13050025P00945010079L");
    let plan: Vec<(&str, Option<Decimal>)> = card
        .spending_plan
        .iter()
        .map(|p| (p.label.as_str(), p.percent))
        .collect();
    assert_eq!(
        plan,
        [
            ("3月底", None),
            ("6月底", Some(d("50"))),
            ("10月底", Some(d("80"))),
            ("12月底", Some(d("100"))),
        ]
    );
    assert_eq!(card.purpose, "用于以市政府及市政府办公室组织召开的会议费等");
    // Rows after the page break inherit 效益指标; the last one is 满意度.
    assert_eq!(card.indicators[10].level1, "效益指标");
    assert_eq!(card.indicators[10].level2, "可持续影响指标");
    assert_eq!(card.indicators[11].level1, "满意度指标");
    assert_eq!(card.indicators[11].value.raw, "≥95 百分率");
}

#[test]
fn continuation_cells_are_merged_not_counted() {
    let doc = seed();
    let card = &doc.projects[2];
    let update = card
        .indicators
        .iter()
        .find(|i| i.level3 == "政府门户网站每日更新信息数量")
        .unwrap();
    assert_eq!(
        update.basis,
        "国办秘函（2019）19号）》冀政办字 (2017) 104号)"
    );
    let media = &doc.projects[4].indicators[2];
    assert!(media
        .basis
        .ends_with("中央省做好新时代政务公开工作的意见 年度工作计划"));
    let lease = doc.projects[10]
        .indicators
        .iter()
        .find(|i| i.level3 == "租房平米数")
        .unwrap();
    assert_eq!(lease.value.raw, "78 m <sup>2</sup>");
    assert_eq!(lease.value.unit, Some(IndicatorUnit::SquareMetre));
    let garbled = &doc.projects[4].indicators[11];
    assert_eq!(garbled.value.raw, "≥80≥80%");
    assert!(matches!(garbled.value.status, ValueStatus::Garbled(_)));
}

#[test]
fn procurement_assets_and_glossary() {
    let doc = seed();
    let proc = doc.procurement.as_ref().unwrap();
    assert_eq!(proc.title, "部门政府采购预算");
    assert!(proc.table.rows.is_empty());
    assert_eq!(proc.table.header.len(), 2);
    assert_eq!(proc.notes.len(), 2);
    assert_eq!(proc.notes[1], "注：无政府采购预算，空表列示。");
    assert_eq!(proc.total, None);

    let assets = doc.assets.as_ref().unwrap();
    assert_eq!(assets.as_of.as_deref(), Some("2024-12-31"));
    assert_eq!(assets.unit, Unit::WanYuan);
    assert_eq!(assets.total, Some(d("1279.98")));
    assert_eq!(assets.stated_total, Some(d("1279.98")));
    assert_eq!(assets.planned_purchases, Some(d("0.00")));
    let names: Vec<&str> = assets.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1、房屋（平方米）",
            "其中：办公用房（平方米）",
            "2、车辆（台、辆）",
            "3、单价在 20 万元以上的设备",
            "4、其他固定资产",
        ]
    );
    assert!(assets.items[1].is_sub_item);
    assert_eq!(assets.items[2].quantity, Some(d("15")));
    assert_eq!(assets.items[2].value, Some(d("341.58")));
    assert_eq!(assets.items[4].quantity, Some(d("1902")));
    assert_eq!(assets.items[4].value, Some(d("938.40")));
    let counted: Decimal = assets
        .items
        .iter()
        .filter(|i| i.counts_toward_total())
        .filter_map(|i| i.value)
        .sum();
    assert_eq!(counted, d("1279.98"));

    assert_eq!(doc.glossary.len(), 10);
    assert_eq!(doc.glossary[0].term, "财政拨款收入");
    assert!(doc.glossary[0]
        .definition
        .starts_with("指本级财政当年拨付的资金"));
    assert_eq!(doc.glossary[8].term, "“三公”经费");
    assert!(doc.glossary[8]
        .definition
        .contains("（含车辆购置税、牌照费)及按规定保留的公务用车燃料费"));
    assert_eq!(doc.glossary[9].term, "机关运行经费");
    assert!(doc.glossary[9]
        .definition
        .starts_with("是指各部门(单位)的公用经费"));
}

#[test]
fn narrative_paths_follow_the_numbering() {
    let doc = seed();
    let section = |heading: &str| {
        doc.narrative
            .iter()
            .find(|s| s.heading == heading)
            .unwrap_or_else(|| panic!("no section {heading}"))
    };
    assert_eq!(
        section("2、支出说明").path,
        ["二、部门预算安排的总体情况", "2、支出说明"]
    );
    assert_eq!(
        section("1、收入说明").path,
        ["二、部门预算安排的总体情况", "1、收入说明"]
    );
    assert_eq!(
        section("三、机关运行经费安排情况").path,
        ["三、机关运行经费安排情况"]
    );
    assert_eq!(
        section("（二）分项绩效目标").path,
        ["五、部门整体绩效目标", "（二）分项绩效目标"]
    );
    assert_eq!(
        section("6、市长热线经费绩效目标表").path,
        [
            "七、部门项目预算安排情况及绩效目标",
            "6、市长热线经费绩效目标表"
        ]
    );
    assert_eq!(
        section("十一、其他需要说明的事项").path,
        ["十一、其他需要说明的事项"]
    );
    assert_eq!(
        section("部门固定资产占用情况表").path,
        ["九、国有资产信息", "部门固定资产占用情况表"]
    );
    // The table of contents is kept; the tables stand where they are printed.
    assert!(section("部门预算公开表").blocks.len() == 9);
    assert_eq!(section("部门预算收支总表").blocks, [Block::BudgetTable(0)]);
    assert_eq!(section("部门政府采购预算").blocks, [Block::Procurement]);
    assert_eq!(section("部门固定资产占用情况表").blocks, [Block::Assets]);
    assert_eq!(section("十、名词解释").blocks.len(), 10);
    let org = &section("机构设置：").blocks;
    assert!(matches!(&org[..], [Block::Grid(g)] if g.title.as_deref() == Some("部门机构设置情况")));
    // Sections are in document order.
    assert!(doc.narrative.windows(2).all(|w| w[0].line < w[1].line));
    let projects = doc
        .narrative
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, Block::Project(_)))
        .count();
    assert_eq!(projects, 12);
}

#[test]
fn paragraphs_cut_by_page_breaks_are_joined() {
    let doc = seed();
    let measures = doc
        .narrative
        .iter()
        .find(|s| s.heading == "（三）工作保障措施")
        .unwrap();
    assert_eq!(measures.blocks.len(), 3);
    let Block::Paragraph(first) = &measures.blocks[0] else {
        panic!("expected a paragraph")
    };
    assert!(first.contains("机关干部和青年学习小组理论学习的“首要课题”"));
    let Block::Paragraph(second) = &measures.blocks[1] else {
        panic!("expected a paragraph")
    };
    assert!(second.contains("对各类会议精心组织"));
}

#[test]
fn the_bundled_ron_is_the_import_of_the_text() {
    let doc = seed();
    let loaded = load_path(Path::new(SEED_RON)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, doc);
    // Writing is stable: the bundled file is exactly what to_ron writes.
    let bundled = std::fs::read_to_string(SEED_RON).unwrap();
    assert_eq!(to_ron(&doc), bundled);
}

#[test]
fn ron_errors_carry_the_line() {
    let err = from_ron("(\n  department: (\n    code: 211,\n", "bad.ron").unwrap_err();
    assert_eq!(err.file, "bad.ron");
    assert_eq!(err.line, 3);
    assert!(err.to_string().starts_with("bad.ron:3: "));
}

/// Another department of the same template: other name, code and figures,
/// one more code row. Nothing of the seed's identity is needed.
#[test]
fn another_department_of_the_same_template_imports() {
    let seed_text = std::fs::read_to_string(SEED).unwrap();
    let text = seed_text
        .replace("邢台市人民政府办公室", "邢台市某某局")
        .replace("211 邢台市某某局", "305 邢台市某某局")
        .replace("2025 年 2 月 20 日", "2025 年 3 月 1 日")
        .replace(
            "4\t2010301\t行政运行\t2349.56\t2349.56\t2349.56\t\t\t\t\t\t\t",
            "4\t2010301\t行政运行\t2300.00\t2300.00\t2300.00\t\t\t\t\t\t\t\n\
4\t2010350\t事业运行\t49.56\t49.56\t49.56\t\t\t\t\t\t\t",
        )
        .replace(
            "17\t30231\t公务用车运行维护费\t24.00\t\t24.00",
            "17\t30231\t公务用车运行维护费\t18.50\t\t18.50",
        );
    let doc = import_text(&text, "other.txt").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.department.name, "邢台市某某局");
    assert_eq!(doc.department.code.as_deref(), Some("305"));
    assert_eq!(doc.department.published.as_deref(), Some("2025-03-01"));
    let income = doc.table(TableKind::Income).unwrap().main_side().unwrap();
    assert_eq!(income.rows.len(), 9);
    assert_eq!(
        income.row_by_code("2010301").unwrap().amount(0),
        Some(d("2300.00"))
    );
    assert_eq!(income.row_by_code("2010350").unwrap().name, "事业运行");
    assert_eq!(
        income.row_by_code("2010350").unwrap().amount(2),
        Some(d("49.56"))
    );
    let basic = doc
        .table(TableKind::GeneralPublicBasic)
        .unwrap()
        .main_side()
        .unwrap();
    assert_eq!(
        basic.row_by_code("30231").unwrap().amount(2),
        Some(d("18.50"))
    );
    assert_eq!(doc.tables.len(), 9);
    assert_eq!(doc.projects.len(), 12);
}

/// A Shanghai-style unit budget: no 序号 or 栏次, the code split into
/// 类 / 款 / 项 columns, amounts in 元 with separators, a 申报表 card.
#[test]
fn a_shanghai_style_unit_budget_imports() {
    let text = "# 上海市普陀区某福利院 2024 年单位预算\n\n## 单位收入预算总表\n\n\
编制单位：上海市普陀区某福利院\n\n单位：元\n\n\
功能分类科目编码\t\t\t功能分类科目名称\t合计\t财政拨款\t事业收入\n\
类\t款\t项\t\t\t\t\n\
\t\t\t合计\t3,620,000.00\t1,000,000.00\t2,620,000.00\n\
208\t10\t02\t儿童福利\t3,620,000.00\t1,000,000.00\t2,620,000.00\n\n\
## 1、某项目绩效目标申报表\n\n\
项目名称\t某项目\t项目性质\t经常性项目\n\
主管部门\t某局\t起止日期\t2024-01-01至2024-12-31\n\
项目资金\t年度资金总额\t95,000.00\t上年结转\t5,000.00\n\
一级指标\t二级指标\t三级指标\t年度指标值\n\
产出指标\t数量指标\t服务面积\t≥13459.00(平方米)\n";
    let doc = import_text(text, "sh.txt").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.department.name, "上海市普陀区某福利院");
    assert_eq!(doc.department.budget_year, 2024);
    assert_eq!(doc.department.scope, Scope::Unit);
    assert_eq!(doc.department.unit, Unit::Yuan);
    let side = doc.table(TableKind::Income).unwrap().main_side().unwrap();
    let labels: Vec<&str> = side.columns.iter().map(|c| c.label()).collect();
    assert_eq!(labels, ["合计", "财政拨款", "事业收入"]);
    let row = side.row_by_code("2081002").unwrap();
    assert_eq!(row.seq, None);
    assert_eq!(row.amount(2), Some(d("2620000.00")));
    let card = &doc.projects[0];
    assert_eq!(card.budget, Some(d("95000.00")));
    assert_eq!(card.carried_over, Some(d("5000.00")));
    assert_eq!(card.nature.as_deref(), Some("经常性项目"));
    assert_eq!(card.period.as_deref(), Some("2024-01-01至2024-12-31"));
    assert_eq!(card.extra, [("主管部门".to_string(), "某局".to_string())]);
    assert_eq!(card.indicators[0].value.number, Some(d("13459.00")));
}
