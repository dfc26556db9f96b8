// Starts the app. Trunk writes the hashed file names of the two builds into the script tags'
// data attributes (Trunk.toml pattern_script); loading from a file rather than an inline script
// lets the Content-Security-Policy forbid inline scripts.
//
// Two builds (README "Two builds"): the core one (My roles, activation, My requests and the
// sign-in callback, against a tenant) and the full one (every page, the demo tenant). This picks
// one per page load, before any wasm is fetched, from the path and the mode ("tenant" or "demo")
// that config.json said last time (remembered in localStorage). Without that memory it waits for
// config.json. A wrong guess is mended by the core build itself (src/platform/bundle.rs).

// Keep in step with CORE_PATHS in src/config.rs (tests/build_config.rs checks).
const CORE_PATHS = ["/", "/activate", "/requests", "/auth/callback"];
const MODE_KEY = "pim.mode";
// Set by the core build when it hands a page over to the full one (src/platform/bundle.rs):
// honoured once, so the two can never send a page back and forth.
const NEXT_KEY = "pim.next-build";

const builds = {};
for (const tag of document.querySelectorAll("script[data-wasm]")) {
  builds[/(^|\/)pim-core-[^/]*$/.test(tag.dataset.js) ? "core" : "full"] = tag.dataset;
}

// The runtime configuration is fetched beside the app's code, not after it: one round trip
// fewer before the first screen. The app reads this promise (src/platform/config.rs).
const config = fetch(new URL("config.json", document.baseURI), { cache: "no-cache" })
  .then(async (r) => ({ status: r.status, body: await r.text() }))
  .catch((e) => ({ error: String(e) }));
globalThis.pimConfig = config;

// As src/config.rs reads it: a JSON object naming a tenant, and not the demo.
function modeOf(answer) {
  if (answer.error || answer.status < 200 || answer.status > 299) return "demo";
  try {
    const value = JSON.parse(answer.body);
    return value && value.demo !== true && (value.tenant || value.clientId) ? "tenant" : "demo";
  } catch {
    return "demo";
  }
}

function remembered() {
  try {
    return localStorage.getItem(MODE_KEY);
  } catch {
    return null;
  }
}

function handedOver() {
  try {
    const next = sessionStorage.getItem(NEXT_KEY);
    sessionStorage.removeItem(NEXT_KEY);
    return next === "full";
  } catch {
    return false;
  }
}

const base = new URL(document.baseURI).pathname.replace(/\/$/, "");
const here = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
const forced = handedOver();
const corePath = !forced && CORE_PATHS.includes(here.replace(/(.)\/$/, "$1") || "/");

let mode = remembered();
const settled = config.then((answer) => {
  const now = modeOf(answer);
  try {
    localStorage.setItem(MODE_KEY, now);
  } catch {}
  return now;
});
if (mode !== "tenant" && mode !== "demo") mode = await settled;

const build = (mode === "tenant" && corePath && builds.core) || builds.full || builds.core;
// The wasm is fetched while the glue script loads.
const wasm = fetch(build.wasm);
const { default: init } = await import(build.js);
await init({ module_or_path: wasm });
