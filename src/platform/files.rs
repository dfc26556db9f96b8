//! Files in and out of the browser: a download made from text, and the text of a chosen file.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`. Returns the object URL, which stays valid (the
/// page shows it as a "download again" link) until [`forget_download`].
pub fn download(name: &str, mime: &str, text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    Some(url)
}

/// Releases an object URL made by [`download`].
pub fn forget_download(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// The text of the first file chosen in a file input; `Err` says why it could not be read.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<(String, String), String> {
    let file = input.files().and_then(|f| f.get(0)).ok_or_else(|| "No file was chosen.".to_owned())?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("The file {} could not be read.", file.name()))?;
    Ok((file.name(), text.as_string().unwrap_or_default()))
}

/// The text of the first file chosen in a file input, or `None` when nothing is chosen or it
/// cannot be read.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    read_chosen_file(input).await.ok().map(|(_, text)| text)
}
