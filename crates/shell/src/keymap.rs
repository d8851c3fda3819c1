//! The keymap: every keyboard shortcut of the app — the editor's commands, the run's R and K, the node menu, Tab
//! and Enter, the shortcut sheet's `?` — as one table, from which both the key handling ([`command`]) and the
//! shortcut sheet ([`SECTIONS`], with the pointer and touch gestures beside the keys) are made, so the two cannot
//! drift apart. The app turns a `KeyboardEvent` into a [`KeyPress`] and never matches keys itself.

use scalelab_editor::Key;

/// A key press as the browser reports it: `key` (the character or name, `"z"`, `"Escape"`), `code` (the physical
/// key, `"Digit1"`) and the modifiers.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// `KeyboardEvent.code`.
    pub code: &'a str,
    /// Control held.
    pub ctrl: bool,
    /// Command (⌘) held: counts as Control.
    pub meta: bool,
    /// Shift held.
    pub shift: bool,
    /// Alt (Option) held.
    pub alt: bool,
}

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// An editor command.
    Editor(Key),
    /// Run, or pause the run.
    RunPause,
    /// Kill the selected node, or restore it when it is down (the run starts if needed).
    KillOrRestore,
    /// Open the focused node's context menu.
    NodeMenu,
    /// Walk to the next (Shift: previous) node or edge.
    Walk,
    /// Edit the focused node in the inspector.
    Inspect,
    /// Show or hide the shortcut sheet.
    Sheet,
}

/// Whether a modifier must be held, must not be, or does not matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    Yes,
    No,
    Any,
}

impl Held {
    fn accepts(self, held: bool) -> bool {
        match self {
            Held::Yes => held,
            Held::No => !held,
            Held::Any => true,
        }
    }
}

/// One key combination: keys (by `key`, or by `code` when `by_code`), Control/Command and Shift.
#[derive(Clone, Copy, Debug)]
struct Chord {
    keys: &'static [&'static str],
    by_code: bool,
    cmd: Held,
    shift: Held,
}

const fn key(keys: &'static [&'static str], cmd: Held, shift: Held) -> Chord {
    Chord {
        keys,
        by_code: false,
        cmd,
        shift,
    }
}

/// Digits are read from `code`, so Shift+1 and Shift+0 work whatever the layout prints on those keys.
const fn code(keys: &'static [&'static str], cmd: Held, shift: Held) -> Chord {
    Chord {
        keys,
        by_code: true,
        cmd,
        shift,
    }
}

impl Chord {
    fn matches(&self, p: &KeyPress) -> bool {
        let k = if self.by_code { p.code } else { p.key };
        self.keys.contains(&k) && self.cmd.accepts(p.ctrl || p.meta) && self.shift.accepts(p.shift)
    }

    /// How the sheet writes it: `"Ctrl Shift Z"`.
    fn label(&self) -> String {
        let name = match self.keys[0] {
            "Escape" => "Esc".to_owned(),
            "ContextMenu" => "Menu key".to_owned(),
            "Digit1" => "1".to_owned(),
            "Digit0" => "0".to_owned(),
            // ASCII only: `str::to_uppercase` would link the Unicode case tables (~12 KB) into the page.
            k if k.len() == 1 => k.to_ascii_uppercase(),
            k => k.to_owned(),
        };
        let ctrl = if self.cmd == Held::Yes { "Ctrl " } else { "" };
        let shift = if self.shift == Held::Yes {
            "Shift "
        } else {
            ""
        };
        format!("{ctrl}{shift}{name}")
    }
}

/// One line of the shortcut sheet: its keys (written from its chords unless `label` says otherwise), what it
/// does, and the chords with the command each runs (none for a pointer or touch gesture).
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// Stable id: the sheet's message is `sheet-<id>` (its `.keys` attribute for keys written in words).
    pub id: &'static str,
    label: Option<&'static str>,
    /// What it does, for the sheet.
    pub what: &'static str,
    bindings: &'static [(Chord, Command)],
}

impl Row {
    /// Whether the keys are written in words ("Drag a node", "Shift + arrow"), which the sheet translates as
    /// attribute `.keys` of the row's message, rather than as chords.
    #[must_use]
    pub fn keys_in_words(&self) -> bool {
        self.label
            .is_some_and(|l| l.chars().any(char::is_alphabetic))
    }

