// The app as a lesson: spoiler-free mode hides every outcome until the cursor reaches it, the
// predict question comes first and is scored, and the postmortem's follow-ups can be tried.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, ready, serve, DIST, BASE } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

/// Every event's clock time and T+ notation, read from the full app's event log.
async function eventTimes(page) {
  return page.$$eval("#events .event-time", (els) => els.map((e) => e.textContent.replace("Jump to", "").trim()));
}
const visibleText = (page) => page.evaluate(() => document.body.innerText);

test("spoiler-free at T+0 names no future event's time; at the end it does", async () => {
  // The times of events still to come at T+0, from the same run without spoiler-free mode.
  const full = await openPage(browser, srv.url + "?t=0");
  await ready(full.page);
  const future = (await eventTimes(full.page)).map((s) => s.split(" ").slice(0, 2).join(" ")).filter((clock) => clock !== "3:12 pm" && !clock.startsWith("2:"));
  assert.ok(future.length >= 8, `future events: ${future}`);
  await full.context.close();

  const { page, log, context } = await openPage(browser, srv.url + "?teach=1&t=0");
  await ready(page);
  assert.equal(await page.isChecked("#teach"), true, "the toggle shows the mode");
  // Spoiler-free gives nothing away: the sweep (every cell an outcome) waits for the end, and
  // the tagline does not tell the causal chain.
  await page.waitForSelector("#sweep-held");
  assert.equal(await page.locator(".island[data-tool=sweep]").count(), 0);
  assert.doesNotMatch(await page.textContent(".tagline"), /overloads|hide/);
  const text = await visibleText(page);
  for (const clock of future) assert.ok(!text.includes(clock), `${clock} is named before it happens`);
  // December 2024's real times of what is still to come (alert, customers, rollout end, shift,
  // peak, first recovered, all recovered) are not told either.
  for (const real of ["3:13 pm", "3:16 pm", "3:20 pm", "3:27 pm", "3:40 pm", "4:36 pm", "7:38 pm"]) {
    assert.ok(!text.includes(real), `real time ${real} is named before it happens`);
  }
  assert.equal(await page.textContent("#hl-fix .tile-value"), "not yet");
  assert.equal(await page.locator(".ticks .tick:not(.passed)").count(), 0, "no future marks on the scrubber");
  // The question sits above the diagram and Play.
  const q = (await page.locator("#pred-h").boundingBox()).y;
  assert.ok(q < (await page.locator("#diagram").boundingBox()).y && q < (await page.locator("#play").boundingBox()).y);
  // Scrub to the end: now the outcomes are told.
  const end = await page.getAttribute("#scrubber", "max");
  await page.fill("#scrubber", end);
  await page.dispatchEvent("#scrubber", "input");
  await page.waitForFunction(() => document.querySelector("#hl-fix .tile-value").textContent !== "not yet");
  const after = await visibleText(page);
  assert.ok(future.every((clock) => after.includes(clock)), "every event's time is on the page at the end");
  assert.match(after, /really/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("the predict answer is scored when the cursor passes customers' first errors", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?teach=1");
  await ready(page);
  await page.fill("#guess", "10");
  await page.locator("#guess").blur();
  assert.equal(await page.$("#reveal"), null, "not before the moment");
  await page.fill("#scrubber", "20");
  await page.dispatchEvent("#scrubber", "input");
  await page.waitForSelector("#reveal");
  assert.match(await page.textContent("#reveal"), /you guessed T\+10 min, off by \d+ min/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("the toggle turns spoiler-free mode on and off, and the link carries it", async () => {
  const { page, context } = await openPage(browser, srv.url + "?t=0");
  await ready(page);
  assert.notEqual(await page.textContent("#hl-all .tile-value"), "not yet");
  await page.check("#teach");
  await page.waitForFunction(() => document.querySelector("#hl-all .tile-value").textContent === "not yet");
  await page.waitForFunction(() => location.search.includes("teach=1"));
  await page.uncheck("#teach");
  await page.waitForFunction(() => document.querySelector("#hl-all .tile-value").textContent !== "not yet");
  await context.close();
});

test("follow-ups: one row each, numbers against this run, Try it applies one and pins this run", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  // A tools panel: it loads when its place comes on screen.
  await page.locator(".island[data-tool=followups]").scrollIntoViewIfNeeded();
  await page.waitForSelector("#followups");
  const keys = await page.$$eval("#followups tbody tr[data-key]", (rows) => rows.map((r) => r.dataset.key));
  assert.deepEqual(keys, ["phased_rollout", "test_at_scale", "break_glass", "dns_serve_stale", "more_crews", "shorter_ramp", "retry_budget", "test_at_scale_gated", "faster_recovery"]);
  assert.match(await page.textContent('#followups tr[data-key="dns_serve_stale"]'), /less impact/);
  await page.click('#followups tr[data-key="break_glass"] button');
  await page.waitForSelector("#hl-fix .delta");
  assert.match(await page.textContent("#hl-fix .delta"), /sooner than pinned/);
  await page.waitForFunction(() => location.search.includes("break_glass=true"));
  assert.equal(await page.isDisabled('#followups tr[data-key="break_glass"] button'), true, "already on");
  // The panel is another module's Yew app: its clicks run its handlers only, never the app's
  // (each Try it once: no shortcut help, no playback, no jump to an event).
  const t0 = await page.textContent("#clock");
  for (const key of ["phased_rollout", "test_at_scale", "dns_serve_stale", "faster_recovery"]) {
    await page.click(`#followups tr[data-key="${key}"] button`);
    await page.waitForTimeout(150);
    assert.equal(await page.$("#help"), null, `Try it (${key}) opened nothing else`);
    assert.equal(await page.getAttribute("#play", "aria-label"), "Play", `Try it (${key}) did not start playback`);
  }
  assert.equal(await page.textContent("#clock"), t0, "the moment did not move");
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("each preset says what to watch for; another incident's preset shows no December times", async () => {
  const { page, context } = await openPage(browser, srv.url + "?preset=datadog-2023");
  await ready(page);
  assert.match(await page.textContent("#preset-watch"), /Another incident/);
  assert.equal(await page.locator(".tile-real").count(), 0);
  assert.doesNotMatch(await page.textContent("#events"), /really/);
  await context.close();
});

test("swimlanes: each cluster's moments and its customers' error rate; spoiler-free hides later marks", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?t=60");
  await ready(page);
  await page.waitForSelector("#lanes");
  assert.equal(await page.locator("#lanes tbody tr").count(), 13);
  const largeA = page.locator('#lanes tr[data-cluster="large-a"]');
  assert.match(await largeA.locator(".lane-err").textContent(), /^\d+ %$/);
  assert.match(await largeA.locator("th .sr-only").textContent(), /control plane down T\+1 min.*agent deleted/);
  // Choosing a cluster's name shows it in the diagram.
  await page.click('#lanes tr[data-cluster="large-b"] .lane-name');
  await page.waitForFunction(() => document.querySelector("#diagram-caption").textContent.includes("large-b"));
  await context.close();
  const teach = await openPage(browser, srv.url + "?teach=1&t=2");
  await ready(teach.page);
  await teach.page.waitForSelector("#lanes");
  assert.equal(await teach.page.locator("#lanes .m-recovered").count(), 1, "only the legend's mark: no recovery yet");
  assert.doesNotMatch(await teach.page.locator('#lanes tr[data-cluster="large-a"] th .sr-only').textContent(), /recovered|deleted/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors, teach.log.consoleErrors, teach.log.pageErrors), []);
  await teach.context.close();
});

test("spoiler-free at T−26: no DOM text or accessibility name states an outcome or a time to come", async () => {
  const full = await openPage(browser, srv.url + "?t=0");
  await ready(full.page);
  // 3:12 pm is T itself (the schedule, named in the headline note), not an outcome.
  const future = (await eventTimes(full.page)).map((s) => s.split(" ").slice(0, 2).join(" ")).filter((c) => !c.startsWith("2:") && c !== "3:12 pm");
  const peak = await full.page.textContent("#hl-peak .tile-value");
  const impact = await full.page.textContent("#hl-impact .tile-value");
  const cust = await full.page.textContent("#hl-cust .tile-value");
  await full.context.close();

  const { page, log, context } = await openPage(browser, srv.url + "?teach=1&t=-26");
  await ready(page);
  await page.waitForSelector("#sweep-held");
  // Bring the lazy panels in (the follow-ups load when on screen).
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(800);
  const everything = await page.evaluate(() => {
    const attrs = ["aria-label", "aria-valuetext", "title", "alt", "aria-description", "data-tooltip"];
    const names = [...document.querySelectorAll("*")].flatMap((el) => attrs.map((a) => el.getAttribute(a)).filter(Boolean));
    return document.body.textContent + "\n" + names.join("\n");
  });
  for (const t of future) assert.ok(!everything.includes(t), `${t} is named at T−26`);
  for (const real of ["3:13 pm", "3:16 pm", "3:20 pm", "3:27 pm", "3:40 pm", "4:36 pm", "7:38 pm", "really:"]) {
    assert.ok(!everything.includes(real), `${real} is in the page at T−26`);
  }
  for (const figure of [peak, impact, cust]) assert.ok(!everything.includes(figure), `outcome ${figure} is in the page at T−26`);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("a first visit asks before it tells: spoiler-free, the question first; one click shows every number, remembered", async () => {
  const { page, log, context } = await openPage(browser, srv.url, { firstVisit: true });
  await ready(page);
  assert.equal(await page.isChecked("#teach"), true, "a first visit opens spoiler-free");
  // The question is the first panel of the stage, above the diagram and every outcome.
  const order = await page.evaluate(() => [...document.querySelectorAll("main.stage > section, main.stage > div")].map((e) => e.className).slice(0, 2).join(" | "));
  assert.match(order, /^panel predict/, order);
  assert.equal(await page.textContent("#hl-fix .tile-value"), "not yet");
  assert.ok(!(await visibleText(page)).includes("7:53 pm"), "the run's end is not told");
  await page.click("#show-all");
  await page.waitForFunction(() => !document.querySelector("#teach").checked);
  assert.notEqual(await page.textContent("#hl-fix .tile-value"), "not yet");
  // Remembered: the next visit (no link setting) shows everything; a link's own teach=1 still wins.
  await page.goto(srv.url);
  await ready(page);
  assert.equal(await page.isChecked("#teach"), false);
  await page.goto(srv.url + "?teach=1");
  await ready(page);
  assert.equal(await page.isChecked("#teach"), true);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});
