// Starts the app. Trunk writes the hashed file names into the script tag's data attributes
// (Trunk.toml pattern_script); loading from a file rather than an inline script lets the
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-wasm]");
// The runtime configuration is fetched beside the app's code, not after it: one round trip
// fewer before the first screen. The app reads this promise (src/platform/config.rs).
globalThis.pimConfig = fetch(new URL("config.json", document.baseURI), { cache: "no-cache" })
  .then(async (r) => ({ status: r.status, body: await r.text() }))
  .catch((e) => ({ error: String(e) }));
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
