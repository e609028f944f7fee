//! Global keyboard shortcuts: which key does what, and when a key press is typing rather than
//! a shortcut (inside an input, a textarea, a select or an editable element, or with a
//! modifier held).

/// An app-wide action bound to a single key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// `/`: focus the connector search (opening the connectors list if needed).
    FocusSearch,
    /// `r`: refresh every cluster now.
    Refresh,
    /// `?`: show the list of shortcuts.
    Help,
    /// `n`: create a connector.
    NewConnector,
}

impl Shortcut {
    pub const ALL: [Shortcut; 4] = [
        Shortcut::FocusSearch,
        Shortcut::Refresh,
        Shortcut::NewConnector,
        Shortcut::Help,
    ];

    /// The key shown in the help dialog.
    pub fn key_label(self) -> &'static str {
        match self {
            Shortcut::FocusSearch => "/",
            Shortcut::Refresh => "r",
            Shortcut::Help => "?",
            Shortcut::NewConnector => "n",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Shortcut::FocusSearch => "Search connectors",
            Shortcut::Refresh => "Refresh all clusters now",
            Shortcut::Help => "Show this list of shortcuts",
            Shortcut::NewConnector => "Create a connector",
        }
    }
}

/// The focused element, as far as shortcuts care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyTarget<'a> {
    /// Upper-case tag name (`INPUT`, `TEXTAREA`, …).
    pub tag: &'a str,
    /// `type` attribute of an input, lower-case.
    pub input_type: &'a str,
    pub content_editable: bool,
    /// Inside an open modal dialog: shortcuts stay off so they don't act behind it.
    pub in_dialog: bool,
}

/// Whether a key press on this target is text entry.
pub fn is_typing(target: &KeyTarget<'_>) -> bool {
    if target.content_editable {
        return true;
    }
    match target.tag {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            target.input_type,
            "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file"
        ),
        _ => false,
    }
}

/// The shortcut a key press means, if any. `key` is `KeyboardEvent.key`.
pub fn shortcut_for(
    key: &str,
    ctrl: bool,
    meta: bool,
    alt: bool,
    target: &KeyTarget<'_>,
) -> Option<Shortcut> {
    if ctrl || meta || alt || target.in_dialog || is_typing(target) {
        return None;
    }
    match key {
        "/" => Some(Shortcut::FocusSearch),
        "r" | "R" => Some(Shortcut::Refresh),
        "?" => Some(Shortcut::Help),
        "n" | "N" => Some(Shortcut::NewConnector),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(tag: &'static str) -> KeyTarget<'static> {
        KeyTarget {
            tag,
            ..KeyTarget::default()
        }
    }

    #[test]
    fn keys_map_to_shortcuts_on_the_page() {
        let body = on("BODY");
        assert_eq!(
            shortcut_for("/", false, false, false, &body),
            Some(Shortcut::FocusSearch)
        );
        assert_eq!(
            shortcut_for("r", false, false, false, &body),
            Some(Shortcut::Refresh)
        );
        assert_eq!(
            shortcut_for("?", false, false, false, &body),
            Some(Shortcut::Help)
        );
        assert_eq!(
            shortcut_for("n", false, false, false, &on("A")),
            Some(Shortcut::NewConnector)
        );
        assert_eq!(shortcut_for("x", false, false, false, &body), None);
    }

    #[test]
    fn typing_and_modifiers_are_not_shortcuts() {
        let text = KeyTarget {
            tag: "INPUT",
            input_type: "text",
            ..KeyTarget::default()
        };
        assert_eq!(shortcut_for("r", false, false, false, &text), None);
        assert_eq!(
            shortcut_for("/", false, false, false, &on("TEXTAREA")),
            None
        );
        assert_eq!(shortcut_for("?", false, false, false, &on("SELECT")), None);
        let editable = KeyTarget {
            tag: "DIV",
            content_editable: true,
            ..KeyTarget::default()
        };
        assert_eq!(shortcut_for("r", false, false, false, &editable), None);
        // Ctrl+R reloads the page as the browser intends.
        assert_eq!(shortcut_for("r", true, false, false, &on("BODY")), None);
        assert_eq!(shortcut_for("r", false, true, false, &on("BODY")), None);
        let dialog = KeyTarget {
            tag: "BUTTON",
            in_dialog: true,
            ..KeyTarget::default()
        };
        assert_eq!(shortcut_for("r", false, false, false, &dialog), None);
    }

    #[test]
    fn a_focused_checkbox_still_takes_shortcuts() {
        let checkbox = KeyTarget {
            tag: "INPUT",
            input_type: "checkbox",
            ..KeyTarget::default()
        };
        assert_eq!(
            shortcut_for("r", false, false, false, &checkbox),
            Some(Shortcut::Refresh)
        );
    }
}
