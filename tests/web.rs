//! Browser tests of the app, run by wasm-bindgen-test in headless Chromium: mount the app, drive it through its
//! context's `dispatch` (as the editor does) and check what the DOM shows; and check that the simulation core
//! computes, under wasm, the same trace hash as natively (the golden written by the core's tests).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::GetUntracked;
use scalelab_app::ctx::Ctx;
use sim_core::model::ComponentKind;
use sim_core::scenario::{Edit, presets};
use sim_core::{SimTime, Simulation};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::wasm_bindgen::JsCast;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app in its own element (tests share one page) and returns both.
fn mount() -> (Ctx, web_sys::HtmlElement) {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document");
    let parent: web_sys::HtmlElement = document
        .create_element("div")
        .expect("a div")
        .dyn_into()
        .expect("a div is an HtmlElement");
    document
        .body()
        .expect("a body")
        .append_child(&parent)
        .expect("append");
    (scalelab_app::mount_app_to(parent.clone()), parent)
}

fn count(parent: &web_sys::HtmlElement, selector: &str) -> u32 {
    parent
        .query_selector_all(selector)
        .expect("a valid selector")
        .length()
}

#[wasm_bindgen_test]
async fn the_app_opens_on_the_three_tier_preset() {
    let (_, parent) = mount();
    leptos::task::tick().await;
    assert_eq!(count(&parent, "[data-testid=app]"), 1);
    assert_eq!(count(&parent, "[data-testid=node]"), 6);
    assert_eq!(count(&parent, "[data-testid=edge]"), 6);
    assert_eq!(count(&parent, "[data-testid=palette-load_balancer]"), 1);
    assert!(count(&parent, "[data-testid^=palette-]") >= 5);
}

#[wasm_bindgen_test]
async fn nodes_added_and_connected_through_dispatch_show_up_with_their_problems() {
    let (ctx, parent) = mount();
    ctx.dispatch(Edit::Replace(Box::default()))
        .expect("replace");
    let add = |kind, x| {
        ctx.dispatch(Edit::AddNode { kind, x, y: 100.0 })
            .expect("add")
            .added
            .expect("id")
    };
    let users = add(ComponentKind::Client, 40.0);
    let web = add(ComponentKind::WebServer, 300.0);
    ctx.dispatch(Edit::Connect {
        from: users,
        to: web,
    })
    .expect("connect");
    leptos::task::tick().await;
    assert_eq!(count(&parent, "[data-testid=node]"), 2);
    let edge = format!(
        "[data-testid=edge][data-from='{}'][data-to='{}']",
        users.0, web.0
    );
    assert_eq!(count(&parent, &edge), 1, "the connection is drawn");
    // A web server without a database is a problem shown on that node.
    let web_badge = format!(
        "[data-testid=node][data-node-id='{}'] [data-testid=node-issue]",
        web.0
    );
    assert_eq!(count(&parent, &web_badge), 1);
    let issues = parent
        .query_selector("[data-testid=issues]")
        .expect("selector")
        .expect("an issues list");
    assert!(
        issues
            .text_content()
            .unwrap_or_default()
            .contains("no database"),
        "{:?}",
        issues.text_content()
    );

    let db = add(ComponentKind::Database, 560.0);
    ctx.dispatch(Edit::Connect { from: web, to: db })
        .expect("connect");
    leptos::task::tick().await;
    assert_eq!(
        count(&parent, &web_badge),
        0,
        "the problem is gone once the database is connected"
    );
    assert!(
        ctx.dispatch(Edit::SetNumber {
            node: web,
            field: "workers".into(),
            value: 0.0
        })
        .is_err()
    );
}

#[wasm_bindgen_test]
fn the_core_computes_the_native_trace_hash_under_wasm() {
    let golden = include_str!("../crates/sim-core/tests/golden/three_tier_seed1_10s.hash").trim();
    let mut sim = Simulation::new(&presets::get("three_tier").expect("preset")).expect("valid");
    sim.step_until(SimTime(10_000_000), u64::MAX);
    assert_eq!(format!("{:016x}", sim.trace_hash()), golden);
}

#[wasm_bindgen_test]
async fn the_share_link_is_short_for_a_preset_and_whole_once_edited() {
    let (ctx, parent) = mount();
    leptos::task::tick().await;
    let doc = || ctx.doc.get_untracked();
    assert_eq!(scalelab_app::share::fragment_for(&doc()), "t/three_tier");
    // The lesson panel of the three-tier step is shown, with its experiments and challenge.
    assert_eq!(count(&parent, "[data-testid=lesson]"), 1);
    assert!(count(&parent, "[data-testid=experiment]") >= 2);
    assert_eq!(count(&parent, "[data-testid=challenge]"), 1);

    ctx.dispatch(Edit::SetSeed(42)).expect("seed");
    let link = scalelab_app::share::fragment_for(&doc());
    assert!(link.starts_with("d1."), "{link}");
    let back = scalelab_share::decode_fragment(&link).expect("decodes");
    assert_eq!(back.scenario, doc());

    // A design of one's own has no lesson.
    ctx.dispatch(Edit::Replace(Box::default()))
        .expect("replace");
    leptos::task::tick().await;
    assert_eq!(count(&parent, "[data-testid=lesson]"), 0);
    // File names come from the scenario's name, and are never empty.
    let stem = |name: &str| {
        scalelab_app::share::files::file_stem(&sim_core::Scenario {
            name: name.into(),
            ..Default::default()
        })
    };
    assert_eq!(
        stem("Cache in front of the DB!"),
        "scalelab-cache-in-front-of-the-db"
    );
    assert_eq!(stem("<script>"), "scalelab-script");
    assert_eq!(stem("…"), "scenario");
}
