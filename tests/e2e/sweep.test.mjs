// The sweep view ("Where is the cliff?"): it fills in without freezing the page, a cell sets
// its two parameters and pins the run it replaces, its setup travels in the link, and it reads
// on a desktop and a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { launch, openPage, ready, serve, inkOf, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

let srv, cspSrv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); cspSrv = await serve({ root: DIST, base: BASE, csp: STRICT_CSP }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); await cspSrv?.close(); });

const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors);
const done = (page) => page.waitForFunction(() => { const s = document.querySelector("#sweep"); return s && s.dataset.ms !== ""; }, null, { timeout: 30000 });
// The canvas layout of src/tools/sweep_view.rs (margins in CSS pixels).
const ML = 50, MR = 10, MT = 22, MB = 40;
async function cellPoint(page, i, j, nx, ny) {
  const box = await page.locator("#sweep-map").boundingBox();
  const cw = (box.width - ML - MR) / nx, ch = (box.height - MT - MB) / ny;
  return { x: ML + (i + 0.5) * cw, y: MT + (ny - 1 - j + 0.5) * ch };
}

/// Frame gaps (requestAnimationFrame timestamps) from scrolling the sweep into view until it is done.
async function sweepWithFrames(page) {
  await page.evaluate(() => {
    window.__gaps = []; let last = 0;
    const f = (t) => { if (last) window.__gaps.push(t - last); last = t; window.__raf = requestAnimationFrame(f); };
    window.__raf = requestAnimationFrame(f);
  });
  // The sweep is a tools panel: scrolling to its place loads the module, then it starts.
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await done(page);
  const gaps = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__gaps; });
  const ms = Number(await page.$eval("#sweep", (e) => e.dataset.ms));
  const sorted = [...gaps].sort((a, b) => a - b);
  const during = gaps.reduce((a, b) => a + b, 0);
  return { ms, fps: gaps.length / (during / 1000), p95: sorted[Math.floor(sorted.length * 0.95)], frames: gaps.length };
}

