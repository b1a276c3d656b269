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
  // A returning visitor who chose to see every number (a first visit opens spoiler-free).
  await context.addInitScript(() => { try { localStorage.setItem("cascade-lab.show-all", "1"); } catch (_) {} });
  const page = await context.newPage();
  await page.goto(srv.url);
  await ready(page);
  const [w, cw] = await page.$eval("#charts-base", (c) => [c.width, c.clientWidth]);
  assert.equal(w, cw * 2);
  await context.close();
});

const gzipOf = (file) => zlib.gzipSync(fs.readFileSync(path.join(DIST, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// The sweep, the follow-ups and exports live in a second wasm module (src/tools.rs) that the
// page loads on first use: opening the page does not fetch it; reaching the sweep does.
test("the tools module loads on first use, not with the page; the page weight is printed", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.waitForTimeout(500);
  // The document itself is the folder's index.html.
  const opened = log.requests.map((u) => new URL(u).pathname.split("/").pop() || "index.html").filter((f) => fs.existsSync(path.join(DIST, f)));
  assert.ok(!opened.some((f) => f.startsWith("cascade-tools")), `the tools module waits for first use: ${opened}`);
  assert.equal(await page.$(".island[data-tool=sweep] .island-wait") !== null, true, "the sweep's place is held");
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await page.waitForSelector("#sweep");
  const later = log.requests.map((u) => new URL(u).pathname.split("/").pop()).filter((f) => f.startsWith("cascade-tools"));
  assert.ok(later.includes("cascade-tools_bg.wasm"), `loaded once the sweep is reached: ${later}`);
  assert.deepEqual(log.pageErrors.concat(log.consoleErrors), []);
  await context.close();
  // The page weight is deterministic for a build, so it is asserted: what the page loads when
  // opened stays within 295 KB gzipped. Issue 20 set 250 KB (room for the charts on
  // plotters-canvas; it was 230 KB before the lesson and the one-clock trace); issue 21 raised
  // it by 10 KB for what a page must do before any tool loads: print itself (print-time
  // drawing), the complete Embed form and the views' reserved heights (257.3 KB measured).
  // Issue 22 (your own fleet) raised it by 2 KB: a link must open a described fleet, agent and
  // plan (their compact text and checks), and the page shows every cluster's verdict and the
  // fleet's small multiples — about 17 KB, paid for by moving the Embed form into the tools
  // module (−11.6 KB) and replacing library sorts with insertion sorts (−5 KB): 260.0 KB.
  // Issue 27 (the grounded control plane) raised it to 270 KB: the model the page runs prices
  // APF's levels, CPU, memory and the cluster's standing informers (268.4 KB measured); the
  // performance issue (30) is where the page weight is won back by structure. Issue 27's second
  // half added 2 KB (271.1 KB measured): the multus 2021 preset and the incident each preset
  // reproduces, the rolling restart and a client's rate as triggers, a restart's grace, and two
  // assumptions with their help (a LIST's CPU per object, the cluster's own informers); then
  // 2 KB more (272.0 KB measured) for what its fresh-eyes review found untrue on screen: the
  // tagline of the incident shown, the event log and diagram in the words of the agent
  // described, restarts told apart from OOM loops. Issue 28 (the lesson true in the room)
  // raised it to 280 KB (279.4 KB measured): the page itself opens spoiler-free on a first visit
  // and remembers "show every outcome", draws every panel before Ctrl/⌘+P prints, names an
  // out-of-range value it clamped, a pinned run and a described agent, puts the phone's
  // controls beside the figure, marks second falls on the lanes and words the log and diagram
  // for one quantity each, and its stylesheet sizes present mode for a room (+0.9 KB of CSS).
  // The lesson's own chart code (marks, a cluster's panels) is linked only into the tools
  // module (`chart::draw_lesson_panels`, −1.4 KB). Issue 29 (the house) raised it to 290 KB, then 292 and 295 KB
  // (289.9 KB measured on a fresh machine): it undid the bytes bought with hand copies — the
  // standard library's sort back in place of insertion sorts (about 5 KB, what they had
  // saved) — and gave every notice and fleet error a kind the tests match, with its words; the
  // performance issue (30) takes the page as opened below the peer's 248 KB by structure (what
  // loads when), not by copies of std. Its fresh-eyes review added 1.2 KB (291.1 KB measured):
  // a comma only groups thousands (a decimal comma is no longer read 10× larger), a saturated
  // verdict names what saturated it, a cluster without a DNS cache is never said to hold one:
  // the budget is 292 KB. The rest of that review took it to 294.9 KB: a link's interventions
  // moved or written twice are said (notices), a fleet link's numbers read as strictly as a
  // file's, counts of one are singular, and the causal diagram is drawn as a tree the page and
  // `cascade render` share (issue 30's first step): the budget is 295 KB. The tools module (sweep, follow-ups,
  // exports, the lesson, the fleet editor, the Embed form) loads on first use and is reported.
  const first = [...new Set(opened)];
  let total = 0;
  for (const f of first) {
    total += gzipOf(f);
    console.log(`size: ${f} ${kb(fs.statSync(path.join(DIST, f)).size)}, gzip -9 ${kb(gzipOf(f))}`);
  }
  const budget = 295 * 1024;
  console.log(`size: the page as opened, gzipped: ${kb(total)} (${first.length} files); budget 295 KB: ${total <= budget ? "within" : `over by ${kb(total - budget)}`}`);
  const tools = ["cascade-tools.js", "cascade-tools_bg.wasm"].reduce((a, f) => a + gzipOf(f), 0);
  console.log(`size: the tools module on first use (sweep, follow-ups, exports, the lesson, the fleet editor, the Embed form), gzipped: ${kb(tools)}`);
  assert.ok(total <= budget, `the page as opened is ${kb(total)}, over its 295 KB budget`);
  assert.ok(first.includes("cascade-lab_bg.wasm") && total > 0, "the page loads its wasm module");
});

// The Embed form runs in the tools module too: the share bar holds its button and its place.
test("the Embed form loads with the tools module on first use: Loading… until then, or why it cannot", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/cascade-tools_bg.wasm", async (r) => { await held; await r.continue(); });
  await ready(page);
  assert.ok(!log.requests.some((u) => u.includes("cascade-tools")), "not fetched with the page");
  await page.click("#embed-btn");
  await page.waitForSelector(".island[data-tool=embed] .island-wait[aria-busy=true]");
  assert.match(await page.textContent(".island[data-tool=embed] .island-wait"), /Embed a figure in a docs page\s*Loading…/);
  release();
  await page.waitForSelector("#embed-dialog");
  assert.equal(await page.$(".island[data-tool=embed] .island-wait"), null, "the place gives way to the form");
  assert.equal(await page.evaluate(() => document.activeElement.id), "embed-h");
  await page.click("#embed-close");
  await page.waitForSelector(".island[data-tool=embed]", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "embed-btn", "focus back on the Embed button");
  assert.deepEqual(log.pageErrors.concat(log.consoleErrors), []);
  await context.close();

  const off = await openPage(browser, srv.url);
  await off.page.route("**/cascade-tools*", (r) => r.abort());
  await ready(off.page);
  await off.page.click("#embed-btn");
  await off.page.waitForSelector(".island[data-tool=embed] .island-wait .warn");
  assert.match(await off.page.textContent(".island[data-tool=embed] .island-wait"), /could not load .*Reload the page/);
  // The button still toggles its place away.
  await off.page.click("#embed-btn");
  await off.page.waitForSelector(".island[data-tool=embed]", { state: "detached" });
  assert.deepEqual(off.log.pageErrors, []);
  await off.context.close();
});

test("without the tools module the page still works and says what is missing", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await page.route("**/cascade-tools*", (r) => r.abort());
  await ready(page);
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await page.waitForSelector(".island[data-tool=sweep] .island-wait .warn");
  assert.match(await page.textContent(".island[data-tool=sweep] .island-wait"), /could not load .*Reload the page/);
  // The rest of the app goes on: the TTL slider still re-simulates.
  const peak0 = await page.$eval(".headline", (e) => e.dataset.peakMin);
  await page.focus("#p-ttl");
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction((v) => document.querySelector(".headline").dataset.peakMin !== v, peak0);
  // An export says why it failed instead of doing nothing.
  await page.click("details.menu > summary");
  await page.click("#export-csv");
  await page.waitForSelector("#export-error");
  assert.match(await page.textContent("#export-error"), /Export failed/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});
