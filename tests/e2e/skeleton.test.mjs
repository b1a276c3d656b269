// The release build served from a sub-path: loads clean, draws, stays on its own origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { launch, openPage, ready, inkOf, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

test("loads from a sub-path with no errors, draws its charts, and stays on its origin", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  assert.equal(await page.title(), "Cascade Lab — when the control plane falls and caches hide it");
  assert.match(await page.textContent("h1"), /Cascade Lab/);
  const wasm = log.requests.filter((u) => u.endsWith(".wasm"));
  assert.equal(wasm.length, 1, "one wasm module fetched");
  assert.ok(wasm[0].includes(BASE), `wasm fetched under the sub-path: ${wasm[0]}`);
  assert.ok(await inkOf(page, "#charts-base") > 2000, "charts have ink");
  assert.ok(await inkOf(page, "#fleet") > 500, "fleet view has ink");
  // HiDPI: the canvas backing store follows devicePixelRatio.
  const dims = await page.$eval("#charts-base", (c) => [c.width, c.clientWidth, window.devicePixelRatio]);
  assert.equal(dims[0], Math.round(dims[1] * dims[2]));
  await page.screenshot({ path: path.join(ARTIFACTS, "desktop.png") });
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.offOrigin, []);
  await context.close();
});

test("HiDPI canvas is crisp at devicePixelRatio 2", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(srv.url);
  await ready(page);
  const [w, cw] = await page.$eval("#charts-base", (c) => [c.width, c.clientWidth]);
  assert.equal(w, cw * 2);
  await context.close();
});

test("prints the gzipped size of what the page loads", async () => {
  const files = fs.readdirSync(DIST).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== "embed-listener.js");
  let total = 0;
  for (const f of files) {
    const gz = zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length;
    total += gz;
    console.log(`size: ${f} ${(fs.statSync(path.join(DIST, f)).size / 1024).toFixed(1)} KB, gzip -9 ${(gz / 1024).toFixed(1)} KB`);
  }
  // A benchmark, not a timed test: the budget is reported in README's performance table.
  const budget = 250 * 1024;
  console.log(`size: total gzipped (wasm + js + css) ${(total / 1024).toFixed(1)} KB; budget 250 KB: ${total <= budget ? "within" : `over by ${((total - budget) / 1024).toFixed(1)} KB`}`);
  assert.ok(files.some((f) => f.endsWith(".wasm")) && total > 0, "the build has a wasm module");
});