    /// The keys or gesture as the sheet shows them (`"Ctrl Shift Z · Ctrl Y"`).
    #[must_use]
    pub fn keys(&self) -> String {
        match self.label {
            Some(l) => l.to_owned(),
            None => self
                .bindings
                .iter()
                .map(|(c, _)| c.label())
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }
}

const fn keys(id: &'static str, bindings: &'static [(Chord, Command)], what: &'static str) -> Row {
    Row {
        id,
        label: None,
        what,
        bindings,
    }
}

const fn written(
    id: &'static str,
    label: &'static str,
    bindings: &'static [(Chord, Command)],
    what: &'static str,
) -> Row {
    Row {
        id,
        label: Some(label),
        what,
        bindings,
    }
}

const fn gesture(id: &'static str, label: &'static str, what: &'static str) -> Row {
    written(id, label, &[], what)
}

use Held::{Any, No, Yes};

const fn nudge(dx: i8, dy: i8, big: bool) -> Command {
    Command::Editor(Key::Nudge { dx, dy, big })
}

/// Every shortcut and gesture, grouped as the sheet shows them: `(id, title, rows)`; a section's title is message
/// `sheet-section-<id>` in the other languages.
pub const SECTIONS: &[(&str, &str, &[Row])] = &[
    (
        "run",
        "Run and break",
        &[
            keys(
                "run",
                &[(key(&["r", "R"], No, Any), Command::RunPause)],
                "Run, or pause the run",
            ),
            keys(
                "kill",
                &[(key(&["k", "K"], No, Any), Command::KillOrRestore)],
                "Kill the selected node (Restore it when it is down); the run starts if needed",
            ),
            keys(
                "node-menu",
                &[
                    (key(&["F10"], Any, Yes), Command::NodeMenu),
                    (key(&["ContextMenu"], Any, Any), Command::NodeMenu),
                ],
                "Open the focused node's menu: Kill, Restore, its tier's faults, and editing",
            ),
            gesture(
                "menu-gesture",
                "Right click · long press",
                "The same menu, on a node",
            ),
        ],
    ),
    (
        "edit",
        "Edit",
        &[
            keys(
                "undo",
                &[(key(&["z", "Z"], Yes, No), Command::Editor(Key::Undo))],
                "Undo",
            ),
            keys(
                "redo",
                &[
                    (key(&["z", "Z"], Yes, Yes), Command::Editor(Key::Redo)),
                    (key(&["y", "Y"], Yes, Any), Command::Editor(Key::Redo)),
                ],
                "Redo",
            ),
            keys(
                "clipboard",
                &[
                    (key(&["c", "C"], Yes, Any), Command::Editor(Key::Copy)),
                    (key(&["x", "X"], Yes, Any), Command::Editor(Key::Cut)),
                    (key(&["v", "V"], Yes, Any), Command::Editor(Key::Paste)),
                ],
                "Copy, cut, paste (settings and inner connections kept)",
            ),
            keys(
                "duplicate",
                &[(key(&["d", "D"], Yes, Any), Command::Editor(Key::Duplicate))],
                "Duplicate the selection",
            ),
            keys(
                "delete",
                &[
                    (key(&["Delete"], No, Any), Command::Editor(Key::Delete)),
                    (key(&["Backspace"], No, Any), Command::Editor(Key::Delete)),
                ],
                "Delete the selection (nodes, or the selected connection)",
            ),
            keys(
                "select-all",
                &[(key(&["a", "A"], Yes, Any), Command::Editor(Key::SelectAll))],
                "Select every node",
            ),
            keys(
                "escape",
                &[(key(&["Escape"], Any, Any), Command::Editor(Key::Escape))],
                "Cancel the drag, marquee or list in progress; deselect a connection",
            ),
        ],
    ),
    (
        "keyboard",
        "Keyboard only",
        &[
            keys(
                "walk",
                &[
                    (key(&["Tab"], No, No), Command::Walk),
                    (key(&["Tab"], No, Yes), Command::Walk),
                ],
                "Go from node to node, then along the connections (selects each)",
            ),
            written(
                "nudge",
                "← → ↑ ↓",
                &[
                    (key(&["ArrowLeft"], No, No), nudge(-1, 0, false)),
                    (key(&["ArrowRight"], No, No), nudge(1, 0, false)),
                    (key(&["ArrowUp"], No, No), nudge(0, -1, false)),
                    (key(&["ArrowDown"], No, No), nudge(0, 1, false)),
                ],
                "Move the selection one grid step",
            ),
            written(
                "nudge-big",
                "Shift + arrow",
                &[
                    (key(&["ArrowLeft"], No, Yes), nudge(-1, 0, true)),
                    (key(&["ArrowRight"], No, Yes), nudge(1, 0, true)),
                    (key(&["ArrowUp"], No, Yes), nudge(0, -1, true)),
                    (key(&["ArrowDown"], No, Yes), nudge(0, 1, true)),
                ],
                "Move it five grid steps",
            ),
            keys(
                "inspect",
                &[(key(&["Enter"], No, Any), Command::Inspect)],
                "Edit the focused node in the inspector",
            ),
            keys(
                "connect",
                &[(key(&["c", "C"], No, Any), Command::Editor(Key::ConnectMenu))],
                "Connect the selected node to… (a list of valid targets)",
            ),
            keys(
                "sheet",
                &[(key(&["?"], Any, Any), Command::Sheet)],
                "Show or hide this list",
            ),
        ],
    ),
    (
        "mouse",
        "Mouse",
        &[
            gesture(
                "click",
                "Click · Shift click",
                "Select a node · add or remove it",
            ),
            gesture(
                "click-edge",
                "Click a connection",
                "Select it: the inspector shows what travels it; Delete removes it",
            ),
            gesture(
                "marquee",
                "Drag on empty canvas",
                "Select the nodes inside the rectangle (Shift adds)",
            ),
            gesture(
                "drag-node",
                "Drag a node",
                "Move the selection (snaps to the grid; Grid button toggles)",
            ),
            gesture(
                "drag-port",
                "Drag from a node's dot",
                "Connect it to the node you release on",
            ),
            gesture("pan", "Space + drag · right or middle drag", "Pan"),
            written(
                "zoom",
                "Wheel · Ctrl + / Ctrl −",
                &[
                    (key(&["+", "="], Any, Any), Command::Editor(Key::ZoomIn)),
                    (key(&["-", "_"], Any, Any), Command::Editor(Key::ZoomOut)),
                ],
                "Zoom at the cursor · at the centre",
            ),
            written(
                "zoom-fit",
                "Shift 1 · Ctrl 0 (or Shift 0)",
                &[
                    (code(&["Digit1"], No, Yes), Command::Editor(Key::ZoomFit)),
                    (code(&["Digit0"], No, Yes), Command::Editor(Key::ZoomReset)),
                    (
                        code(&["Digit0", "Numpad0"], Yes, No),
                        Command::Editor(Key::ZoomReset),
                    ),
                ],
                "Zoom to fit · reset zoom",
            ),
        ],
    ),
    (
        "touch",
        "Touch",
        &[
            gesture(
                "tap",
                "Tap",
                "Select a node or a connection; tap a component to add it",
            ),
            gesture("touch-place", "Drag a component", "Place it on the canvas"),
            gesture(
                "touch-drag",
                "Drag a node · its dot",
                "Move it · connect it",
            ),
            gesture("touch-pan", "One finger on empty canvas", "Pan"),
            gesture("pinch", "Two fingers", "Pinch to zoom, move to pan"),
        ],
    ),
];

/// The command of a key press, if it has one. Alt (Option) with anything but Escape is left to the browser and
/// the system (it types characters on many layouts).
#[must_use]
pub fn command(p: &KeyPress) -> Option<Command> {
    if p.alt && p.key != "Escape" {
        return None;
    }
    // Digits by code first: Shift+1 prints "!" on one layout and something else on another.
    let rows = SECTIONS.iter().flat_map(|(_, _, rows)| rows.iter());
    let mut by_key = None;
    for (chord, cmd) in rows.flat_map(|r| r.bindings.iter()) {
        if chord.matches(p) {
            if chord.by_code {
                return Some(*cmd);
            }
            by_key = by_key.or(Some(*cmd));
        }
    }
    by_key
}

/// Whether the browser's own meaning of an editor key should be kept (copying selected text, scrolling with
/// nothing selected).
#[must_use]
pub fn keeps_default(key: Key, has_selection: bool) -> bool {
    match key {
        Key::Copy | Key::Cut | Key::Nudge { .. } | Key::Delete => !has_selection,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            code: "",
            ..KeyPress::default()
        }
    }