test("a 32×32 sweep fills in every cell while the page keeps drawing frames", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?sx=agents=100..20000:32:log&sy=ttl=0..3600:32");
  await ready(page);
  // Not even loaded before it is on screen: the first chart does not pay for it.
  assert.ok(await page.$(".island[data-tool=sweep] .island-wait") && !(await page.$("#sweep")), "the sweep waits for its place to come on screen");
  const r = await sweepWithFrames(page);
  console.log(`bench: sweep 32×32: ${r.ms.toFixed(0)} ms to complete, ${r.fps.toFixed(0)} fps during (p95 frame gap ${r.p95.toFixed(1)} ms, ${r.frames} frames)`);
  assert.equal(await page.$eval("#sweep", (e) => e.dataset.computed), "1024");
  assert.match(await page.textContent("#sweep-progress"), /^1,024 of 1,024 runs/);
  // A loose sanity bound (the machine may be shared): a page that froze would show a few frames.
  assert.ok(r.fps >= 25, `the page kept drawing while computing: ${r.fps.toFixed(1)} fps`);
  assert.ok(await inkOf(page, "#sweep-map") > 500, "the map is drawn");
  // Every pixel of the plot is painted: cells meet without gaps (edges on whole pixels).
  const gaps = await page.$eval("#sweep-map", (c, m) => {
    const ctx = c.getContext("2d"), k = c.width / c.clientWidth;
    const [x0, x1, y0, y1] = [Math.ceil(m.ML * k) + 1, Math.floor((c.clientWidth - m.MR) * k) - 1, Math.ceil(m.MT * k) + 1, Math.floor((c.clientHeight - m.MB) * k) - 1];
    let bare = 0;
    for (const y of [y0, Math.round((y0 + y1) / 2), y1]) { const d = ctx.getImageData(x0, y, x1 - x0, 1).data; for (let i = 3; i < d.length; i += 4) if (d[i] < 255) bare++; }
    for (const x of [x0, Math.round((x0 + x1) / 2), x1]) { const d = ctx.getImageData(x, y0, 1, y1 - y0).data; for (let i = 3; i < d.length; i += 4) if (d[i] < 255) bare++; }
    return bare;
  }, { ML, MR, MT, MB });
  assert.equal(gaps, 0, "unpainted pixels between cells");
  // The table alternative has every cell.
  await page.click("#sweep-table summary");
  await page.waitForSelector("#sweep-table tbody tr");
  assert.equal(await page.locator("#sweep-table tbody td").count(), 1024);
  assert.equal(await page.locator("#sweep-table tbody td", { hasText: "…" }).count(), 0);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("choosing a cell (mouse or keyboard) sets its two parameters and pins the previous run", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await done(page);
  assert.match(await page.textContent("#sweep-notice"), /What to notice: .*TTL/);
  const agents0 = await page.inputValue("#p-agents");
  const ttl0 = await page.$eval("#p-ttl", (e) => e.getAttribute("aria-valuetext"));
  assert.equal(await page.locator("#unpin").count(), 0, "nothing pinned yet");
  // Hovering reads the cell; clicking uses it. Agents × TTL is 24 × 16: cell (3, 12).
  const at = await cellPoint(page, 3, 12, 24, 16);
  await page.hover("#sweep-map", { position: at });
  assert.match(await page.textContent("#sweep-readout"), /Agent count .* nodes, DNS TTL .*→ .*no production control plane falls/);
  await page.click("#sweep-map", { position: at });
  await page.waitForSelector("#unpin");
  assert.notEqual(await page.inputValue("#p-agents"), agents0, "agents changed");
  assert.notEqual(await page.$eval("#p-ttl", (e) => e.getAttribute("aria-valuetext")), ttl0, "TTL changed");
  await page.waitForFunction(() => /agents=\d+/.test(location.search) && location.search.includes("ttl="));
  // The keyboard: focus the map, move right four cells, Enter.
  const before = await page.inputValue("#p-agents");
  await page.mouse.move(0, 0);
  await page.focus("#sweep-map");
  for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
  const read = await page.textContent("#sweep-readout");
  assert.match(read, /Agent count/);
  await page.keyboard.press("Enter");
  await page.waitForFunction((b) => document.querySelector("#p-agents").value !== b, before);
  // The arrows stayed in the map: the cursor did not jump to another event.
  assert.match(await page.textContent(".playback"), /2:46 pm/);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("the axes and metric travel in the link and come back from it", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await page.selectOption("#sweep-preset", "agents-cost");
  await page.waitForFunction(() => location.search.includes("sx=agents") && location.search.includes("sy=cost") && location.search.includes("sm=control_plane_fell"));
  assert.match(await page.textContent("#sweep-notice"), /cheaper call/);
  await page.selectOption("#sweep-metric", "impact_min");
  await page.waitForFunction(() => location.search.includes("sm=impact_min"));
  await page.selectOption("#sweep-y", "seats");
  await page.waitForFunction(() => location.search.includes("sy=seats"));
  await done(page);
  const link = await page.evaluate(() => location.href);
  const again = await openPage(browser, link);
  await ready(again.page);
  await again.page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  assert.equal(await again.page.inputValue("#sweep-x"), "agents");
  assert.equal(await again.page.inputValue("#sweep-y"), "seats");
  assert.equal(await again.page.inputValue("#sweep-metric"), "impact_min");
  // Back to the default sweep: the link drops its sweep keys.
  await again.page.selectOption("#sweep-preset", "agents-ttl");
  await again.page.waitForFunction(() => !location.search.includes("sx="));
  assert.deepEqual(errorsOf(log), []);
  assert.deepEqual(errorsOf(again.log), []);
  await again.context.close();
  await context.close();
});

test("legible at 1280×800 and on a 375 px phone, without sideways scrolling", async () => {
  for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 375, height: 812 }]]) {
    const { page, log, context } = await openPage(browser, srv.url + "?preset=december-2024", { viewport });
    await ready(page);
    await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
    await done(page);
    const wide = await page.$$eval("#sweep, #sweep *", (els, w) => els.filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.closest(".table-scroll")).map((e) => e.tagName + "#" + e.id), viewport.width);
    assert.deepEqual(wide, [], `${name}: nothing in the sweep panel is wider than the screen`);
    const map = await page.locator("#sweep-map").boundingBox();
    assert.ok(map.height >= 250, `${name}: the map is tall enough to read (${map.height})`);
    await page.evaluate(() => window.scrollTo(0, document.querySelector("#sweep").getBoundingClientRect().top + scrollY - 150));
    await page.locator("#sweep").screenshot({ path: path.join(ARTIFACTS, `sweep-${name}.png`) });
    assert.deepEqual(errorsOf(log), []);
    await context.close();
  }
});

