// Figures in training docs (issue 13): a docs page on ANOTHER origin embeds three views exactly
// as the Embed button writes them (the causal diagram; one chart zoomed with from/to; the
// follow-ups panel), with embed.js sizing each frame.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, openPage, ready, serve, decodePng, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

let app, docs, docsDir, browser;
const snippets = {};

before(async () => {
  docsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-docs-"));
  // The docs site first (port 0), so the app's CSP can allow it as a frame ancestor.
  docs = await serve({ root: docsDir, base: "/handbook/" });
  const docsOrigin = new URL(docs.url).origin;
  app = await serve({ root: DIST, base: BASE, csp: STRICT_CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${docsOrigin}`) });
  browser = await launch();
});
after(async () => { await browser?.close(); await app?.close(); await docs?.close(); });

/// The Embed button's snippet for a view (and window), from the full app at a moment.
async function snippetFor(page, view, from = "", to = "") {
  await page.selectOption("#embed-view", view);
  for (const [id, v] of [["#embed-from", from], ["#embed-to", to]]) {
    await page.fill(id, v);
    await page.dispatchEvent(id, "change");
  }
  await page.waitForFunction((v) => document.getElementById("embed-snippet").value.includes(`view=${v}`), view);
  await page.waitForFunction((v) => document.getElementById("embed-preview").src.includes(`view=${v}`), view);
  return page.inputValue("#embed-snippet");
}

function docsPage(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="./docs.css"></head><body><h1>${title}</h1>${body}</body></html>`;
}

/// Screenshots go to tests/e2e/artifacts/; the copies in docs/ that docs/embedding.md shows are updated by hand
/// after looking at them. Full-page screenshots of a docs page: off-screen cross-origin frames are not painted, so
/// bring each into view first.
async function shoot(page, file) {
  for (const h of await page.$$("iframe[data-cascade-lab]")) {
    await h.scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
  }
  // A viewport as tall as the page, so every frame is on screen and painted.
  const { width, height } = page.viewportSize();
  const full = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: full });
  await page.waitForTimeout(800);
  await page.screenshot({ path: file });
  await page.setViewportSize({ width, height });
}

/// Waits until every marked frame has been sized by embed.js and its height is stable.
async function settled(page, count) {
  await page.waitForFunction((n) => {
    const fs = [...document.querySelectorAll("iframe[data-cascade-lab]")];
    return fs.length === n && fs.every((f) => f.dataset.cascadeLabHeight);
  }, count, { timeout: 30000 });
  // A frame with a tools panel (follow-ups, sweep) grows once the tools module has loaded,
  // which it starts when the panel is on screen: bring each frame into view, as a reader would.
  for (const h of await page.$$("iframe[data-cascade-lab]")) {
    await h.scrollIntoViewIfNeeded();
    await (await h.contentFrame()).waitForFunction(() => !document.querySelector(".island-wait"), null, { timeout: 30000 });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  let last = "";
  for (let i = 0; i < 20; i++) {
    const now = await page.$$eval("iframe[data-cascade-lab]", (fs) => fs.map((f) => f.getBoundingClientRect().height).join(","));
    if (now === last) return now.split(",").map(Number);
    last = now;
    await page.waitForTimeout(250);
  }
  return last.split(",").map(Number);
}

async function framesOf(page) {
  const handles = await page.$$("iframe[data-cascade-lab]");
  return Promise.all(handles.map((h) => h.contentFrame()));
}

test("the Embed button writes a snippet per view, with a live preview", async () => {
  const { page, log, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=20");
  await ready(page);
  await page.click("#embed-btn");
  await page.waitForSelector("#embed-dialog");
  snippets.diagram = await snippetFor(page, "diagram");
  snippets.chart = await snippetFor(page, "visibility", "-5", "30");
  snippets.followups = await snippetFor(page, "followups");
  for (const s of Object.values(snippets)) {
    assert.match(s, /^<iframe data-cascade-lab src="http:\/\/127\.0\.0\.1:\d+\/training\/cascade\/\?v=1&amp;/, s);
    assert.match(s, /<script src="http:\/\/127\.0\.0\.1:\d+\/training\/cascade\/embed\.js" async><\/script>$/, s);
    assert.ok(!/ id=| style=/.test(s), "no ids to clash, no inline style for strict-CSP docs pages");
    assert.ok(s.includes("embed=1") && s.includes("t=20"), s);
  }
  assert.ok(snippets.chart.includes("from=-5") && snippets.chart.includes("to=30"), snippets.chart);
  assert.ok(!snippets.followups.includes("from="), "clearing the window drops it");
  // The preview is the app with exactly those options.
  const preview = page.frames().find((f) => f.url().includes("view=followups"));
  await preview.waitForSelector("#followups");
  assert.equal(await preview.$("#charts-base"), null, "the follow-ups view alone");
  fs.writeFileSync(path.join(docsDir, "docs.css"), "body{font:16px/1.6 Georgia,serif;max-width:700px;margin:24px auto;padding:0 12px;color:#222;background:#fbfaf7}h1{font-size:1.6rem}\n@media (max-width:500px){body{margin:12px auto}}\n");
  fs.writeFileSync(path.join(docsDir, "index.html"), docsPage("Module 3: when the control plane falls", `
<p>On 11 December 2024 a telemetry agent on every node overloaded the Kubernetes API servers of the largest clusters. Follow one cluster's chain:</p>
${snippets.diagram}
<h2>The twenty minutes the caches hide it</h2>
<p>Broken underneath, not yet visible to customers: the purple band.</p>
${snippets.chart}
<h2>What the postmortem's follow-ups would have saved</h2>
${snippets.followups}
<p>End of module 3.</p>`));
  // The same snippet pasted twice into one page.
  fs.writeFileSync(path.join(docsDir, "twice.html"), docsPage("Pasted twice", `${snippets.chart}\n<p>And again:</p>\n${snippets.chart}`));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

// A wiki that strips frames (Backstage TechDocs) takes an image: the form writes the
// `cascade render` line for this link and view, and the Markdown that shows it; a host with a
// strict CSP is offered embed.js to serve itself.
test("the Embed form offers a still image for wikis without frames, and embed.js to self-host", async () => {
  const { page, log, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=20");
  await ready(page);
  await page.click("#embed-btn");
  await page.waitForSelector("#embed-dialog");
  const scripts = await snippetFor(page, "diagram");
  const href = await page.getAttribute("#embed-js-download", "href");
  assert.match(href, /\/training\/cascade\/embed\.js$/);
  assert.equal(await page.getAttribute("#embed-js-download", "download"), "embed.js");
  await page.selectOption("#embed-host", "image");
  await page.waitForFunction(() => document.getElementById("embed-snippet").value.includes("cascade render"));
  const still = await page.inputValue("#embed-snippet");
  const query = scripts.match(/src="[^"?]*\?([^"]*)"/)[1].replaceAll("&amp;", "&");
  assert.ok(still.includes(`cascade render --link '${query}' --view diagram --width 700 --out cascade-lab-diagram.png`), still);
  assert.match(still, /!\[Cascade Lab: [^\]]+\]\(cascade-lab-diagram\.png\)$/);
  assert.equal(await page.locator("#embed-js-download").count(), 0, "embed.js is for pages that run scripts");
  await page.selectOption("#embed-view", "sweep");
  await page.waitForFunction(() => document.getElementById("embed-snippet").value.startsWith("This view has no still image"));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("a docs page on another origin: each frame sizes to its content within budget, no errors", async () => {
  assert.ok(snippets.diagram, "needs the snippets");
  const { page, log, context } = await openPage(browser, docs.url, { viewport: { width: 724, height: 900 } });
  const [diagram, chart, followups] = await settled(page, 3);
  const widths = await page.$$eval("iframe[data-cascade-lab]", (fs) => fs.map((f) => f.getBoundingClientRect().width));
  assert.ok(widths.every((w) => Math.abs(w - 700) < 1), `frames 700 px wide: ${widths}`);
  console.log(`frame heights at 700 px: diagram ${diagram}, visibility chart ${chart}, follow-ups ${followups}`);
  assert.ok(diagram <= 720, `diagram ${diagram} px ≤ 720`);
  assert.ok(chart <= 600, `one chart ${chart} px ≤ 600`);
  const frames = await framesOf(page);
  for (const f of frames) {
    // Sized to the content: nothing scrolls inside the frame, and no big empty tail.
    const [doc, view] = await f.evaluate(() => [document.documentElement.offsetHeight, innerHeight]);
    assert.ok(Math.abs(doc - view) <= 2, `frame ${view} px for ${doc} px of content (${f.url()})`);
    assert.equal(await f.$("header.top"), null, "no page chrome");
  }
  // One figure each, with only the minimal controls.
  assert.ok(await frames[0].$("#diagram") && !(await frames[0].$("#charts-base")) && !(await frames[0].$("#p-agents")));
  assert.ok(await frames[1].$("#charts-base") && !(await frames[1].$("#diagram")) && !(await frames[1].$("#fleet")));
  assert.ok(await frames[2].$("#followups") && !(await frames[2].$("#charts-base")) && !(await frames[2].$("#events")));
  for (const f of frames) assert.ok(await f.$("#play") && await f.$("#scrubber"), "controls=min: play and scrubber");
  // The window: the scrubber spans -5 … 30.
  assert.deepEqual(await frames[1].$eval("#scrubber", (s) => [s.min, s.max]), ["-5", "30"]);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), [], "no console error on the page or in any frame");
  assert.deepEqual(log.offOrigin.filter((u) => !u.startsWith(app.url.replace(/\/training.*/, ""))), [], "only the docs and app origins");
  await shoot(page, path.join(ARTIFACTS, "embed-docs-desktop.png"));
  await context.close();
});

test("Open in full app opens the same state in the full app", async () => {
  const { page, context } = await openPage(browser, docs.url, { viewport: { width: 724, height: 900 } });
  await settled(page, 3);
  const frames = await framesOf(page);
  for (const f of frames) {
    const href = await f.getAttribute("#open-full", "href");
    const clock = await f.textContent("#clock");
    const q = new URL(href).searchParams;
    assert.ok(!q.has("embed") && q.get("t") === "20" && q.get("preset") === "december-2024", href);
    const { page: full, log, context: c2 } = await openPage(browser, href);
    await ready(full);
    assert.equal(await full.textContent("#clock"), clock, `same moment for ${f.url()}`);
    assert.ok(await full.$("header.top") && await full.$("#fleet") && await full.$("#diagram"), "the whole app");
    if (f.url().includes("from=-5")) {
      assert.ok(q.get("from") === "-5" && q.get("to") === "30", `the window travels: ${href}`);
      assert.deepEqual(await full.$eval("#scrubber", (s) => [s.min, s.max]), ["-5", "30"], "the full app zooms to it too");
    }
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await c2.close();
  }
  await context.close();
});

test("on a 375 px phone no view scrolls sideways", async () => {
  const { page, log, context } = await openPage(browser, docs.url, { viewport: { width: 375, height: 812 } });
  const heights = await settled(page, 3);
  console.log(`frame heights at 375 px: ${heights.join(", ")}`);
  const frames = await framesOf(page);
  for (const f of frames) {
    const [sw, cw] = await f.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(sw <= cw, `${f.url()}: ${sw} px of content in ${cw} px`);
  }
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw, `docs page ${sw} > ${cw}`);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await shoot(page, path.join(ARTIFACTS, "embed-docs-phone.png"));
  await context.close();
});

test("the snippet pasted twice: both frames sized, embed.js installed once", async () => {
  const { page, log, context } = await openPage(browser, docs.url + "twice.html", { viewport: { width: 724, height: 900 } });
  const heights = await settled(page, 2);
  assert.equal(heights[0], heights[1], `${heights}`);
  assert.ok(heights[0] > 200 && heights[0] <= 600, `${heights}`);
  assert.equal(await page.evaluate(() => document.querySelectorAll("script[src$='embed.js']").length), 2);
  // Resizing the page re-sizes both frames (one listener, each frame its own height).
  await page.setViewportSize({ width: 400, height: 900 });
  await page.waitForFunction(() => [...document.querySelectorAll("iframe[data-cascade-lab]")].every((f) => Math.abs(f.getBoundingClientRect().height - Number(f.dataset.cascadeLabHeight)) < 1));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("autoplay starts when the frame is visible and pauses when it is scrolled away", async () => {
  fs.writeFileSync(path.join(docsDir, "autoplay.html"), docsPage("Autoplay", `<div style="height:1500px">scroll down</div>\n${snippets.diagram.replace("embed=1", "embed=1&amp;autoplay=1")}\n<div style="height:1500px"></div>`));
  const { page, context } = await openPage(browser, docs.url + "autoplay.html", { viewport: { width: 724, height: 800 } });
  await page.waitForSelector("iframe[data-cascade-lab]");
  await page.evaluate(() => document.querySelector("iframe").setAttribute("loading", "eager"));
  const frame = await (await page.$("iframe[data-cascade-lab]")).contentFrame();
  await frame.waitForSelector("#play");
  const label = () => frame.getAttribute("#play", "aria-label");
  await page.waitForTimeout(500);
  assert.equal(await label(), "Play", "off screen: not playing");
  await page.$eval("iframe[data-cascade-lab]", (f) => f.scrollIntoView());
  await frame.waitForFunction(() => document.getElementById("play").getAttribute("aria-label") === "Pause", null, { timeout: 5000, polling: 100 });
  await page.evaluate(() => scrollTo(0, 0));
  await frame.waitForFunction(() => document.getElementById("play").getAttribute("aria-label") === "Play", null, { timeout: 5000, polling: 100 });
  await context.close();
});

test("a view's PNG export has its title, parameters, moment and link; light or dark", async () => {
  const url = app.url + "?v=1&preset=december-2024&ttl=30&t=20&embed=1&controls=min&view=visibility&from=-5&to=30";
  const { page, log, context } = await openPage(browser, url, { viewport: { width: 724, height: 900 } });
  await page.waitForSelector("#charts-base");
  await page.waitForFunction(() => document.body.hasAttribute("data-first-chart-ms"));
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#export-figure")]);
  const name = dl.suggestedFilename();
  assert.match(name, /^cascade-lab-december-2024-seed\d+-[0-9a-f]{6}-what-customers-see-vs-t\+20m-light\.png$/, name);
  const png = decodePng(fs.readFileSync(await dl.path()));
  assert.equal(png.text.Title, "Cascade Lab — what customers see vs what is broken", "UTF-8 iTXt keeps the em dash");
  assert.equal(png.w, 1200);
  assert.ok(png.text.Source.includes("ttl=30") && png.text.Source.includes("t=20") && png.text.Source.includes("from=-5"), png.text.Source);
  assert.ok(png.ink(0, 40) > 300, "a title is drawn");
  assert.ok(png.ink(40, 90) > 300, "parameters and moment are drawn");
  assert.ok(png.ink(png.h - 30, png.h) > 200, "the link is drawn in small print");
  assert.deepEqual(png.pixel(2, 2), [255, 255, 255], "light background");
  fs.writeFileSync(path.join(ARTIFACTS, "export-visibility.png"), fs.readFileSync(await dl.path()));
  // The diagram's own PNG: its SVG drawn on the sheet.
  const { page: dg, context: c3 } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=30&embed=1&view=diagram", { viewport: { width: 724, height: 900 } });
  await dg.waitForSelector("#diagram svg");
  const [d3] = await Promise.all([dg.waitForEvent("download"), dg.click("#export-figure")]);
  assert.match(d3.suggestedFilename(), /-how-it-cascades-t\+30m-light\.png$/);
  const dpng = decodePng(fs.readFileSync(await d3.path()));
  assert.ok(dpng.text.Title.includes("how it cascades") && dpng.text.Source.includes("t=30"));
  assert.ok(dpng.ink(120, dpng.h - 60) > 2000, "the diagram is drawn");
  fs.writeFileSync(path.join(ARTIFACTS, "export-diagram.png"), fs.readFileSync(await d3.path()));
  await c3.close();
  // The full app's Export menu: a dark PNG from a light page, and CSV/JSON with the link.
  const { page: full, context: c2 } = await openPage(browser, app.url + "?v=1&preset=december-2024&ttl=30&t=20");
  await ready(full);
  await full.click("details.menu > summary");
  await full.selectOption("#export-theme", "dark");
  const [d2] = await Promise.all([full.waitForEvent("download"), full.click("#export-png")]);
  assert.match(d2.suggestedFilename(), /-charts-t\+20m-dark\.png$/);
  const dark = decodePng(fs.readFileSync(await d2.path()));
  assert.ok(dark.pixel(2, 2).every((v) => v < 60), `dark background ${dark.pixel(2, 2)}`);
  assert.ok(dark.text.Source.includes("ttl=30"));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close(); await c2.close();
});

test("axe-core: embedded views and the Embed form have no serious or critical violations", async () => {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const axe = async (page, what, scope = null) => {
    // Through the debugger, not a <script> tag: the app is served under its strict CSP.
    await page.evaluate(fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
    const found = await page.evaluate(async (scope) => {
      const r = await window.axe.run(scope ? { include: [scope] } : document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
    }, scope);
    assert.deepEqual(found, [], `axe on ${what}`);
  };
  for (const q of ["view=diagram&controls=none", "view=visibility&from=-5&to=30", "view=timeline&theme=dark", "view=fleet&controls=full"]) {
    const { page, context } = await openPage(browser, app.url + "?v=1&t=20&embed=1&" + q, { viewport: { width: 700, height: 800 } });
    await page.waitForSelector(".figure-only .stage > *");
    await page.waitForTimeout(300);
    await axe(page, q);
    await context.close();
  }
  const { page, context } = await openPage(browser, app.url + "?v=1&t=20");
  await ready(page);
  await page.click("#embed-btn");
  await page.waitForSelector("#embed-preview");
  await axe(page, "the Embed form", "#embed-dialog");
  await context.close();
});

test("controls=none: a still figure, nothing to press (keys included)", async () => {
  for (const view of ["diagram", "visibility", "timeline"]) {
    const { page, log, context } = await openPage(browser, app.url + `?v=1&t=20&embed=1&controls=none&view=${view}`, { viewport: { width: 700, height: 800 } });
    await page.waitForSelector(".figure-only .stage > *");
    await page.waitForTimeout(300);
    const pressable = await page.$$eval(".figure-only button, .figure-only select, .figure-only input", (els) => els.filter((e) => e.offsetParent !== null && getComputedStyle(e).pointerEvents !== "none").map((e) => e.id || e.textContent));
    assert.deepEqual(pressable, [], `${view}: nothing to press`);
    await page.keyboard.press(" ");
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(600);
    assert.ok(new URL(page.url()).searchParams.get("t") === "20", `${view}: the moment stays (${page.url()})`);
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  }
});
