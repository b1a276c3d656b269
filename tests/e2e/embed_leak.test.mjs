// Opening and closing the Embed form must not leave event listeners, DOM nodes, frames or
// documents behind. Measured with the DevTools protocol's counters after a garbage collection:
// ten open/close cycles must cost nothing over the first one (which loads the tools module and
// its first Yew app), and the preview's frame and document must be gone after each close.
//
// The test itself holds no page object: Playwright's `waitForSelector` and `waitForFunction`
// return handles that keep what they found alive (the dialog; the preview's `.app`, and with it
// the preview's whole document and frame) until disposed. Locators and functions that return
// booleans hold nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, ready, serve, DIST, BASE } from "./helpers.mjs";

let app, browser;
before(async () => { app = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

async function counts(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { listeners: m.JSEventListeners, nodes: m.Nodes, frames: m.Frames, documents: m.Documents };
}

async function cycle(page) {
  await page.click("#embed-btn");
  await page.locator("#embed-dialog").waitFor();
  await page.waitForFunction(() => !!document.getElementById("embed-preview")?.contentDocument?.querySelector(".app"));
  await page.click("#embed-close");
  await page.waitForFunction(() => !document.getElementById("embed-dialog"));
  // The close's re-render and the frame's unload settle.
  await page.waitForTimeout(300);
}

test("opening and closing the Embed form leaves no listeners, nodes, frames or documents behind", async () => {
  const { page, context, log } = await openPage(browser, app.url + "?v=1&preset=december-2024&t=20");
  await ready(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const base = await counts(cdp);
  await cycle(page); // loads the tools module and warms every cache
  const first = await counts(cdp);
  const each = [];
  for (let i = 0; i < 10; i++) {
    await cycle(page);
    if (i % 2 === 1) each.push(await counts(cdp));
  }
  const last = each[each.length - 1];
  const seen = JSON.stringify({ base, first, each });
  console.log(seen);
  // Closed, the preview's frame and document are gone: as many as before the first opening.
  for (const c of [first, ...each]) {
    assert.equal(c.frames, base.frames, `a frame outlives its form: ${seen}`);
    assert.equal(c.documents, base.documents, `a document outlives its form: ${seen}`);
  }
  assert.equal(last.listeners - first.listeners, 0, `listeners grew by ${last.listeners - first.listeners} over 10 cycles: ${seen}`);
  assert.ok(Math.abs(last.nodes - first.nodes) <= 5, `nodes grew by ${last.nodes - first.nodes} over 10 cycles: ${seen}`);
  // Still a working form: it opens again, and Esc closes it.
  await page.click("#embed-btn");
  await page.locator("#embed-dialog").waitFor();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("embed-dialog"));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});
