// The sweep view's helper thread (src/tools/use_sweep.rs): the tools module the sweep
// view runs in (src/tools.rs), run in a module worker, simulates the cells the page hands
// it — from the end of the grid while the page steps from the start — and sends back their
// summaries as numbers. Same code, same
// numbers; the page keeps drawing frames on its own core.
import init, { sweep_cells } from "./cascade-tools.js";

let ready = null;

self.onmessage = async (e) => {
  // The page sends its compiled module first (no second download or compile, and V8 shares
  // the optimised code); without it, fetch the file.
  if (e.data.module) {
    ready = init({ module_or_path: e.data.module });
    return;
  }
  ready ??= init({ module_or_path: new URL("./cascade-tools_bg.wasm", import.meta.url) });
  await ready;
  const { query, sx, sy, from, to } = e.data;
  const cells = sweep_cells(query, sx, sy, from, to);
  self.postMessage({ from, cells }, [cells.buffer]);
};
