//! The state badge: a connector's roll-up health (including the derived DEGRADED) or a task's
//! reported state, as a coloured pill with an icon and a word, so it never relies on colour
//! alone.

use leptos::prelude::*;

use crate::protocol::model::State;
use crate::state::rollup::Health;

/// What a badge shows: a connector's roll-up [`Health`] or a task's (or connector's) raw
/// reported [`State`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadgeState {
    Health(Health),
    Reported(State),
}

impl From<Health> for BadgeState {
    fn from(h: Health) -> Self {
        BadgeState::Health(h)
    }
}

impl From<State> for BadgeState {
    fn from(s: State) -> Self {
        BadgeState::Reported(s)
    }
}

impl From<Health> for Signal<BadgeState> {
    fn from(h: Health) -> Self {
        Signal::stored(BadgeState::Health(h))
    }
}

impl From<State> for Signal<BadgeState> {
    fn from(s: State) -> Self {
        Signal::stored(BadgeState::Reported(s))
    }
}

/// The colour family of a badge; each tone also has its own icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Bad,
    Warn,
    Ok,
    Paused,
    Stopped,
    Busy,
    Neutral,
}

impl Tone {
    pub fn class(self) -> &'static str {
        match self {
            Tone::Bad => "tone-bad",
            Tone::Warn => "tone-warn",
            Tone::Ok => "tone-ok",
            Tone::Paused => "tone-paused",
            Tone::Stopped => "tone-stopped",
            Tone::Busy => "tone-busy",
            Tone::Neutral => "tone-neutral",
        }
    }

    /// A text glyph that differs per tone (screen readers skip it; the word carries meaning).
    pub fn icon(self) -> &'static str {
        match self {
            Tone::Bad => "✕",
            Tone::Warn => "!",
            Tone::Ok => "✓",
            Tone::Paused => "❚❚",
            Tone::Stopped => "■",
            Tone::Busy => "↻",
            Tone::Neutral => "?",
        }
    }
}

impl BadgeState {
    pub fn tone(&self) -> Tone {
        match self {
            BadgeState::Health(h) => match h {
                Health::Unhealthy => Tone::Bad,
                Health::Degraded | Health::Unassigned => Tone::Warn,
                Health::Restarting | Health::Provisioning => Tone::Busy,
                Health::Unknown => Tone::Neutral,
                Health::Paused => Tone::Paused,
                Health::Stopped => Tone::Stopped,
                Health::Healthy => Tone::Ok,
            },
            BadgeState::Reported(s) => match s {
                State::Failed => Tone::Bad,
                State::Degraded | State::Unassigned => Tone::Warn,
                State::Restarting | State::Provisioning => Tone::Busy,
                State::Paused => Tone::Paused,
                State::Stopped => Tone::Stopped,
                State::Running => Tone::Ok,
                State::Other(_) => Tone::Neutral,
            },
        }
    }

    /// The word on the badge ("Running", "Degraded", "Failed", …).
    pub fn label(&self) -> String {
        match self {
            BadgeState::Health(h) => h.label().to_string(),
            BadgeState::Reported(s) => title_case(s.as_str()),
        }
    }

    /// A stable lower-case token for `data-state` (tests and styles).
    pub fn token(&self) -> String {
        match self {
            BadgeState::Health(h) => h.as_str().to_string(),
            BadgeState::Reported(s) => s.as_str().to_ascii_lowercase(),
        }
    }
}

fn title_case(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `<StateBadge state=Health::Degraded/>`, `<StateBadge state=task.state.clone()/>`, or
/// reactive: `<StateBadge state=Signal::derive(move || BadgeState::from(row.get().health))/>`.
/// `title` adds a tooltip (for example "RUNNING, 1 of 3 tasks FAILED").
#[component]
pub fn StateBadge(
    #[prop(into)] state: Signal<BadgeState>,
    #[prop(optional, into)] title: MaybeProp<String>,
) -> impl IntoView {
    // One effect: a new state rebuilds the same markup in place.
    move || state.with(|s| badge_markup(s, title.get()))
}

/// The badge's markup for one state. The connector list's recycled rows write the same markup
/// cell by cell (`components::connector_row`).
fn badge_markup(state: &BadgeState, title: Option<String>) -> impl IntoView + use<> {
    let tone = state.tone();
    view! {
        <span
            class=format!("state-badge {}", tone.class())
            data-testid="state-badge"
            data-state=state.token()
            title=title
        >
            <span class="state-badge-icon" aria-hidden="true">{tone.icon()}</span>
            <span class="state-badge-label">{state.label()}</span>
        </span>
    }
}
