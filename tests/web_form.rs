//! Browser tests of the generated connector form on real Connect 4.3.1 validate answers
//! (`tests/fixtures/apache/`): every widget type renders for the rich test plugin, a PASSWORD
//! field never shows `[hidden]` nor the stored secret, typing in one field re-renders no other
//! field, an advanced field with an error or a value is shown without opening its disclosure,
//! and the render time of the largest real form (MirrorSourceConnector) is measured.
#![cfg(target_arch = "wasm32")]

use connect_console::components::config_field::render_count;
use connect_console::components::connector_form::ConnectorForm;
use connect_console::form::{anchor_id, FormModel};
use connect_console::protocol::model::{ConfigInfos, ConfigMap, PluginInfo};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "support/web.rs"]
mod web_support;
use web_support::{count, next_frame, next_tick, sleep};

wasm_bindgen_test_configure!(run_in_browser);

const RICH_VALID: &str = include_str!("fixtures/apache/validate-rich-valid.json");
const RICH_ERRORS: &str = include_str!("fixtures/apache/validate-rich-errors.json");
const RICH_LIVE: &str = include_str!("fixtures/apache/connector-config-rich.json");
const PLUGINS: &str = include_str!("fixtures/apache/plugins-all.json");
const MIRROR_VALID: &str = include_str!("fixtures/apache/validate-mirror-source-valid.json");
const MIRROR_ERRORS: &str = include_str!("fixtures/apache/validate-mirror-source-errors.json");

fn infos(text: &str) -> ConfigInfos {
    serde_json::from_str(text).expect("a validate fixture")
}

fn mount_form(model: FormModel) -> (web_sys::Element, RwSignal<FormModel>, ()) {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let form = RwSignal::new(model);
    let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! { <div class="app-root"><ConnectorForm form/></div> }
    });
    // Each test mounts into its own element and leaves it (the page is discarded at the end).
    handle.forget();
    (root, form, ())
}

/// Opens every section's "Advanced" disclosure the way a user does (a click on its summary) and
/// waits until each has built its fields.
async fn open_advanced(root: &web_sys::Element) {
    let summaries = root
        .query_selector_all("details.cf-advanced:not([hidden]) > summary")
        .unwrap();
    let n = summaries.length();
    for i in 0..n {
        summaries
            .item(i)
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click();
    }
    for _ in 0..100 {
        if count(root, "details.cf-advanced:not([hidden]) > .cf-fields") == n {
            return;
        }
        sleep(10).await;
    }
    panic!("the advanced fields were not built after opening");
}

fn input_of(root: &web_sys::Element, key: &str) -> web_sys::Element {
    root.query_selector(&format!("#{}", anchor_id(key)))
        .unwrap()
        .unwrap_or_else(|| panic!("an input for {key}"))
}

/// Every input, select and textarea value plus the text of the form.
fn all_visible_text(root: &web_sys::Element) -> String {
    let mut out = root.text_content().unwrap_or_default();
    let fields = root.query_selector_all("input, textarea, select").unwrap();
    for i in 0..fields.length() {
        let node = fields.item(i).unwrap();
        if let Some(inp) = node.dyn_ref::<web_sys::HtmlInputElement>() {
            out.push('\n');
            out.push_str(&inp.value());
            out.push('\n');
            out.push_str(&inp.placeholder());
        } else if let Some(t) = node.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            out.push('\n');
            out.push_str(&t.value());
        } else if let Some(s) = node.dyn_ref::<web_sys::HtmlSelectElement>() {
            out.push('\n');
            out.push_str(&s.value());
        }
    }
    out
}

