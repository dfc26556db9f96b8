//! Files in and out of the browser without a server: downloads (a blob link, or a `data:` link),
//! reading a file the user picked, the clipboard, and the app's own address for links.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::encode::encode;

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

/// A `data:` URL holding `text` (UTF-8), for `<a download href=…>`: the download needs no
/// script and the link can be long-pressed or saved on a phone.
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", encode(text))
}

/// The text of the first file picked in an `<input type=file>` change event.
pub async fn read_picked_file(ev: &web_sys::Event) -> Option<String> {
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?.as_string();
    // The same file can be picked again later.
    input.set_value("");
    text
}

/// Copies text to the clipboard; false when the browser refused (no permission, insecure page).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    // `navigator.clipboard.writeText`, reached dynamically: older browsers lack it.
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).ok();
    let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else { return false };
    match promise.dyn_into::<js_sys::Promise>() {
        Ok(p) => JsFuture::from(p).await.is_ok(),
        Err(_) => false,
    }
}

/// The app's base address without the trailing slash (`https://pim.example/pim`), for absolute
/// links to its routes (the `<base>` Trunk writes into index.html).
pub fn app_base() -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let base = document.and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    base.trim_end_matches('/').to_owned()
}