test("embed=1&view=sweep is the sweep alone, computing at once, with its setup from the link", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?embed=1&view=sweep&sx=agents=100..20000:16:log&sy=cost=0.1..10:12:log&sm=control_plane_fell", { viewport: { width: 700, height: 700 } });
  await page.waitForSelector("#sweep", { timeout: 20000 });
  await done(page);
  assert.equal(await page.$eval("#sweep", (e) => e.dataset.computed), String(16 * 12));
  assert.equal(await page.locator("#diagram").count(), 0, "no diagram");
  assert.equal(await page.locator("#charts-h").count(), 0, "no charts");
  assert.equal(await page.inputValue("#sweep-metric"), "control_plane_fell");
  assert.match(await page.textContent("#sweep-notice"), /cheaper call/);
  assert.match(await page.textContent(".sweep-legend"), /holds.*falls/);
  await page.screenshot({ path: path.join(ARTIFACTS, "sweep-embed.png") });
  // Arrow keys on the map move its focus cell and nothing else: the panel is another
  // module's Yew app, whose handlers must never run the page's (the run stays as linked).
  const before = await page.evaluate(() => location.search);
  await page.focus("#sweep-map");
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  await page.waitForTimeout(700);
  assert.equal(await page.evaluate(() => location.search), before, "keys on the map changed the run");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

/// Pixels of the map in the colour ramp's saturated colours (the cells' outcomes), one in 7.
const colourful = (page) => page.$eval("#sweep-map", (c) => {
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4 * 7) if (d[i + 3] > 0 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 80) n++;
  return n;
});

test("spoiler-free: the sweep tells no outcome before the end of the run, embedded or on the page", async () => {
  // The run's end, and what the embedded sweep tells of cell (20, 3) when not spoiler-free.
  const full = await openPage(browser, srv.url + "?t=0");
  await ready(full.page);
  const end = await full.page.getAttribute("#scrubber", "max");
  await full.context.close();
  const embed = "?embed=1&view=sweep";
  const told = await openPage(browser, srv.url + embed, { viewport: { width: 700, height: 900 } });
  await told.page.waitForSelector("#sweep", { timeout: 20000 });
  await done(told.page);
  const at = await cellPoint(told.page, 20, 3, 24, 16);
  await told.page.hover("#sweep-map", { position: at });
  const reading = await told.page.textContent("#sweep-readout");
  assert.match(reading, /→ Customers see errors at: T\+/, reading);
  const value = reading.match(/at: (T\+[^;]*);/)[1];
  const range = await told.page.textContent(".sweep-legend .sweep-scale");
  assert.match(range, /: T[+−]\d+ min.*T[+−]\d+ min/, range);
  await told.page.mouse.move(0, 0);
  assert.ok((await colourful(told.page)) > 500, "the map is coloured by outcome");
  await told.context.close();

  // teach=1: the cells' parameters, never their outcomes, until the run's end.
  const { page, log, context } = await openPage(browser, srv.url + embed + "&teach=1&t=0", { viewport: { width: 700, height: 900 } });
  await page.waitForSelector("#sweep", { timeout: 20000 });
  await done(page);
  await page.hover("#sweep-map", { position: at });
  const hidden = await page.textContent("#sweep-readout");
  assert.doesNotMatch(hidden, /→|T[+−]|falls/, hidden);
  assert.match(hidden, /Agent count .* nodes, DNS TTL .*: its outcome shows at the end of the run/, hidden);
  assert.match(await page.textContent("#sweep-hidden"), /Spoiler-free/);
  await page.mouse.move(0, 0);
  assert.equal(await colourful(page), 0, "no cell is coloured by its outcome");
  assert.doesNotMatch(await page.textContent(".sweep-legend"), /T[+−]/);
  assert.equal(await page.locator("#sweep-notice").count(), 0, "what to notice waits too");
  assert.equal(await page.isDisabled("#sweep-csv"), true, "no files of the outcomes");
  assert.equal(await page.isDisabled("#sweep-png"), true);
  await page.click("#sweep-table summary");
  await page.locator("#sweep-table .hint").waitFor();
  assert.match(await page.textContent("#sweep-table"), /Spoiler-free: the table appears at the end of the run/);
  assert.equal(await page.locator(".sweep-table").count(), 0);
  const text = await page.evaluate(() => document.body.textContent + [...document.querySelectorAll("[aria-label], [title]")].map((e) => e.getAttribute("aria-label") + e.getAttribute("title")).join(" "));
  assert.ok(!text.includes(value), `${value} is told`);
  // An embedded sweep has no run to play to its end: the reader asks for the outcomes.
  await page.click("#sweep-reveal");
  await page.locator("#sweep-notice").waitFor();
  assert.equal(await page.locator("#sweep-hidden").count(), 0);
  assert.ok((await colourful(page)) > 500, "revealed, the map is coloured by outcome");
  await page.hover("#sweep-map", { position: at });
  assert.equal(await page.textContent("#sweep-readout"), reading);
  assert.deepEqual(errorsOf(log), []);
  await context.close();

  // At the run's end the outcomes are told.
  const atEnd = await openPage(browser, srv.url + embed + `&teach=1&t=${end}`, { viewport: { width: 700, height: 900 } });
  await atEnd.page.waitForSelector("#sweep", { timeout: 20000 });
  await done(atEnd.page);
  assert.equal(await atEnd.page.locator("#sweep-hidden").count(), 0);
  await atEnd.page.hover("#sweep-map", { position: at });
  assert.equal(await atEnd.page.textContent("#sweep-readout"), reading);
  await atEnd.context.close();

  // The page, on a first visit (spoiler-free): the sweep waits for the end, then tells it all.
  const first = await openPage(browser, srv.url + "?t=0", { firstVisit: true });
  await ready(first.page);
  await first.page.waitForSelector("#sweep-held");
  assert.equal(await first.page.locator(".island[data-tool=sweep]").count(), 0);
  await first.page.fill("#scrubber", end);
  await first.page.dispatchEvent("#scrubber", "input");
  await first.page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await done(first.page);
  assert.equal(await first.page.locator("#sweep-hidden").count(), 0);
  assert.match(await first.page.textContent(".sweep-legend .sweep-scale"), /: T[+−]\d+ min.*T[+−]\d+ min/);
  assert.deepEqual(errorsOf(first.log), []);
  await first.context.close();
});

