// Browser benchmarks on the release build. They print figures (docs/performance.md);
// they assert nothing about speed (skeleton.test.mjs prints the page weight against its budget).
import { test, before, after } from "node:test";
import fs from "node:fs";
import path from "node:path";
import { launch, openPage, ready, serve, DIST, BASE, ARTIFACTS } from "../e2e/helpers.mjs";

const HEAP_SECONDS = Number(process.env.BENCH_HEAP_SECONDS || 60);
let srv, browser;
const results = {};
const lines = [];
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => {
  fs.writeFileSync(path.join(ARTIFACTS, "bench.json"), JSON.stringify(results, null, 2));
  // The browser rows of docs/performance.md's table, ready to paste (its "measured" column).
  console.log(["bench: | browser, release build, headless Chromium: measured |", "bench: |---|", ...lines.map((l) => `bench: | ${l} |`)].join("\n"));
  await browser?.close(); await srv?.close();
});
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const report = (key, value, text) => { results[key] = value; lines.push(text); console.log(`bench: ${text}`); };

test("time from navigation to the first drawn chart", async () => {
  const times = [];
  for (let i = 0; i < 11; i++) {
    const { page, context } = await openPage(browser, srv.url);
    await ready(page);
    times.push(Number(await page.evaluate(() => document.body.dataset.firstChartMs)));
    await context.close();
  }
  report("first_chart_ms_median", median(times), `first chart drawn ${median(times).toFixed(0)} ms after navigation (median of 11; ${times.map((t) => t.toFixed(0)).join(", ")})`);
});

test("re-simulation time in wasm", async () => {
  const { page, context } = await openPage(browser, srv.url);
  await ready(page);
  for (const n of [100, 7500, 10000, 100000]) {
    const ms = await page.evaluate((n) => window.cascadeLab.bench_simulate_link(`agents=${n}`, 21), n);
    report(`resim_ms_${n}`, ms, `re-simulation in wasm, ${n} agents: ${ms.toFixed(2)} ms (median of 21)`);
  }
  const fleet60 = fs.readFileSync(new URL("./fleet60.txt", import.meta.url), "utf8").trim();
  const fleet = await page.evaluate((q) => window.cascadeLab.bench_simulate_link(q, 21), fleet60);
  report("resim_ms_fleet60", fleet, `re-simulation in wasm, a described fleet of 60 clusters (80–6,000 nodes): ${fleet.toFixed(2)} ms (median of 21)`);
  await context.close();
});

async function frameStats(page, cdp, seconds, action) {
  await cdp.send("Performance.enable");
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  await page.evaluate(() => { window.__frames = 0; const f = () => { window.__frames++; window.__raf = requestAnimationFrame(f); }; window.__raf = requestAnimationFrame(f); });
  const m0 = await metric();
  const t0 = Date.now();
  await action();
  const secs = (Date.now() - t0) / 1000;
  const m1 = await metric();
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  const script = (m1.ScriptDuration - m0.ScriptDuration) * 1000;
  return { fps: frames / secs, scriptPerFrameMs: script / Math.max(frames, 1), secs };
}

test("scripting per frame during playback and during a slider drag", async () => {
  const { page, context } = await openPage(browser, srv.url);
  await ready(page);
  const cdp = await context.newCDPSession(page);
  await page.selectOption("select[aria-label='Playback speed']", "5");
  const play = await frameStats(page, cdp, 3, async () => { await page.click("#play"); await page.waitForTimeout(3000); await page.click("#play"); });
  report("playback_fps", play.fps, `playback: ${play.fps.toFixed(1)} fps, ${play.scriptPerFrameMs.toFixed(2)} ms scripting per frame`);
  results.playback_script_ms_per_frame = play.scriptPerFrameMs;
  // Drag the agent-count thumb across its track in small steps, as a hand would.
  const box = await page.locator("#p-agents").boundingBox();
  const drag = await frameStats(page, cdp, 2, async () => {
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 0; i <= 120; i++) {
      await page.mouse.move(box.x + 4 + (box.width - 8) * (i / 120), box.y + box.height / 2);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
  });
  report("drag_fps", drag.fps, `slider drag: ${drag.fps.toFixed(1)} fps, ${drag.scriptPerFrameMs.toFixed(2)} ms scripting per frame (121 input events)`);
  results.drag_script_ms_per_frame = drag.scriptPerFrameMs;
  await context.close();
});

