//! Files in and out of the browser without a server: downloads as `data:` links, reading a file
//! the user picked, the clipboard, and the app's own address for links.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::encode::encode;

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
