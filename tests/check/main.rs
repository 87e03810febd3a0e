//! Tests of the consistency checks (`budget_tui::check`) and `budget check`.

mod cli;
mod document;
mod families;
mod fixture;
mod imported;
mod mutation;
mod pdf;
mod perturbed;
mod scale;
mod seed;
