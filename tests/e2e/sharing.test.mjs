// Share links, copy buttons, hostile links, embedding and export.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, openPage, ready, serve, minutes, DIST, BASE } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const headline = (page) => page.$$eval(".tile-value", (els) => els.map((e) => e.dataset.min));

test("a link opens the same run and cursor as the one that produced it", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  const entries = await page.evaluate(() => history.length);
  await page.locator("#p-agents ~ input[type=number]").fill("5000");
  await page.locator("#p-agents ~ input[type=number]").press("Enter");
  await page.locator("details.advanced > summary").click();
  await page.selectOption("#p-retry", "jittered");
  await page.click("#next"); await page.click("#next"); await page.click("#next");
  await page.waitForFunction(() => location.search.includes("agents=5000") && location.search.includes("retry=jittered") && location.search.includes("t="));
  const url = page.url();
  const before = await headline(page);
  const clock = await page.textContent("#clock");
  const sum = await page.evaluate((q) => window.cascadeLab.checksum_of_link(q), new URL(url).search);
  const { page: again, log: log2, context: c2 } = await openPage(browser, url);
  await ready(again);
  assert.deepEqual(await headline(again), before, "same headline numbers");
  assert.equal(await again.textContent("#clock"), clock, "same cursor");
  assert.equal(await again.inputValue("#p-agents ~ input[type=number]"), "5000");
  assert.equal(await again.evaluate((q) => window.cascadeLab.checksum_of_link(q), new URL(url).search), sum, "same trace");
  assert.equal(await again.$("#notice"), null, "a good link raises no notice");
  // Editing never spams history: still one entry per page load.
  assert.equal(await page.evaluate(() => history.length), entries);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors, log2.consoleErrors, log2.pageErrors), []);
  await context.close(); await c2.close();
});

test("copy buttons put the link (and the link to this moment) on the clipboard", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // A returning visitor who chose to see every number (a first visit opens spoiler-free).
  await context.addInitScript(() => { try { localStorage.setItem("cascade-lab.show-all", "1"); } catch (_) {} });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(srv.url).origin });
  const page = await context.newPage();
  await page.goto(srv.url + "?ttl=30&t=12");
  await ready(page);
  await page.click("#copy-link");
  await page.waitForSelector(".copied");
  const plain = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(plain, srv.url + "?v=1&preset=december-2024&ttl=30");
  await page.click("#copy-moment");
  await page.waitForFunction(() => document.querySelector("#link-text").value.includes("t=12"));
  const moment = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(moment, srv.url + "?v=1&preset=december-2024&ttl=30&t=12");
  await context.close();
});

test("without clipboard access the link is shown as selectable text", async () => {
  const { page, context } = await openPage(browser, srv.url + "?ttl=30");
  await page.addInitScript(() => {});
  await ready(page);
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await page.click("#copy-link");
  await page.waitForSelector("#link-text");
  assert.equal(await page.inputValue("#link-text"), srv.url + "?v=1&preset=december-2024&ttl=30");
  assert.match(await page.textContent(".copied label"), /clipboard unavailable/);
  await context.close();
});

