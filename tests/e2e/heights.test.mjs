// The known heights (issue 21): every embedded view, at each width of docs/embedding.md's table
// and each controls level, measured in Chromium and compared with the table that page prints
// (which a native test holds equal to src/formats/embed_size.rs, where the Embed form reads it).
// A bare iframe in a wiki that strips scripts gets its height from that table, so a wrong row
// cuts a figure: this fails when any row is too short, or needlessly tall.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, serve, DIST, BASE } from "./helpers.mjs";

let app, browser;
before(async () => { app = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await app?.close(); });

/// docs/embedding.md's table: rows of [view, controls, ...heights] between its markers.
function docsTable() {
  const doc = fs.readFileSync("docs/embedding.md", "utf8");
  const m = doc.match(/<!-- heights:begin[^>]*-->([\s\S]*?)<!-- heights:end -->/);
  assert.ok(m, "docs/embedding.md has the heights table between its markers");
  const lines = m[1].trim().split("\n").filter((l) => l.startsWith("|"));
  const widths = lines[0].split("|").slice(3, -1).map((c) => parseInt(c, 10));
  const rows = lines.slice(2).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
  return { widths, rows: rows.map(([view, controls, ...hs]) => ({ view, controls, heights: hs.map(Number) })) };
}

/// The link for a row's view ("chapter 3" is the lesson's third chapter).
function query(view, controls) {
  const ch = view.match(/^chapter (\d)$/);
  const v = ch ? `view=chapter&ch=${ch[1]}` : `view=${view}`;
  return `?v=1&preset=december-2024&embed=1&${v}&controls=${controls}&t=20`;
}

/// The document's own height once it has stopped changing (two frames apart).
async function settledHeight(page) {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const h = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(document.documentElement.offsetHeight)))));
    if (h === last) return h;
    last = h;
    await page.waitForTimeout(60);
  }
  return last;
}

async function measure(view, controls, widths) {
  const context = await browser.newContext({ viewport: { width: widths[0], height: 700 } });
  const page = await context.newPage();
  await page.goto(app.url + query(view, controls));
  const ready = { followups: "#followups .followup, #followups tr", sweep: "#sweep canvas" }[view];
  await page.waitForSelector(ready || (view.startsWith("chapter") ? "#lesson" : "main, #app"), { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(view === "sweep" || view === "followups" || view.startsWith("chapter") ? 1500 : 500);
  const out = [];
  for (const w of widths) {
    await page.setViewportSize({ width: w, height: 700 });
    out.push(await settledHeight(page));
  }
  await context.close();
  return out;
}

test("docs/embedding.md's heights table is what each embedded view measures, at every width and controls level", { timeout: 600000 }, async () => {
  const { widths, rows } = docsTable();
  assert.deepEqual(widths, [320, 375, 600, 700, 820, 1000]);
  const measured = new Array(rows.length);
  // Three pages at a time: loading is mostly waiting.
  let next = 0;
  await Promise.all([0, 1, 2].map(async () => {
    while (next < rows.length) {
      const i = next++;
      measured[i] = await measure(rows[i].view, rows[i].controls, widths);
    }
  }));
  const wrong = [];
  rows.forEach((r, i) => {
    r.heights.forEach((h, k) => {
      const m = measured[i][k];
      // The table leaves 5 % for other fonts: at least the content, and not much more.
      if (!(m <= h && h <= Math.ceil(m * 1.12) + 20)) wrong.push(`${r.view} · ${r.controls} at ${widths[k]} px: table ${h}, content ${m}`);
    });
  });
  const table = rows.map((r, i) => `${r.view} | ${r.controls} | ${measured[i].join(" ")}`).join("\n");
  fs.writeFileSync("tests/e2e/artifacts/heights-measured.txt", table + "\n");
  assert.deepEqual(wrong, [], `measured (tests/e2e/artifacts/heights-measured.txt):\n${table}`);
});
