//! Files the user downloads (CSV, JSON, calendar entries): made in the page, saved by the
//! browser, never sent anywhere.

use wasm_bindgen::JsCast;

/// Offers `text` as a file named `filename` (a blob URL behind a temporary link); false when the
/// browser refused.
pub fn save_text(filename: &str, mime: &str, text: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let Some(link) =
        document.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    // The blob URL is left to the page's lifetime: revoking it at once can cancel the download.
    true
}
