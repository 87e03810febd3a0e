//! The one key table: it drives both dispatch and the `?` help overlay, so
//! the help can never disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::app::Tab;
use crate::i18n::Msg;

/// Where a binding applies. Tab contexts are tried before `Global`.
/// Named in snake_case (`tables`) for a configuration file's overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Global,
    Summary,
    Drill,
    Projects,
    Checks,
    Tables,
    Departments,
    /// All departments in the Drill-down tab: its codes, a code's
    /// departments.
    Aggregate,
    /// The Departments tab's list of files that could not be read.
    Problems,
    Years,
    /// While the help overlay is open, only these (and quitting) work.
    Help,
    /// While the reading overlay is open: scroll and close.
    Reader,
    /// While typing (a filter or a search): characters are text, these
    /// keys edit.
    Input,
}

impl Context {
    pub fn title(self) -> Msg {
        match self {
            Context::Global | Context::Help => Msg::CtxGlobal,
            Context::Summary => Msg::CtxSummary,
            Context::Drill => Msg::CtxDrill,
            Context::Projects => Msg::CtxProjects,
            Context::Checks => Msg::CtxChecks,
            Context::Tables => Msg::CtxTables,
            Context::Departments => Msg::CtxDepartments,
            Context::Aggregate => Msg::CtxAggregate,
            Context::Problems => Msg::CtxProblems,
            Context::Years => Msg::CtxYears,
            Context::Input => Msg::CtxInput,
            Context::Reader => Msg::CtxReader,
        }
    }
}

/// One key: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// Whether a pressed key is this one. Shift is ignored for characters
    /// (terminals disagree on whether `G` carries SHIFT) and for BackTab,
    /// which crossterm reports with SHIFT held in a real terminal.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let wanted = self.modifiers & !KeyModifiers::SHIFT;
        let got = event.modifiers & !KeyModifiers::SHIFT;
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b && wanted == got,
            (KeyCode::BackTab, KeyCode::BackTab) => wanted == got,
            (a, b) => a == b && self.modifiers == event.modifiers,
        }
    }

    /// How the help overlay names the key.
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", name.to_uppercase())
        } else {
            name
        }
    }
}

/// The named keys a configuration file can write, by the name the help
/// shows them with (`Enter`, `PgDn`, `↑`) and by a plain ASCII one (`Down`).
const NAMED_KEYS: [(&str, KeyCode); 16] = [
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

impl Key {
    /// Reads a key as a configuration file writes it: one character (`n`,
    /// `]`), a name (`Enter`, `PgDn`, `Shift-Tab`, `Up` or `↑`, `F5`), or
    /// `Ctrl-` and a character. `None` for anything else.
    pub fn parse(text: &str) -> Option<Key> {
        if let Some(rest) = text
            .strip_prefix("Ctrl-")
            .or_else(|| text.strip_prefix("ctrl-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(ctrl(c.to_ascii_lowercase())),
                _ => None,
            };
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(ch(c));
        }
        if let Some(n) = text.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
            return (1..=12).contains(&n).then_some(plain(KeyCode::F(n)));
        }
        NAMED_KEYS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|&(_, code)| plain(code))
            .or_else(|| {
                // The arrows as the help prints them.
                [
                    ("↑", KeyCode::Up),
                    ("↓", KeyCode::Down),
                    ("←", KeyCode::Left),
                    ("→", KeyCode::Right),
                ]
                .iter()
                .find(|(name, _)| *name == text)
                .map(|&(_, code)| plain(code))
            })
    }
}

/// A key in a configuration file is its text (`"n"`, `"Ctrl-n"`,
/// `"Enter"`); one that names no key is an error at its line and column.
impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let text = String::deserialize(deserializer)?;
        Key::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "not a key: `{text}` (expected one character, Ctrl- and a character, \
or a name such as Enter, Esc, Tab, Shift-Tab, Space, Backspace, Up, Down, Left, Right, PgUp, PgDn, \
Home, End, F1–F12)"
            ))
        })
    }
}

/// One override of a configuration file: the keys of `action` (in every
/// context that binds it, or only in `context`) become `keys`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub action: Action,
    pub keys: Vec<Key>,
    #[serde(default)]
    pub context: Option<Context>,
}

/// One row of the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: Msg,
}

/// One row of the built-in table, before it becomes data.
struct Default {
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: Msg,
}

const fn bind(context: Context, keys: &'static [Key], action: Action, description: Msg) -> Default {
    Default {
        context,
        keys,
        action,
        description,
    }
}

