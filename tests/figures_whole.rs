//! A figure is never shown cut: every screen of the app, at every width
//! from 20 to 200, shows each figure whole or not at all. A figure token on
//! a narrow screen must be one that the same screen shows when nothing is
//! cut (wide renders), digit for digit; `3,264.5` for 3,264.56 or `-4` for
//! −41.60 would fail.

mod common;

use std::collections::HashSet;

use budget_tui::app::App;
use budget_tui::i18n::Lang;
use budget_tui::model::Disclosure;
use budget_tui::screenshots::{render, type_keys, Scene, SCENES};
use budget_tui::ui::buffer_text;
use budget_tui::ui::text::is_figure_char;
use common::seed;

/// The figure tokens of a screen: runs of figure characters holding a
/// digit, with a trailing `.`/`,` (punctuation after a number) dropped.
fn figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut token = String::new();
        for ch in line.chars().chain([' ']) {
            if is_figure_char(ch) {
                token.push(ch);
                continue;
            }
            let t = token.trim_end_matches(['.', ',', '，', '-', '、']);
            if t.chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                out.push(t.to_string());
            }
            token.clear();
        }
    }
    out
}

/// The scene's app, its keys typed once.
fn scene_app(scene: &Scene, doc: &Disclosure) -> App {
    let mut app = App::new(doc.clone(), Lang::Zh);
    app.resize(scene.width, scene.height);
    type_keys(&mut app, scene.keys);
    app
}

fn screen_of(app: &mut App, width: u16, height: u16) -> String {
    app.resize(width, height);
    buffer_text(&render(app, width, height))
}

#[test]
fn every_screen_at_every_width_shows_figures_whole() {
    let height = 40;
    let mut checked = 0usize;
    // What the screens show when nothing has to be cut. An overlay covers
    // different parts of the screen below at different widths, so a
    // figure may be whole on one screen and only visible on another.
    let doc = seed();
    let mut apps: Vec<(&Scene, App)> = SCENES.iter().map(|s| (s, scene_app(s, &doc))).collect();
    let mut whole = HashSet::new();
    for (_, app) in &mut apps {
        for w in (200..=320).step_by(20) {
            whole.extend(figures(&screen_of(app, w, height)));
        }
    }
    assert!(whole.contains("3,264.56") && whole.contains("-41.60"));
    for (scene, app) in &mut apps {
        for width in 20..=200 {
            let text = screen_of(app, width, height);
            for token in figures(&text) {
                assert!(
                    whole.contains(&token),
                    "{} at {width}×{height}: `{token}` is not a figure of this screen \
                     (cut?)\n{text}",
                    scene.name
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "only {checked} figures checked");
}

#[test]
fn the_tokenizer_sees_cut_figures() {
    let whole: HashSet<String> = figures("收入总计 3,264.56  “三公”经费 -41.60")
        .into_iter()
        .collect();
    assert!(whole.contains("3,264.56") && whole.contains("-41.60"));
    assert!(!whole.contains("3,264.5"));
    assert_eq!(figures("“三公”经费 -4"), ["-4"]);
    assert_eq!(figures("≤150150台。"), ["≤150150"]);
}
