//! The checks scale linearly: a table of 10,000 coded rows (issue 14 says
//! it once took 1.8 s) is checked in time proportional to its rows.

use std::time::{Duration, Instant};

use budget_tui::check;
use budget_tui::model::{Code, Disclosure, TableKind, TableRow};

use crate::fixture::{self, dec, table_index};

/// The seed with T3 replaced by class 201, `kuan` 款 and 100 项 under each,
/// every 项 1.00 in 合计 and 基本支出: every sum of T3 holds.
fn wide(kuan: usize) -> Disclosure {
    let mut doc = fixture::seed();
    let t3 = table_index(&doc, TableKind::Expenditure);
    let width = doc.tables[t3].sides[0].columns.len();
    let row = |code: String, name: &str, amount: &str| {
        let mut amounts = vec![None; width];
        amounts[0] = Some(dec(amount));
        amounts[1] = Some(dec(amount));
        TableRow {
            seq: None,
            code: Code::parse(&code),
            name: name.to_string(),
            amounts,
            line: 0,
            page: None,
        }
    };
    let class_total = format!("{}.00", kuan * 100);
    let mut rows = vec![
        row(String::new(), "合计", &class_total),
        row("201".into(), "一般公共服务支出", &class_total),
    ];
    rows[0].code = None;
    for k in 0..kuan {
        rows.push(row(format!("201{k:02}"), "款", "100.00"));
        for x in 0..100 {
            rows.push(row(format!("201{k:02}{x:02}"), "项", "1.00"));
        }
    }
    doc.tables[t3].sides[0].rows = rows;
    doc
}

fn fastest(doc: &Disclosure) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let report = check::run(doc);
            let elapsed = start.elapsed();
            // T3's own sums all hold.
            assert!(report
                .findings
                .iter()
                .all(|f| !f.rule.starts_with("table.") || f.rule == "table.precision"));
            elapsed
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn ten_thousand_rows_take_linear_time() {
    let small = wide(25); // 2,526 rows
    let large = wide(100); // 10,101 rows
    let (a, b) = (fastest(&small), fastest(&large));
    println!("check::run: 2,526 rows {a:?}, 10,101 rows {b:?}");
    // Four times the rows: about four times the time; a quadratic check
    // would take sixteen.
    assert!(b < a * 9, "2,526 rows {a:?}, 10,101 rows {b:?}");
}