/// The key table in force: built at start from the defaults (a
/// configuration may later patch the actions it names), and the one source
/// of both dispatch and the `?` help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl std::default::Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: DEFAULTS
                .iter()
                .map(|d| Binding {
                    context: d.context,
                    keys: d.keys.to_vec(),
                    action: d.action,
                    description: d.description,
                })
                .collect(),
        }
    }
}

use Context::{
    Aggregate, Checks, Departments, Drill, Global, Help, Input, Problems, Projects, Reader,
    Summary, Tables,
};

/// Stands for "any printable character" in the help of the Input context.
const ANY_CHAR: Key = ch('…');

/// Every key of the app, in the order the help lists them.
const DEFAULTS: &[Default] = &[
    bind(
        Help,
        &[plain(KeyCode::Esc), ch('?')],
        Action::CloseOverlay,
        Msg::KeyClose,
    ),
    bind(Help, &[plain(KeyCode::Up), ch('k')], Action::Up, Msg::KeyUp),
    bind(
        Help,
        &[plain(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        Msg::KeyPageUp,
    ),
    bind(
        Help,
        &[plain(KeyCode::PageDown), ctrl('f'), ch(' ')],
        Action::PageDown,
        Msg::KeyPageDown,
    ),
    bind(
        Help,
        &[ch('g'), plain(KeyCode::Home)],
        Action::Top,
        Msg::KeyTop,
    ),
    bind(
        Help,
        &[ch('G'), plain(KeyCode::End)],
        Action::Bottom,
        Msg::KeyBottom,
    ),
    bind(
        Help,
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(Global, &[ch('q'), ctrl('c')], Action::Quit, Msg::KeyQuit),
    bind(Global, &[ch('/')], Action::OpenSearch, Msg::KeySearch),
    bind(Global, &[ch('n')], Action::NextHit, Msg::KeyNextHit),
    bind(Global, &[ch('N')], Action::PrevHit, Msg::KeyPrevHit),
    bind(
        Global,
        &[plain(KeyCode::Esc)],
        Action::GoBack,
        Msg::KeyReturn,
    ),
    bind(Global, &[ch('?')], Action::ToggleHelp, Msg::KeyHelp),
    bind(Global, &[ch('y')], Action::CopyFigure, Msg::KeyCopyFigure),
    bind(Global, &[ch('Y')], Action::CopyRow, Msg::KeyCopyRow),
    bind(Global, &[ch('x')], Action::Export, Msg::KeyExport),
    bind(
        Global,
        &[plain(KeyCode::Tab)],
        Action::NextTab,
        Msg::KeyNextTab,
    ),
    bind(
        Global,
        &[plain(KeyCode::BackTab)],
        Action::PrevTab,
        Msg::KeyPrevTab,
    ),
    bind(
        Global,
        &[ch('1')],
        Action::GoTab(Tab::Summary),
        Msg::KeyTab1,
    ),
    bind(Global, &[ch('2')], Action::GoTab(Tab::Drill), Msg::KeyTab2),
    bind(
        Global,
        &[ch('3')],
        Action::GoTab(Tab::Projects),
        Msg::KeyTab3,
    ),
    bind(Global, &[ch('4')], Action::GoTab(Tab::Checks), Msg::KeyTab4),
    bind(Global, &[ch('5')], Action::GoTab(Tab::Tables), Msg::KeyTab5),
    bind(
        Global,
        &[ch('0')],
        Action::GoTab(Tab::Departments),
        Msg::KeyTab0,
    ),
    bind(Global, &[ch('6')], Action::GoTab(Tab::Years), Msg::KeyTab6),
    bind(
        Global,
        &[plain(KeyCode::Up), ch('k')],
        Action::Up,
        Msg::KeyUp,
    ),
    bind(
        Global,
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        Global,
        &[plain(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        Msg::KeyPageUp,
    ),
    bind(
        Global,
        &[plain(KeyCode::PageDown), ctrl('f')],
        Action::PageDown,
        Msg::KeyPageDown,
    ),
    bind(
        Global,
        &[ch('g'), plain(KeyCode::Home)],
        Action::Top,
        Msg::KeyTop,
    ),
    bind(
        Global,
        &[ch('G'), plain(KeyCode::End)],
        Action::Bottom,
        Msg::KeyBottom,
    ),
    bind(
        Summary,
        &[ch('a')],
        Action::ToggleBlankRows,
        Msg::KeyShowAllRows,
    ),
    bind(
        Drill,
        &[plain(KeyCode::Enter), ch('l'), plain(KeyCode::Right)],
        Action::DrillIn,
        Msg::KeyDrillIn,
    ),
    bind(
        Drill,
        &[plain(KeyCode::Backspace), ch('h'), plain(KeyCode::Left)],
        Action::DrillOut,
        Msg::KeyDrillOut,
    ),
    bind(
        Drill,
        &[ch(' '), ch('o')],
        Action::ToggleNode,
        Msg::KeyToggleNode,
    ),
    bind(Drill, &[ch('-')], Action::DepthLess, Msg::KeyDepthLess),
    bind(
        Drill,
        &[ch('+'), ch('=')],
        Action::DepthMore,
        Msg::KeyDepthMore,
    ),
    bind(Drill, &[ch('*')], Action::ExpandAll, Msg::KeyExpandAll),
    bind(Drill, &[ch('e')], Action::ToggleScheme, Msg::KeyScheme),
    bind(
        Drill,
        &[ch('<'), ch(',')],
        Action::ColumnsLeft,
        Msg::KeyColumnsLeft,
    ),
    bind(
        Drill,
        &[ch('>'), ch('.')],
        Action::ColumnsRight,
        Msg::KeyColumnsRight,
    ),
    bind(
        Projects,
        &[plain(KeyCode::Enter), ch('l'), plain(KeyCode::Right)],
        Action::Open,
        Msg::KeyOpen,
    ),
    bind(
        Projects,
        &[
            plain(KeyCode::Esc),
            plain(KeyCode::Backspace),
            ch('h'),
            plain(KeyCode::Left),
        ],
        Action::Back,
        Msg::KeyBack,
    ),
    bind(Projects, &[ch(' ')], Action::ToggleMark, Msg::KeyMark),
    bind(Projects, &[ch('c')], Action::Compare, Msg::KeyCompare),
    bind(Projects, &[ch('s')], Action::CycleSort, Msg::KeySort),
    bind(
        Projects,
        &[ch('S')],
        Action::ReverseSort,
        Msg::KeyReverseSort,
    ),
    bind(Projects, &[ch('f')], Action::StartFilter, Msg::KeyFilter),
    bind(
        Projects,
        &[ch('v')],
        Action::CategoryView,
        Msg::KeyCategoryView,
    ),
    bind(
        Projects,
        &[ch('[')],
        Action::PrevCategory,
        Msg::KeyPrevCategory,
    ),
    bind(
        Projects,
        &[ch(']')],
        Action::NextCategory,
        Msg::KeyNextCategory,
    ),
    bind(Projects, &[ch('r')], Action::ToggleRaw, Msg::KeyRaw),
    bind(
        Projects,
        &[ch('<'), ch(',')],
        Action::ColumnsLeft,
        Msg::KeyColumnsLeft,
    ),
    bind(
        Projects,
        &[ch('>'), ch('.')],
        Action::ColumnsRight,
        Msg::KeyColumnsRight,
    ),
    bind(
        Checks,
        &[plain(KeyCode::Enter), ch('l'), plain(KeyCode::Right)],
        Action::Jump,
        Msg::KeyJump,
    ),
    bind(Checks, &[ch('v')], Action::ToggleLedger, Msg::KeyLedger),
    bind(
        Departments,
        &[plain(KeyCode::Enter)],
        Action::Open,
        Msg::KeyOpenDepartment,
    ),
    bind(Departments, &[ch('s')], Action::CycleSort, Msg::KeySort),
    bind(Departments, &[ch('f')], Action::StartFilter, Msg::KeyFilter),
    bind(
        Departments,
        &[ch('<'), ch(',')],
        Action::ColumnsLeft,
        Msg::KeyColumnsLeft,
    ),
    bind(
        Departments,
        &[ch('>'), ch('.')],
        Action::ColumnsRight,
        Msg::KeyColumnsRight,
    ),
    bind(
        Departments,
        &[ch('p')],
        Action::ToggleProblems,
        Msg::KeyProblems,
    ),
    bind(
        Problems,
        &[ch('p')],
        Action::ToggleProblems,
        Msg::KeyCloseProblems,
    ),
    bind(
        Departments,
        &[ch('a')],
        Action::Aggregate,
        Msg::KeyAggregate,
    ),
    bind(
        Aggregate,
        &[plain(KeyCode::Enter), ch('l'), plain(KeyCode::Right)],
        Action::Open,
        Msg::KeyAggregateOpen,
    ),
    bind(
        Aggregate,
        &[ch('a')],
        Action::Aggregate,
        Msg::KeyAllDepartments,
    ),
    bind(Aggregate, &[ch('-')], Action::DepthLess, Msg::KeyDepthLess),
    bind(
        Aggregate,
        &[ch('+'), ch('=')],
        Action::DepthMore,
        Msg::KeyDepthMore,
    ),
    bind(Aggregate, &[ch('*')], Action::ExpandAll, Msg::KeyExpandAll),
    bind(Drill, &[ch('a')], Action::Aggregate, Msg::KeyAllDepartments),
    bind(
        Tables,
        &[ch('a')],
        Action::Aggregate,
        Msg::KeyAllDepartments,
    ),
    bind(
        Aggregate,
        &[ch('e')],
        Action::ToggleScheme,
        Msg::KeyAggregateScheme,
    ),
    bind(
        Aggregate,
        &[plain(KeyCode::Backspace), ch('h'), plain(KeyCode::Left)],
        Action::Back,
        Msg::KeyAggregateBack,
    ),
    bind(Tables, &[ch('[')], Action::PrevTable, Msg::KeyPrevTable),
    bind(Tables, &[ch(']')], Action::NextTable, Msg::KeyNextTable),
    bind(
        Tables,
        &[plain(KeyCode::Left), ch('h')],
        Action::CellLeft,
        Msg::KeyCellLeft,
    ),
    bind(
        Tables,
        &[plain(KeyCode::Right), ch('l')],
        Action::CellRight,
        Msg::KeyCellRight,
    ),
    bind(
        Tables,
        &[ch('<'), ch(',')],
        Action::ColumnsLeft,
        Msg::KeyColumnsLeft,
    ),
    bind(
        Tables,
        &[ch('>'), ch('.')],
        Action::ColumnsRight,
        Msg::KeyColumnsRight,
    ),
    bind(
        Tables,
        &[plain(KeyCode::Enter)],
        Action::Open,
        Msg::KeyOpenCode,
    ),
    bind(Input, &[ANY_CHAR], Action::Input('…'), Msg::KeyTypeFilter),
    bind(
        Input,
        &[plain(KeyCode::Backspace)],
        Action::InputBackspace,
        Msg::KeyInputBackspace,
    ),
    bind(Input, &[ctrl('u')], Action::InputClear, Msg::KeyInputClear),
    bind(
        Input,
        &[ctrl('w')],
        Action::InputDeleteWord,
        Msg::KeyInputDeleteWord,
    ),
    bind(
        Input,
        &[plain(KeyCode::Enter)],
        Action::InputConfirm,
        Msg::KeyInputConfirm,
    ),
    bind(
        Input,
        &[plain(KeyCode::Esc)],
        Action::InputCancel,
        Msg::KeyInputCancel,
    ),
    bind(Input, &[plain(KeyCode::Up)], Action::Up, Msg::KeyInputUp),
    bind(
        Input,
        &[plain(KeyCode::Down)],
        Action::Down,
        Msg::KeyInputDown,
    ),
    bind(
        Reader,
        &[plain(KeyCode::Esc)],
        Action::CloseOverlay,
        Msg::KeyClose,
    ),
    bind(
        Reader,
        &[plain(KeyCode::Up), ch('k')],
        Action::Up,
        Msg::KeyUp,
    ),
    bind(
        Reader,
        &[plain(KeyCode::Down), ch('j')],
        Action::Down,
        Msg::KeyDown,
    ),
    bind(
        Reader,
        &[plain(KeyCode::PageUp)],
        Action::PageUp,
        Msg::KeyPageUp,
    ),
    bind(
        Reader,
        &[plain(KeyCode::PageDown)],
        Action::PageDown,
        Msg::KeyPageDown,
    ),
];

/// The few keys the status line names in each context (lazygit /
/// hledger-ui style), most useful first, with a short label. The key shown
/// is the first one the keymap in force binds to the action, so an
/// override shows as it is.
const FOOTER: &[(Context, &[(Action, Msg)])] = &[
    (
        Summary,
        &[
            (Action::ToggleBlankRows, Msg::FootAllRows),
            (Action::OpenSearch, Msg::FootSearch),
        ],
    ),
    (
        Drill,
        &[
            (Action::DrillIn, Msg::FootOpen),
            (Action::DrillOut, Msg::FootUp),
            (Action::ToggleScheme, Msg::FootScheme),
            (Action::ExpandAll, Msg::FootAll),
            (Action::GoBack, Msg::FootBack),
        ],
    ),
    (
        Projects,
        &[
            (Action::Open, Msg::FootOpen),
            (Action::ToggleMark, Msg::FootMark),
            (Action::Compare, Msg::FootCompare),
            (Action::CategoryView, Msg::FootCategory),
            (Action::Back, Msg::FootBack),
        ],
    ),
    (
        Checks,
        &[
            (Action::Jump, Msg::FootJump),
            (Action::ToggleLedger, Msg::FootLedger),
            (Action::GoBack, Msg::FootBack),
        ],
    ),
    (
        Tables,
        &[
            (Action::NextTable, Msg::FootNextTable),
            (Action::CellRight, Msg::FootCell),
            (Action::Open, Msg::FootDrill),
            (Action::GoBack, Msg::FootBack),
        ],
    ),
    (
        Input,
        &[
            (Action::InputConfirm, Msg::FootConfirm),
            (Action::InputCancel, Msg::FootCancel),
        ],
    ),
    (
        Departments,
        &[
            (Action::Open, Msg::FootOpen),
            (Action::CycleSort, Msg::FootSort),
            (Action::StartFilter, Msg::FootFilter),
            (Action::Aggregate, Msg::FootAggregate),
        ],
    ),
    (
        Aggregate,
        &[
            (Action::Open, Msg::FootOpen),
            (Action::ToggleScheme, Msg::FootAggregateScheme),
            (Action::GoBack, Msg::FootBack),
            (Action::Aggregate, Msg::FootAllDepartments),
        ],
    ),
    (
        Problems,
        &[
            (Action::ToggleProblems, Msg::FootClose),
            (Action::GoBack, Msg::FootClose),
        ],
    ),
    (Reader, &[(Action::CloseOverlay, Msg::FootClose)]),
    (Help, &[(Action::CloseOverlay, Msg::FootClose)]),
];

impl Keymap {
    /// This key table with `overrides` applied, each patching only the
    /// action it names: that action's keys are replaced (in its contexts,
    /// or in the one named, where it is added if not bound there), and a
    /// key it takes is removed from the other actions of the same context,
    /// so dispatch and help agree on one meaning per key. An action no
    /// context binds needs a context; without one it is an error.
    pub fn with_overrides(&self, overrides: &[Override]) -> Result<Keymap, String> {
        let mut keymap = self.clone();
        for o in overrides {
            let applies = |b: &Binding| o.context.is_none_or(|c| c == b.context);
            let mut contexts: Vec<Context> = keymap
                .bindings
                .iter()
                .filter(|b| b.action == o.action && applies(b))
                .map(|b| b.context)
                .collect();
            if contexts.is_empty() {
                let (Some(context), Some(description)) = (
                    o.context,
                    keymap
                        .bindings
                        .iter()
                        .find(|b| b.action == o.action)
                        .map(|b| b.description),
                ) else {
                    return Err(format!(
                        "no key is bound to {:?} here; name a context where it applies",
                        o.action
                    ));
                };
                keymap.bindings.push(Binding {
                    context,
                    keys: Vec::new(),
                    action: o.action,
                    description,
                });
                contexts.push(context);
            }
            for b in &mut keymap.bindings {
                if !contexts.contains(&b.context) {
                    continue;
                }
                if b.action == o.action {
                    b.keys = o.keys.clone();
                } else {
                    b.keys.retain(|k| !o.keys.contains(k));
                }
            }
        }
        Ok(keymap)
    }

    /// The label of the first key that does `action` in `context` (or
    /// globally): what a hint names, so it follows the user's overrides.
    pub fn first_key(&self, context: Context, action: Action) -> Option<String> {
        [context, Global].into_iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.action == action)
                .and_then(|b| b.keys.first())
                .map(Key::label)
        })
    }

    /// The status line's keys for `context`: (key label, short label), then
    /// help and quit.
    pub fn footer(&self, context: Context) -> Vec<(String, Msg)> {
        let first_key = |action: Action| self.first_key(context, action);
        let own = FOOTER
            .iter()
            .filter(|(ctx, _)| *ctx == context)
            .flat_map(|(_, keys)| keys.iter());
        // While typing, `?` and `q` are text: only the input's own keys.
        let always: &[(Action, Msg)] = if context == Input {
            &[]
        } else {
            &[
                (Action::ToggleHelp, Msg::FootHelp),
                (Action::Quit, Msg::FootQuit),
            ]
        };
        own.chain(always.iter())
            .filter_map(|&(action, label)| Some((first_key(action)?, label)))
            .collect()
    }

    /// The action for a key press in `context`: the context's own bindings
    /// first, then the global ones. While an overlay is open (`Help`), only its
    /// bindings and quitting apply.
    pub fn action_for(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .filter(|b| b.context == ctx)
                .find(|b| b.keys.iter().any(|k| k.matches(event)))
                .map(|b| b.action)
        };
        if context == Help || context == Reader {
            return find(context).or_else(|| find(Global).filter(|a| *a == Action::Quit));
        }
        if context == Input {
            // Printable characters are text; the Input bindings edit; Ctrl-C
            // still quits. Nothing else applies while typing.
            if let KeyCode::Char(c) = event.code {
                if !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    return Some(Action::Input(c));
                }
            }
            return find(Input).or_else(|| {
                let ctrl_c = ctrl('c');
                ctrl_c.matches(event).then_some(Action::Quit)
            });
        }
        find(context).or_else(|| find(Global))
    }

    /// Bindings grouped for the help overlay: global first (with the overlay's
    /// own close key), then the contexts.
    pub fn help_groups(&self) -> Vec<(Context, Vec<&Binding>)> {
        [
            Global,
            Departments,
            Problems,
            Aggregate,
            Summary,
            Drill,
            Projects,
            Checks,
            Tables,
            Input,
            Reader,
        ]
        .into_iter()
        .map(|ctx| {
            let bindings = self
                .bindings
                .iter()
                .filter(|b| {
                    b.context == ctx
                        || (ctx == Global && b.context == Help && b.action == Action::CloseOverlay)
                })
                .collect::<Vec<_>>();
            (ctx, bindings)
        })
        .filter(|(_, b)| !b.is_empty())
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
        Keymap::default().action_for(context, event)
    }

    #[test]
    fn tab_context_wins_over_global() {
        let enter = key(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(action_for(Drill, &enter), Some(Action::DrillIn));
        assert_eq!(action_for(Summary, &enter), None);
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Drill, &q), Some(Action::Quit));
    }

    #[test]
    fn shift_is_ignored_for_characters_but_ctrl_is_not() {
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(Global, &big_g), Some(Action::Bottom));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Global, &ctrl_c), Some(Action::Quit));
        let c = key(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(Global, &c), None);
    }

    #[test]
    fn actions_are_named_for_a_configuration_file() {
        assert_eq!(ron::from_str::<Action>("go_back"), Ok(Action::GoBack));
        assert_eq!(
            ron::from_str::<Action>("go_tab(tables)"),
            Ok(Action::GoTab(Tab::Tables))
        );
        assert!(ron::from_str::<Action>("launch_missiles").is_err());
        // Every bound action has a name that reads back as itself.
        for b in &Keymap::default().bindings {
            let name = format!("{:?}", b.action);
            if name.contains('(') {
                continue;
            }
            let snake: String = name
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let lower = c.to_ascii_lowercase();
                    (i > 0 && c.is_ascii_uppercase())
                        .then_some('_')
                        .into_iter()
                        .chain([lower])
                })
                .collect();
            assert_eq!(ron::from_str::<Action>(&snake), Ok(b.action), "{snake}");
        }
    }

    #[test]
    fn shift_tab_as_a_real_terminal_reports_it() {
        let back_tab = key(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(action_for(Summary, &back_tab), Some(Action::PrevTab));
    }

    #[test]
    fn help_overlay_swallows_everything_but_close_scroll_and_quit() {
        let e = key(KeyCode::Char('e'), KeyModifiers::NONE);
        assert_eq!(action_for(Help, &e), None);
        let tab = key(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(action_for(Help, &tab), None);
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(action_for(Help, &j), Some(Action::Down));
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(Help, &esc), Some(Action::CloseOverlay));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Help, &q), Some(Action::Quit));
    }

    #[test]
    fn typing_takes_characters_even_bound_ones() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(Input, &q), Some(Action::Input('q')));
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(action_for(Input, &esc), Some(Action::InputCancel));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Input, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let keymap = Keymap::default();
        let bindings = &keymap.bindings;
        for (i, a) in bindings.iter().enumerate() {
            for b in &bindings[i + 1..] {
                if a.context != b.context {
                    continue;
                }
                for ka in &a.keys {
                    assert!(
                        !b.keys.contains(ka),
                        "{:?} bound twice in {:?}",
                        ka,
                        a.context
                    );
                }
            }
        }
    }
}
