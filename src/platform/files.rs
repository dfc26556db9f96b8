//! Files in and out: the text of a file the user picked, and a link that saves text as a file.

/// The text of the first file chosen in a file input (UTF-8), or `None` when nothing is chosen
/// or it cannot be read.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}

/// A `data:` URL holding `text` as CSV, for an `<a download>` link (no server, no blob to revoke;
/// `img-src data:` in the CSP does not apply to downloads).
pub fn csv_data_url(text: &str) -> String {
    format!("data:text/csv;charset=utf-8,{}", String::from(js_sys::encode_uri_component(text)))
}
