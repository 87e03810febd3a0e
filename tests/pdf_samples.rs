//! The six real PDF disclosures in tests/fixtures/pdf: each opens through
//! `load_path`; its tables (the nine, and Jiangsu's twelve) stand on the
//! pages the truth file lists; every figure of the truth file (read by hand
//! from the rendered pages) is read exactly; cards are read where printed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::OnceLock;

use budget_tui::import::load_path;
use budget_tui::model::{BudgetTable, Disclosure, Side, TableKind, TableRow, Unit};
use rust_decimal::Decimal;
use serde_json::Value;

const SAMPLES: [&str; 6] = [
    "jiangsu-procuratorate-2018",
    "jiangsu-procuratorate-2019",
    "shanghai-putuo-finance-bureau-2025",
    "shanghai-putuo-wanli-subdistrict-2023",
    "shanghai-putuo-wanli-subdistrict-2024",
    "shanghai-putuo-welfare-home-2024-unit",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

/// Every sample imported once for the whole test binary (a debug import of
/// the six takes seconds).
fn samples() -> &'static [(&'static str, Disclosure, Value)] {
    static LOADED: OnceLock<Vec<(&'static str, Disclosure, Value)>> = OnceLock::new();
    LOADED.get_or_init(|| {
        SAMPLES
            .iter()
            .map(|&id| {
                let doc =
                    load_path(&dir().join(format!("{id}.pdf"))).unwrap_or_else(|e| panic!("{e}"));
                let truth = std::fs::read_to_string(dir().join(format!("{id}.json"))).unwrap();
                (id, doc, serde_json::from_str(&truth).unwrap())
            })
            .collect()
    })
}

fn sample(id: &str) -> &'static (&'static str, Disclosure, Value) {
    samples().iter().find(|(i, _, _)| *i == id).unwrap()
}

fn dec(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))).unwrap()
}

/// A truth figure that may be `null` (printed blank).
fn opt(v: &Value) -> Option<Decimal> {
    if v.is_null() {
        None
    } else {
        Some(dec(v))
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn table(doc: &Disclosure, kind: TableKind) -> &BudgetTable {
    doc.table(kind)
        .unwrap_or_else(|| panic!("{}: no table {kind:?}", doc.department.name))
}

/// Jiangsu's table `公开NN表`, by the number in its title.
fn numbered<'a>(doc: &'a Disclosure, number: &str) -> &'a BudgetTable {
    doc.tables
        .iter()
        .find(|t| squeeze(&t.title).starts_with(&format!("公开{number}表")))
        .unwrap_or_else(|| panic!("{}: no table 公开{number}表", doc.department.name))
}

/// The table a truth tag names: `T1`…`T9` (Shanghai), `01`…`12` (Jiangsu).
fn tagged<'a>(doc: &'a Disclosure, tag: &str) -> &'a BudgetTable {
    let kind = match tag {
        "T1" => TableKind::IncomeExpenditureSummary,
        "T2" => TableKind::Income,
        "T3" => TableKind::Expenditure,
        "T4" => TableKind::FiscalGrantSummary,
        "T5" => TableKind::GeneralPublicExpenditure,
        "T6" => TableKind::GeneralPublicBasic,
        "T7" => TableKind::GovernmentFundExpenditure,
        "T8" => TableKind::StateCapitalExpenditure,
        "T9" => TableKind::ThreePublicCosts,
        number => return numbered(doc, number),
    };
    table(doc, kind)
}

/// The figure of the first row of `side` named like `name` (whitespace
/// ignored), in `column`.
fn figure(side: &Side, name: &str, column: usize) -> Option<Decimal> {
    side.rows
        .iter()
        .find(|r| squeeze(&r.name) == squeeze(name))
        .unwrap_or_else(|| panic!("no row {name}"))
        .amount(column)
}

fn rows(t: &BudgetTable) -> impl Iterator<Item = &TableRow> {
    t.sides.iter().flat_map(|s| s.rows.iter())
}

fn by_code(t: &BudgetTable, code: &str) -> Option<Decimal> {
    rows(t)
        .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code))
        .unwrap_or_else(|| panic!("no row {code} in {}", t.title))
        .amount(0)
}

