// Small things a person notices: the Export menu closes like a menu, a cluster's name brings the
// diagram into view, the sticky playback bar stays short and never covers a heading, Home/End,
// the sweep readout's units, touch screens told to tap, and nothing scrolls sideways at 320 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, ready, serve, DIST, BASE } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors, log.offOrigin);

// The sweep canvas's plot margins (src/tools/sweep_view.rs: ML, MR, MT, MB).
const [ML, MR, MT, MB] = [50, 10, 22, 40];
async function cellPoint(page, i, j, nx, ny) {
  const box = await page.locator("#sweep-map").boundingBox();
  const cw = (box.width - ML - MR) / nx, ch = (box.height - MT - MB) / ny;
  return { x: ML + (i + 0.5) * cw, y: MT + (ny - 1 - j + 0.5) * ch };
}

test("the Export menu closes on Esc (focus back on its button), on a click outside and when focus leaves it", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await page.waitForSelector("#export-menu");
  const open = () => page.$eval("#export-menu", (d) => d.open);
  await page.click("#export-menu > summary");
  assert.equal(await open(), true);
  await page.focus("#export-theme");
  await page.keyboard.press("Escape");
  assert.equal(await open(), false, "Esc closes it");
  assert.ok(await page.evaluate(() => document.activeElement.matches("#export-menu > summary")), "focus is back on the Export button");
  // From the keyboard again: Enter opens it, a click inside keeps it, a click outside closes it.
  await page.keyboard.press("Enter");
  assert.equal(await open(), true);
  await page.click("#export-menu .export-theme");
  assert.equal(await open(), true, "a click inside keeps it open");
  await page.click("h1");
  assert.equal(await open(), false, "a click outside closes it");
  // Tabbing past its last item closes it as well.
  await page.click("#export-menu > summary");
  await page.focus("#export-json");
  await page.keyboard.press("Tab");
  assert.equal(await open(), false, "focus leaving it closes it");
  // Esc with the menu closed leaves focus where it is.
  await page.focus("#copy-link");
  await page.keyboard.press("Escape");
  assert.ok(await page.evaluate(() => document.activeElement.id === "copy-link"));
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("a cluster's name in the swimlanes selects it and brings the diagram into view; instantly with reduced motion", async () => {
  for (const reducedMotion of ["no-preference", "reduce"]) {
    const { page, log, context } = await openPage(browser, srv.url + "?t=30", { reducedMotion });
    await ready(page);
    const name = page.locator('#lanes tr[data-cluster="medium-b"] .lane-name');
    await name.scrollIntoViewIfNeeded();
    const top = () => page.$eval("#diagram", (d) => d.getBoundingClientRect().top);
    const inView = async () => { const t = await top(); return t >= 0 && t < 800 / 2; };
    assert.ok(!(await inView()), "the diagram is scrolled away");
    if (reducedMotion === "reduce") {
      // Enter on the name (a button): the page is there at once, no smooth scroll.
      await name.focus();
      await page.keyboard.press("Enter");
      assert.ok(await inView(), `reduced motion: in view at once (top ${await top()})`);
    } else {
      await name.click();
      // A smooth scroll: not there yet right after the click, there a moment later.
      assert.ok(!(await inView()), "smooth: the page glides to the diagram");
      await page.waitForFunction(() => { const t = document.querySelector("#diagram").getBoundingClientRect().top; return t >= 0 && t < 400; }, null, { timeout: 5000 });
    }
    assert.match(await page.textContent("#diagram-caption"), /medium-b/);
    assert.match(await page.$eval("#diagram-cluster", (s) => s.selectedOptions[0].textContent), /^medium-b/);
    assert.deepEqual(errorsOf(log), []);
    await context.close();
  }
});

test("the sticky playback bar is at most 12 % of a phone's screen and never covers a heading reached by a link or a scroll", async () => {
  for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }, { width: 860, height: 700 }]) {
    const { page, log, context } = await openPage(browser, srv.url + "?t=30", { viewport });
    await ready(page);
    const bar = await page.locator(".playback").boundingBox();
    if (viewport.width === 375) {
      console.log(`# sticky playback bar at 375×667: ${bar.height.toFixed(1)} px (${(100 * bar.height / 667).toFixed(1)} % of the screen)`);
      assert.ok(bar.height <= 80 && bar.height <= 0.12 * 667, `bar ${bar.height} px tall on a 375×667 phone`);
    }
    // Every heading and panel keeps at least the bar's height clear of it.
    const short = await page.evaluate((h) => [...document.querySelectorAll(".stage h2, .stage .panel, .stage section, .stage figure")]
      .filter((e) => !e.closest(".playback") && parseFloat(getComputedStyle(e).scrollMarginTop) < h)
      .map((e) => `${e.tagName}#${e.id} ${getComputedStyle(e).scrollMarginTop}`), bar.height);
    assert.deepEqual(short, [], `scroll-margin-top under the bar's ${bar.height} px`);
    for (const id of ["fleet-h", "lanes-h", "charts-h", "log-h"]) {
      for (const how of ["link", "scroll"]) {
        await page.evaluate(() => window.scrollTo(0, 0));
        if (how === "link") await page.evaluate((id) => { location.hash = "#" + id; }, id);
        else await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
        await page.waitForTimeout(50);
        const { heading, stuck } = await page.evaluate((id) => ({
          heading: document.getElementById(id).getBoundingClientRect().toJSON(),
          stuck: document.querySelector(".playback").getBoundingClientRect().toJSON(),
        }), id);
        assert.ok(stuck.top <= 0.5, `${id} (${how}): the bar is stuck at the top (${stuck.top})`);
        assert.ok(heading.top >= stuck.bottom, `${id} (${how}) at ${viewport.width} px: heading top ${heading.top} under the bar's bottom ${stuck.bottom}`);
      }
    }
    assert.deepEqual(errorsOf(log), []);
    await context.close();
  }
});