    #[test]
    fn editor_keys_map_as_before() {
        let ctrl = |k| KeyPress {
            ctrl: true,
            ..press(k)
        };
        assert_eq!(command(&ctrl("z")), Some(Command::Editor(Key::Undo)));
        assert_eq!(
            command(&KeyPress {
                shift: true,
                ..ctrl("Z")
            }),
            Some(Command::Editor(Key::Redo))
        );
        assert_eq!(command(&ctrl("y")), Some(Command::Editor(Key::Redo)));
        assert_eq!(command(&ctrl("c")), Some(Command::Editor(Key::Copy)));
        assert_eq!(
            command(&press("c")),
            Some(Command::Editor(Key::ConnectMenu))
        );
        assert_eq!(
            command(&ctrl("Backspace")),
            None,
            "Ctrl+Backspace stays the browser's"
        );
        assert_eq!(
            command(&press("Delete")),
            Some(Command::Editor(Key::Delete))
        );
        assert_eq!(
            command(&KeyPress {
                shift: true,
                ..press("ArrowLeft")
            }),
            Some(nudge(-1, 0, true))
        );
        assert_eq!(command(&ctrl("ArrowLeft")), None);
        assert_eq!(command(&press("=")), Some(Command::Editor(Key::ZoomIn)));
        let digit = |code, shift, ctrl| KeyPress {
            key: "!",
            code,
            shift,
            ctrl,
            ..KeyPress::default()
        };
        assert_eq!(
            command(&digit("Digit1", true, false)),
            Some(Command::Editor(Key::ZoomFit))
        );
        assert_eq!(
            command(&digit("Digit0", true, false)),
            Some(Command::Editor(Key::ZoomReset))
        );
        assert_eq!(
            command(&digit("Numpad0", false, true)),
            Some(Command::Editor(Key::ZoomReset))
        );
        assert_eq!(
            command(&KeyPress {
                alt: true,
                ..press("c")
            }),
            None
        );
        assert_eq!(
            command(&KeyPress {
                alt: true,
                ..press("Escape")
            }),
            Some(Command::Editor(Key::Escape))
        );
    }

