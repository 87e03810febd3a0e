//! Colours and emphasis. With NO_COLOR the app uses its own monochrome
//! theme (emphasis by bold / reversed only) instead of relying on
//! crossterm, whose NO_COLOR handling emits a bare reset that wipes the
//! selection bar.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub header: Style,
    pub dim: Style,
    pub selected: Style,
    pub tab_active: Style,
    pub tab_inactive: Style,
    pub status: Style,
    pub bar: Style,
    pub increase: Style,
    pub decrease: Style,
    pub error: Style,
    pub warning: Style,
    pub note: Style,
    pub marked: Style,
    pub highlight: Style,
}

/// Named ANSI colours only, so the terminal's own palette decides the
/// shade and both dark and light backgrounds stay readable (no white or
/// black text, no yellow).
pub const COLOR: Theme = Theme {
    base: Style::new(),
    title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    header: Style::new().add_modifier(Modifier::BOLD),
    dim: Style::new().fg(Color::DarkGray),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    tab_active: Style::new()
        .fg(Color::Cyan)
        .add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
    tab_inactive: Style::new(),
    status: Style::new().add_modifier(Modifier::REVERSED),
    bar: Style::new().fg(Color::Blue),
    increase: Style::new().fg(Color::Green),
    decrease: Style::new().fg(Color::Red),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    warning: Style::new().fg(Color::Magenta),
    note: Style::new().fg(Color::Blue),
    marked: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    highlight: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
};

/// NO_COLOR: no colour at all; emphasis by bold, reversed and underline.
pub const MONO: Theme = Theme {
    base: Style::new(),
    title: Style::new().add_modifier(Modifier::BOLD),
    header: Style::new().add_modifier(Modifier::BOLD),
    dim: Style::new(),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    tab_active: Style::new().add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
    tab_inactive: Style::new(),
    status: Style::new().add_modifier(Modifier::REVERSED),
    bar: Style::new(),
    increase: Style::new(),
    decrease: Style::new().add_modifier(Modifier::BOLD),
    error: Style::new().add_modifier(Modifier::BOLD),
    warning: Style::new().add_modifier(Modifier::UNDERLINED),
    note: Style::new(),
    marked: Style::new().add_modifier(Modifier::BOLD),
    highlight: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
};

/// Whether the environment asks for no colour (any non-empty NO_COLOR).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
