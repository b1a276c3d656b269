// The quality bar: strict CSP, accessibility, keyboard, themes, motion, offline, faults.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, openPage, ready, inkOf, serve, minutes, DIST, BASE } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

const require = createRequire(import.meta.url);
let srv, cspSrv, browser;
before(async () => {
  srv = await serve({ root: DIST, base: BASE });
  cspSrv = await serve({ root: DIST, base: BASE, csp: STRICT_CSP });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); await cspSrv?.close(); });

test("works under a strict Content-Security-Policy with no violations", async () => {
  const { page, log, context } = await openPage(browser, cspSrv.url + "?t=30");
  const violations = [];
  await page.exposeFunction("reportViolation", (v) => violations.push(v));
  await page.evaluate(() => document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await ready(page);
  assert.ok(await inkOf(page, "#charts-base") > 2000);
  await page.click("#play");
  await page.waitForTimeout(400);
  await page.click("#copy-moment");
  await page.click("#embed-btn");
  assert.deepEqual(violations, []);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  assert.deepEqual(log.offOrigin, []);
  await context.close();
});

test("axe-core finds no serious or critical violations (light, dark, phone, with dialogs)", async () => {
  for (const [q, opts] of [["", {}], ["?theme=dark&t=40", {}], ["?t=30", { viewport: { width: 375, height: 812 } }]]) {
    const { page, context } = await openPage(browser, srv.url + q, opts);
    await ready(page);
    await page.locator("details.advanced > summary").click().catch(() => {});
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
    });
    assert.deepEqual(result, [], `axe on ${q || "default"}`);
    await context.close();
  }
});

test("keyboard only: shortcuts, focus that shows, sliders, help overlay, live announcements", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  // Tab reaches the controls in order and focus is visible.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => document.activeElement?.id === "p-agents");
  }
  assert.ok(found, "Tab reaches the agent slider");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "visible focus");
  const before = await page.$$eval(".tile-value", (els) => els.map((e) => e.dataset.min).join());
  const text0 = await page.getAttribute("#p-agents", "aria-valuetext");
  for (let i = 0; i < 60; i++) await page.keyboard.press("ArrowRight");
  assert.notEqual(await page.getAttribute("#p-agents", "aria-valuetext"), text0);
  assert.notEqual(await page.$$eval(".tile-value", (els) => els.map((e) => e.dataset.min).join()), before, "arrow keys on the slider re-simulate");
  assert.match(await page.getAttribute("#p-agents", "aria-valuetext"), /nodes/);
  // Global shortcuts from the page body.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.getElementById("announce").textContent.length > 10);
  const said = await page.textContent("#announce");
  assert.match(said, /pm|am/);
  await page.keyboard.press(" ");
  await page.waitForSelector("#play[aria-label=Pause]");
  await page.keyboard.press(" ");
  await page.waitForSelector("#play[aria-label=Play]");
  await page.keyboard.press("?");
  await page.waitForSelector("#help");
  assert.match(await page.textContent("#help"), /Play \/ pause/);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Close", "focus moves into the help dialog");
  await page.keyboard.press("Escape");
  assert.equal(await page.$("#help"), null);
  await page.keyboard.press("?");
  await page.waitForSelector("#help");
  await page.keyboard.press("?");
  assert.equal(await page.$("#help"), null, "? toggles the help closed again");
  // After clicking a button, the arrow shortcuts still step between events.
  await page.click("#next");
  const at = () => page.evaluate(() => `${document.querySelector("#scrubber").value} ${document.querySelector("#events li.current")?.textContent ?? ""}`);
  const t1 = await at();
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction((b) => `${document.querySelector("#scrubber").value} ${document.querySelector("#events li.current")?.textContent ?? ""}` !== b, t1, { timeout: 3000 }).catch(() => {});
  assert.notEqual(await at(), t1, "→ works with a button focused");
  // The pause control is always on screen while playing (sticky transport).
  await page.keyboard.press(" ");
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(200);
  const box = await page.locator("#play").boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 800, "pause button stays visible when scrolled");
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("themes: dark and light override the system, canvases follow", async () => {
  const bgOf = (page) => page.$eval("#charts-base", (c) => Array.from(c.getContext("2d").getImageData(4, 4, 1, 1).data.slice(0, 3)));
  const { page: dark, context: c1 } = await openPage(browser, srv.url + "?theme=dark", { colorScheme: "light" });
  await ready(dark);
  assert.ok((await bgOf(dark)).every((v) => v < 60), "dark chart background");
  const { page: auto, context: c2 } = await openPage(browser, srv.url, { colorScheme: "dark" });
  await ready(auto);
  assert.ok((await bgOf(auto)).every((v) => v < 60), "auto follows prefers-color-scheme: dark");
  const { page: light, context: c3 } = await openPage(browser, srv.url + "?theme=light", { colorScheme: "dark" });
  await ready(light);
  assert.ok((await bgOf(light)).every((v) => v > 200), "light overrides a dark system");
  await c1.close(); await c2.close(); await c3.close();
});

test("reduced motion: never autoplays; event steps jump without animation", async () => {
  const { page, context } = await openPage(browser, srv.url + "?autoplay=1", { reducedMotion: "reduce" });
  await ready(page);
  await page.waitForTimeout(300);
  assert.equal(await page.getAttribute("#play", "aria-label"), "Play");
  await page.click("#next");
  const t = await page.inputValue("#scrubber");
  await page.waitForTimeout(300);
  assert.equal(await page.inputValue("#scrubber"), t);
  const { page: normal, context: c2 } = await openPage(browser, srv.url + "?autoplay=1");
  await ready(normal);
  assert.equal(await normal.getAttribute("#play", "aria-label"), "Pause", "autoplay without reduced motion");
  await context.close(); await c2.close();
});

test("extreme parameters stay finite and responsive; works offline once loaded", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?agents=100000&cost=10&ttl=0&horizon=720");
  await ready(page);
  const values = await page.$$eval(".tile-value", (els) => els.map((e) => e.textContent));
  assert.ok(values.every((v) => !/NaN|inf/i.test(v)), values.join(","));
  await context.setOffline(true);
  await page.locator("#p-agents ~ input[type=number]").fill("10");
  await page.locator("#p-agents ~ input[type=number]").press("Enter");
  await page.waitForFunction(() => document.querySelector("#hl-cp .tile-value").textContent === "never");
  await page.click("#play");
  await page.waitForTimeout(300);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("a panic shows the recovery panel with the failing link and a reset", async () => {
  const { page, context } = await openPage(browser, srv.url + "?ttl=30");
  await ready(page);
  await page.evaluate(() => { try { window.cascadeLab.debug_panic(); } catch (e) { /* the wasm traps after the hook ran */ } });
  await page.waitForSelector("#panic");
  assert.match(await page.textContent("#panic"), /debug_panic/);
  assert.match(await page.textContent("#panic code"), /ttl=30/);
  assert.match(await page.getAttribute("#panic a", "href"), /\/training\/cascade\/$/);
  await context.close();
});