#[wasm_bindgen_test]
async fn rich_plugin_renders_every_widget_type() {
    let mut model = FormModel::new_create("io.connectconsole.test.RichSourceConnector", "rich-ui");
    let plugins: Vec<PluginInfo> = serde_json::from_str(PLUGINS).unwrap();
    model.set_plugins(plugins);
    model.apply_validation(&infos(RICH_VALID));
    let (root, _form, _h) = mount_form(model);
    next_tick().await;

    // MEDIUM/LOW fields are built when their "Advanced" disclosure first opens.
    assert!(
        root.query_selector(&format!("#{}", anchor_id("key.converter")))
            .unwrap()
            .is_none(),
        "an advanced field is not built while its disclosure is closed"
    );
    open_advanced(&root).await;
    input_of(&root, "key.converter");

    // Sections in the plugin's group order, with the important fields first.
    let titles: Vec<String> = {
        let list = root
            .query_selector_all("[data-testid='form-section']")
            .unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::Element>()
                    .get_attribute("data-section")
                    .unwrap()
            })
            .collect()
    };
    let pos = |t: &str| titles.iter().position(|x| x == t);
    assert!(
        pos("Connection").is_some() && pos("Data").is_some(),
        "{titles:?}"
    );
    assert!(
        pos("Connection") < pos("Data"),
        "groups keep their order: {titles:?}"
    );

    // BOOLEAN → switch, PASSWORD → masked input, LIST → list editor, recommended → select,
    // INT/LONG/SHORT → numeric input, DOUBLE → decimal input, CLASS → class input (and a
    // combobox with the cluster's classes for converter keys), LONG STRING → textarea.
    assert_eq!(
        input_of(&root, "rich.enable.headers")
            .get_attribute("role")
            .as_deref(),
        Some("switch")
    );
    assert_eq!(
        input_of(&root, "rich.password")
            .get_attribute("type")
            .as_deref(),
        Some("password")
    );
    assert_eq!(
        input_of(&root, "rich.tables")
            .get_attribute("data-testid")
            .as_deref(),
        Some("list-editor")
    );
    assert_eq!(input_of(&root, "rich.mode").tag_name(), "SELECT");
    assert_eq!(input_of(&root, "rich.auth.mode").tag_name(), "SELECT");
    assert_eq!(
        input_of(&root, "rich.batch.size")
            .get_attribute("inputmode")
            .as_deref(),
        Some("numeric")
    );
    assert_eq!(
        input_of(&root, "rich.retries")
            .get_attribute("inputmode")
            .as_deref(),
        Some("numeric")
    );
    assert_eq!(
        input_of(&root, "rich.sample.ratio")
            .get_attribute("inputmode")
            .as_deref(),
        Some("decimal")
    );
    assert_eq!(input_of(&root, "rich.key.class").tag_name(), "INPUT");
    assert!(
        input_of(&root, "key.converter")
            .get_attribute("list")
            .is_some(),
        "a converter key suggests the cluster's converter classes"
    );
    assert_eq!(input_of(&root, "rich.endpoint.url").tag_name(), "TEXTAREA");
    assert!(count(&root, "select") >= 3);
    assert!(
        count(&root, "datalist option") > 0,
        "class suggestions are rendered"
    );

    // Required fields are marked; defaults are placeholders; documentation is help text.
    let topic = input_of(&root, "rich.topic");
    let row = root
        .query_selector(&format!("#{}-row", anchor_id("rich.topic")))
        .unwrap()
        .unwrap();
    assert!(row.text_content().unwrap().contains("required"));
    let batch: web_sys::HtmlInputElement = input_of(&root, "rich.batch.size").unchecked_into();
    assert_eq!(batch.placeholder(), "100");
    assert!(topic.get_attribute("aria-describedby").is_some());

    // Invisible keys (rich.username while auth is "none") are not rendered but counted.
    assert!(root
        .query_selector(&format!("#{}", anchor_id("rich.username")))
        .unwrap()
        .is_none());
    assert!(root
        .text_content()
        .unwrap()
        .contains("hidden by the plugin"));

    // MEDIUM/LOW fields sit in a per-section "Advanced" disclosure.
    assert!(count(&root, "details.cf-advanced") >= 2);
}

#[wasm_bindgen_test]
async fn server_errors_show_inline_and_in_the_summary() {
    let mut model = FormModel::new_create("io.connectconsole.test.RichSourceConnector", "");
    model.apply_validation(&infos(RICH_ERRORS));
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let form = RwSignal::new(model);
    let h = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
        view! {
            <div class="app-root">
                <connect_console::components::validation_summary::ValidationSummary form/>
                <ConnectorForm form/>
            </div>
        }
    });
    h.forget();
    next_tick().await;
    let errors = form.with_untracked(|m| m.errors());
    assert!(!errors.is_empty());
    let heading = root
        .query_selector("[data-testid='error-count']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(heading.contains(&errors.total().to_string()), "{heading}");
    assert_eq!(
        count(&root, "[data-testid='error-link']") as usize,
        errors.entries.len()
    );
    // Each error of a visible, rendered field is inline at its field.
    for e in errors
        .entries
        .iter()
        .filter(|e| e.visible && e.key != "name")
    {
        if let Some(row) = root
            .query_selector(&format!("#{}-row", anchor_id(&e.key)))
            .unwrap()
        {
            let text = row.text_content().unwrap();
            assert!(
                text.contains(&e.messages[0]),
                "{} shows {:?} inline: {text}",
                e.key,
                e.messages[0]
            );
            let input = input_of(&root, &e.key);
            if input.tag_name() != "DIV" {
                assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
            }
        }
    }
}

