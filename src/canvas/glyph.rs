//! Small inline SVG icons, one per component kind, drawn with `currentColor` so they follow the theme.

use leptos::prelude::*;
use sim_core::ComponentKind;

/// The icon of `kind`, 20×20 px.
#[component]
pub fn Glyph(kind: ComponentKind) -> impl IntoView {
    let shape = match kind {
        ComponentKind::Client => view! {
            <g>
                <rect x="2" y="3" width="16" height="11" rx="1.5" />
                <path d="M7 17 H13 M10 14 V17" />
            </g>
        }
        .into_any(),
        ComponentKind::Dns => view! {
            <g>
                <circle cx="10" cy="10" r="7.5" />
                <path d="M2.5 10 H17.5 M10 2.5 C6 6, 6 14, 10 17.5 M10 2.5 C14 6, 14 14, 10 17.5" />
            </g>
        }
        .into_any(),
        ComponentKind::LoadBalancer => view! {
            <g>
                <circle cx="4" cy="10" r="2" />
                <path d="M6 10 H9 M9 10 L15 4 M9 10 H15 M9 10 L15 16" />
                <circle cx="16.5" cy="4" r="1.5" />
                <circle cx="16.5" cy="10" r="1.5" />
                <circle cx="16.5" cy="16" r="1.5" />
            </g>
        }
        .into_any(),
        ComponentKind::WebServer => view! {
            <g>
                <rect x="3" y="2.5" width="14" height="6" rx="1" />
                <rect x="3" y="11.5" width="14" height="6" rx="1" />
                <path d="M6 5.5 H6.5 M6 14.5 H6.5" />
            </g>
        }
        .into_any(),
        ComponentKind::Database => view! {
            <g>
                <ellipse cx="10" cy="4.5" rx="6.5" ry="2.5" />
                <path d="M3.5 4.5 V15.5 C3.5 17, 16.5 17, 16.5 15.5 V4.5 M3.5 10 C3.5 11.5, 16.5 11.5, 16.5 10" />
            </g>
        }
        .into_any(),
        ComponentKind::Replica => view! {
            <g>
                <ellipse cx="8" cy="5" rx="5" ry="2" />
                <path d="M3 5 V14 C3 15.5, 13 15.5, 13 14 V5" />
                <path d="M13.5 9.5 H18 M16 7.5 L18 9.5 L16 11.5" />
            </g>
        }
        .into_any(),
        ComponentKind::Cache => view! {
            <g>
                <path d="M11 2 L4 11 H10 L9 18 L16 9 H10 Z" />
            </g>
        }
        .into_any(),
        ComponentKind::SessionStore => view! {
            <g>
                <circle cx="7" cy="10" r="3.5" />
                <path d="M10.5 10 H18 M15 10 V13 M17.5 10 V12.5" />
            </g>
        }
        .into_any(),
        ComponentKind::MessageQueue => view! {
            <g>
                <rect x="2" y="6" width="4" height="8" rx="0.5" />
                <rect x="8" y="6" width="4" height="8" rx="0.5" />
                <rect x="14" y="6" width="4" height="8" rx="0.5" />
            </g>
        }
        .into_any(),
        ComponentKind::Workers => view! {
            <g>
                <circle cx="10" cy="10" r="3" />
                <path d="M10 2.5 V5 M10 15 V17.5 M2.5 10 H5 M15 10 H17.5 M4.7 4.7 L6.5 6.5 M13.5 13.5 L15.3 15.3 M4.7 15.3 L6.5 13.5 M13.5 6.5 L15.3 4.7" />
            </g>
        }
        .into_any(),
        ComponentKind::ShardRouter => view! {
            <g>
                <circle cx="10" cy="4" r="2" />
                <path d="M10 6 V9 M4 12 H16 M4 12 V14 M10 9 V14 M16 12 V14" />
                <rect x="2" y="14" width="4" height="4" rx="0.5" />
                <rect x="8" y="14" width="4" height="4" rx="0.5" />
                <rect x="14" y="14" width="4" height="4" rx="0.5" />
            </g>
        }
        .into_any(),
        ComponentKind::Cdn => view! {
            <g>
                <circle cx="10" cy="10" r="2.5" />
                <circle cx="3.5" cy="4" r="1.5" />
                <circle cx="16.5" cy="4" r="1.5" />
                <circle cx="3.5" cy="16" r="1.5" />
                <circle cx="16.5" cy="16" r="1.5" />
                <path d="M5 5 L8 8 M15 5 L12 8 M5 15 L8 12 M15 15 L12 12" />
            </g>
        }
        .into_any(),
    };
    view! {
        <svg class="glyph" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
            {shape}
        </svg>
    }
}
