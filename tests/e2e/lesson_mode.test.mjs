// The lesson as a trainee, a facilitator and a training author meet it: lesson mode one chapter
// at a time (nothing of the answer in the page before Reveal), present mode for a projector,
// and one chapter embedded in a docs page on another origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { launch, openPage, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
const require = createRequire(import.meta.url);

let srv, docs, docsDir, browser;
before(async () => {
  docsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-lesson-docs-"));
  docs = await serve({ root: docsDir, base: "/handbook/" });
  srv = await serve({ root: DIST, base: BASE });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); await docs?.close(); });

const lessonReady = (page) => page.waitForSelector("#lesson-title", { timeout: 20000 });
/// Everything a person or a screen reader could find in the page.
const wholePage = (page) => page.evaluate(() => {
  const attrs = ["aria-label", "aria-valuetext", "title", "alt", "aria-description"];
  const names = [...document.querySelectorAll("*")].flatMap((el) => attrs.map((a) => el.getAttribute(a)).filter(Boolean));
  return document.body.textContent + "\n" + names.join("\n");
});

test("lesson mode: the answer is nowhere in the page before Reveal; Next moves the figure to the next moment", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?lesson=1&ch=3");
  await lessonReady(page);
  assert.equal(await page.textContent("#lesson-progress"), "Chapter 3 of 8");
  const before = await wholePage(page);
  for (const secret of ["Hidden for 2.5 min", "hidden 2.5 min", "Answers are cached", "The answer:", "Marked on the figure"]) assert.ok(!before.includes(secret), `'${secret}' is in the page before Reveal`);
  await page.fill("#lesson-input", "3");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#lesson-answer");
  const answer = await page.textContent("#lesson-answer");
  assert.match(answer, /Right\. The answer: 2\.5 min/);
  assert.match(answer, /cached for 20 min/);
  // The figure marks the answer, and focus moves to it (keyboard and screen-reader users land on it).
  assert.match(answer, /Marked on the figure: hidden 2\.5 min/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "lesson-answer");
  const moment = await page.textContent(".lesson-moment");
  await page.click("#lesson-next");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 4 of 8");
  assert.notEqual(await page.textContent(".lesson-moment"), moment, "the figure moved to the next chapter's moment");
  assert.equal(await page.locator("#lesson-answer").count(), 0, "a new chapter starts unrevealed");
  // Back to chapter 3: its reveal is kept (→ then ← never loses an answer).
  await page.click("#lesson-back");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 3 of 8");
  await page.waitForSelector("#lesson-answer");
  await page.click("#lesson-next");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 4 of 8");
  await page.waitForFunction(() => location.search.includes("ch=4") && location.search.includes("lesson=1"));
  // ← and → step chapters.
  await page.locator("#lesson-title").click();
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 3 of 8");
  await page.screenshot({ path: path.join(ARTIFACTS, "lesson-1280.png") });
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("lesson mode: a choice question, a wrong answer, and the score at the end", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?lesson=1&ch=5");
  await lessonReady(page);
  await page.check("#lesson-choice-1"); // "It halted": in December 2024 it did not
  await page.click("#lesson-reveal");
  await page.waitForSelector("#lesson-answer");
  assert.match(await page.textContent("#lesson-answer"), /Not quite\. The answer: It finishes/);
  // Reveal plays the figure to the answer's moment: the rollout finished at 3:21 pm.
  await page.waitForFunction(() => document.querySelector(".playback")?.textContent.includes("3:21 pm"), null, { timeout: 10000 });
  await page.locator("#lesson-title").click();
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Closing");
  await page.click("#lesson-reveal");
  await page.waitForSelector("#lesson-score");
  // The closing's question is the room's own: it is not scored.
  assert.match(await page.textContent("#lesson-answer"), /For the room:/);
  assert.match(await page.textContent("#lesson-score"), /You answered 0 of the 9 questions with an answer right \(1 revealed\)/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("the full app offers the lesson in its first viewport, and Esc leaves it", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await page.waitForSelector("#start-lesson");
  const box = await page.locator("#start-lesson").boundingBox();
  assert.ok(box.y + box.height <= 800, `Start the lesson at y=${box.y}`);
  await page.click("#start-lesson");
  await lessonReady(page);
  // The lesson opens with its opening: the story in a minute, how to read the diagram.
  assert.equal(await page.textContent("#lesson-progress"), "Opening");
  await page.locator("#lesson-title").click();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 3 of 8");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#start-lesson");
  const q = await page.evaluate(() => location.search);
  assert.ok(!q.includes("lesson=1"), q);
  // Back at chapter 3's own moment, spoiler-free kept, the whole run to play (no chapter window).
  await page.waitForFunction(() => location.search.includes("teach=1") && !location.search.includes("from=") && !location.search.includes("to="));
  const t = () => page.evaluate(() => Number(new URLSearchParams(location.search).get("t")));
  assert.equal(await t(), 0.9, `the chapter's moment: ${await page.evaluate(() => location.search)}`);
  await page.click("#play");
  // Playback goes on past the chapter's window (which ended at T+25.8).
  await page.waitForFunction(() => Number(document.querySelector("#scrubber").value) > 27, null, { timeout: 15000 });
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("lesson mode at 375 px: readable, nothing sideways, Reveal works", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?lesson=1&ch=4", { viewport: { width: 375, height: 740 } });
  await lessonReady(page);
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 375), "no sideways scroll");
  await page.fill("#lesson-input", "50");
  await page.click("#lesson-reveal");
  await page.waitForSelector("#lesson-answer");
  assert.match(await page.textContent("#lesson-answer"), /Right\. The answer: 54 %/);
  await page.screenshot({ path: path.join(ARTIFACTS, "lesson-375.png"), fullPage: true });
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

for (const [w, h, min] of [[1920, 1080, 28], [1366, 768, 20]]) {
  test(`present mode at ${w}×${h}: large type, nothing below the fold, the facilitator's keys`, async () => {
    const { page, log, context } = await openPage(browser, srv.url + "?present=1&ch=3", { viewport: { width: w, height: h } });
    await lessonReady(page);
    await page.waitForTimeout(500);
    const size = await page.$eval(".lesson-prompt", (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= min, `question at ${size} px`);
    const fits = await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight + 1);
    assert.ok(fits, "nothing needed below the fold");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 4 of 8");
    await page.keyboard.press("Space");
    await page.waitForSelector("#lesson-answer");
    // N never puts the facilitator's notes on the room's screen (it opens the presenter's window).
    const popup = context.waitForEvent("page");
    await page.keyboard.press("n");
    const presenter = await popup;
    await presenter.waitForSelector("#presenter-note", { timeout: 20000 });
    assert.equal(await page.locator("#lesson-note, #presenter-note").count(), 0);
    await presenter.close();
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Opening");
    await page.keyboard.press("End");
    await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Closing");
    if (w === 1920) await page.screenshot({ path: path.join(ARTIFACTS, "present-1920.png") });
    await page.keyboard.press("Escape");
    await page.waitForSelector("#start-lesson");
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  });
}

test("every chapter embedded in a docs page on another origin: figure, question and reveal within 800 px at 700 px wide", async () => {
  const page_ = (ch) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Handbook</title><link rel="icon" href="data:,"></head>
<body style="margin:0"><h1>When caches hide a fall</h1><iframe id="fig" src="${srv.url}?embed=1&amp;view=chapter&amp;ch=${ch}" title="Cascade Lab: chapter ${ch}" width="700" height="800" style="border:0"></iframe></body></html>`;
  for (let ch = 0; ch <= 9; ch++) {
    fs.writeFileSync(path.join(docsDir, `ch${ch}.html`), page_(ch));
    const { page, log, context } = await openPage(browser, `${docs.url}ch${ch}.html`, { viewport: { width: 760, height: 1000 } });
    const frame = await (await page.waitForSelector("#fig")).contentFrame();
    await frame.waitForSelector("#lesson-title", { timeout: 20000 });
    if (ch === 8) await frame.waitForSelector("#followups", { timeout: 20000 });
    const fit = () => frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight);
    assert.ok(await fit(), `chapter ${ch} is taller than 800 px at 700 px`);
    assert.equal(await frame.locator("#lesson-answer").count(), 0);
    await frame.click("#lesson-reveal");
    await frame.waitForSelector("#lesson-answer");
    if (ch === 8) await frame.waitForSelector("#followups td");
    assert.ok(await fit(), `chapter ${ch} revealed is taller than 800 px at 700 px`);
    assert.equal(await frame.locator("#lesson-next").count(), 0, "a figure has no chapter navigation");
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  }
});

test("the handout prints every chapter with its figure drawn, the answers only in the facilitator's copy", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?lesson=1&ch=2");
  await lessonReady(page);
  await page.click("#lesson-handout");
  await page.waitForSelector("#handout");
  assert.equal(await page.locator(".handout-chapter").count(), 10);
  await page.waitForTimeout(800);
  let text = await page.textContent("#handout");
  assert.ok(!text.includes("Loading…"), "every figure is drawn");
  assert.ok(!text.includes("The answer") && !text.includes("Answer:"), "the learners' copy holds no answer");
  // The learners' copy of chapter 8 prints the follow-ups it asks about (its options), not a table of blanks.
  assert.equal(await page.locator("#handout #followups").count(), 0);
  assert.equal((text.match(/lesson=1/g) || []).length, 10, "each chapter's link printed as text");
  // Every chart in the handout is painted (an unpainted canvas reads as alpha 0).
  const painted = await page.$$eval("#handout canvas.chart:not(.overlay)", (cs) => cs.map((c) => {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < d.length; i += 4 * 13) if (d[i] > 0) ink++;
    return ink;
  }));
  assert.ok(painted.length >= 4 && painted.every((n) => n > 100), `charts painted: ${painted}`);
  // The learners' copy on paper: no page without a question (a heading alone, blanks).
  await page.emulateMedia({ media: "print" });
  fs.writeFileSync(path.join(ARTIFACTS, "handout-learner.pdf"), await page.pdf({ format: "A4", printBackground: true }));
  await page.emulateMedia({ media: "screen" });
  const learner = require("node:child_process").execFileSync("pdftotext", ["-layout", path.join(ARTIFACTS, "handout-learner.pdf"), "-"]).toString().split("\f").filter((t) => t.trim());
  learner.forEach((t, i) => assert.match(t, /Question:/, `learner handout page ${i + 1} has no question:\n${t.slice(0, 300)}`));
  await page.check("#handout-answers");
  await page.waitForSelector(".handout-answer");
  await page.waitForSelector("#handout #followups td", { timeout: 20000 });
  text = await page.textContent("#handout");
  assert.match(text, /Answer: 2\.5 min/);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  fs.writeFileSync(path.join(ARTIFACTS, "handout.pdf"), pdf);
  assert.ok(pdf.length > 50_000, `the handout prints (${pdf.length} bytes)`);
  // No page is a heading alone or a table of blanks: every page holds a chapter's question.
  const pagesText = require("node:child_process").execFileSync("pdftotext", ["-layout", path.join(ARTIFACTS, "handout.pdf"), "-"]).toString().split("\f").filter((t) => t.trim());
  pagesText.forEach((t, i) => assert.match(t, /Question:/, `handout page ${i + 1} has no question:\n${t.slice(0, 300)}`));
  assert.equal(await page.locator("#handout-print").isVisible(), false, "no controls in print");
  await page.emulateMedia({ media: "screen" });
  await page.click("#handout-back");
  await page.waitForSelector("#lesson-title");
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});

test("axe-core finds no serious or critical violations in lesson and present mode (light, dark, revealed)", async () => {
  for (const [q, opts] of [["?lesson=1&ch=3", {}], ["?lesson=1&ch=5&theme=dark", {}], ["?present=1&ch=2", { viewport: { width: 1920, height: 1080 } }], ["?lesson=1&ch=7", { viewport: { width: 375, height: 740 } }]]) {
    const { page, context } = await openPage(browser, srv.url + q, opts);
    await lessonReady(page);
    await page.click("#lesson-reveal");
    await page.waitForSelector("#lesson-answer");
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
      return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
    });
    assert.deepEqual(result, [], `axe on ${q}`);
    await context.close();
  }
});

test("the Embed form offers a lesson chapter, and a run that never recovers says why", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?block_api=false");
  await page.waitForSelector("#embed-btn");
  await page.click("#embed-btn");
  await page.selectOption("#embed-view", "chapter");
  await page.waitForSelector("#embed-chapter");
  await page.selectOption("#embed-chapter", "3");
  await page.waitForFunction(() => document.getElementById("embed-snippet").value.includes("view=chapter"));
  const snippet = await page.inputValue("#embed-snippet");
  assert.match(snippet, /view=chapter/);
  assert.match(snippet, /ch=3/);
  await page.keyboard.press("Escape");
  // The whole run is shown (not spoiler-free): the reason is told under the headline.
  await page.waitForSelector("#why-not-recovered");
  assert.match(await page.textContent("#why-not-recovered"), /never recover: engineers are locked out of the API, with no break-glass access and no network block/);
  assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
  await context.close();
});
