//! The theme switch: follows the system until the reader picks light or dark, and remembers it.

use leptos::prelude::*;

const STORAGE_KEY: &str = "quire-theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn from_stored(value: Option<&str>) -> Self {
        match value {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::System,
        }
    }

    fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::System => "Theme: system",
            Self::Light => "Theme: light",
            Self::Dark => "Theme: dark",
        }
    }

    fn stored(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn apply(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme.stored() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    // The page was rendered without the reader's choice, which only the browser keeps: it is
    // read once the page is the app's.
    let (theme, set_theme) = signal(Theme::System);
    Effect::new(move |_| {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        set_theme.set(Theme::from_stored(stored.as_deref()));
    });
    let toggle = move |_| {
        let next = theme.get_untracked().next();
        set_theme.set(next);
        apply(next);
        if let Some(storage) = storage() {
            let _ = match next.stored() {
                Some(value) => storage.set_item(STORAGE_KEY, value),
                None => storage.remove_item(STORAGE_KEY),
            };
        }
    };
    view! {
        <button type="button" class="theme-toggle" data-needs-js on:click=toggle aria-live="polite">
            {move || theme.get().label()}
        </button>
    }
}
