// Figures that survive wikis (issue 21): docs pages on a second origin that run no scripts
// (bare iframes exactly as the Embed form writes them for such pages), a strict-CSP host that
// serves its own copy of embed.js, a host that sandboxes frames, and a diagram that keeps its
// height while it plays.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, openPage, ready, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

let app, docs, cspDocs, docsDir, browser;

before(async () => {
  docsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-wiki-"));
  // The docs origin serves its pages with the strict CSP of the issue; its own embed.js copy.
  docs = await serve({ root: docsDir, base: "/wiki/" });
  // The strict host of the issue: frames only from the app, scripts only its own.
  cspDocs = await serve({ root: docsDir, base: "/wiki/", csp: () => `default-src 'self'; frame-src ${new URL(app.url).origin}; script-src 'self'` });
  const ancestors = [docs, cspDocs].map((d) => new URL(d.url).origin).join(" ");
  app = await serve({ root: DIST, base: BASE, csp: STRICT_CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${ancestors}`) });
  fs.copyFileSync(path.join(DIST, "embed.js"), path.join(docsDir, "embed.js"));
  fs.copyFileSync(path.join(DIST, "favicon.svg"), path.join(docsDir, "favicon.ico"));
  browser = await launch();
});
after(async () => { await browser?.close(); await app?.close(); await docs?.close(); await cspDocs?.close(); });

const page_ = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="favicon.ico"></head><body style="margin:0;padding:0 0 40px"><h1>${title}</h1>${body}</body></html>`;

/// The Embed form's snippet for these choices (the form is the only author of the snippets).
async function formSnippet(page, { view, host, width, t = "", from = "", to = "" }) {
  await page.selectOption("#embed-view", view);
  await page.selectOption("#embed-host", host);
  await page.selectOption("#embed-width", String(width));
  for (const [id, v] of [["#embed-t", t], ["#embed-from", from], ["#embed-to", to]]) await page.fill(id, v);
  await page.waitForFunction(({ view, width, t }) => {
    const s = document.getElementById("embed-snippet").value;
    return s.includes(`view=${view}`) && (t === "" || s.includes(`t=${t}&amp;`) || s.includes(`t=${t}"`)) && s.includes(`width="${width === "100%" ? "100%" : width}"`);
  }, { view, width: host === "none" ? width : "100%", t }).catch(async (e) => {
    throw new Error(`the form never wrote ${JSON.stringify({ view, host, width, t, from, to })}: ${await page.inputValue("#embed-snippet")}`, { cause: e });
  });
  return page.inputValue("#embed-snippet");
}

async function openForm() {
  const { page, context } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=20");
  await ready(page);
  await page.click("#embed-btn");
  await page.waitForSelector("#embed-dialog");
  return { page, context };
}

/// Waits for every frame's app (and tools panel) to be drawn.
async function drawn(frame) {
  await frame.waitForSelector(".stage, #lesson", { timeout: 30000 });
  await frame.waitForFunction(() => !document.querySelector(".island-wait") && !document.getElementById("boot"), null, { timeout: 40000 });
  await frame.waitForFunction(() => { const s = document.querySelector("#sweep"); return !s || s.dataset.ms !== ""; }, null, { timeout: 40000 });
}

const VIEWS = [
  { view: "diagram" },
  { view: "visibility", from: "-5", to: "30" },
  { view: "followups" },
  { view: "sweep" },
];
const MOMENTS = [["before", "-20"], ["peak", "20"], ["recovery", "200"]];

test("pages without scripts: bare frames as the form writes them fit their content at 375, 700 and 1000 px, at every moment", { timeout: 300000 }, async () => {
  const { page, context } = await openForm();
  const pages = {};
  for (const width of [375, 700, 1000]) {
    const frames = [];
    for (const v of VIEWS) {
      for (const [label, t] of MOMENTS) {
        // A window keeps the moment inside it: the windowed chart's three moments are its start,
        // the peak and its end.
        const inside = v.to ? String(Math.min(Number(v.to), Math.max(Number(v.from), Number(t)))) : t;
        const s = await formSnippet(page, { ...v, host: "none", width, t: inside });
        assert.ok(!s.includes("<script") && !s.includes("data-cascade-lab") && !/ style=/.test(s), s);
        assert.match(s, new RegExp(`width="${width}" height="\\d+" frameborder="0"></iframe>$`), s);
        frames.push(`<h2>${v.view} · ${label}</h2>\n${s}`);
      }
    }
    pages[width] = `bare-${width}.html`;
    fs.writeFileSync(path.join(docsDir, pages[width]), page_(`Module 3 at ${width} px, no scripts`, frames.join("\n")));
  }
  await context.close();

  for (const width of [375, 700, 1000]) {
    const { page, log, context } = await openPage(browser, docs.url + pages[width], { viewport: { width, height: 900 } });
    const handles = await page.$$("iframe");
    assert.equal(handles.length, VIEWS.length * MOMENTS.length);
    const problems = [];
    for (const h of handles) {
      await h.scrollIntoViewIfNeeded();
      const frame = await h.contentFrame();
      await drawn(frame);
      const attr = Number(await h.getAttribute("height"));
      const box = await h.boundingBox();
      const [content, scrollH, innerH, scrollW, innerW] = await frame.evaluate(() => [document.documentElement.offsetHeight, document.documentElement.scrollHeight, innerHeight, document.documentElement.scrollWidth, innerWidth]);
      const where = `${width} px ${frame.url().replace(/.*\?/, "?")}`;
      if (Math.abs(box.width - width) > 1) problems.push(`${where}: frame ${box.width} px wide`);
      if (content > attr) problems.push(`${where}: content ${content} px in a ${attr} px frame`);
      if (scrollH > innerH) problems.push(`${where}: scrolls inside (${scrollH} > ${innerH})`);
      if (scrollW > innerW) problems.push(`${where}: scrolls sideways inside (${scrollW} > ${innerW})`);
      // Not needlessly tall either: the table leaves about 5 % for other fonts.
      if (attr > content * 1.15 + 30) problems.push(`${where}: ${attr} px frame for ${content} px of content`);
    }
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    assert.equal(sideways, false, `the docs page at ${width} px scrolls sideways`);
    assert.deepEqual(problems, []);
    assert.deepEqual(log.pageErrors, []);
    if (width === 700) {
      await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(ARTIFACTS, "wiki-no-scripts-700.png") });
    }
    await context.close();
  }
});

test("a strict-CSP docs page with its own copy of embed.js: frames sized to their content, no violation", { timeout: 120000 }, async () => {
  const { page: form, context: fc } = await openForm();
  const snippets = [];
  for (const v of VIEWS.slice(0, 3)) snippets.push(await formSnippet(form, { ...v, host: "scripts", width: 700 }));
  await fc.close();
  // The snippet's script points at the docs origin's copy, as docs/embedding.md says.
  const local = snippets.map((s) => s.replace(/<script src="[^"]*embed\.js"/, `<script src="./embed.js"`));
  fs.writeFileSync(path.join(docsDir, "csp.html"), page_("Strict CSP", local.join("\n<p>Between the figures.</p>\n")).replace(' style="margin:0;padding:0 0 40px"', ""));
  const { page, log, context } = await openPage(browser, cspDocs.url + "csp.html", { viewport: { width: 724, height: 900 } });
  await page.evaluate(() => { window.__v = []; document.addEventListener("securitypolicyviolation", (e) => window.__v.push(e.violatedDirective + " " + e.blockedURI)); });
  await page.waitForFunction(() => [...document.querySelectorAll("iframe[data-cascade-lab]")].every((f) => f.dataset.cascadeLabHeight), null, { timeout: 30000 });
  for (const h of await page.$$("iframe[data-cascade-lab]")) {
    const frame = await h.contentFrame();
    await drawn(frame);
  }
  await page.waitForTimeout(800);
  for (const h of await page.$$("iframe[data-cascade-lab]")) {
    const frame = await h.contentFrame();
    const doc = await frame.evaluate(() => document.documentElement.offsetHeight);
    const box = await h.boundingBox();
    assert.ok(Math.abs(box.height - doc) <= 2, `embed.js sized the frame to ${box.height} px for ${doc} px (${frame.url()})`);
  }
  assert.deepEqual(await page.evaluate(() => window.__v), []);
  // A blocked script, frame or style is logged as a console error from the first byte on.
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("a frame sandboxed without allow-same-origin shows a link to open the figure instead of hanging", { timeout: 60000 }, async () => {
  const src = app.url + "?v=1&preset=december-2024&t=20&embed=1&controls=min&view=diagram";
  fs.writeFileSync(path.join(docsDir, "sandbox.html"), page_("Sandboxed", `<iframe sandbox="allow-scripts allow-popups" src="${src.replaceAll("&", "&amp;")}" width="700" height="400"></iframe>
<iframe sandbox="allow-scripts allow-same-origin allow-popups" src="${src.replaceAll("&", "&amp;")}" width="700" height="700"></iframe>`));
  const { page, context } = await openPage(browser, docs.url + "sandbox.html");
  const [opaque, same] = await Promise.all((await page.$$("iframe")).map((h) => h.contentFrame()));
  const link = await opaque.waitForSelector("#open-figure", { timeout: 10000 });
  assert.equal(await link.getAttribute("href"), src, "the link opens this very figure");
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.match(await opaque.textContent("#boot"), /sandboxed without allow-same-origin/);
  // With allow-same-origin the figure itself loads.
  await same.waitForSelector("#diagram", { timeout: 20000 });
  assert.equal(await same.$("#open-figure"), null);
  await context.close();
});

test("the diagram frame keeps one height while it plays, in a page with embed.js", { timeout: 120000 }, async () => {
  const { page: form, context: fc } = await openForm();
  const s = await formSnippet(form, { view: "diagram", host: "scripts", width: 700, t: "-25" });
  await fc.close();
  fs.writeFileSync(path.join(docsDir, "play.html"), page_("Playing", `${s}\n<p id="after">The text under the figure.</p>`));
  const { page, context } = await openPage(browser, docs.url + "play.html", { viewport: { width: 700, height: 900 } });
  await page.waitForFunction(() => document.querySelector("iframe[data-cascade-lab]")?.dataset.cascadeLabHeight, null, { timeout: 30000 });
  const frame = await (await page.$("iframe[data-cascade-lab]")).contentFrame();
  await frame.waitForSelector("#diagram");
  await frame.selectOption(".playback-opts select", "20");
  const heights = new Set();
  const under = new Set();
  await frame.click("#play");
  // From before the rollout to the recovery: 26 + 200 minutes at 20 min/s is about 11 s.
  for (let i = 0; i < 48; i++) {
    heights.add(await page.$eval("iframe[data-cascade-lab]", (f) => f.getBoundingClientRect().height));
    under.add(await page.$eval("#after", (p) => Math.round(p.getBoundingClientRect().top)));
    await page.waitForTimeout(250);
  }
  const reached = await frame.$eval("#tplus", (e) => e.textContent);
  assert.ok(/T\+[1-9]/.test(reached), `played well into the incident (${reached})`);
  assert.equal(heights.size, 1, `the frame's height while playing: ${[...heights].join(", ")} px`);
  assert.equal(under.size, 1, "the text under the figure never moves");
  await context.close();
});

test("the Embed form: focus in, Tab kept in, Esc closes; the snippet follows typing; the preview is the column's width; Copy confirms", { timeout: 60000 }, async () => {
  const { page, context } = await openForm();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(app.url).origin });
  assert.equal(await page.evaluate(() => document.activeElement.id), "embed-h", "focus moves into the dialog");
  assert.equal(await page.getAttribute("#embed-dialog", "aria-modal"), "true");
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(i % 2 ? "Tab" : "Shift+Tab");
    assert.ok(await page.evaluate(() => document.getElementById("embed-dialog").contains(document.activeElement)), `Tab ${i} left the dialog`);
  }
  // Typing alone (no change event, no blur) updates the snippet.
  await page.focus("#embed-t");
  await page.keyboard.type("45");
  await page.waitForFunction(() => document.getElementById("embed-snippet").value.includes("t=45&amp;"));
  await page.selectOption("#embed-view", "sweep");
  await page.selectOption("#embed-host", "none");
  await page.selectOption("#embed-width", "375");
  await page.waitForFunction(() => /view=sweep/.test(document.getElementById("embed-snippet").value) && /width="375"/.test(document.getElementById("embed-snippet").value));
  assert.equal(await page.getAttribute("#embed-preview", "width"), "375", "the preview frame has the column's width");
  const snippet = await page.inputValue("#embed-snippet");
  assert.equal(await page.getAttribute("#embed-preview", "height"), snippet.match(/height="(\d+)"/)[1], "and the snippet's height");
  await page.click("#embed-copy");
  await page.waitForFunction(() => document.getElementById("embed-copied").textContent.includes("Copied"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  // A new choice is not yet copied.
  await page.selectOption("#embed-width", "700");
  await page.waitForFunction(() => document.getElementById("embed-copied").textContent === "");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#embed-dialog", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "embed-btn", "focus back on the Embed button");
  await context.close();
});
