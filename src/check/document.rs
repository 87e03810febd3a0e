//! The document as a whole: one budget year, one department, the sections
//! its own table of contents lists, and no word typed twice.

use super::{squeeze, strip_numbering, Arg, Finding, Found, Outcome, Rule, Severity};
use crate::model::{Block, Disclosure, Place, TableKind};
use crate::text;

pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "document.year",
        title: "各表表头与情况说明的年度与文件年度一致",
        title_en: "Every table header and the narrative name the document's budget year",
        check: year,
    },
    Rule {
        id: "document.department-name",
        title: "各表表头的单位与部门名称一致",
        title_en: "Every table header names the department (or one of its units)",
        check: department_name,
    },
    Rule {
        id: "document.contents",
        title: "目录所列各部分在文件中都有（文件没有被截断）",
        title_en: "Every part the table of contents lists is in the document (it is not cut off)",
        check: contents,
    },
    Rule {
        id: "document.table-twice",
        title: "同一张表只印一次（印两次时数字一致）",
        title_en: "Each standard table is printed once (twice only with the same figures)",
        check: table_twice,
    },
    Rule {
        id: "document.duplicated-words",
        title: "没有重复录入的词语（预算预算）",
        title_en: "No word typed twice in a row (预算预算)",
        check: duplicated_words,
    },
];

/// Every paragraph of the narrative, with its section.
fn paragraphs(doc: &Disclosure) -> impl Iterator<Item = (usize, &str)> {
    doc.narrative.iter().enumerate().flat_map(|(i, s)| {
        s.blocks.iter().filter_map(move |b| match b {
            Block::Paragraph(p) => Some((i, p.as_str())),
            _ => None,
        })
    })
}

/// Years printed as `2023年` followed by 预算 / 部门预算 / 年度预算, with the
/// text after them.
fn budget_years(text: &str) -> Vec<(u16, String)> {
    let t = squeeze(text);
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= chars.len() {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_is_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_is_digit
            && digits.chars().all(|c| c.is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
        {
            let after: String = chars[i + 5..].iter().take(8).collect();
            if after.starts_with("预算") || after.starts_with("部门预算") {
                if let Ok(y) = digits.parse::<u16>() {
                    out.push((y, format!("{digits}年{after}")));
                }
            }
            i += 5;
        } else {
            i += 1;
        }
    }
    out
}

fn year(doc: &Disclosure) -> Outcome {
    let budget_year = doc.department.budget_year;
    if budget_year == 0 {
        return Outcome::CouldNotRun(text!(
            "文件没有写明预算年度",
            "the document states no budget year"
        ));
    }
    let mut findings = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        let found = Found { index, table };
        if let Some(y) = table.year.filter(|y| *y != budget_year) {
            findings.push(Finding::new(
                "document.year",
                Severity::Error,
                text!(
                    "{}表头年度为 {} 年，文件是 {} 年预算",
                    "{} is headed {}, but the document is the {} budget",
                    found.name(),
                    Arg::Count(u64::from(y)),
                    Arg::Count(u64::from(budget_year))
                ),
                vec![found.place()],
            ));
        }
    }
    // The text may compare with last year; any other year's 预算 is a
    // leftover from another year's document.
    let last_year = budget_year.saturating_sub(1);
    for (section, paragraph) in paragraphs(doc) {
        for (y, quote) in budget_years(paragraph) {
            if y != budget_year && y != last_year {
                findings.push(Finding::new(
                    "document.year",
                    Severity::Error,
                    text!(
                        "情况说明写有「{}」，文件是 {} 年预算",
                        "the narrative says “{}”, but the document is the {} budget",
                        quote,
                        Arg::Count(u64::from(budget_year))
                    ),
                    vec![Place::Section { section }],
                ));
            }
        }
    }
    Outcome::Ran(findings)
}

