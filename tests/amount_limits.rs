//! Amounts at their limits: the largest figures the parser accepts give
//! sums that overflow, and those are reported as such, never clamped.

use rust_decimal::Decimal;
use std::str::FromStr;

use budget_tui::model::{parse_amount, ProjectCard, Unit};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn the_issues_reproducers_are_errors_naming_the_text() {
    for text in [
        "1.234,56",
        "1234,56",
        "3244.56 20",
        "12 34",
        "3,2,4,4.56",
        "123456789012345678901234567.891",
        "0.00000000000000000000000000001",
    ] {
        let err = parse_amount(text).expect_err(text);
        assert!(err.to_string().contains(text), "{err}");
    }
    // What real documents print still reads, exactly.
    assert_eq!(parse_amount("３，２６４．５６"), Ok(Some(d("3264.56"))));
    assert_eq!(parse_amount("2,620,000.00"), Ok(Some(d("2620000.00"))));
}

#[test]
fn an_import_names_file_and_line_of_an_ambiguous_figure() {
    let seed = include_str!("../data/raw/xingtai-gov-office-2025.txt");
    let row = "\t2010301\t行政运行\t2349.56";
    let text = seed.replacen(row, "\t2010301\t行政运行\t2349,56", 1);
    let err = budget_tui::import::import_text(&text, "comma.txt").expect_err("a decimal comma");
    let line = seed[..seed.find(row).unwrap()].matches('\n').count() + 1;
    assert_eq!(err.line, line);
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("comma.txt:{line}:")),
        "{message}"
    );
    assert!(message.contains("2349,56"), "{message}");
}

#[test]
fn overflowing_totals_and_conversions_are_none_not_clamped() {
    let max = d("9999999999999999999999999999");
    let mut doc = budget_tui::bundled::disclosure().unwrap();
    doc.projects = vec![
        ProjectCard {
            budget: Some(max),
            ..ProjectCard::default()
        };
        9
    ];
    assert_eq!(doc.project_budget_total(), None);
    doc.projects.truncate(1);
    assert_eq!(doc.project_budget_total(), Some(max));
    assert_eq!(Unit::WanYuan.checked_convert(max, Unit::Yuan), None);
    assert_eq!(
        Unit::WanYuan.checked_convert(d("24.00"), Unit::Yuan),
        Some(d("240000"))
    );
}
