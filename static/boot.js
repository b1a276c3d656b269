// Starts the app. An external module (not Trunk's inline loader) so the page runs under a
// strict Content-Security-Policy without 'unsafe-inline'.
import init, * as bindings from "./cascade-lab.js";

// The tools module (sweep, follow-ups, exports: src/tools.rs), imported and initialised once,
// on first use; the app calls this (src/app/islands.rs).
let tools = null;
window.cascadeTools = () => {
  tools ??= import("./cascade-tools.js").then(async (m) => {
    await m.default({ module_or_path: new URL("./cascade-tools_bg.wasm", import.meta.url) });
    return m;
  });
  // A failed load may be retried later (a network blip).
  tools.catch(() => { tools = null; });
  return tools;
};

init({ module_or_path: new URL("./cascade-lab_bg.wasm", import.meta.url) }).then(() => {
  // For the browser benchmark and determinism check (tests/e2e).
  window.cascadeLab = bindings;
}).catch((err) => {
  const boot = document.getElementById("boot");
  if (boot) boot.textContent = "Cascade Lab could not start: " + err + ". It needs a browser with WebAssembly.";
  console.error(err);
});