/// The total row of a table: `合计` (or the only row when it has no name,
/// as Jiangsu's 支出预算总表 prints its one row).
fn total_row(t: &BudgetTable) -> &TableRow {
    let rows: Vec<&TableRow> = rows(t).collect();
    match rows[..] {
        [only] => only,
        _ => rows
            .into_iter()
            .find(|r| squeeze(&r.name) == "合计")
            .unwrap_or_else(|| panic!("no 合计 in {}", t.title)),
    }
}

fn column(t: &BudgetTable, label: &str) -> usize {
    t.main_side()
        .and_then(|s| s.column(label))
        .unwrap_or_else(|| panic!("no column {label} in {}", t.title))
}

#[test]
fn every_sample_opens_with_its_department_year_and_unit() {
    for (id, doc, truth) in samples() {
        assert_eq!(
            doc.department.name,
            truth["department"].as_str().unwrap(),
            "{id}"
        );
        assert_eq!(
            u64::from(doc.department.budget_year),
            truth["year"].as_u64().unwrap(),
            "{id}"
        );
        let unit = match truth["units"]["tables"].as_str().unwrap() {
            "元" => Unit::Yuan,
            _ => Unit::WanYuan,
        };
        assert_eq!(doc.department.unit, unit, "{id}");
        assert_eq!(
            table(doc, TableKind::ThreePublicCosts).unit,
            Unit::WanYuan,
            "{id}"
        );
    }
}

#[test]
fn every_table_stands_on_its_pages_and_no_other_is_found() {
    for (id, doc, truth) in samples() {
        let listed = truth["table_pages"].as_object().unwrap();
        assert_eq!(
            doc.tables.len() as u64,
            truth["tables"].as_u64().unwrap(),
            "{id}"
        );
        assert_eq!(doc.tables.len(), listed.len(), "{id}");
        // No table printed twice or without a title in the samples.
        assert!(doc.import_notes.is_empty(), "{id}: {:?}", doc.import_notes);
        for (tag, pages) in listed {
            let pages: Vec<u32> = pages
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_u64().unwrap() as u32)
                .collect();
            let t = tagged(doc, tag);
            assert_eq!(t.page, Some(pages[0]), "{id} {tag} {}", t.title);
            // Rows stand on exactly the listed pages (an empty table has
            // no row: its title's page is the one).
            let row_pages: BTreeSet<u32> = rows(t)
                .map(|r| {
                    r.page
                        .unwrap_or_else(|| panic!("{id} {tag}: row without page"))
                })
                .collect();
            if !row_pages.is_empty() {
                let want: BTreeSet<u32> = pages.iter().copied().collect();
                assert_eq!(row_pages, want, "{id} {tag} {}", t.title);
            }
        }
    }
}

#[test]
fn empty_tables_are_published_empty() {
    for (id, doc, truth) in samples() {
        let kinds = [
            TableKind::GovernmentFundExpenditure,
            TableKind::StateCapitalExpenditure,
        ];
        let empty: Vec<&BudgetTable> = doc.tables.iter().filter(|t| t.has_no_figures()).collect();
        assert_eq!(
            empty.len(),
            truth["empty_tables"].as_array().unwrap().len(),
            "{id}"
        );
        for t in empty {
            assert!(kinds.contains(&t.kind), "{id} {}", t.title);
        }
    }
}

#[test]
fn rows_cut_by_page_breaks_are_all_read() {
    // Wanli 2024 T6 runs over pp. 29–30: 13 rows, then 18 and the 合计.
    let (_, doc, _) = sample("shanghai-putuo-wanli-subdistrict-2024");
    let t6 = table(doc, TableKind::GeneralPublicBasic);
    let per_page = |p: u32| rows(t6).filter(|r| r.page == Some(p)).count();
    assert_eq!((per_page(29), per_page(30)), (13, 19));
    assert_eq!(by_code(t6, "30204"), Some(Decimal::from(30_000)));
    assert_eq!(by_code(t6, "30205"), Some(Decimal::from(277_500)));
    // The 款 printed `2` for 30102: kept as printed, a defect to report.
    assert_eq!(by_code(t6, "3012"), Some(Decimal::from(16_623_810)));
    // Its T2 and T3 totals stand alone on the next page (pp. 15, 20).
    let t2 = table(doc, TableKind::Income);
    assert_eq!(total_row(t2).page, Some(15));
    let t3 = table(doc, TableKind::Expenditure);
    assert_eq!(total_row(t3).page, Some(20));
    // Jiangsu 2018's 支出预算总表 prints one row, its totals, and no name.
    let (_, doc, _) = sample("jiangsu-procuratorate-2018");
    let t3 = table(doc, TableKind::Expenditure);
    assert_eq!(rows(t3).count(), 1);
    assert_eq!(total_row(t3).amount(0), Some(dec(&"21955.35".into())));
    // Jiangsu 2018 公开05 runs over pp. 15–16: 4 rows, then 11.
    let t5 = numbered(doc, "05");
    let on = |p: u32| rows(t5).filter(|r| r.page == Some(p)).count();
    assert_eq!((on(15), on(16)), (4, 11));
    assert_eq!(by_code(t5, "2040405"), Some(Decimal::from(1895)));
}