test("Home and End jump to the start and end of the run, or of its from/to window; not from a text box or slider", async () => {
  const value = (page) => page.inputValue("#scrubber").then(Number);
  const bounds = (page) => page.$eval("#scrubber", (s) => [Number(s.min), Number(s.max)]);
  const { page, log, context } = await openPage(browser, srv.url + "?t=30");
  await ready(page);
  await page.click("#next");
  const [lo, hi] = await bounds(page);
  await page.keyboard.press("End");
  assert.ok(Math.abs((await value(page)) - hi) <= 0.5, `End: ${await value(page)} vs ${hi}`);
  assert.match(await page.textContent("#tplus"), /T\+6 h/);
  await page.keyboard.press("Home");
  assert.ok(Math.abs((await value(page)) - lo) <= 0.5, `Home: ${await value(page)} vs ${lo}`);
  // In a text box or on a slider, Home and End are the field's own.
  await page.keyboard.press("ArrowRight");
  const t = await value(page);
  const num = page.locator("#p-agents ~ input.num");
  await num.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  assert.equal(await value(page), t, "a text box keeps Home/End");
  await page.focus("#p-ttl");
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector("#p-ttl").getAttribute("aria-valuetext") === "60 min");
  assert.equal(await value(page), t, "a slider keeps Home/End (it went to its own end)");
  // Listed in the keyboard help.
  await page.click("#next");
  await page.keyboard.press("?");
  await page.waitForSelector("#help");
  assert.match(await page.textContent("#help"), /Home\s*\/\s*End\s*Start \/ end of the run/);
  await page.keyboard.press("Escape");
  await context.close();

  // A from/to window: its ends, not the run's.
  const win = await openPage(browser, srv.url + "?from=10&to=40&t=20");
  await ready(win.page);
  await win.page.click("#prev");
  await win.page.keyboard.press("End");
  assert.equal(await win.page.textContent("#tplus"), "T+40 min");
  await win.page.keyboard.press("Home");
  assert.equal(await win.page.textContent("#tplus"), "T+10 min");
  assert.deepEqual(errorsOf(log).concat(errorsOf(win.log)), []);
  await win.context.close();
});

test("the sweep readout states each axis value with its axis's unit", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?embed=1&view=sweep");
  await page.waitForSelector("#sweep-map");
  await page.focus("#sweep-map");
  // The map starts at the current parameters: 7,500 nodes is between two cells; 1,200 s is one.
  const read = await page.textContent("#sweep-readout");
  assert.match(read, /^Agent count \d{1,2},\d{3} nodes, DNS TTL 1,200 s( →|:)/, read);
  await context.close();
  // A float axis, a percentage and minutes.
  const other = await openPage(browser, srv.url + "?embed=1&view=sweep&sx=cost=0.1..10:5:log&sy=shift=0..50:6");
  await other.page.waitForSelector("#sweep-map");
  await other.page.focus("#sweep-map");
  await other.page.keyboard.press("Home");
  const r2 = await other.page.textContent("#sweep-readout");
  assert.match(r2, /^Request cost 0\.1×, Traffic shift 20%( →|:)/, r2);
  await other.context.close();
  const third = await openPage(browser, srv.url + "?embed=1&view=sweep&sx=remediate_after=0..180:7&sy=crews=1..5:5");
  await third.page.waitForSelector("#sweep-map");
  await third.page.focus("#sweep-map");
  const r3 = await third.page.textContent("#sweep-readout");
  assert.match(r3, /^Load shedding starts 30 min, Recovery crews 1 clusters( →|:)/, r3);
  assert.deepEqual(errorsOf(log).concat(errorsOf(other.log), errorsOf(third.log)), []);
  await third.context.close();
});

