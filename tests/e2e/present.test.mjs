// A facilitator at a projector (issue 28): every chapter on one screen with the figure's text
// sized for the room at 1920×1080, 1366×768 and 1280×720; the figure most of the screen; a
// presenter's window in step with the projected one; Esc, ← and → keeping what the room saw.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, openPage, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const progress = (page, text) => page.waitForFunction((t) => document.querySelector("#lesson-progress")?.textContent.startsWith(t), text, { timeout: 20000 });

/// The smallest text in the figure, in CSS pixels as the room sees it: HTML text by its
/// computed size, SVG text by its size × the drawing's scale, canvas text by what the chart
/// drew it at (`data-text-px`, the same number it draws with).
const figureText = (page) => page.evaluate(() => {
  const fig = document.querySelector(".lesson-fig");
  const sizes = [];
  for (const e of fig.querySelectorAll("*")) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility === "hidden" || e.closest("[aria-hidden=true]:not(svg)") || e.closest(".ghost")) continue;
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const svg = e.closest("svg");
    let k = 1;
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    sizes.push([parseFloat(getComputedStyle(e).fontSize) * k, e.textContent.trim().slice(0, 40)]);
  }
  for (const c of fig.querySelectorAll("canvas[data-text-px]")) sizes.push([parseFloat(c.dataset.textPx), "chart text"]);
  sizes.sort((a, b) => a[0] - b[0]);
  const r = fig.getBoundingClientRect();
  return { min: sizes[0], share: (r.width * r.height) / (innerWidth * innerHeight), fits: document.scrollingElement.scrollHeight <= innerHeight + 1 && document.scrollingElement.scrollWidth <= innerWidth };
});

for (const [w, h, min] of [[1920, 1080, 24], [1366, 768, 18], [1280, 720, 18]]) {
  test(`present mode at ${w}×${h}: every chapter on one screen, its figure's text ≥ ${min} px, the figure ≥ 60 % of the screen`, async () => {
    const { page, log, context } = await openPage(browser, srv.url + "?present=1&ch=0", { viewport: { width: w, height: h } });
    await progress(page, "Opening");
    for (let ch = 0; ch <= 9; ch++) {
      if (ch > 0) {
        await page.keyboard.press("ArrowRight");
        await progress(page, ch === 9 ? "Closing" : `Chapter ${ch} of 8`);
      }
      if (ch === 8) await page.waitForSelector("#followups td", { timeout: 20000 });
      await page.waitForTimeout(400);
      const m = await figureText(page);
      assert.ok(m.min[0] >= min - 0.05, `chapter ${ch}: '${m.min[1]}' at ${m.min[0].toFixed(1)} px`);
      assert.ok(m.share >= 0.6, `chapter ${ch}: the figure is ${(m.share * 100).toFixed(0)} % of the screen`);
      assert.ok(m.fits, `chapter ${ch} needs scrolling at ${w}×${h}`);
      if (w === 1920 && (ch === 2 || ch === 7)) await page.screenshot({ path: path.join(ARTIFACTS, `present-${w}-ch${ch}.png`) });
    }
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  });
}

test("the presenter's window stays in step with the projected one: ←/→ and Reveal on either move both; the room never sees the notes", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?present=1&ch=3", { viewport: { width: 1920, height: 1080 } });
  await progress(page, "Chapter 3 of 8");
  const opened = context.waitForEvent("page");
  await page.click("#lesson-presenter");
  const presenter = await opened;
  await presenter.waitForSelector("#presenter-note", { timeout: 20000 });
  assert.ok(presenter.url().includes("presenter=1"), presenter.url());
  // The presenter sees the answer, the note, the next chapter and a timer; the room sees none of them.
  assert.match(await presenter.textContent("#presenter"), /Answer: 2\.5 min/);
  assert.match(await presenter.textContent("#presenter-next"), /Next: Chapter 4 of 8/);
  assert.match(await presenter.textContent("#presenter-timer"), /This chapter \d+:\d\d of 5 min/);
  const room = await page.evaluate(() => document.body.textContent);
  for (const secret of ["Answer:", "For you:", "Hidden for", "hidden 2.5 min"]) assert.ok(!room.includes(secret), `the room's screen holds '${secret}'`);
  // → on the presenter's laptop moves the projector.
  await presenter.keyboard.press("ArrowRight");
  await progress(page, "Chapter 4 of 8");
  await progress(presenter, "Chapter 4 of 8");
  // Reveal on the projector reveals on the laptop; Reveal there plays the room's figure to the answer.
  await page.keyboard.press("Space");
  await presenter.waitForSelector("#lesson-answer");
  await page.waitForSelector("#lesson-answer");
  // ← on the projector: both back at chapter 3, unrevealed there; → again keeps chapter 4's reveal.
  await page.keyboard.press("ArrowLeft");
  await progress(presenter, "Chapter 3 of 8");
  assert.equal(await page.locator("#lesson-answer").count(), 0);
  await page.keyboard.press("ArrowRight");
  await progress(presenter, "Chapter 4 of 8");
  await page.waitForSelector("#lesson-answer");
  await presenter.click("#lesson-reveal").catch(() => {});
  await presenter.screenshot({ path: path.join(ARTIFACTS, "presenter-1100.png") });
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("Esc from chapter 6 lands on the app at chapter 6's moment, spoiler-free, and playback is not held to the chapter", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?present=1&ch=6", { viewport: { width: 1366, height: 768 } });
  await progress(page, "Chapter 6 of 8");
  await page.waitForTimeout(300);
  await page.keyboard.press("Escape");
  await page.waitForSelector("#start-lesson");
  await page.waitForFunction(() => location.search.includes("teach=1"), null, { timeout: 5000 }).catch(async () => assert.fail(`no teach=1 in ${await page.evaluate(() => location.search)}`));
  const q = await page.evaluate(() => location.search);
  assert.ok(!q.includes("present=1") && !q.includes("from=") && !q.includes("to="), q);
  const t = () => page.evaluate(() => Number(new URLSearchParams(location.search).get("t")));
  assert.equal(await t(), 4.7, "chapter 6's moment");
  // Spoiler-free: the headline does not project the run's outcome (its tiles wait for their moments).
  assert.ok(!(await page.textContent(".headline")).includes("4 h"), "no later outcome on screen");
  // Playback runs past the chapter's window (which ended at T+42.9).
  await page.selectOption(".speed select", "20");
  await page.click("#play");
  await page.waitForFunction(() => Number(document.querySelector("#scrubber").value) > 45, null, { timeout: 15000 });
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});
