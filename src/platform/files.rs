//! Files in: the text of a file the user picked (downloads are in [`super::download`]).

/// The text of the first file chosen in a file input (UTF-8), or `None` when nothing is chosen
/// or it cannot be read.
pub async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}