#[test]
fn income_and_expenditure_totals_and_sources_equal_the_truth() {
    for (id, doc, truth) in samples() {
        let t1 = table(doc, TableKind::IncomeExpenditureSummary);
        let income = t1.side("收入").unwrap();
        // Jiangsu's 收入合计 / 支出合计 are the grand totals.
        let (in_total, out_total) = if id.starts_with("jiangsu") {
            ("收入合计", "支出合计")
        } else {
            ("收入总计", "支出总计")
        };
        assert_eq!(
            figure(income, in_total, 0),
            Some(dec(&truth["income_total"]["value"])),
            "{id}"
        );
        // Jiangsu prints the 支出 side in two sub-sides; the total is on one.
        let out = t1
            .sides
            .iter()
            .filter(|s| s.label.as_deref() == Some("支出"))
            .find_map(|s| s.rows.iter().find(|r| squeeze(&r.name) == out_total))
            .and_then(|r| r.amount(0));
        assert_eq!(out, Some(dec(&truth["expenditure_total"]["value"])), "{id}");
        for (source, want) in truth["income_sources"].as_object().unwrap() {
            let got = income
                .rows
                .iter()
                .find(|r| squeeze(&r.name).contains(source.as_str()))
                .unwrap_or_else(|| panic!("{id}: no income row {source}"))
                .amount(0);
            assert_eq!(got, opt(want), "{id} {source}");
        }
    }
}

#[test]
fn basic_project_and_reserve_equal_the_truth() {
    for (id, doc, truth) in samples() {
        let t3 = table(doc, TableKind::Expenditure);
        let total = total_row(t3);
        assert_eq!(
            total.amount(column(t3, "基本支出")),
            Some(dec(&truth["basic_expenditure"]["value"])),
            "{id}"
        );
        assert_eq!(
            total.amount(column(t3, "项目支出")),
            Some(dec(&truth["project_expenditure"]["value"])),
            "{id}"
        );
        let reserve = t3
            .main_side()
            .and_then(|s| s.column("单位预留机动经费"))
            .and_then(|c| total.amount(c));
        assert_eq!(reserve, opt(&truth["reserve"]["value"]), "{id}");
        // T1 and T3 add up: 合计 = 基本 + 项目 (+ reserve).
        let sum = total.amount(1).unwrap() + total.amount(2).unwrap() + reserve.unwrap_or_default();
        assert_eq!(total.amount(0), Some(sum), "{id}");
    }
}

#[test]
fn staff_and_office_split_equals_the_truth() {
    for (id, doc, truth) in samples() {
        let t6 = table(doc, TableKind::GeneralPublicBasic);
        // A class the table does not print counts as nothing.
        let class = |code: &str| {
            rows(t6)
                .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code))
                .and_then(|r| r.amount(0))
                .unwrap_or_default()
        };
        // 301 and 303 are 人员经费, 302 and 310 公用经费.
        let staff = class("301") + class("303");
        let office = class("302") + class("310");
        if let Some(split) = truth["basic_split"].as_object() {
            assert_eq!(staff, dec(&split["人员经费"]), "{id} 301 + 303");
            assert_eq!(office, dec(&split["公用经费"]), "{id} 302 + 310");
            // Shanghai prints the split as columns of the 合计 row too.
            if let Some(c) = t6.main_side().and_then(|s| s.column("人员经费")) {
                let total = total_row(t6);
                assert_eq!(total.amount(c), Some(staff), "{id}");
                assert_eq!(total.amount(column(t6, "公用经费")), Some(office), "{id}");
            }
        } else {
            // Jiangsu 2018 states the fiscal basic expenditure by class.
            let split = &truth["basic_split_fiscal"];
            assert_eq!(class("301"), dec(&split["301"]), "{id}");
            assert_eq!(class("302"), dec(&split["302"]), "{id}");
            assert_eq!(class("303"), dec(&split["303"]), "{id}");
            assert_eq!(
                total_row(t6).amount(0),
                Some(dec(&split["财政拨款基本支出"])),
                "{id}"
            );
        }
    }
}

