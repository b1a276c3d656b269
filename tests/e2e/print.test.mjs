// Figures that survive wikis (issue 21): the follow-ups as cards on phones and narrow columns,
// the sweep at 320 px, and printing — the full app for a dark reader, and a docs page on
// another origin whose embedded figures are below the fold — checked in the PDF itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { launch, openPage, ready, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

let app, docs, docsDir, browser;

before(async () => {
  docsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-print-docs-"));
  docs = await serve({ root: docsDir, base: "/handbook/" });
  const docsOrigin = new URL(docs.url).origin;
  app = await serve({ root: DIST, base: BASE, csp: STRICT_CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${docsOrigin}`) });
  browser = await launch();
});
after(async () => { await browser?.close(); await app?.close(); await docs?.close(); });

const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors);

/// Sideways scroll: the page, and every element inside `scope` wider than its box.
const sideways = (page, scope) => page.evaluate((scope) => {
  const out = [];
  if (document.documentElement.scrollWidth > innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${innerWidth}`);
  for (const e of document.querySelectorAll(`${scope} *`)) {
    if (e.closest(".sr-only")) continue;
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible") out.push(`${e.tagName}.${e.className} ${e.scrollWidth} > ${e.clientWidth}`);
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > innerWidth + 0.5) out.push(`${e.tagName}.${e.className} ends at ${Math.round(r.right)}`);
  }
  return out;
}, scope);

test("the follow-ups are cards below 600 px (Saves and Try it on screen, nothing sideways) and a table from 600", async () => {
  for (const [width, embed] of [[320, true], [375, true], [599, true], [375, false], [600, true]]) {
    const q = embed ? "?v=1&preset=december-2024&embed=1&view=followups&controls=min&t=30" : "?v=1&preset=december-2024&t=30";
    const { page, log, context } = await openPage(browser, app.url + q, { viewport: { width, height: 800 } });
    if (!embed) {
      await ready(page);
      await page.locator(".island[data-tool=followups]").scrollIntoViewIfNeeded();
    }
    await page.waitForSelector("#followups tr[data-key] .fu-saves", { timeout: 20000 });
    const cards = await page.$$eval("#followups tbody tr[data-key]", (rows) => rows.map((r) => {
      const box = (el) => el && getComputedStyle(el).display !== "none" ? el.getBoundingClientRect() : null;
      const saves = box(r.querySelector(".fu-saves")), tryIt = box(r.querySelector(".fu-try button"));
      return { key: r.dataset.key, display: getComputedStyle(r).display, saves: saves && [saves.left, saves.right], tryIt: tryIt && [tryIt.left, tryIt.right], text: r.innerText };
    }));
    assert.ok(cards.length >= 7, `${cards.length} follow-ups`);
    if (width < 600) {
      for (const c of cards) {
        assert.equal(c.display, "grid", `${c.key} is a card at ${width} px`);
        assert.ok(c.saves && c.saves[0] >= 0 && c.saves[1] <= width, `${c.key}: Saves within ${width} px (${c.saves})`);
        assert.ok(c.tryIt && c.tryIt[0] >= 0 && c.tryIt[1] <= width, `${c.key}: Try it within ${width} px (${c.tryIt})`);
        assert.match(c.text, /Customer impact[\s\S]*Peak errors[\s\S]*Fix landed[\s\S]*All recovered[\s\S]*Saves/, `${c.key} names its figures`);
      }
      assert.deepEqual(await sideways(page, "#followups"), [], `nothing scrolls sideways at ${width} px${embed ? " (embed)" : ""}`);
      if (width === 375 && embed) await page.screenshot({ path: path.join(ARTIFACTS, "followups-cards-375.png"), fullPage: true });
    } else {
      assert.equal(cards[0].display, "table-row", "a table from 600 px");
      assert.equal(await page.locator("#followups thead").isVisible(), true);
    }
    assert.deepEqual(errorsOf(log), []);
    await context.close();
  }
});

