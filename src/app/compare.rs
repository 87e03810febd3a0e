//! Side-by-side indicator tables: the cards' indicators aligned into slots.
//!
//! Rows are grouped by (一级指标, 二级指标) in order of first appearance.
//! Inside a group, indicators with the same 三级指标 name share a row; the
//! rest pair up in document order (so two cards' single 成本指标 rows meet
//! even when their names differ), and what is left gets a row of its own,
//! blank in the cards that lack it.

use crate::model::ProjectCard;

/// One aligned row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRow {
    pub level1: String,
    pub level2: String,
    /// 三级指标 of the first card that has the row.
    pub label: String,
    /// Per compared card: the index of its indicator in this row, if any.
    pub cells: Vec<Option<usize>>,
    /// Whether the cards that fill this row print different targets.
    pub differs: bool,
}

impl SlotRow {
    /// Whether card `column` has no indicator in this row.
    pub fn is_blank(&self, column: usize) -> bool {
        self.cells.get(column).is_none_or(Option::is_none)
    }
}

/// Aligns the indicators of `cards` (2 to 4 in practice; any number works).
pub fn align(cards: &[&ProjectCard]) -> Vec<SlotRow> {
    // Groups in order of first appearance across the cards.
    let mut groups: Vec<(String, String)> = Vec::new();
    for card in cards {
        for ind in &card.indicators {
            let key = (ind.level1.clone(), ind.level2.clone());
            if !groups.contains(&key) {
                groups.push(key);
            }
        }
    }

    let mut rows = Vec::new();
    for (level1, level2) in groups {
        let mut group: Vec<SlotRow> = Vec::new();
        for (column, card) in cards.iter().enumerate() {
            let members: Vec<usize> = card
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.level1 == level1 && i.level2 == level2)
                .map(|(n, _)| n)
                .collect();
            // First by name.
            let mut unmatched = Vec::new();
            for &n in &members {
                let name = &card.indicators[n].level3;
                let row = group
                    .iter_mut()
                    .find(|r| r.is_blank(column) && r.label == *name);
                match row {
                    Some(r) => r.cells[column] = Some(n),
                    None => unmatched.push(n),
                }
            }
            // Then in order, into rows this card has not filled.
            let mut free = group.iter_mut().filter(|r| r.is_blank(column));
            let mut leftover = Vec::new();
            for n in unmatched {
                match free.next() {
                    Some(r) => r.cells[column] = Some(n),
                    None => leftover.push(n),
                }
            }
            for n in leftover {
                let mut cells = vec![None; cards.len()];
                cells[column] = Some(n);
                group.push(SlotRow {
                    level1: level1.clone(),
                    level2: level2.clone(),
                    label: card.indicators[n].level3.clone(),
                    cells,
                    differs: false,
                });
            }
        }
        rows.extend(group);
    }

    for row in &mut rows {
        let mut targets = row
            .cells
            .iter()
            .enumerate()
            .filter_map(|(c, n)| Some(&cards[c].indicators.get((*n)?)?.value));
        if let Some(first) = targets.next() {
            row.differs = targets.any(|v| v.display() != first.display());
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Indicator, IndicatorValue};

    fn ind(l1: &str, l2: &str, l3: &str, value: &str) -> Indicator {
        Indicator {
            level1: l1.into(),
            level2: l2.into(),
            level3: l3.into(),
            description: String::new(),
            value: IndicatorValue::parse(value),
            basis: String::new(),
            line: 0,
        }
    }

    fn card(indicators: Vec<Indicator>) -> ProjectCard {
        ProjectCard {
            indicators,
            ..ProjectCard::default()
        }
    }

    #[test]
    fn same_names_share_a_row_and_the_rest_pair_in_order() {
        let a = card(vec![
            ind("产出指标", "数量指标", "月数", "12 月"),
            ind("产出指标", "成本指标", "运转成本", "≤622600 万元"),
            ind("满意度指标", "服务对象满意度指标", "满意率", "≥75 百分比"),
        ]);
        let b = card(vec![
            ind("产出指标", "数量指标", "电话月数", "12月"),
            ind("产出指标", "数量指标", "台数", "≤150150台"),
            ind("产出指标", "成本指标", "保障费用", "10万元"),
            ind("满意度指标", "服务对象满意度指标", "满意率", "≥75 百分比"),
        ]);
        let rows = align(&[&a, &b]);
        let shape: Vec<(&str, Vec<Option<usize>>, bool)> = rows
            .iter()
            .map(|r| (r.label.as_str(), r.cells.clone(), r.differs))
            .collect();
        assert_eq!(
            shape,
            [
                ("月数", vec![Some(0), Some(0)], false),
                ("台数", vec![None, Some(1)], false),
                ("运转成本", vec![Some(1), Some(2)], true),
                ("满意率", vec![Some(2), Some(3)], false),
            ]
        );
        assert!(rows[1].is_blank(0) && !rows[1].is_blank(1));
    }

    #[test]
    fn a_group_only_one_card_has_is_blank_in_the_other() {
        let a = card(vec![ind(
            "效益指标",
            "社会效益指标",
            "解决率",
            "≥70 百分比",
        )]);
        let b = card(vec![ind("产出指标", "时效指标", "及时率", "100百分比")]);
        let rows = align(&[&a, &b]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, vec![Some(0), None]);
        assert_eq!(rows[1].cells, vec![None, Some(0)]);
    }
}