/// Which 三公 item row a truth key names, by its (squeezed) name.
type ItemMatch<'a> = &'a dyn Fn(&str) -> bool;

#[test]
fn three_public_costs_equal_the_truth() {
    for (id, doc, truth) in samples() {
        let t9 = table(doc, TableKind::ThreePublicCosts);
        let item = |pred: &dyn Fn(&str) -> bool| {
            rows(t9)
                .find(|r| pred(&squeeze(&r.name)))
                .unwrap_or_else(|| panic!("{id}: item not found"))
                .amount(0)
        };
        let tp = &truth["three_public"];
        let cases: [(&str, ItemMatch); 6] = [
            ("total", &|n| n.contains("三公") && n.contains("小计")),
            ("abroad", &|n| n.contains("出国")),
            ("reception", &|n| n.contains("接待")),
            ("vehicles_total", &|n| n.contains("购置及运行")),
            ("vehicle_purchase", &|n| n.ends_with("公务用车购置费")),
            ("vehicle_operation", &|n| {
                n.contains("运行维护费") && !n.contains("购置")
            }),
        ];
        for (key, pred) in cases {
            assert_eq!(item(pred), opt(&tp[key]), "{id} {key}");
        }
        if !tp["meetings"].is_null() {
            assert_eq!(item(&|n| n == "会议费"), opt(&tp["meetings"]), "{id}");
            assert_eq!(item(&|n| n == "培训费"), opt(&tp["training"]), "{id}");
            assert_eq!(
                item(&|n| n == "合计"),
                opt(&tp["table_total_incl_meetings_training"]),
                "{id}"
            );
        }
    }
}

#[test]
fn office_running_cost_and_procurement_equal_the_truth() {
    for (id, doc, truth) in samples() {
        let running = dec(&truth["office_running_cost"]["value"]);
        let procurement = dec(&truth["government_procurement"]["value"]);
        if id.starts_with("jiangsu") {
            // Jiangsu prints both as tables of their own (公开11, 公开12).
            let t11 = numbered(doc, "11");
            assert_eq!(t11.kind, TableKind::Other);
            assert_eq!(total_row(t11).amount(0), Some(running), "{id}");
            assert_eq!(by_code(t11, "302"), Some(running), "{id}");
            let t12 = numbered(doc, "12");
            assert_eq!(total_row(t12).amount(0), Some(procurement), "{id}");
            // The text columns of the 政府采购 table are the row's label.
            assert!(rows(t12).any(|r| r.name.contains("分散自行组织")), "{id}");
        } else {
            // Shanghai prints 机关运行经费 in the 三公 table.
            let t9 = table(doc, TableKind::ThreePublicCosts);
            let row = rows(t9)
                .find(|r| r.name.contains("机关运行经费"))
                .unwrap_or_else(|| panic!("{id}: no 机关运行经费"));
            assert_eq!(row.amount(0), Some(running), "{id}");
        }
        // 政府采购: Jiangsu's table, Shanghai's narrative (万元).
        let p = doc
            .procurement
            .as_ref()
            .unwrap_or_else(|| panic!("{id}: no procurement"));
        let total = p
            .total
            .unwrap_or_else(|| panic!("{id}: no procurement total"));
        assert_eq!(
            p.unit.checked_convert(total, Unit::WanYuan),
            Some(procurement),
            "{id}"
        );
    }
}