test("a hostile link shows the notice and a working app", async () => {
  const hostile = "?agents=1e99&ttl=-5&cost=NaN&break_glass=%3Cscript%3Ealert(1)%3C/script%3E&t=abc&iv=5:launch&evil=%E2%82%AC&agents=also&" + "x".repeat(8000);
  const { page, log, context } = await openPage(browser, srv.url + hostile);
  await ready(page);
  const notice = await page.textContent("#notice");
  assert.match(notice, /Agent count 'also' is not valid/);
  assert.match(notice, /DNS TTL/);
  assert.match(notice, /Cursor/);
  assert.equal(await page.$("script:not([src])"), null, "no injected script");
  // 'agents' came twice: the last value ("also") wins, is invalid, and the default stays.
  assert.match(notice, /appeared more than once/);
  assert.equal(await page.inputValue("#p-agents ~ input[type=number]"), "7500");
  assert.match(notice, /Request cost/);
  // Still works: play moves the clock; dismiss hides the notice.
  const c0 = await page.textContent("#clock");
  await page.click("#play");
  await page.waitForTimeout(500);
  assert.notEqual(await page.textContent("#clock"), c0);
  await page.click("#notice button");
  assert.equal(await page.$("#notice"), null);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("embed mode: compact, open-in-full-app link, height and events posted", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?embed=1&controls=none&t=30&ttl=30");
  await ready(page);
  assert.equal(await page.$("header.top"), null, "no page chrome");
  assert.equal(await page.$("aside.controls"), null, "controls=none");
  const full = await page.getAttribute("#open-full", "href");
  assert.ok(full.includes("ttl=30") && full.includes("t=30") && !full.includes("embed"), full);
  const { page: p2, context: c2 } = await openPage(browser, srv.url + "?embed=1&controls=min");
  await ready(p2);
  assert.ok(await p2.$("#p-agents"), "controls=min keeps the main sliders");
  assert.equal(await p2.$("details.advanced"), null, "controls=min hides the advanced group");
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close(); await c2.close();
});

test("the embed example renders three figures and embed.js resizes their iframes", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "embed-example.html", { viewport: { width: 1280, height: 3000 } });
  for (const id of ["lab-a", "lab-b", "lab-c"]) {
    await page.waitForFunction((id) => document.getElementById(id).dataset.cascadeLabReady === "1" && document.getElementById(id).dataset.cascadeLabHeight, id, { timeout: 20000 });
  }
  const frames = page.frames().filter((f) => f.url().includes("embed=1"));
  assert.equal(frames.length, 3);
  await frames.find((f) => f.url().includes("view=diagram")).waitForSelector("#diagram");
  await frames.find((f) => f.url().includes("view=visibility")).waitForSelector("#charts-base");
  await frames.find((f) => f.url().includes("view=timeline")).waitForSelector("#events");
  const heights = await page.$$eval("iframe", (fs) => fs.map((f) => [f.getBoundingClientRect().height, Number(f.getAttribute("height"))]));
  assert.ok(heights.every(([h, first]) => h > 200 && h !== first), `iframes resized: ${heights}`);
  await frames.find((f) => f.url().includes("view=diagram")).click("#play");
  await page.waitForFunction(() => /Latest event: \w+/.test(document.getElementById("lab-a-event").textContent));
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("the embed dialog generates an iframe snippet for the current state", async () => {
  const { page, context } = await openPage(browser, srv.url + "?ttl=30&t=5");
  await ready(page);
  await page.click("#embed-btn");
  const snippet = await page.inputValue("#embed-snippet");
  assert.match(snippet, /^<iframe data-cascade-lab src="http:\/\/127\.0\.0\.1:\d+\/training\/cascade\/\?v=1&amp;/);
  assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/training\/cascade\/embed\.js" async><\/script>$/);
  assert.ok(snippet.includes("ttl=30") && snippet.includes("embed=1") && snippet.includes("t=5"), snippet);
  await context.close();
});

test("exports download files whose content matches the run", async () => {
  const { page, context } = await openPage(browser, srv.url + "?preset=break-glass&seed=7");
  await ready(page);
  const grab = async (id) => {
    if (!(await page.$("details.menu[open]"))) await page.click("details.menu > summary");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
    const file = await dl.path();
    return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
  };
  const csv = await grab("export-csv");
  assert.match(csv.name, /^cascade-lab-break-glass-seed7-[0-9a-f]{6}\.csv$/);
  const lines = csv.bytes.toString().trim().split("\n");
  assert.match(lines[0], /^t_min,api_demand_cores/, "the header first: no comment line a spreadsheet would read as data");
  assert.ok(lines.length > 700);
  // The link lives in the CSV-on-the-Web metadata beside it.
  const meta = await grab("export-csv-meta");
  assert.equal(meta.name, csv.name + "-metadata.json");
  const m = JSON.parse(meta.bytes.toString());
  assert.equal(m.url, csv.name);
  assert.match(m["dc:source"], /^http:\/\/.*preset=break-glass/);
  const json = await grab("export-json");
  assert.equal(json.name, csv.name.replace(/\.csv$/, ".json"));
  const report = JSON.parse(json.bytes.toString());
  assert.equal(report.params.break_glass, true);
  assert.equal(report.params.seed, 7);
  assert.ok(report.link.includes("preset=break-glass"), report.link);
  assert.equal(report.summary.fix_landed_min.toFixed(2), (await minutes(page, "hl-fix")).toFixed(2));
  const png = await grab("export-png");
  assert.match(png.name, /^cascade-lab-break-glass-seed7-[0-9a-f]{6}-charts-t[+-]\d+m-light\.png$/);
  assert.ok(png.bytes.length > 10000 && png.bytes.subarray(1, 4).toString() === "PNG");
  const view = await grab("export-view");
  assert.ok(view.bytes.length > png.bytes.length, "whole view is bigger than the charts alone");
  await context.close();
});
