// One clock: a trainee steps through the default run's events with → and, at every stop, the
// event log, the diagram's caption and parts, and the fleet describe the same moment.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, ready, serve, DIST, BASE } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

test("stepping through every event of the default run, no two views disagree", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?t=-26");
  await ready(page);
  const seen = [];
  for (let step = 0; step < 40; step++) {
    // The scrubber moves in half minutes; two events 0.2 min apart differ in the log's current
    // line: either moving is a step.
    const position = () => page.evaluate(() => `${document.querySelector("#scrubber").value} ${document.querySelector("#events li.current")?.textContent ?? ""}`);
    const before = await position();
    await page.keyboard.press("ArrowRight");
    await page
      .waitForFunction((b) => `${document.querySelector("#scrubber").value} ${document.querySelector("#events li.current")?.textContent ?? ""}` !== b, before, { timeout: 3000 })
      .catch(() => {});
    if ((await position()) === before) break; // the last event
    const now = await page.textContent("#clock");
    await page.waitForFunction((c) => document.querySelector("#diagram-caption").textContent.startsWith(c.split(" ·")[0].trim()), now).catch(() => {});
    const current = (await page.textContent("#events li.current strong")) || "";
    const caption = await page.textContent("#diagram-caption");
    const desc = await page.textContent("#diagram-desc");
    const fleet = await page.getAttribute("#fleet", "aria-label");
    seen.push(current);
    const where = `${now} "${current}": ${caption}`;
    // The caption is of the same minute as the clock.
    assert.ok(caption.startsWith(now.split(" ")[0]) || caption.includes(now.split(" ")[0]), `clock ${now} vs ${where}`);
    if (current === "Agent lands on the largest cluster") {
      assert.doesNotMatch(caption, /has not reached/, where);
      assert.doesNotMatch(desc, /Telemetry agents: idle/, where);
    }
    if (current === "Control plane down") {
      assert.match(desc, /API servers: failing/, where);
      assert.doesNotMatch(caption, /healthy/, where);
      assert.match(fleet, /large-a \([\d,]+ nodes\): (serving from stale cache|failing)/, where);
    }
    if (current === "Agent deleted") assert.match(desc, /Engineers' kubectl: healthy \(through/, where);
    if (current === "First cluster recovered") assert.match(fleet, /large-a \([\d,]+ nodes\): recovered/, where);
  }
  for (const e of ["Agent lands on the largest cluster", "Control plane down", "Customers see errors", "Agent deleted", "First cluster recovered", "All clusters recovered"]) {
    assert.ok(seen.includes(e), `${e} was a stop: ${seen.join(" | ")}`);
  }
  // The moment a stop lands on travels in the link and reopens at the same state.
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});
