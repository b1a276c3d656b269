// The interactive app, as a trainee uses it: sliders, playback, events, compare, interventions.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, openPage, ready, serve, minutes, DIST, BASE, ARTIFACTS } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

async function typeParam(page, key, value) {
  const box = page.locator(`#p-${key}`).locator("xpath=following-sibling::input[@type='number']");
  await box.fill(String(value));
  await box.press("Enter");
  await box.blur();
}
async function openAdvanced(page) {
  await page.locator("details.advanced > summary").click();
}
const clockText = (page) => page.textContent("#clock");
const peak = async (page) => Number(await page.$eval(".headline", (e) => e.dataset.peakMin));

test("each main slider changes the run in the expected direction", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  const cp0 = await minutes(page, "hl-cp");
  const peak0 = await peak(page);
  await typeParam(page, "agents", 20000);
  await page.waitForFunction((v) => document.querySelector("#hl-cp .tile-value").dataset.min !== v, String(cp0.toFixed(2)));
  assert.ok(await minutes(page, "hl-cp") < cp0, "more agents: control plane falls sooner");
  assert.equal(await page.textContent("#p-agents ~ output, .field-head output").catch(() => ""), await page.textContent("output[for=p-agents]"));
  await typeParam(page, "agents", 7500);
  await typeParam(page, "ttl", 3600);
  await page.waitForFunction((v) => document.querySelector(".headline").dataset.peakMin !== v, String(peak0.toFixed(2)));
  assert.ok(await peak(page) > peak0, "longer TTL: errors peak later");
  assert.equal(await page.textContent("output[for=p-ttl]"), "60 min");
  await typeParam(page, "ttl", 1200);
  // Cheaper requests: fewer clusters fall (past its seats, more calls would change nothing).
  const line0 = await page.textContent("#verdict-line");
  const ok = (line) => Number((line.match(/(\d+) ok$/) || [0, 0])[1]);
  await typeParam(page, "cost", 0.1);
  await page.waitForFunction((v) => document.querySelector("#verdict-line").textContent !== v, line0);
  assert.ok(ok(await page.textContent("#verdict-line")) > ok(line0), `cheaper requests: more clusters hold (${line0} → ${await page.textContent("#verdict-line")})`);
  // The range slider itself moves the run too (keyboard on the thumb).
  await page.click("#reset");
  const cust0 = await minutes(page, "hl-cust");
  await page.focus("#p-ttl");
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowLeft");
  assert.ok(await minutes(page, "hl-cust") < cust0, "TTL slider dragged down: customers see errors sooner");
  assert.match(await page.getAttribute("#p-ttl", "aria-valuetext"), /min|s/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("play advances the clock, pause stops it, next event jumps", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  const start = await clockText(page);
  await page.click("#play");
  await page.waitForTimeout(1200);
  const playing = await clockText(page);
  assert.notEqual(playing, start, "clock advanced");
  const scrub1 = Number(await page.inputValue("#scrubber"));
  await page.click("#play"); // now a pause button
  const paused = await page.inputValue("#scrubber");
  await page.waitForTimeout(600);
  assert.equal(await page.inputValue("#scrubber"), paused, "pause stops the cursor");
  assert.ok(Number(paused) >= scrub1);
  // Next event lands exactly on an event time listed in the narration.
  await page.click("#next");
  const t = Number(await page.inputValue("#scrubber"));
  const current = await page.textContent("#events li.current .event-time");
  assert.ok(t > Number(paused));
  assert.match(current, /pm|am/);
  assert.equal(await page.textContent("#clock"), current.replace("Jump to", "").trim().split(" ").slice(0, 2).join(" "));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("compare shows two runs and the difference in minutes", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.click("#pin");
  await openAdvanced(page);
  await page.check("#p-break_glass");
  await page.waitForSelector("#hl-fix .delta");
  const delta = await page.textContent("#hl-fix .delta");
  assert.match(delta, /\d+ min sooner than pinned/);
  assert.equal(await page.getAttribute("#hl-fix .delta", "class"), "delta better", "a sooner fix is better");
  // The address bar follows (debounced) and carries both runs.
  await page.waitForFunction(() => location.search.includes("break_glass=true") && location.search.includes("b.break_glass=false"));
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("an intervention at the cursor changes the outcome", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?t=8");
  await ready(page);
  assert.equal(await clockText(page), "3:20 pm");
  const fix0 = await minutes(page, "hl-fix");
  await page.click("button[data-action=break_glass]");
  await page.waitForSelector(".iv-list li");
  assert.ok(await minutes(page, "hl-fix") < fix0 - 60, "break-glass at 3:20 pm lands the fix over an hour sooner");
  assert.match(await page.textContent(".iv-list"), /3:20 pm/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("predict, then reveal scores the guess", async () => {
  const { page, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.fill("#guess", "10");
  await page.press("#guess", "Enter");
  await page.locator("#guess").blur();
  assert.equal(await page.$("#reveal"), null, "not revealed before the moment");
  await page.goto(srv.url + "?t=60");
  await ready(page);
  await page.fill("#guess", "10");
  await page.locator("#guess").blur();
  assert.match(await page.textContent("#reveal"), /off by \d+ min/);
  await context.close();
});

test("screenshots of the default view: desktop 1280×800 and phone 375×812", async () => {
  for (const [name, viewport] of [["desktop-1280x800", { width: 1280, height: 800 }], ["phone-375x812", { width: 375, height: 812 }]]) {
    const { page, log, context } = await openPage(browser, srv.url + "?t=30", { viewport });
    await ready(page);
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    // Nothing wider than the viewport on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: page scrolls sideways by ${overflow}px`);
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  }
});
