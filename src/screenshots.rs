//! Scenes of the real app, rendered off-screen: the pictures in
//! `screenshots/` (`budget screenshots`) and the keys that reach each one.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui;

/// One picture: a name, the keys typed from a fresh start, and a size.
pub struct Scene {
    pub name: &'static str,
    pub keys: &'static str,
    pub width: u16,
    pub height: u16,
}

/// The pictures the README shows.
pub const SCENES: &[Scene] = &[
    Scene {
        name: "summary",
        keys: "",
        width: 132,
        height: 40,
    },
    Scene {
        name: "drill-down",
        keys: "2<Enter><Enter>",
        width: 120,
        height: 30,
    },
    Scene {
        name: "drill-down-economic",
        keys: "2ej<Enter>jjjjj",
        width: 120,
        height: 34,
    },
    Scene {
        name: "projects",
        keys: "3",
        width: 120,
        height: 20,
    },
    Scene {
        name: "project-card",
        keys: "3jjjjj<Enter>",
        width: 120,
        height: 28,
    },
    Scene {
        name: "comparison",
        keys: "3j<Space>jjjj<Space>c",
        width: 120,
        height: 24,
    },
    Scene {
        name: "checks",
        keys: "4",
        width: 120,
        height: 34,
    },
    Scene {
        name: "tables",
        keys: "5]]]]]jjjjjj<Right>",
        width: 120,
        height: 30,
    },
    Scene {
        name: "three-public",
        keys: "5]]]]]]]]",
        width: 120,
        height: 16,
    },
    Scene {
        name: "search",
        keys: "/gwyc",
        width: 100,
        height: 24,
    },
    Scene {
        name: "reading",
        keys: "/jgyxjf<Down><Enter>",
        width: 100,
        height: 24,
    },
    Scene {
        name: "help",
        keys: "?",
        width: 160,
        height: 44,
    },
];

/// Types `keys` into the app. `<Name>` is a special key (`<Enter>`,
/// `<Esc>`, `<Tab>`, `<BackTab>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`,
/// `<Backspace>`, `<Space>`), anything else a character.
pub fn type_keys(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (code, used) = match rest.strip_prefix('<').and_then(|r| r.split_once('>')) {
            Some((name, _)) if !name.is_empty() => {
                let code = match name {
                    "Enter" => KeyCode::Enter,
                    "Esc" => KeyCode::Esc,
                    "Tab" => KeyCode::Tab,
                    "BackTab" => KeyCode::BackTab,
                    "Up" => KeyCode::Up,
                    "Down" => KeyCode::Down,
                    "Left" => KeyCode::Left,
                    "Right" => KeyCode::Right,
                    "Backspace" => KeyCode::Backspace,
                    "Space" => KeyCode::Char(' '),
                    _ => KeyCode::Char('<'),
                };
                if code == KeyCode::Char('<') {
                    (code, 1)
                } else {
                    (code, name.len() + 2)
                }
            }
            _ => (KeyCode::Char(c), c.len_utf8()),
        };
        let effects = app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
        // The one effect that changes what is on screen: as the loop does.
        app.carry_out_opens(effects.as_deref().unwrap_or_default());
        rest = &rest[used..];
    }
}

/// Renders `app` into a fresh buffer of `width` × `height`.
pub fn render(app: &App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(app, area, &mut buf);
    buf
}

/// The scene's screen: `app` sized like the scene, its keys typed, drawn.
pub fn shoot(mut app: App, scene: &Scene) -> Buffer {
    app.resize(scene.width, scene.height);
    type_keys(&mut app, scene.keys);
    render(&app, scene.width, scene.height)
}

/// Writes every scene as `DIR/NAME.svg` (and `NAME.txt`, the same screen
/// as text) from apps made by `fresh_app`.
pub fn write_all(dir: &Path, mut fresh_app: impl FnMut() -> App) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for scene in SCENES {
        let buf = shoot(fresh_app(), scene);
        let svg = dir.join(format!("{}.svg", scene.name));
        std::fs::write(&svg, ui::svg::to_svg(&buf))?;
        std::fs::write(
            dir.join(format!("{}.txt", scene.name)),
            ui::buffer_text(&buf),
        )?;
        written.push(svg.display().to_string());
    }
    Ok(written)
}