/// The name in a table's owner line: `211 邢台市人民政府办公室` → the name.
fn owner_name(owner: &str) -> String {
    let s = squeeze(owner);
    let s = s
        .strip_prefix("部门：")
        .or_else(|| s.strip_prefix("单位："))
        .or_else(|| s.strip_prefix("编制部门："))
        .or_else(|| s.strip_prefix("编制单位："))
        .unwrap_or(&s);
    s.trim_start_matches(|c: char| c.is_ascii_digit())
        .to_string()
}

fn department_name(doc: &Disclosure) -> Outcome {
    let name = squeeze(&doc.department.name);
    if name.is_empty() {
        return Outcome::CouldNotRun(text!(
            "文件没有写明部门名称",
            "the document names no department"
        ));
    }
    let units: Vec<String> = doc
        .department
        .units
        .iter()
        .map(|u| squeeze(&u.name))
        .collect();
    let mut any = false;
    let mut findings = Vec::new();
    for (index, table) in doc.tables.iter().enumerate() {
        let Some(owner) = table.owner.as_deref() else {
            continue;
        };
        let printed = owner_name(owner);
        if printed.is_empty() {
            continue;
        }
        any = true;
        let matches = |n: &str| !n.is_empty() && (printed.contains(n) || n.contains(&printed));
        if matches(&name) || units.iter().any(|u| matches(u)) {
            continue;
        }
        let found = Found { index, table };
        findings.push(Finding::new(
            "document.department-name",
            Severity::Error,
            text!(
                "{}表头的单位为「{}」，文件是「{}」的预算",
                "{} is headed “{}”, but the document is the budget of “{}”",
                found.name(),
                owner,
                &doc.department.name
            ),
            vec![found.place()],
        ));
    }
    if !any {
        return Outcome::NotApplicable(text!(
            "各表表头没有列出单位",
            "no table header names a unit"
        ));
    }
    Outcome::Ran(findings)
}

/// A table of contents line: `部门预算收支总表..... - 1 -` → (name, page).
fn contents_entry(paragraph: &str) -> Option<(String, String)> {
    let s = squeeze(paragraph);
    let dots = s.find("..").or_else(|| s.find("…"))?;
    let name = s[..dots].trim_end_matches(['.', '…']).to_string();
    let page: String = s[dots..].chars().filter(|c| c.is_ascii_digit()).collect();
    (!name.is_empty() && !page.is_empty()).then_some((name, page))
}

fn contents(doc: &Disclosure) -> Outcome {
    let entries: Vec<(usize, String, String)> = paragraphs(doc)
        .filter_map(|(i, p)| contents_entry(p).map(|(n, pg)| (i, n, pg)))
        .collect();
    if entries.is_empty() {
        return Outcome::NotApplicable(text!(
            "文件没有目录",
            "the document has no table of contents"
        ));
    }
    let mut present: Vec<String> = doc
        .narrative
        .iter()
        .flat_map(|s| s.path.iter().chain(std::iter::once(&s.heading)))
        .map(|h| strip_numbering(h))
        .collect();
    present.extend(doc.tables.iter().map(|t| strip_numbering(&t.title)));
    if let Some(p) = &doc.procurement {
        present.push(strip_numbering(&p.title));
    }
    if let Some(a) = &doc.assets {
        present.push(strip_numbering(&a.title));
    }
    let findings = entries
        .into_iter()
        .filter(|(_, name, _)| {
            let wanted = strip_numbering(name);
            !present
                .iter()
                .any(|p| !p.is_empty() && (p.contains(&wanted) || wanted.contains(p.as_str())))
        })
        .map(|(section, name, page)| {
            Finding::new(
                "document.contents",
                Severity::Error,
                text!(
                    "目录列有「{}」（第 {} 页），文件中没有这一部分：文件可能被截断",
                    "the table of contents lists “{}” (page {}), but the document has no such part: it may be cut off",
                    name,
                    page
                ),
                vec![Place::Section { section }],
            )
        })
        .collect();
    Outcome::Ran(findings)
}

