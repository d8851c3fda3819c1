//! Pointer, wheel and Space handling of the canvas: converts DOM events to world points and editor calls.
//!
//! Mouse: the left button follows the editor's rules (port → connect, node → drag, edge → select it, background →
//! marquee); Space held, the middle or the right button pans (the right one also selects an edge it presses on). Wheel zooms at the cursor (a trackpad pinch arrives as Ctrl+wheel).
//! Touch: one finger is a press with [`Press::touch`] (the background pans), a second finger cancels that gesture
//! and the two fingers pinch-zoom and pan until both are lifted. Moves and releases are listened to on the window
//! so that drags leaving the canvas (and palette drags entering it) are followed.

use crate::ctx::Ctx;
use leptos::ev;
use leptos::html::Div;
use leptos::prelude::*;
use scalelab_editor::{Key, Mode, Point, Press};

/// Fingers on the canvas (screen px, relative to the canvas) and whether they are pinching.
#[derive(Clone, Debug, Default)]
struct Fingers {
    down: Vec<(i32, Point)>,
    pinching: bool,
}

/// State the canvas's views share: the element, whether a pointer is pressed (a node that gains focus from a
/// press must not reset a Shift selection) and whether Space is held.
#[derive(Clone, Copy)]
pub struct CanvasUi {
    /// The canvas element.
    pub el: NodeRef<Div>,
    /// A pointer is pressed on the canvas.
    pub pressing: StoredValue<bool>,
    /// Space is held: a press pans.
    pub space: RwSignal<bool>,
    fingers: StoredValue<Fingers>,
}

impl CanvasUi {
    /// Fresh state for the canvas element `el`.
    pub fn new(el: NodeRef<Div>) -> Self {
        CanvasUi {
            el,
            pressing: StoredValue::new(false),
            space: RwSignal::new(false),
            fingers: StoredValue::new(Fingers::default()),
        }
    }

    /// Client (page) coordinates → screen point relative to the canvas, and whether it lies inside it.
    pub fn to_canvas(&self, client_x: f64, client_y: f64) -> Option<(Point, bool)> {
        let el = self.el.get_untracked()?;
        let r = el.get_bounding_client_rect();
        let p = Point::new(client_x - r.left(), client_y - r.top());
        let inside = p.x >= 0.0 && p.y >= 0.0 && p.x <= r.width() && p.y <= r.height();
        Some((p, inside))
    }

    /// Tells the editor the canvas's current size (zoom keys and zoom to fit use it).
    pub fn measure(&self, ctx: Ctx) {
        if let Some(el) = self.el.get_untracked() {
            let r = el.get_bounding_client_rect();
            let size = Point::new(r.width(), r.height());
            if ctx.editor.with_untracked(|e| e.screen != size) {
                ctx.editor.update(|e| e.screen = size);
            }
        }
    }
}

fn client(e: &ev::PointerEvent) -> (f64, f64) {
    (f64::from(e.client_x()), f64::from(e.client_y()))
}

/// The canvas's `pointerdown` handler.
pub fn on_down(ctx: Ctx, ui: CanvasUi) -> impl Fn(ev::PointerEvent) + Copy + 'static {
    move |e: ev::PointerEvent| {
        let (cx, cy) = client(&e);
        let Some((screen, _)) = ui.to_canvas(cx, cy) else {
            return;
        };
        ui.measure(ctx);
        let touch = e.pointer_type() == "touch";
        if touch {
            let second = ui.fingers.try_update_value(|f| {
                f.down.retain(|(id, _)| *id != e.pointer_id());
                f.down.push((e.pointer_id(), screen));
                if f.down.len() == 2 {
                    f.pinching = true;
                }
                f.pinching
            });
            if second == Some(true) {
                // A second finger: whatever the first started becomes a pinch.
                ctx.editor.update(|ed| {
                    ed.key(Key::Escape);
                });
                return;
            }
        }
        let pan = e.button() == 1 || ui.space.get_untracked();
        let secondary = e.button() == 2;
        if e.button() != 0 && !pan && !secondary {
            return;
        }
        if e.button() == 1 {
            e.prevent_default(); // no autoscroll
        }
        ui.pressing.set_value(true);
        let world = ctx.editor.with_untracked(|ed| ed.viewport.to_world(screen));
        let press = Press {
            additive: e.shift_key(),
            pan,
            touch,
            secondary,
        };
        ctx.editor.update(|ed| {
            ed.press(world, press);
        });
    }
}