test(`JS heap and wasm memory over ${HEAP_SECONDS} s of playback at top speed`, async () => {
  const { page, context } = await openPage(browser, srv.url);
  await ready(page);
  const cdp = await context.newCDPSession(page);
  const heap = async () => { await cdp.send("HeapProfiler.collectGarbage"); return (await page.evaluate(() => performance.memory.usedJSHeapSize)) / 1048576; };
  await page.selectOption("select[aria-label='Playback speed']", "20");
  const h0 = await heap();
  const w0 = await page.evaluate(() => window.cascadeLab.wasm_memory_bytes()) / 1048576;
  const end = Date.now() + HEAP_SECONDS * 1000;
  while (Date.now() < end) {
    if ((await page.getAttribute("#play", "aria-label")) === "Play") await page.click("#play"); // replay at the end
    await page.waitForTimeout(1000);
  }
  const h1 = await heap();
  const w1 = await page.evaluate(() => window.cascadeLab.wasm_memory_bytes()) / 1048576;
  report("heap_growth_mb", h1 - h0, `JS heap ${h0.toFixed(1)} → ${h1.toFixed(1)} MB, wasm memory ${w0.toFixed(1)} → ${w1.toFixed(1)} MB after ${HEAP_SECONDS} s of playback at 20 min/s`);
  results.wasm_growth_mb = w1 - w0;
  await context.close();
});

test("a 32×32 sweep in the browser: time to complete and frame rate meanwhile", async () => {
  const times = [], fpss = [], loads = [];
  for (let i = 0; i < 3; i++) {
    const { page, context } = await openPage(browser, srv.url + "?sx=agents=100..20000:32:log&sy=ttl=0..3600:32");
    await ready(page);
    // Frames from scrolling the panel into view (which starts the sweep) until its last cell.
    await page.evaluate(() => {
      window.__gaps = []; let last = 0;
      const f = (t) => { if (last) window.__gaps.push(t - last); last = t; window.__raf = requestAnimationFrame(f); };
      window.__raf = requestAnimationFrame(f);
    });
    // The sweep is a tools panel: scrolling its place into view loads the tools module, then
    // the sweep starts (its own clock, data-ms, starts there).
    const t0 = await page.evaluate(() => performance.now());
    await page.locator(".island[data-tool=sweep]").scrollIntoViewIfNeeded();
    await page.waitForSelector("#sweep", { timeout: 30000 });
    loads.push((await page.evaluate(() => performance.now())) - t0);
    await page.waitForFunction(() => document.querySelector("#sweep")?.dataset.ms, null, { timeout: 30000 });
    const gaps = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__gaps; });
    times.push(Number(await page.$eval("#sweep", (e) => e.dataset.ms)));
    fpss.push(gaps.length / (gaps.reduce((a, b) => a + b, 0) / 1000));
    await context.close();
  }
  report("sweep_32x32_ms", median(times), `sweep 32×32: ${median(times).toFixed(0)} ms to complete, ${median(fpss).toFixed(0)} fps during (median of 3; ${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
  results.sweep_32x32_fps = median(fpss);
  console.log(`bench: the tools module, from scrolling to the sweep's place to the panel on screen (fetch, compile, mount): ${median(loads).toFixed(0)} ms (median of 3)`);
});

test("changing lesson chapter: key press to the next chapter's figure drawn", async () => {
  const { page, context } = await openPage(browser, srv.url + "?lesson=1&ch=1");
  await page.waitForSelector("#lesson-title", { timeout: 20000 });
  await page.waitForTimeout(500);
  const times = [];
  for (let round = 0; round < 2; round++) {
    for (let ch = 2; ch <= 8; ch++) {
      // From the key press to two animation frames after the next chapter is in the page.
      const ms = await page.evaluate((want) => new Promise((done) => {
        const t0 = performance.now();
        const wait = () => {
          if (document.querySelector("#lesson-progress")?.textContent === `Chapter ${want} of 8`) {
            requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
          } else requestAnimationFrame(wait);
        };
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
        wait();
      }), ch);
      times.push(ms);
    }
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.querySelector("#lesson-progress").textContent === "Chapter 1 of 8");
  }
  report("chapter_change_ms_median", median(times), `lesson chapter change to the figure drawn: median ${median(times).toFixed(0)} ms, worst ${Math.max(...times).toFixed(0)} ms (14 changes; budget 50 ms)`);
  await context.close();
});