test("changing another parameter restarts the sweep; choosing a cell does not", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await done(page);
  // A cell changes only the two swept values: the grid stays.
  await page.click("#sweep-map", { position: await cellPoint(page, 20, 3, 24, 16) });
  await page.waitForSelector("#unpin");
  assert.equal(await page.$eval("#sweep", (e) => e.dataset.computed), "384");
  assert.notEqual(await page.$eval("#sweep", (e) => e.dataset.ms), "");
  // Request cost is a base parameter of every cell: the sweep starts again and fills in.
  await page.focus("#p-cost");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("#sweep").dataset.ms === "");
  await done(page);
  assert.equal(await page.$eval("#sweep", (e) => e.dataset.computed), "384");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("the browser's sweep gives the numbers `cascade sweep` gives", async () => {
  // scripts/test.sh builds the CLI before this suite and names it in CASCADE_BIN; run alone, any
  // native build will do. No build is a failure, never a skip: a test that skips cannot fail.
  const candidates = [process.env.CASCADE_BIN, "target/release/cascade", "target/debug/cascade"].filter(Boolean).map((p) => path.resolve(p));
  const bin = candidates.find((p) => fs.existsSync(p));
  assert.ok(bin, `no native build of the CLI at ${candidates.join(" or ")}: run \`cargo build --bin cascade\` (scripts/test.sh does)`);
  const sx = "agents=100..20000:8:log", sy = "ttl=0..3600:6";
  const cli = JSON.parse(execFileSync(bin, ["sweep", "--x", sx, "--y", sy, "--metric", "impact_min"], { encoding: "utf8" }));
  const { page, log, context } = await openPage(browser, srv.url + `?sx=${sx}&sy=${sy}&sm=impact_min`);
  await ready(page);
  // Bit for bit: the worker's function (12 numbers per cell, impact_min 10th) against the CLI's JSON.
  // The worker runs the tools module's export (boot.js's `cascadeTools()` loads it).
  const packed = await page.evaluate(async ([sx, sy]) => Array.from((await window.cascadeTools()).sweep_cells("", sx, sy, 0, 48)), [sx, sy]);
  const impact = Array.from({ length: 48 }, (_, k) => packed[k * 12 + 9]);
  assert.deepEqual(impact, cli.values.flat());
  // The page's grid (frames and worker together), as its table shows it.
  await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
  await done(page);
  await page.click("#sweep-table summary");
  await page.waitForSelector("#sweep-table tbody tr");
  const rows = await page.$$eval("#sweep-table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  // Rust's {:.0} rounds a tie to even (360.5 → 360).
  const even = (v) => (Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : Math.round(v));
  const expected = [...cli.values].reverse().map((row) => row.map((v) => `${even(v)} min`));
  assert.deepEqual(rows, expected);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("the sweep and its worker run under a strict Content-Security-Policy", async () => {
  const { page, log, context } = await openPage(browser, cspSrv.url + "?embed=1&view=sweep");
  const violations = [];
  await page.exposeFunction("reportViolation", (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.waitForSelector("#sweep", { timeout: 20000 });
  await done(page);
  assert.equal(await page.$eval("#sweep", (e) => e.dataset.computed), "384");
  // The worker lives as long as its sweep (terminated when the sweep changes or the panel goes).
  assert.deepEqual(page.workers().map((w) => new URL(w.url()).pathname), [BASE + "sweep-worker.js"], "one worker, from the app's own directory");
  assert.deepEqual(violations, []);
  assert.deepEqual(errorsOf(log), []);
  assert.deepEqual(log.offOrigin, []);
  await context.close();
});
