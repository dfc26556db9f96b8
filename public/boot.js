// Starts the app. Trunk writes the hashed file names into the script tag's data attributes
// (Trunk.toml pattern_script); loading from a file rather than an inline script lets the
// Content-Security-Policy forbid inline scripts.
const tag = document.querySelector("script[data-wasm]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