    #[test]
    fn the_run_keys_and_the_rest() {
        assert_eq!(command(&press("R")), Some(Command::RunPause));
        assert_eq!(command(&press("k")), Some(Command::KillOrRestore));
        let ctrl_r = KeyPress {
            ctrl: true,
            ..press("r")
        };
        assert_eq!(command(&ctrl_r), None, "Ctrl+R reloads the page");
        assert_eq!(command(&press("?")), Some(Command::Sheet));
        assert_eq!(
            command(&KeyPress {
                shift: true,
                ..press("F10")
            }),
            Some(Command::NodeMenu)
        );
        assert_eq!(command(&press("F10")), None);
        assert_eq!(command(&press("Tab")), Some(Command::Walk));
        assert_eq!(command(&press("Enter")), Some(Command::Inspect));
    }

    #[test]
    fn the_sheet_is_written_from_the_bindings() {
        let row = |what: &str| {
            SECTIONS
                .iter()
                .flat_map(|(_, _, r)| r.iter())
                .find(|r| r.what == what)
                .map(Row::keys)
                .expect(what)
        };
        assert_eq!(row("Redo"), "Ctrl Shift Z · Ctrl Y");
        assert_eq!(row("Undo"), "Ctrl Z");
        assert_eq!(
            row("Copy, cut, paste (settings and inner connections kept)"),
            "Ctrl C · Ctrl X · Ctrl V"
        );
        assert_eq!(row("Run, or pause the run"), "R");
        assert_eq!(
            row("Delete the selection (nodes, or the selected connection)"),
            "Delete · Backspace"
        );
        assert_eq!(
            row("Cancel the drag, marquee or list in progress; deselect a connection"),
            "Esc"
        );
        assert_eq!(
            row("Open the focused node's menu: Kill, Restore, its tier's faults, and editing"),
            "Shift F10 · Menu key"
        );
        assert_eq!(
            row("Go from node to node, then along the connections (selects each)"),
            "Tab · Shift Tab"
        );
    }

    #[test]
    fn no_two_commands_share_a_chord() {
        let all: Vec<(Chord, Command)> = SECTIONS
            .iter()
            .flat_map(|(_, _, r)| r.iter())
            .flat_map(|r| r.bindings.iter().copied())
            .collect();
        for (i, (a, ca)) in all.iter().enumerate() {
            for (b, cb) in &all[i + 1..] {
                let overlap = a.by_code == b.by_code
                    && a.keys.iter().any(|k| b.keys.contains(k))
                    && [(a.cmd, b.cmd), (a.shift, b.shift)]
                        .iter()
                        .all(|&(x, y)| x == Any || y == Any || x == y);
                assert!(!overlap || ca == cb, "{a:?} and {b:?}");
            }
        }
    }
}