#[wasm_bindgen_test]
async fn password_is_never_shown_nor_hidden_mask() {
    let live: ConfigMap = serde_json::from_str(RICH_LIVE).unwrap();
    let secret = live.get("rich.password").cloned().expect("the live secret");
    let mut model = FormModel::new_edit(live);
    model.apply_validation(&infos(RICH_VALID));
    let (root, form, _h) = mount_form(model);
    next_tick().await;

    let pw: web_sys::HtmlInputElement = input_of(&root, "rich.password").unchecked_into();
    assert_eq!(pw.type_(), "password");
    assert_eq!(pw.value(), "", "a stored secret is never put in the input");
    assert!(pw.placeholder().contains("kept"));
    assert!(
        !pw.placeholder().contains("[hidden]"),
        "the field never shows the mask"
    );
    // The raw editor documents that kept secrets read `[hidden]` there (form::raw); every other
    // input must never hold the mask.
    let inputs = root.query_selector_all("input, select").unwrap();
    for i in 0..inputs.length() {
        if let Some(inp) = inputs
            .item(i)
            .unwrap()
            .dyn_ref::<web_sys::HtmlInputElement>()
        {
            assert!(!inp.value().contains("[hidden]"), "no input holds [hidden]");
        }
    }
    let text = all_visible_text(&root);
    assert!(
        !text.contains(&secret),
        "the stored secret is nowhere in the DOM"
    );

    // Typing a new secret shows only dots (type=password) and replaces it; clearing keeps the
    // stored one.
    pw.set_value("n3w-secret");
    pw.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    assert_eq!(
        form.with_untracked(|m| m.outgoing().config.get("rich.password").cloned()),
        Some("n3w-secret".to_string())
    );
    pw.set_value("");
    pw.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    assert_eq!(
        form.with_untracked(|m| m.outgoing().config.get("rich.password").cloned()),
        Some(secret.clone()),
        "clearing the input keeps the stored secret"
    );
    assert!(
        root.query_selector_all("input")
            .map(|l| (0..l.length()).all(|i| l
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|inp| !inp.value().contains("[hidden]"))
                .unwrap_or(true)))
            .unwrap(),
        "no input holds [hidden] after clearing"
    );
    // A mask typed or pasted is never stored nor sent.
    pw.set_value("[hidden]");
    pw.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    assert_eq!(
        form.with_untracked(|m| m.outgoing().config.get("rich.password").cloned()),
        Some(secret)
    );
}

#[wasm_bindgen_test]
async fn typing_in_one_field_does_not_rerender_others() {
    let mut model = FormModel::new_create("io.connectconsole.test.RichSourceConnector", "rich-ui");
    model.apply_validation(&infos(RICH_VALID));
    let keys: Vec<String> = model
        .view()
        .sections
        .iter()
        .flat_map(|s| s.fields.iter().map(|f| f.key.clone()))
        .collect();
    let (root, form, _h) = mount_form(model);
    next_tick().await;
    open_advanced(&root).await;
    let before: Vec<u32> = keys.iter().map(|k| render_count(k)).collect();
    assert!(before.iter().all(|c| *c >= 1), "every field rendered once");

    let topic: web_sys::HtmlInputElement = input_of(&root, "rich.topic").unchecked_into();
    for text in ["o", "or", "ord", "orders-topic"] {
        topic.set_value(text);
        topic
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
        next_tick().await;
    }
    assert_eq!(
        form.with_untracked(|m| m.values().get("rich.topic").cloned()),
        Some("orders-topic".to_string())
    );
    let after: Vec<u32> = keys.iter().map(|k| render_count(k)).collect();
    for ((k, b), a) in keys.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "{k} was re-rendered by typing in rich.topic");
    }
    // The input kept its identity (focus and caret survive typing).
    let same: web_sys::HtmlInputElement = input_of(&root, "rich.topic").unchecked_into();
    assert!(same.is_same_node(Some(&topic)));
    assert_eq!(same.value(), "orders-topic");
}

