//! The WebAssembly binding: one `analyze` entry for the page's worker.
//!
//! Everything here converts at the boundary; the analysis itself is [`crate::analyze`].

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

thread_local! {
    /// The message of the last panic, kept for the worker to report after the trap.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The last result of [`analyze_view`], kept whole for [`last_full`] (exports).
    static LAST: RefCell<Option<crate::Analysis>> = const { RefCell::new(None) };
}

/// One error helper: every failure reaches JavaScript as an `Error` with a readable message.
fn js_error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// Installs the panic hook. With `panic = "abort"` a panic traps the module, so the hook records
/// the message first; the worker reads it with [`last_panic`] and starts a fresh instance.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if any.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Options from a plain object (camelCase keys, any of them may be missing), or the defaults.
fn options_from(options: JsValue) -> Result<crate::Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(crate::Options::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| js_error(format!("bad options: {e}")))
}

/// Plain JS objects for `value`: maps as objects, and `null`, not `undefined`, for absent values,
/// as the schema (and the CLI's JSON) says.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&serializer).map_err(js_error)
}

/// Analyses `text` with `options` (a plain object, camelCase keys, any of them may be missing)
/// and returns the schema-v1 result as plain JS objects.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    to_js(&crate::analyze(text, &options).map_err(js_error)?)
}

/// Analyses `text` like [`analyze`] but returns only the [`View`](crate::view::View) the page
/// draws (at most `max_sentences` sentences, each keyword's occurrences as one `Uint8Array`),
/// and keeps the whole result for [`last_full`]. Converting a long text's whole result to JS
/// objects would cost a third of the analysis again.
#[wasm_bindgen(js_name = analyzeView)]
pub fn analyze_view(
    text: &str,
    options: JsValue,
    max_sentences: usize,
) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    // Drop the previous result first, so that two long results never share the memory.
    LAST.with(|l| l.borrow_mut().take());
    let analysis = crate::analyze(text, &options).map_err(js_error)?;
    let view = to_js(&crate::view::View::of(&analysis, max_sentences))?;
    LAST.with(|l| *l.borrow_mut() = Some(analysis));
    Ok(view)
}

/// The whole result of the last [`analyze_view`] as plain JS objects, or `null` when this
/// instance has none (it was started after that analysis).
#[wasm_bindgen(js_name = lastFull)]
pub fn last_full() -> Result<JsValue, JsError> {
    LAST.with(|l| match &*l.borrow() {
        Some(analysis) => to_js(analysis),
        None => Ok(JsValue::NULL),
    })
}

/// The schema version this build produces.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    crate::SCHEMA_VERSION
}

/// Panics on purpose. The page's end-to-end test calls it through the worker to check that a trap
/// is reported with its message and that the next analysis runs on a fresh instance.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic was called (a deliberate test of crash recovery)");
}