test("a touch screen is told to tap, not hover; a tap reads a cell and a second tap uses it", async () => {
  const visible = (page) => page.$eval("#sweep-readout", (p) => p.innerText);
  // A mouse: hover.
  const desk = await openPage(browser, srv.url + "?embed=1&view=sweep");
  await desk.page.waitForSelector("#sweep-map");
  assert.match(await visible(desk.page), /^Hover over a cell/);
  assert.doesNotMatch(await visible(desk.page), /[Tt]ap/);
  await desk.context.close();
  // A phone.
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  // A returning visitor who chose to see every number (a first visit opens spoiler-free).
  await context.addInitScript(() => { try { localStorage.setItem("cascade-lab.show-all", "1"); } catch (_) {} });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(srv.url + "?embed=1&view=sweep");
  await page.waitForSelector("#sweep-map");
  assert.ok(await page.evaluate(() => matchMedia("(hover: none)").matches || matchMedia("(pointer: coarse)").matches), "the context is a touch screen");
  const hint = await visible(page);
  assert.match(hint, /^Tap a cell/);
  assert.doesNotMatch(hint, /[Hh]over|[Cc]lick/);
  await page.waitForFunction(() => { const s = document.querySelector("#sweep"); return s && s.dataset.computed === s.dataset.total; }, null, { timeout: 30000 });
  const at = await cellPoint(page, 3, 12, 24, 16);
  await page.tap("#sweep-map", { position: at });
  await page.waitForFunction(() => /→/.test(document.querySelector("#sweep-readout").innerText));
  const read = await visible(page);
  assert.match(read, /^Agent count [\d,]+ nodes, DNS TTL [\d,]+ s → .*Tap again: use these values/);
  assert.doesNotMatch(read, /[Cc]lick/);
  await page.waitForTimeout(400);
  assert.doesNotMatch(await page.evaluate(() => location.search), /b\./, "one tap only reads the cell");
  await page.tap("#sweep-map", { position: at });
  await page.waitForFunction(() => /agents=\d+/.test(location.search) && /b\./.test(location.search), null, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("nothing scrolls sideways at 320 px: the full app, the sweep and the follow-ups embedded", async () => {
  const viewport = { width: 320, height: 640 };
  const wide = (page) => page.evaluate(() => [document.scrollingElement.scrollWidth,
    [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 320.5 && !e.closest(".table-scroll"))
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className?.baseVal ?? e.className}`)]);
  const { page, log, context } = await openPage(browser, srv.url + "?t=30", { viewport });
  await ready(page);
  // The lower panels arrive as they come on screen.
  await page.locator(".island[data-tool=followups]").scrollIntoViewIfNeeded();
  await page.waitForSelector("#sweep-map");
  await page.waitForSelector("#followups table");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const [w, culprits] = await wide(page);
  assert.ok(w <= 320, `the full app is ${w} px wide: ${culprits}`);
  for (const [q, sel] of [["?embed=1&view=sweep", "#sweep-map"], ["?embed=1&view=followups", "#followups table"]]) {
    const e = await openPage(browser, srv.url + q, { viewport });
    await e.page.waitForSelector(sel);
    const [w, culprits] = await wide(e.page);
    assert.ok(w <= 320, `${q} is ${w} px wide: ${culprits}`);
    assert.deepEqual(errorsOf(e.log), []);
    await e.context.close();
  }
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("on a 375 px phone the controls sit right under the diagram and playback they change, and a slider's change shows there", async () => {
  const { page, log, context } = await openPage(browser, srv.url, { viewport: { width: 375, height: 740 } });
  await ready(page);
  const at = await page.evaluate(() => ({
    playback: document.querySelector(".playback").getBoundingClientRect().bottom + scrollY,
    controls: document.querySelector(".controls").getBoundingClientRect().top + scrollY,
    slider: document.querySelector(".controls input[type=range]").getBoundingClientRect().top + scrollY,
    headline: document.querySelector(".headline").getBoundingClientRect().top + scrollY,
  }));
  assert.ok(at.controls > at.playback && at.controls < at.headline, JSON.stringify(at));
  assert.ok(at.slider < 2 * 740, `the first slider is ${(at.slider / 740).toFixed(1)} screens down`);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 375), "nothing sideways");
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("with an agent described as calls, the scenario and the request cost's help describe that agent, not December's", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?v=1&preset=december-2024&agent=1~pods:node:cluster:x2");
  await ready(page);
  await page.waitForSelector("#preset-agent");
  assert.match(await page.textContent("#preset-agent"), /Your agent, not the scenario's: 2 × LIST pods on its own node/);
  const help = await page.textContent("#h-cost");
  assert.match(help, /your agent's calls/);
  assert.ok(!help.includes("December"), help);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});
