#![cfg(target_arch = "wasm32")]
//! The wasm boundary, as the page's worker sees it: `analyze(text, options)` returns plain JS
//! objects (not Maps) with camelCase keys, offsets index the JS string (UTF-16), options are
//! honoured, and failures are readable `Error`s. Run with `make test-wasm` (Node).

use js_sys::{Array, Error, JsString, Map, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use whosaid::wasm::{analyze, analyze_view, last_full, last_panic, schema_version};

/// `obj[key]`, failing the test when it is missing.
fn get(obj: &JsValue, key: &str) -> JsValue {
    let v = Reflect::get(obj, &JsValue::from_str(key)).expect("property access");
    assert!(!v.is_undefined(), "missing key {key:?}");
    v
}

fn has(obj: &JsValue, key: &str) -> bool {
    Reflect::has(obj, &JsValue::from_str(key)).unwrap_or(false)
}

fn num(obj: &JsValue, key: &str) -> f64 {
    get(obj, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

fn array(obj: &JsValue, key: &str) -> Array {
    get(obj, key)
        .dyn_into::<Array>()
        .unwrap_or_else(|_| panic!("{key} is not an array"))
}

/// JS `text.slice(start, end)`: what the page does with every span.
fn js_slice(text: &str, span: &JsValue) -> String {
    let s = JsString::from(text).slice(num(span, "start") as u32, num(span, "end") as u32);
    String::from(s)
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn error_message(err: wasm_bindgen::JsError) -> String {
    let v: JsValue = err.into();
    let e: Error = v.dyn_into().expect("an Error object");
    String::from(e.message())
}

const ARTICLE: &str = "Port Alder reopens its ferry pier\n\n\
    The council voted on Monday. \"The pier is how this town breathes,\" said Ingrid Solberg. \
    Analysts say the cost will rise.";

#[wasm_bindgen_test]
fn result_is_a_plain_object_with_schema_version_1() {
    let v = analyze(ARTICLE, JsValue::UNDEFINED).unwrap();
    assert!(v.is_object());
    assert!(
        !v.is_instance_of::<Map>(),
        "maps must be serialised as objects"
    );
    assert_eq!(num(&v, "schemaVersion"), 1.0);
    assert_eq!(schema_version(), 1);
    for key in ["metadata", "stats", "sentences", "sources", "keywords"] {
        assert!(has(&v, key), "top-level key {key}");
    }
    assert!(!get(&v, "stats").is_instance_of::<Map>());
    assert!(!get(&v, "metadata").is_instance_of::<Map>());
}

#[wasm_bindgen_test]
fn keys_are_camel_case() {
    let v = analyze(ARTICLE, JsValue::UNDEFINED).unwrap();
    assert!(!has(&v, "schema_version"));
    let sources = array(&v, "sources");
    assert!(sources.length() > 0);
    let s = sources.get(0);
    assert!(has(&s, "directQuotes"));
    assert!(!has(&s, "direct_quotes"));
    let stats = get(&v, "stats");
    for key in [
        "characters",
        "words",
        "sentences",
        "paragraphs",
        "attributed",
        "vague",
        "unattributed",
    ] {
        assert!(stats_has(&stats, key), "stats.{key}");
    }
    let kw = get(&v, "keywords");
    let terms = array(&kw, "terms");
    assert!(terms.length() > 0);
    assert!(has(&terms.get(0), "perThousand"));
    // Every key anywhere in the result is camelCase: no underscores.
    assert_no_snake_case(&v, "result");
}

fn stats_has(stats: &JsValue, key: &str) -> bool {
    get(stats, key).as_f64().is_some()
}

fn assert_no_snake_case(v: &JsValue, path: &str) {
    if let Some(a) = v.dyn_ref::<Array>() {
        for (i, item) in a.iter().enumerate() {
            assert_no_snake_case(&item, &format!("{path}[{i}]"));
        }
    } else if v.is_object() {
        for key in Object::keys(v.unchecked_ref::<Object>()).iter() {
            let k = key.as_string().unwrap();
            assert!(!k.contains('_'), "snake_case key {path}.{k}");
            assert_no_snake_case(&get(v, &k), &format!("{path}.{k}"));
        }
    }
}

#[wasm_bindgen_test]
fn offsets_are_utf16_with_emoji_and_cjk() {
    // 😀 is two UTF-16 units (four UTF-8 bytes); 北京 are one unit each (three bytes each).
    let text = "😀 Ana Ruiz said the fee rose. The 北京 office is far away. \"We wait 🚢 here,\" said Ana Ruiz.";
    let v = analyze(text, JsValue::UNDEFINED).unwrap();
    let sentences = array(&v, "sentences");
    let got: Vec<String> = sentences.iter().map(|s| js_slice(text, &s)).collect();
    assert_eq!(
        got,
        [
            "😀 Ana Ruiz said the fee rose.",
            "The 北京 office is far away.",
            "\"We wait 🚢 here,\" said Ana Ruiz."
        ]
    );
    // The first sentence ends at UTF-16 unit 30, not at byte 32.
    assert_eq!(num(&sentences.get(0), "end"), 30.0);
    let a = get(&sentences.get(0), "attribution");
    let cue = get(&a, "cue");
    assert_eq!(js_slice(text, &cue), "said");
    assert_eq!(get(&cue, "text").as_string().unwrap(), "said");
    let source = get(&a, "source");
    assert_eq!(
        js_slice(text, &source),
        get(&source, "text").as_string().unwrap()
    );
    // Quote spans in the third sentence index the same string.
    let a3 = get(&sentences.get(2), "attribution");
    let q = array(&a3, "quotes").get(0);
    assert_eq!(js_slice(text, &q), "\"We wait 🚢 here,\"");
    // Keyword spans too.
    let kw = get(&v, "keywords");
    for t in array(&kw, "terms").iter() {
        let surface = get(&t, "text").as_string().unwrap();
        for sp in array(&t, "spans").iter() {
            assert_eq!(js_slice(text, &sp).to_lowercase(), surface.to_lowercase());
        }
    }
    assert_eq!(
        num(&get(&v, "stats"), "characters"),
        text.chars().count() as f64
    );
}

#[wasm_bindgen_test]
fn stopwords_option_removes_a_keyword() {
    let text = "The harbour flooded. The harbour closed. Boats left the harbour.";
    let has_harbour = |v: &JsValue| {
        array(&get(v, "keywords"), "terms").iter().any(|t| {
            get(&t, "text")
                .as_string()
                .unwrap()
                .eq_ignore_ascii_case("harbour")
        })
    };
    let plain = analyze(text, JsValue::UNDEFINED).unwrap();
    assert!(has_harbour(&plain));
    let stop = Array::of1(&JsValue::from_str("Harbour"));
    let filtered = analyze(text, options(&[("stopwords", stop.into())])).unwrap();
    assert!(!has_harbour(&filtered));
}

#[wasm_bindgen_test]
fn max_bytes_gives_a_readable_error() {
    let err = analyze(ARTICLE, options(&[("maxBytes", JsValue::from_f64(10.0))])).unwrap_err();
    let msg = error_message(err);
    assert!(msg.contains("over the limit"), "{msg}");
    // At the limit exactly the text is accepted.
    let ok = analyze("Hello.", options(&[("maxBytes", JsValue::from_f64(6.0))]));
    assert!(ok.is_ok());
}

#[wasm_bindgen_test]
fn bad_options_give_a_readable_error() {
    let err = analyze(ARTICLE, options(&[("maxBytes", JsValue::from_str("lots"))])).unwrap_err();
    let msg = error_message(err);
    assert!(msg.starts_with("bad options"), "{msg}");
    // null and an empty object mean the defaults.
    assert!(analyze(ARTICLE, JsValue::NULL).is_ok());
    assert!(analyze(ARTICLE, Object::new().into()).is_ok());
}

#[wasm_bindgen_test]
fn empty_text_works() {
    let v = analyze("", JsValue::UNDEFINED).unwrap();
    assert_eq!(array(&v, "sentences").length(), 0);
    assert_eq!(array(&v, "sources").length(), 0);
    let stats = get(&v, "stats");
    assert_eq!(num(&stats, "sentences"), 0.0);
    assert_eq!(num(&stats, "characters"), 0.0);
    assert_eq!(num(&stats, "attributed"), 0.0);
    assert_eq!(num(&stats, "unattributed"), 0.0);
}

#[wasm_bindgen_test]
fn attribution_is_null_or_an_object() {
    let v = analyze(ARTICLE, JsValue::UNDEFINED).unwrap();
    let sentences = array(&v, "sentences");
    let texts: Vec<String> = sentences.iter().map(|s| js_slice(ARTICLE, &s)).collect();
    assert_eq!(texts[0], "Port Alder reopens its ferry pier");
    assert_eq!(
        get(&get(&v, "metadata"), "title").as_string().unwrap(),
        "Port Alder reopens its ferry pier"
    );
    let voted = texts
        .iter()
        .position(|t| t == "The council voted on Monday.")
        .unwrap();
    assert!(get(&sentences.get(voted as u32), "attribution").is_null());
    let quoted = texts
        .iter()
        .position(|t| t.ends_with("said Ingrid Solberg."))
        .unwrap();
    let a = get(&sentences.get(quoted as u32), "attribution");
    // The form is the core's judgement; the boundary only promises one of the three strings.
    let form = get(&a, "form").as_string().unwrap();
    assert!(
        ["direct", "indirect", "mixed"].contains(&form.as_str()),
        "{form}"
    );
    assert!(get(&a, "rule").as_string().is_some());
    assert!(get(&a, "continued").as_bool().is_some());
    assert!(get(&a, "via").is_instance_of::<Array>());
}

#[wasm_bindgen_test]
fn no_panic_recorded_by_normal_use() {
    let _ = analyze(
        "\"Unbalanced quote. <b>html</b> \u{0}\u{FFFD}",
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(last_panic(), None);
}

/// The numbers of `obj[key]`, a `Uint8Array` of little-endian u32s in a view, read the way the
/// page reads them: a `Uint32Array` on the same bytes.
fn u32s(obj: &JsValue, key: &str) -> Vec<u32> {
    let bytes = get(obj, key)
        .dyn_into::<Uint8Array>()
        .unwrap_or_else(|_| panic!("{key} is a Uint8Array"));
    assert_eq!(bytes.byte_offset(), 0);
    Uint32Array::new_with_byte_offset_and_length(&bytes.buffer(), 0, bytes.byte_length() / 4)
        .to_vec()
}

/// The page's entry: a view of a long result (first sentences, every keyword occurrence as one
/// buffer, counts), while `lastFull` gives the whole result, equal to `analyze`'s.
#[wasm_bindgen_test]
fn analyze_view_sends_a_view_and_keeps_the_whole_result() {
    let text = "Lena Park said the plan would work. Rain fell. ".repeat(6);
    let view = analyze_view(&text, JsValue::UNDEFINED, 5).expect("view");
    assert_eq!(array(&view, "sentences").length(), 5);
    let counts = get(&view, "view");
    assert_eq!(num(&counts, "sentences"), 12.0);
    assert_eq!(num(&counts, "none"), 6.0);
    let terms = array(&get(&view, "keywords"), "terms");
    let plan = terms
        .iter()
        .find(|t| get(t, "text").as_string().as_deref() == Some("plan"))
        .expect("plan is a term");
    assert_eq!(num(&plan, "count"), 6.0);
    assert!(!has(&plan, "spans") && !has(&plan, "spanSentences"));
    // All six occurrences, also those in sentences the view leaves out: UTF-16 starts and ends,
    // then sentence indices.
    let occ = u32s(&plan, "occurrences");
    let step = "Lena Park said the plan would work. Rain fell. ".len() as u32;
    let want: Vec<u32> = (0..6)
        .flat_map(|i| [i * step + 19, i * step + 23])
        .chain((0..6).map(|i| 2 * i))
        .collect();
    assert_eq!(occ, want);

    let full = last_full().expect("whole result");
    assert!(!has(&full, "view"));
    assert_eq!(array(&full, "sentences").length(), 12);
    let same = analyze(&text, JsValue::UNDEFINED).expect("analyze");
    assert_eq!(
        js_sys::JSON::stringify(&full).unwrap(),
        js_sys::JSON::stringify(&same).unwrap()
    );
    // The buffer holds what the whole result's spans and spanSentences hold.
    let whole = array(&get(&full, "keywords"), "terms")
        .iter()
        .find(|t| get(t, "text").as_string().as_deref() == Some("plan"))
        .unwrap();
    let spans = array(&whole, "spans");
    let sentences = array(&whole, "spanSentences");
    let n = spans.length() as usize;
    for (i, sp) in spans.iter().enumerate() {
        assert_eq!(occ[2 * i] as f64, num(&sp, "start"));
        assert_eq!(occ[2 * i + 1] as f64, num(&sp, "end"));
        assert_eq!(
            Some(occ[2 * n + i] as f64),
            sentences.get(i as u32).as_f64()
        );
    }
    assert_eq!(occ.len(), 3 * n);
    // bySource: the text and count of each term of each entry, as the whole result lists them.
    let by_source = get(&get(&view, "keywords"), "bySource");
    let texts = JsString::from(get(&by_source, "texts"));
    let numbers = u32s(&by_source, "numbers");
    let (mut i, mut at) = (0, 0);
    let entries = array(&get(&full, "keywords"), "bySource");
    assert!(entries.length() > 0);
    for entry in entries.iter() {
        assert_eq!(numbers[i] as f64, num(&entry, "source"));
        let terms = array(&entry, "terms");
        assert_eq!(numbers[i + 1], terms.length());
        for (k, t) in terms.iter().enumerate() {
            let len = numbers[i + 2 + 2 * k];
            assert_eq!(JsValue::from(texts.slice(at, at + len)), get(&t, "text"));
            assert_eq!(numbers[i + 3 + 2 * k] as f64, num(&t, "count"));
            at += len;
        }
        i += 2 + 2 * terms.length() as usize;
    }
    assert_eq!((i, at), (numbers.len(), texts.length()));
    // A short text's view has every sentence and no counts; its occurrences index the JS string.
    let small = analyze_view(
        "\u{1F6A2} Rain fell. Rain fell again.",
        JsValue::UNDEFINED,
        5,
    )
    .expect("view");
    assert!(!has(&small, "view"));
    assert_eq!(array(&small, "sentences").length(), 2);
    let rain = array(&get(&small, "keywords"), "terms")
        .iter()
        .find(|t| get(t, "text").as_string().as_deref() == Some("rain"))
        .expect("rain is a term");
    let occ = u32s(&rain, "occurrences");
    // The ship is two UTF-16 code units.
    assert_eq!(occ[..2], [3, 7]);
    let js = JsString::from("\u{1F6A2} Rain fell. Rain fell again.");
    assert_eq!(String::from(js.slice(occ[2], occ[3])), "Rain");
    assert_eq!(occ[4..], [0, 1]);
}
