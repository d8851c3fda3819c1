//! The camera: pan and zoom between world px (where nodes live) and screen px (relative to the canvas element's
//! top-left). Pure value type; zooming keeps the point under the cursor fixed.

use crate::geometry::Point;

/// Smallest zoom factor.
pub const MIN_ZOOM: f64 = 0.25;
/// Largest zoom factor.
pub const MAX_ZOOM: f64 = 4.0;
/// Smallest zoom a diagram opens at: below it node labels would be drawn under 10 px even with the canvas's
/// far-zoom label size (10.5 px ÷ zoom, capped at 21 px world). A bigger diagram opens at this zoom showing its
/// top-left part (where the users are), and the Fit button shows all of it.
pub const READABLE_ZOOM: f64 = 0.5;

/// `screen = world × zoom + pan`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen x of world x = 0, px.
    pub pan_x: f64,
    /// Screen y of world y = 0, px.
    pub pan_y: f64,
    /// Screen px per world px, within [`MIN_ZOOM`]–[`MAX_ZOOM`].
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            pan_x: 0.0,
            pan_y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    /// World point → screen point.
    #[must_use]
    pub fn to_screen(self, w: Point) -> Point {
        Point::new(w.x * self.zoom + self.pan_x, w.y * self.zoom + self.pan_y)
    }

    /// Screen point → world point.
    #[must_use]
    pub fn to_world(self, s: Point) -> Point {
        Point::new(
            (s.x - self.pan_x) / self.zoom,
            (s.y - self.pan_y) / self.zoom,
        )
    }

    /// Moved by `(dx, dy)` screen px.
    #[must_use]
    pub fn panned(self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            pan_x: self.pan_x + dx,
            pan_y: self.pan_y + dy,
            ..self
        }
    }

    /// Zoomed by `factor` (clamped to the allowed range) keeping the world point under `screen_anchor` where it is.
    #[must_use]
    pub fn zoomed_at(self, screen_anchor: Point, factor: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let w = self.to_world(screen_anchor);
        Viewport {
            pan_x: screen_anchor.x - w.x * zoom,
            pan_y: screen_anchor.y - w.y * zoom,
            zoom,
        }
    }

    /// The camera after a two-finger gesture: fingers that were at `a0`, `b0` (screen px) are now at `a1`, `b1`.
    /// Zooms by the ratio of the finger distances (clamped) about the old midpoint, then pans by how far the
    /// midpoint moved, so the world point between the fingers stays between them, as on a map.
    #[must_use]
    pub fn pinched(self, a0: Point, b0: Point, a1: Point, b1: Point) -> Viewport {
        let (d0, d1) = (a0.distance(b0), a1.distance(b1));
        let factor = if d0 > 1.0 { d1 / d0 } else { 1.0 };
        let m0 = Point::new((a0.x + b0.x) / 2.0, (a0.y + b0.y) / 2.0);
        let m1 = Point::new((a1.x + b1.x) / 2.0, (a1.y + b1.y) / 2.0);
        self.zoomed_at(m0, factor).panned(m1.x - m0.x, m1.y - m0.y)
    }

    /// The camera showing every node (top-left corners `tops`, each `node_w` × `node_h` world px) inside a screen
    /// of `screen_w` × `screen_h` px with `margin` px around, never zoomed in past 1 (a small diagram stays at
    /// natural size, top-left aligned with the margin). An empty diagram gets the default camera.
    #[must_use]
    pub fn fit(
        tops: &[Point],
        node_w: f64,
        node_h: f64,
        screen_w: f64,
        screen_h: f64,
        margin: f64,
    ) -> Viewport {
        Viewport::fit_at_least(tops, node_w, node_h, screen_w, screen_h, margin, MIN_ZOOM)
    }

    /// [`Viewport::fit`], but never below `min_zoom` (clamped to [`MIN_ZOOM`]–1): a diagram too big for the screen
    /// at that zoom shows its top-left corner at the margin.
    #[must_use]
    pub fn fit_at_least(
        tops: &[Point],
        node_w: f64,
        node_h: f64,
        screen_w: f64,
        screen_h: f64,
        margin: f64,
        min_zoom: f64,
    ) -> Viewport {
        if tops.is_empty() || screen_w <= 2.0 * margin || screen_h <= 2.0 * margin {
            return Viewport::default();
        }
        let min_x = tops.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
        let min_y = tops.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
        let max_x = tops
            .iter()
            .map(|p| p.x + node_w)
            .fold(f64::NEG_INFINITY, f64::max);
        let max_y = tops
            .iter()
            .map(|p| p.y + node_h)
            .fold(f64::NEG_INFINITY, f64::max);
        let zoom = ((screen_w - 2.0 * margin) / (max_x - min_x))
            .min((screen_h - 2.0 * margin) / (max_y - min_y))
            .clamp(min_zoom.clamp(MIN_ZOOM, 1.0), 1.0);
        Viewport {
            pan_x: margin - min_x * zoom,
            pan_y: margin - min_y * zoom,
            zoom,
        }
    }

    /// CSS `transform` placing the world layer: `translate(…px, …px) scale(…)`.
    #[must_use]
    pub fn css_transform(self) -> String {
        format!(
            "translate({}px, {}px) scale({})",
            self.pan_x, self.pan_y, self.zoom
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readable_fit_stops_at_its_floor_and_shows_the_top_left() {
        let tops = [Point::new(100.0, 40.0), Point::new(1_500.0, 600.0)];
        let all = Viewport::fit(&tops, 160.0, 72.0, 375.0, 500.0, 24.0);
        assert!(all.zoom < READABLE_ZOOM);
        let v = Viewport::fit_at_least(&tops, 160.0, 72.0, 375.0, 500.0, 24.0, READABLE_ZOOM);
        assert!((v.zoom - READABLE_ZOOM).abs() < 1e-12);
        assert_eq!(v.to_screen(Point::new(100.0, 40.0)), Point::new(24.0, 24.0));
        // A diagram that fits above the floor is fitted as before.
        let small = [Point::new(0.0, 0.0), Point::new(300.0, 100.0)];
        assert_eq!(
            Viewport::fit_at_least(&small, 160.0, 72.0, 800.0, 500.0, 24.0, READABLE_ZOOM),
            Viewport::fit(&small, 160.0, 72.0, 800.0, 500.0, 24.0)
        );
    }

    #[test]
    fn fit_shows_every_node_and_never_zooms_in() {
        let tops = [Point::new(0.0, 0.0), Point::new(900.0, 400.0)];
        let v = Viewport::fit(&tops, 140.0, 64.0, 800.0, 500.0, 20.0);
        let far = v.to_screen(Point::new(1_040.0, 464.0));
        assert!(far.x <= 780.0 + 1e-9 && far.y <= 480.0 + 1e-9, "{far:?}");
        assert!(v.zoom < 1.0);
        let small = Viewport::fit(&[Point::new(50.0, 50.0)], 140.0, 64.0, 800.0, 500.0, 20.0);
        assert!((small.zoom - 1.0).abs() < 1e-12);
        assert_eq!(
            small.to_screen(Point::new(50.0, 50.0)),
            Point::new(20.0, 20.0)
        );
        assert_eq!(
            Viewport::fit(&[], 1.0, 1.0, 800.0, 500.0, 20.0),
            Viewport::default()
        );
    }

    #[test]
    fn pinching_apart_zooms_in_and_keeps_the_world_point_between_the_fingers() {
        let v = Viewport::default();
        let (a0, b0) = (Point::new(100.0, 100.0), Point::new(200.0, 100.0));
        let mid_world = v.to_world(Point::new(150.0, 100.0));
        let (a1, b1) = (Point::new(60.0, 120.0), Point::new(260.0, 120.0));
        let p = v.pinched(a0, b0, a1, b1);
        assert!((p.zoom - 2.0).abs() < 1e-12, "{p:?}");
        assert!(p.to_world(Point::new(160.0, 120.0)).distance(mid_world) < 1e-9);
        assert_eq!(
            v.pinched(a0, a0, a1, b1).zoom,
            1.0,
            "coincident fingers: no zoom"
        );
    }

    #[test]
    fn world_and_screen_round_trip() {
        let v = Viewport {
            pan_x: 30.0,
            pan_y: -12.0,
            zoom: 2.0,
        };
        let w = Point::new(7.0, 9.0);
        assert_eq!(v.to_screen(w), Point::new(44.0, 6.0));
        assert_eq!(v.to_world(v.to_screen(w)), w);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_cursor_and_clamps() {
        let v = Viewport {
            pan_x: 10.0,
            pan_y: 20.0,
            zoom: 1.0,
        };
        let anchor = Point::new(200.0, 100.0);
        let before = v.to_world(anchor);
        let z = v.zoomed_at(anchor, 1.5);
        assert!((z.zoom - 1.5).abs() < 1e-12);
        let after = z.to_world(anchor);
        assert!(before.distance(after) < 1e-9);
        assert_eq!(v.zoomed_at(anchor, 100.0).zoom, MAX_ZOOM);
        assert_eq!(v.zoomed_at(anchor, 0.0001).zoom, MIN_ZOOM);
        assert_eq!(
            v.panned(5.0, -5.0),
            Viewport {
                pan_x: 15.0,
                pan_y: 15.0,
                zoom: 1.0
            }
        );
    }
}