/// A standard table printed twice: with the same figures it is only
/// repeated; with others, a reader cannot tell which to believe.
fn table_twice(doc: &Disclosure) -> Outcome {
    let mut findings = Vec::new();
    for kind in TableKind::STANDARD {
        let copies: Vec<usize> = doc
            .tables
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == kind)
            .map(|(i, _)| i)
            .collect();
        let Some((&first, rest)) = copies.split_first() else {
            continue;
        };
        let figures = |i: usize| -> Vec<Option<rust_decimal::Decimal>> {
            doc.tables[i]
                .sides
                .iter()
                .flat_map(|s| s.rows.iter().flat_map(|r| r.amounts.iter().copied()))
                .collect()
        };
        let reference = figures(first);
        for &other in rest {
            let same = figures(other) == reference;
            findings.push(Finding::new(
                "document.table-twice",
                if same {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                if same {
                    text!(
                        "{}印了两次（数字相同）",
                        "{} is printed twice (with the same figures)",
                        Arg::Table(kind)
                    )
                } else {
                    text!(
                        "{}印了两次，两次的数字不同",
                        "{} is printed twice, with different figures",
                        Arg::Table(kind)
                    )
                },
                vec![Place::Table { table: other }, Place::Table { table: first }],
            ));
        }
    }
    Outcome::Ran(findings)
}

/// The first word of two to four Chinese characters typed twice in a row
/// (`预算预算`), if any.
pub(crate) fn duplicated_word(text: &str) -> Option<String> {
    let chars: Vec<char> = squeeze(text).chars().collect();
    let is_han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    for len in (2..=4).rev() {
        for i in 0..chars.len().saturating_sub(2 * len - 1) {
            let a = &chars[i..i + len];
            let b = &chars[i + len..i + 2 * len];
            // `一一` / `人人` repeat one character: a word, not a typo.
            if a == b && a.iter().all(is_han) && a.iter().any(|c| *c != a[0]) {
                return Some(a.iter().chain(b.iter()).collect());
            }
        }
    }
    None
}

fn duplicated_words(doc: &Disclosure) -> Outcome {
    let mut findings = Vec::new();
    let mut push = |word: String, place: Place| {
        findings.push(Finding::new(
            "document.duplicated-words",
            Severity::Warning,
            text!("「{}」重复录入", "“{}” is typed twice", word),
            vec![place],
        ));
    };
    for (section, paragraph) in paragraphs(doc) {
        if let Some(word) = duplicated_word(paragraph) {
            push(word, Place::Section { section });
        }
    }
    for (ci, card) in doc.projects.iter().enumerate() {
        for t in [&card.name, &card.purpose, &card.goal] {
            if let Some(word) = duplicated_word(t) {
                push(word, Place::Project { card: ci });
            }
        }
        for (ii, ind) in card.indicators.iter().enumerate() {
            if let Some(word) = duplicated_word(&ind.level3) {
                push(
                    word,
                    Place::Indicator {
                        card: ci,
                        indicator: ii,
                    },
                );
            }
        }
    }
    Outcome::Ran(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicated_words_and_words_that_repeat_a_character() {
        assert_eq!(
            duplicated_word("2025年预算预算收入").as_deref(),
            Some("预算预算")
        );
        assert_eq!(duplicated_word("人人有责，一一列示"), None);
        assert_eq!(duplicated_word("预算收入3264.56万元"), None);
    }

    #[test]
    fn budget_years_in_text() {
        assert_eq!(
            budget_years("2023年预算收入3264.56万元，较2024年预算减少"),
            vec![
                (2023, "2023年预算收入3264".to_string()),
                (2024, "2024年预算减少".to_string())
            ]
        );
        assert!(budget_years("2019年成立").is_empty());
    }

    #[test]
    fn contents_lines() {
        assert_eq!(
            contents_entry("部门预算收支总表..... - 1 -"),
            Some(("部门预算收支总表".to_string(), "1".to_string()))
        );
        assert_eq!(contents_entry("收入说明"), None);
    }
}