/// Installs the window listeners (moves, releases, cancels, Space) for the lifetime of the calling component.
pub fn install(ctx: Ctx, ui: CanvasUi) {
    let busy = move || ctx.editor.with_untracked(|e| *e.mode() != Mode::Idle);
    let world_at = move |e: &ev::PointerEvent| -> Option<Point> {
        let (cx, cy) = client(e);
        let (screen, inside) = ui.to_canvas(cx, cy)?;
        inside.then(|| ctx.editor.with_untracked(|ed| ed.viewport.to_world(screen)))
    };
    // Whether a touch move was a pinch step (then the editor does not see it).
    let pinch_move = move |e: &ev::PointerEvent| -> bool {
        if e.pointer_type() != "touch" {
            return false;
        }
        let (cx, cy) = client(e);
        let Some((screen, _)) = ui.to_canvas(cx, cy) else {
            return false;
        };
        let step = ui
            .fingers
            .try_update_value(|f| {
                let old = f.down.clone();
                if let Some(slot) = f.down.iter_mut().find(|(id, _)| *id == e.pointer_id()) {
                    slot.1 = screen;
                }
                (f.pinching, old, f.down.clone())
            })
            .unwrap_or_default();
        let (pinching, old, new) = step;
        if pinching && old.len() == 2 && new.len() == 2 {
            ctx.editor.update(|ed| {
                ed.viewport = ed.viewport.pinched(old[0].1, old[1].1, new[0].1, new[1].1);
            });
        }
        pinching
    };
    let h_move = window_event_listener(ev::pointermove, move |e| {
        if pinch_move(&e) {
            return;
        }
        if busy() {
            let p = world_at(&e);
            ctx.editor.update(|ed| {
                ed.pointer_move(p);
            });
        }
    });
    // Whether the released finger was part of a pinch (then the editor does not see it).
    let lift = move |e: &ev::PointerEvent| -> bool {
        if e.pointer_type() != "touch" {
            return false;
        }
        ui.fingers
            .try_update_value(|f| {
                let was = f.pinching;
                f.down.retain(|(id, _)| *id != e.pointer_id());
                if f.down.is_empty() {
                    f.pinching = false;
                }
                was
            })
            .unwrap_or(false)
    };
    let h_up = window_event_listener(ev::pointerup, move |e| {
        ui.pressing.set_value(false);
        if lift(&e) {
            return;
        }
        if busy() {
            let p = world_at(&e);
            ctx.editor.update(|ed| {
                ed.pointer_up(p);
            });
        }
    });
    let h_cancel = window_event_listener(ev::pointercancel, move |e| {
        ui.pressing.set_value(false);
        lift(&e);
        if busy() {
            ctx.editor.update(|ed| {
                ed.key(Key::Escape);
            });
        }
    });
    let h_key_down = window_event_listener(ev::keydown, move |e| {
        if e.key() == " " && !crate::keys::typing_in_field(&e) && !ui.space.get_untracked() {
            ui.space.set(true);
        }
    });
    let h_key_up = window_event_listener(ev::keyup, move |e| {
        if e.key() == " " {
            ui.space.set(false);
        }
    });
    let h_resize = window_event_listener(ev::resize, move |_| ui.measure(ctx));
    on_cleanup(move || {
        h_move.remove();
        h_up.remove();
        h_cancel.remove();
        h_key_down.remove();
        h_key_up.remove();
        h_resize.remove();
    });
}

/// The canvas's `wheel` handler: zooms at the cursor, proportionally to the wheel distance (smooth on trackpads).
pub fn on_wheel(ctx: Ctx, ui: CanvasUi) -> impl Fn(ev::WheelEvent) + Copy + 'static {
    move |e: ev::WheelEvent| {
        e.prevent_default();
        let Some((anchor, _)) = ui.to_canvas(f64::from(e.client_x()), f64::from(e.client_y()))
        else {
            return;
        };
        // Lines (delta mode 1) are about 16 px; pinch-zoom on a trackpad comes as Ctrl+wheel with small deltas.
        let px = if e.delta_mode() == 1 {
            e.delta_y() * 16.0
        } else {
            e.delta_y()
        };
        let speed = if e.ctrl_key() { 0.01 } else { 0.002 };
        let factor = (-px * speed).clamp(-0.5, 0.5).exp();
        ctx.editor
            .update(|ed| ed.viewport = ed.viewport.zoomed_at(anchor, factor));
    }
}
