//! Reads a file the user picked in an `<input type="file">` as text (`File.text()`), through
//! reflection so no extra web-sys features are needed. Nothing leaves the browser.

use wasm_bindgen::{JsCast, JsValue};

/// The text of the first file picked in `input`, with its name; `None` when nothing is picked.
pub async fn picked_text(
    input: &web_sys::HtmlInputElement,
) -> Option<Result<(String, String), String>> {
    let files = js_sys::Reflect::get(input, &JsValue::from_str("files")).ok()?;
    let file = js_sys::Reflect::get_u32(&files, 0).ok()?;
    if file.is_undefined() || file.is_null() {
        return None;
    }
    let name = js_sys::Reflect::get(&file, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let text_fn: js_sys::Function = match js_sys::Reflect::get(&file, &JsValue::from_str("text"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
    {
        Some(f) => f,
        None => return Some(Err("This browser cannot read files.".to_string())),
    };
    let promise: js_sys::Promise = match text_fn.call0(&file).ok().and_then(|p| p.dyn_into().ok()) {
        Some(p) => p,
        None => return Some(Err("The file could not be read.".to_string())),
    };
    Some(match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(t) => t
            .as_string()
            .map(|t| (name, t))
            .ok_or_else(|| "The file could not be read as text.".to_string()),
        Err(_) => Err(format!(
            "The file \u{201c}{name}\u{201d} could not be read."
        )),
    })
}
