// The causal diagram, as a trainee reads it: the text alternative follows the cursor, the
// cluster picker changes the story, break-glass opens the admin path, it fits above the fold.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, openPage, ready, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const desc = (page) => page.textContent("#diagram-desc");
const part = async (page, name) => {
  const text = await desc(page);
  const m = text.match(new RegExp(`${name}: (\\w+) \\(`));
  assert.ok(m, `${name} in: ${text}`);
  return m[1];
};
const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors);

test("T−20: every part reads healthy or idle; T+30: API servers, CoreDNS and caches read failing", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?t=-20");
  await ready(page);
  for (const name of ["Rollout", "Telemetry agents", "API servers", "CoreDNS", "Pods' DNS caches", "Customer requests", "Engineers' kubectl"]) {
    assert.match(await part(page, name), /^(healthy|idle)$/, name);
  }
  assert.match(await page.textContent("#diagram-caption"), /large-a: all healthy/);
  await page.fill("#scrubber", "30");
  await page.dispatchEvent("#scrubber", "input");
  await page.waitForFunction(() => document.querySelector("#diagram-caption").textContent.startsWith("3:42 pm"));
  for (const name of ["API servers", "CoreDNS", "Pods' DNS caches"]) assert.equal(await part(page, name), "failing", name);
  assert.equal(await page.locator("#diagram .flow.broken").count() > 0, true, "a broken dependency is drawn broken");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("with break-glass the admin path reads through once access is regained", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?preset=break-glass&t=-20");
  await ready(page);
  assert.ok(await page.locator('#diagram [data-part="BreakGlass"]').count() === 1, "break-glass path drawn");
  // Step event by event until access is regained: from then on the kubectl path reads through.
  let steps = 0;
  while (steps < 30 && !(await page.locator("#events li:not(.future)").allTextContents()).join(" ").includes("Access regained")) {
    await page.click("#next");
    steps++;
  }
  assert.ok(steps < 30, "access was regained");
  assert.match(await desc(page), /Engineers' kubectl: healthy \(through · agent deleted/);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("choosing another cluster changes the caption and travels in the link", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?t=30");
  await ready(page);
  const before = await page.textContent("#diagram-caption");
  await page.focus("#diagram-cluster"); // the keyboard reaches the picker
  await page.selectOption("#diagram-cluster", { label: "small-d (100 nodes)" });
  await page.waitForFunction((b) => document.querySelector("#diagram-caption").textContent !== b, before);
  const after = await page.textContent("#diagram-caption");
  assert.match(after, /small-d/);
  assert.notEqual(after, before);
  await page.waitForFunction(() => location.search.includes("cluster=small-d"));
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("the diagram, its caption and the playback bar are in the first viewport; the phone stacks it first", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  for (const sel of ["#diagram .diagram-svg", "#diagram-caption", ".playback"]) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `${sel} within 1280×800: ${JSON.stringify(box)}`);
  }
  await context.close();
  const phone = await openPage(browser, srv.url + "?t=30", { viewport: { width: 375, height: 812 } });
  await ready(phone.page);
  assert.ok(await phone.page.locator("#diagram.narrow").count() === 1, "stacked layout on a phone");
  const top = (await phone.page.locator("#diagram").boundingBox()).y;
  const charts = (await phone.page.locator("#charts-h").boundingBox()).y;
  assert.ok(top < charts, "the diagram comes before the charts");
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `scrolls sideways by ${overflow}px`);
  assert.deepEqual(errorsOf(log).concat(errorsOf(phone.log)), []);
  await phone.context.close();
});

test("dots move while playing, and never with reduced motion", async () => {
  const { page, context } = await openPage(browser, srv.url + "?t=2");
  await ready(page);
  assert.equal(await page.locator("#diagram animateMotion").count(), 0, "paused: still dots");
  await page.click("#play");
  await page.waitForSelector("#diagram animateMotion", { state: "attached" });
  assert.equal(await page.textContent("#diagram-live"), "", "not announced every frame while playing");
  await page.click("#play");
  await context.close();
  const still = await openPage(browser, srv.url + "?t=2&autoplay=1", { reducedMotion: "reduce" });
  await ready(still.page);
  await still.page.click("#play");
  await still.page.waitForTimeout(300);
  assert.equal(await still.page.locator("#diagram animateMotion").count(), 0, "reduced motion: no moving dots");
  assert.ok(await still.page.locator("#diagram circle.dot").count() > 0, "the same states, drawn still");
  await still.context.close();
});

test("screenshots of the diagram: before, at peak, during recovery, and on a phone", async () => {
  const shots = [["diagram-before", "?t=-20", 1280], ["diagram-peak", "?t=30", 1280], ["diagram-recovery", "?t=60&b.preset=break-glass", 1280], ["diagram-phone", "?t=10", 375]];
  for (const [name, q, width] of shots) {
    const { page, log, context } = await openPage(browser, srv.url + q, { viewport: { width, height: width > 400 ? 800 : 812 } });
    await ready(page);
    await page.locator("#diagram").screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    assert.deepEqual(errorsOf(log), []);
    await context.close();
  }
});