#[wasm_bindgen_test]
async fn mirror_source_render_and_revalidate_time() {
    let perf = window().performance().unwrap();
    let mut model = FormModel::new_create(
        "org.apache.kafka.connect.mirror.MirrorSourceConnector",
        "mm2",
    );
    let valid = infos(MIRROR_VALID);
    let errors = infos(MIRROR_ERRORS);
    let keys = valid.configs.len();
    let t0 = perf.now();
    model.apply_validation(&valid);
    let (root, form, _h) = mount_form(model);
    next_tick().await;
    next_frame().await;
    let first = perf.now() - t0;
    let rendered = count(&root, "[data-testid='config-field']");
    assert!(
        rendered > 10,
        "the mirror form renders its important fields ({rendered})"
    );
    assert!(count(&root, "details.cf-advanced:not([hidden]):not([open])") > 0);
    assert_eq!(
        count(
            &root,
            "details.cf-advanced:not([open]) [data-testid='config-field']"
        ),
        0,
        "a closed disclosure has not built its fields"
    );
    let t_open = perf.now();
    open_advanced(&root).await;
    next_frame().await;
    let open_all = perf.now() - t_open;
    let visible = count(&root, "[data-testid='config-field']");
    assert!(
        visible > 100,
        "opening the disclosures builds the other fields ({visible})"
    );

    // A re-validate answer (errors appear), then a clean one again.
    let t1 = perf.now();
    form.update(|m| m.apply_validation(&errors));
    next_tick().await;
    next_frame().await;
    let revalidate = perf.now() - t1;
    let t2 = perf.now();
    form.update(|m| m.apply_validation(&valid));
    next_tick().await;
    next_frame().await;
    let revalidate_back = perf.now() - t2;

    // One keystroke in a field of the big form.
    let topic: web_sys::HtmlInputElement = root
        .query_selector("[data-testid='config-field'] input[type='text']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let t3 = perf.now();
    topic.set_value("x");
    topic
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    next_tick().await;
    next_frame().await;
    let keystroke = perf.now() - t3;

    console_log!(
        "PERF mirror-source: {keys} keys, {rendered} fields rendered first, {visible} after opening every advanced disclosure ({open_all:.1} ms); first render {first:.1} ms; re-validate (errors) {revalidate:.1} ms; re-validate (clean) {revalidate_back:.1} ms; keystroke {keystroke:.1} ms"
    );
    assert!(first < 5000.0 && revalidate < 5000.0);
}

/// Whether the field's row sits inside an "Advanced" disclosure.
fn inside_disclosure(root: &web_sys::Element, key: &str) -> bool {
    input_of(root, key)
        .closest("details.cf-advanced")
        .unwrap()
        .is_some()
}

fn open_disclosures(root: &web_sys::Element) -> u32 {
    count(root, "details.cf-advanced[open]")
}

/// An advanced field with a server error, while its disclosure is closed, is shown with the
/// important fields; the disclosure stays closed and builds nothing. A field set inside an
/// open disclosure stays there while it is edited, and joins the shown fields when the
/// disclosure closes. Once shown, a field stays put when its value is cleared.
#[wasm_bindgen_test]
async fn advanced_fields_with_errors_or_values_are_shown_without_opening_the_disclosure() {
    let mut model =
        FormModel::new_create("org.apache.kafka.connect.mirror.MirrorSourceConnector", "m");
    model.apply_validation(&infos(MIRROR_VALID));
    let (root, form, _h) = mount_form(model);
    next_tick().await;
    next_frame().await;
    let built_first = count(&root, "[data-testid='config-field']");
    assert!(root
        .query_selector(&format!("#{}", anchor_id("replication.factor")))
        .unwrap()
        .is_none());

    // The server flags two LOW keys of the ungrouped section.
    form.update(|m| {
        m.set("replication.factor", "zero");
        m.set("sync.topic.acls.enabled", "maybe");
        m.apply_validation(&infos(MIRROR_ERRORS));
    });
    next_tick().await;
    next_frame().await;
    for key in ["replication.factor", "sync.topic.acls.enabled"] {
        assert!(
            !inside_disclosure(&root, key),
            "{key} is shown outside the disclosure"
        );
    }
    assert_eq!(open_disclosures(&root), 0, "no disclosure opened");
    assert_eq!(
        count(&root, "details.cf-advanced [data-testid='config-field']"),
        0,
        "the closed disclosures built no field"
    );
    assert_eq!(
        count(&root, "[data-testid='config-field']"),
        built_first + 2,
        "only the two fields with errors were added"
    );
    let inline = input_of(&root, "replication.factor")
        .closest("[data-testid='config-field']")
        .unwrap()
        .unwrap()
        .query_selector("[data-testid='field-errors']")
        .unwrap()
        .expect("the inline errors of the shown field");
    assert!(inline.text_content().unwrap().contains("zero"));

    // Clearing the value (and a clean answer) leaves the field where it is.
    form.update(|m| {
        m.unset("replication.factor");
        m.apply_validation(&infos(MIRROR_VALID));
    });
    next_tick().await;
    next_frame().await;
    assert!(
        !inside_disclosure(&root, "replication.factor"),
        "a shown field stays shown"
    );

    // Set inside the open disclosure: stays there while open, is shown once it closes.
    open_advanced(&root).await;
    let key = "offset-syncs.topic.location";
    assert!(inside_disclosure(&root, key));
    form.update(|m| {
        m.set(key, "target");
    });
    next_tick().await;
    next_frame().await;
    assert!(
        inside_disclosure(&root, key),
        "no jump while the disclosure is open"
    );
    let details = input_of(&root, key)
        .closest("details.cf-advanced")
        .unwrap()
        .unwrap();
    details
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    for _ in 0..100 {
        if !inside_disclosure(&root, key) {
            break;
        }
        sleep(10).await;
    }
    assert!(
        !inside_disclosure(&root, key),
        "closing the disclosure shows the set field"
    );
}