#[test]
fn cards_equal_the_truth_with_their_pages() {
    for (id, doc, truth) in samples() {
        // The finance bureau, Wanli 2024 and the welfare home print no card
        // (their 项目经费情况说明 is prose): none may be invented.
        assert_eq!(
            doc.projects.len() as u64,
            truth["project_cards"].as_u64().unwrap(),
            "{id}"
        );
        let Some(cards) = truth["cards"].as_array() else {
            continue;
        };
        for (n, (card, want)) in doc.projects.iter().zip(cards).enumerate() {
            assert_eq!(card.name, want["name"].as_str().unwrap(), "{id}");
            assert_eq!(
                card.budget,
                Some(dec(&want["budget"])),
                "{id} {}",
                card.name
            );
            assert_eq!(card.unit, Unit::Yuan, "{id} {}", card.name);
            // One card a page, from p. 31.
            assert_eq!(card.page, Some(31 + n as u32), "{id} {}", card.name);
            assert!(!card.indicators.is_empty(), "{id} {}", card.name);
        }
        let sum = doc.project_budget_total();
        assert_eq!(sum, Some(dec(&truth["cards_budget_sum"]["value"])), "{id}");
    }
    // The real defect of card 5: 当年财政拨款 above 年度资金申请总额.
    let (_, doc, _) = sample("shanghai-putuo-wanli-subdistrict-2023");
    let card = &doc.projects[4];
    assert_eq!(card.page, Some(35));
    assert_eq!(card.fiscal_funds, Some(Decimal::from(11_419_043)));
    assert_eq!(card.budget, Some(Decimal::from(10_903_043)));
}

#[test]
fn shanghai_card_fields_goals_and_indicators_are_read() {
    // Figures as the rendered pages 31–35 of Wanli 2023 print them.
    let (_, doc, _) = sample("shanghai-putuo-wanli-subdistrict-2023");
    let natures = [
        "阶段性项目",
        "经常性项目",
        "经常性项目",
        "经常性项目",
        "经常性项目",
    ];
    for (card, nature) in doc.projects.iter().zip(natures) {
        assert_eq!(card.nature.as_deref(), Some(nature), "{}", card.name);
        assert_eq!(card.period.as_deref(), Some("2023-01-01 至 2023-12-31"));
        assert_eq!(card.other_funds, Some(Decimal::ZERO), "{}", card.name);
        assert_eq!(card.carried_over, Some(Decimal::ZERO), "{}", card.name);
        assert!(!card.goal.is_empty(), "{}: 年度总体目标 lost", card.name);
        assert!(
            card.extra
                .iter()
                .any(|(l, v)| l == "项目总目标" && !v.is_empty()),
            "{}: 项目总目标 lost",
            card.name
        );
    }
    let first = &doc.projects[0];
    assert!(first.goal.starts_with("建成后作为万里街道社区事务受理"));
    assert_eq!(first.fiscal_funds, Some(Decimal::from(4_100_000)));
    let counts: Vec<usize> = doc.projects.iter().map(|c| c.indicators.len()).collect();
    assert_eq!([counts[0], counts[1], counts[2], counts[4]], [5, 4, 4, 9]);
    let area = &first.indicators[0];
    assert_eq!(
        (
            area.level1.as_str(),
            area.level2.as_str(),
            area.level3.as_str()
        ),
        ("产出指标", "数量指标", "规划建筑面积")
    );
    assert_eq!(area.value.raw, "≥13459.00(平方米)");
    assert_eq!(area.value.number, Some(dec(&"13459.00".into())));
    let last = doc.projects[4].indicators.last().unwrap();
    assert_eq!(last.level1, "满意度指标");
    assert_eq!(last.level3, "工作人员满意度");
    assert_eq!(last.value.raw, "≥95.00(%)");
}

#[test]
fn narrative_states_the_projects_with_targets() {
    for (id, doc, truth) in samples() {
        let stated = &truth["projects_with_targets_stated"];
        let Some(amount) = stated["amount"].as_str() else {
            continue;
        };
        let text: String = doc
            .narrative
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                budget_tui::model::Block::Paragraph(p) => Some(squeeze(p)),
                _ => None,
            })
            .collect();
        assert!(text.contains(&format!("{amount}万元")), "{id}: {amount}");
    }
}