test("the sweep embedded at 320 px does not scroll sideways, computing or done", async () => {
  const { page, log, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&embed=1&view=sweep&controls=min", { viewport: { width: 320, height: 700 } });
  await page.waitForSelector("#sweep-map", { timeout: 20000 });
  assert.deepEqual(await sideways(page, "body"), [], "while computing");
  await page.waitForFunction(() => { const s = document.getElementById("sweep"); return s && s.dataset.computed === s.dataset.total; }, null, { timeout: 30000 });
  await page.focus("#sweep-map");
  await page.keyboard.press("ArrowRight");
  assert.deepEqual(await sideways(page, "body"), [], "done, a cell read");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

/// The PDF's text (pdftotext) and its pages as PNGs (pdftoppm) in the artifacts folder.
function pdfParts(pdf, name) {
  const file = path.join(ARTIFACTS, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`) && f.endsWith(".png")) fs.rmSync(path.join(ARTIFACTS, f));
  execFileSync("pdftoppm", ["-r", "50", "-png", file, path.join(ARTIFACTS, name)]);
  const pages = fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png")).sort().map((f) => path.join(ARTIFACTS, f));
  return { text, pages };
}

/// Share of dark pixels (sum of RGB under 200) and of ink (not white) on a page image, read
/// back through a browser canvas (no image library needed).
async function pixels(page, png) {
  const data = "data:image/png;base64," + fs.readFileSync(png).toString("base64");
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const x = c.getContext("2d");
    x.drawImage(img, 0, 0);
    const d = x.getImageData(0, 0, c.width, c.height).data;
    let dark = 0, ink = 0;
    const n = d.length / 4;
    for (let i = 0; i < d.length; i += 4) {
      const s = d[i] + d[i + 1] + d[i + 2];
      if (s < 200) dark++;
      if (s < 720) ink++;
    }
    return { dark: dark / n, ink: ink / n };
  }, data);
}

const CONTROLS = ["Copy link", "Export", "Embed", "▶ Play", "Pause", "Try it", "Start the lesson", "Present", "Keyboard shortcuts", "Open in full app", "Loading"];

test("the full app prints light for a dark reader: no controls, the share link under the figures, figures drawn", async () => {
  const { page, log, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=30", { colorScheme: "dark" });
  await ready(page);
  await page.waitForTimeout(500);
  const { text, pages } = pdfParts(await page.pdf({ format: "A4", printBackground: true }), "print-full");
  for (const c of CONTROLS) assert.ok(!text.includes(c), `"${c}" is not printed`);
  const url = new URL(app.url + "?v=1&preset=december-2024&t=30").href;
  assert.ok(text.includes(`Reproduce: ${url}`), "the link to this moment is printed");
  assert.match(text, /Fleet at 3:42 pm/);
  // The panels below the fold come from the tools module, which printing starts loading: the
  // first print cannot wait for it (its places print as headings), a second has them, the
  // sweep finished.
  await page.waitForSelector("#followups tr[data-key]", { state: "attached", timeout: 20000 });
  await page.waitForSelector("#sweep", { state: "attached", timeout: 20000 });
  const again = pdfParts(await page.pdf({ format: "A4", printBackground: true }), "print-full-again").text;
  assert.ok(again.includes("The postmortem's follow-ups"), "the follow-ups, below the fold, are printed");
  assert.ok(again.includes("Where is the cliff?"), "the sweep is printed");
  const runs = again.match(/([0-9,]+) of ([0-9,]+) runs/);
  assert.ok(runs && runs[1] === runs[2], `the sweep is finished when printed: ${runs?.[0]}`);
  for (const c of CONTROLS) assert.ok(!again.includes(c), `"${c}" is not printed the second time`);
  // Dark text on white: every page is mostly white, and none is a dark page.
  for (const p of pages) {
    const { dark, ink } = await pixels(page, p);
    assert.ok(dark < 0.08, `${path.basename(p)}: ${(dark * 100).toFixed(1)} % dark pixels`);
    assert.ok(ink < 0.6, `${path.basename(p)}: ${(ink * 100).toFixed(1)} % not white`);
  }
  // And on screen again afterwards: dark, the canvases back, no print copies left.
  await page.waitForFunction(() => !document.querySelector(".print-copy") && !document.documentElement.hasAttribute("data-printing"));
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".app")).backgroundColor), "rgb(22, 26, 33)");
  // The print rules themselves: light text colour, controls hidden.
  await page.emulateMedia({ media: "print" });
  const styles = await page.evaluate(() => ({ fg: getComputedStyle(document.querySelector(".tile-value")).color, bg: getComputedStyle(document.querySelector(".app")).backgroundColor,
    shown: ["#play", "#copy-link", ".controls", ".scrubber", "#embed-btn"].filter((s) => { const e = document.querySelector(s); return e && e.getClientRects().length > 0; }) }));
  assert.equal(styles.fg, "rgb(28, 32, 40)");
  assert.equal(styles.bg, "rgb(255, 255, 255)");
  assert.deepEqual(styles.shown, []);
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("Ctrl+P prints the whole app the first time: the panels below the fold are drawn before the print opens", async () => {
  const { page, log, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=30");
  await ready(page);
  // The browser's print dialog is replaced by a marker: the app calls it once everything is drawn.
  await page.evaluate(() => { window.print = () => { window.__printedAt = performance.now(); }; });
  assert.equal(await page.locator("#followups tr[data-key]").count(), 0, "not scrolled to: nothing below the fold yet");
  await page.locator("h1").click();
  await page.keyboard.press("Control+P");
  await page.waitForFunction(() => window.__printedAt !== undefined, null, { timeout: 15000 });
  const { text } = pdfParts(await page.pdf({ format: "A4", printBackground: true }), "print-first");
  assert.ok(text.includes("The postmortem's follow-ups"), "the follow-ups are printed the first time");
  assert.ok(text.includes("Where is the cliff?"), "the sweep is printed the first time");
  const runs = text.match(/([0-9,]+) of ([0-9,]+) runs/);
  assert.ok(runs && runs[1] === runs[2], `the sweep is finished when printed: ${runs?.[0]}`);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("a docs page on another origin prints its embedded figures drawn, far below the fold, without controls", async () => {
  const src = (q) => app.url + "?v=1&preset=december-2024&embed=1" + q;
  const gap = `<p style="height:1800px">Some prose between the figures.</p>`;
  fs.writeFileSync(path.join(docsDir, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Runbook</title><link rel="icon" href="data:,"></head><body>
<h1>What the caches hid</h1>
<iframe src="${src("&view=diagram&controls=min&t=30")}" title="diagram" width="100%" height="900"></iframe>${gap}
<iframe src="${src("&view=visibility&controls=min&t=20")}" title="chart" width="100%" height="900"></iframe>${gap}
<iframe src="${src("&view=followups&controls=min&t=30")}" title="follow-ups" width="100%" height="900"></iframe>
</body></html>`.replaceAll(' style="height:1800px"', ""));
  // The gap as a stylesheet (docs pages may have a strict CSP too).
  const { page, log, context } = await openPage(browser, docs.url, { colorScheme: "dark" });
  await page.addStyleTag({ content: "p { height:1800px }" });
  const frames = () => page.frames().filter((f) => f.url().includes("embed=1"));
  await page.waitForFunction(() => document.querySelectorAll("iframe").length === 3);
  for (let i = 0; i < 100 && frames().length < 3; i++) await page.waitForTimeout(100);
  for (const f of frames()) await f.waitForSelector(".embed-bar", { timeout: 20000 });
  const { text, pages } = pdfParts(await page.pdf({ format: "A4", printBackground: true }), "print-docs");
  assert.ok(!/Loading/.test(text), "no figure prints as Loading…");
  for (const c of CONTROLS) assert.ok(!text.includes(c), `"${c}" is not printed`);
  assert.match(text, /How it cascades/);
  assert.match(text, /The postmortem's follow-ups/);
  // A bare frame prints what its height shows: the follow-ups (taller than 900 px) lose their foot.
  assert.ok((text.match(/Reproduce: /g) || []).length >= 2, "the figures' links printed under them");
  // The chart's page has ink: a drawn canvas, not an empty box.
  const inks = [];
  for (const p of pages) inks.push((await pixels(page, p)).ink);
  assert.ok(inks.filter((k) => k > 0.02).length >= 3, `pages with a figure: ${inks.map((k) => k.toFixed(3))}`);
  for (const k of inks) assert.ok(k < 0.6, "no dark page");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});