#[test]
fn check_runs_on_every_sample_without_an_input_error() {
    for id in SAMPLES {
        let out = Command::new(env!("CARGO_BIN_EXE_budget"))
            .arg("check")
            .arg(dir().join(format!("{id}.pdf")))
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{id}: exit {code:?}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn bad_pdfs_are_refused_with_a_clear_error() {
    let bytes = std::fs::read(dir().join("shanghai-putuo-welfare-home-2024-unit.pdf")).unwrap();
    let tmp = std::env::temp_dir().join(format!("budget-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "truncated.pdf",
            bytes[..bytes.len() / 3].to_vec(),
            "truncated or corrupt",
        ),
        (
            "garbage.pdf",
            b"%PDF-1.7\nthis is not a pdf at all".to_vec(),
            "truncated or corrupt",
        ),
        ("empty.pdf", b"%PDF-".to_vec(), "truncated or corrupt"),
    ];
    for (name, data, says) in cases {
        let path = tmp.join(name);
        std::fs::write(&path, &data).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_budget"))
            .args(["--lang", "en", "import"])
            .arg(&path)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(says), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
    // Made with qpdf from hand-written pages: a password-protected file, a
    // scan (an image, no text), a PDF with text that is no disclosure, and
    // one that draws far more text than any disclosure page.
    let bad = dir().join("bad");
    for (name, says) in [
        ("encrypted.pdf", "the PDF is encrypted (password-protected)"),
        (
            "scan.pdf",
            "the PDF has no text layer (1 pages, 1 of them images only): it is a scan",
        ),
        ("newsletter.pdf", "p. 1: not a budget disclosure"),
        // One form of 300 letters drawn 400 times: 120,000 glyphs from a
        // 1 KB file, refused at the page limit instead of read into memory.
        (
            "dense.pdf",
            "p. 1: the PDF draws more text than a disclosure holds (over 100000 characters on a page",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_budget"))
            .args(["--lang", "en", "check"])
            .arg(bad.join(name))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&format!("{name}: {says}")), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // The pages read are named, with their first line as printed.
    let err = load_path(&bad.join("newsletter.pdf")).unwrap_err();
    assert!(
        err.message
            .ends_with("(pages read: p. 1 \"Quarterly newsletter\")"),
        "{err}"
    );
}

#[test]
fn the_report_says_what_every_page_became() {
    let path = dir().join("shanghai-putuo-welfare-home-2024-unit.pdf");
    let (_, report) = budget_tui::import::load_with_report(&path).unwrap();
    let report = report.expect("a PDF has a page report");
    let became: Vec<&str> = report.iter().map(|p| p.became.as_str()).collect();
    assert_eq!(
        became,
        [
            "cover",
            "contents",
            "narrative",
            "narrative",
            "narrative",
            "narrative",
            "table T1 2024年预算单位财务收支预算总表",
            "table T2 2024年预算单位收入预算总表",
            "table T3 2024年预算单位支出预算总表",
            "table T4 2024年预算单位财政拨款收支预算总表",
            "table T5 2024年预算单位一般公共预算支出功能分类预算表",
            "table T7 2024年预算单位政府性基金预算支出功能分类预算表",
            "table T8 2024年预算单位国有资本经营预算支出功能分类预算表",
            "table T6 2024年预算单位一般公共预算基本支出部门预算经济分类预算表",
            "table T9 单位“三公”经费和机关运行经费预算表",
            "narrative",
        ]
    );
    let pages: Vec<u32> = report.iter().map(|p| p.page).collect();
    assert_eq!(pages, (1..=16).collect::<Vec<u32>>());
    assert_eq!(report[2].first_line, "上海市普陀区社会福利院主要职能");
    // Jiangsu's extra tables are named by their title in the report.
    let path = dir().join("jiangsu-procuratorate-2019.pdf");
    let (_, report) = budget_tui::import::load_with_report(&path).unwrap();
    let report = report.unwrap();
    assert_eq!(report[21].became, "table 公开12表：政府采购支出预算表");
    assert!(report.iter().all(|p| p.became != "unrecognised"));
}

#[test]
fn a_pdf_with_its_tables_in_an_attachment_still_imports() {
    // Pages 1, 3 and 6 of the welfare home: cover, 主要职能, 编制说明.
    let path = dir().join("narrative-only-welfare-home-2024.pdf");
    let doc = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.department.name, "上海市普陀区社会福利院");
    assert_eq!(doc.department.budget_year, 2024);
    assert!(doc.tables.is_empty());
    assert!(doc.narrative.iter().any(|s| s.page == Some(3)));
    // check names every missing table: an error finding, exit 1, not 2.
    let out = Command::new(env!("CARGO_BIN_EXE_budget"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("缺少收支总表"), "{text}");
}
