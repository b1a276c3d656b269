// Slide-ready exports (issue 21): PNGs at 1×, 2× (every pixel doubled) and as an exact 1920×1080
// slide, with or without the text around the figure, their title and link as UTF-8 iTXt; the
// CSV of a windowed link holds only the window's rows under a header, its link and units in a
// CSV-on-the-Web companion; the sweep panel downloads its map and grid.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, openPage, ready, serve, decodePng, DIST, BASE, ARTIFACTS } from "./helpers.mjs";
import { STRICT_CSP } from "./serve.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE, csp: STRICT_CSP }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors);

/// Opens the Export menu if need be, sets its PNG size and "figure only", clicks `id`.
async function grab(page, id, { size = null, bare = null } = {}) {
  if (!(await page.$("details.menu[open]"))) await page.click("details.menu > summary");
  if (size) await page.selectOption("#export-size", size);
  if (bare !== null) await page.setChecked("#export-bare", bare);
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

test("PNG exports: 2× doubles every dimension, the slide is exactly 1920×1080, figure only drops the text", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?v=1&preset=december-2024&ttl=30&t=20");
  await ready(page);
  const one = await grab(page, "export-png", { size: "1x" });
  const two = await grab(page, "export-png", { size: "2x" });
  const slide = await grab(page, "export-png", { size: "1920x1080" });
  const bare = await grab(page, "export-png", { size: "1x", bare: true });
  const bareSlide = await grab(page, "export-png", { size: "1920x1080", bare: true });
  const viewSlide = await grab(page, "export-view", { size: "1920x1080", bare: false });
  const view2 = await grab(page, "export-view", { size: "2x" });
  const [p1, p2, ps, pb, pbs, pvs, pv2] = [one, two, slide, bare, bareSlide, viewSlide, view2].map((f) => decodePng(f.bytes));
  assert.match(one.name, /-charts-t\+20m-light\.png$/, one.name);
  assert.match(two.name, /-charts-t\+20m-light-2x\.png$/, two.name);
  assert.match(slide.name, /-charts-t\+20m-light-1920x1080\.png$/, slide.name);
  assert.match(bare.name, /-charts-t\+20m-light-figure\.png$/, bare.name);
  assert.equal(p1.w, 1200);
  assert.deepEqual([p2.w, p2.h], [2 * p1.w, 2 * p1.h], "2×: every pixel doubled");
  for (const [p, what] of [[ps, "charts"], [pbs, "charts, figure only"], [pvs, "whole view"]]) assert.deepEqual([p.w, p.h], [1920, 1080], what);
  assert.equal(pv2.w, 2400);
  // Figure only: the charts alone, shorter by the title, lines and link; the chunks still say what it is.
  assert.deepEqual([pb.w, pb.h], [1200, 640]);
  assert.ok(pb.h < p1.h);
  for (const p of [p1, p2, ps, pb, pbs, pvs]) {
    assert.equal(p.text.Title, p === pvs ? "Cascade Lab — whole view" : "Cascade Lab — charts", "the title's em dash survives as UTF-8 iTXt");
    assert.ok(p.text.Source.includes("ttl=30") && p.text.Source.includes("t=20"), p.text.Source);
    assert.ok(p.kinds.includes("iTXt"));
  }
  // The text is drawn where the layout puts it: the title at the top, at twice the size at 2×.
  assert.ok(p1.ink(0, 40) > 300 && p2.ink(0, 80) > 1200, "a title is drawn");
  assert.ok(ps.ink(0, 60) > 300 && ps.ink(ps.h - 50, ps.h) > 200, "the slide has its title and link");
  // Figure only is exactly the 1× sheet's figure, without what is above and below it.
  const top = p1.h - 34 - 640;
  for (const y of [5, 120, 330, 635]) for (let x = 0; x < 1200; x += 17) assert.deepEqual(pb.pixel(x, y), p1.pixel(x, y + top), `figure pixel ${x},${y}`);
  assert.ok(pbs.ink(300, 1000) > 20000, "the slide's figure fills it");
  for (const [f, n] of [[two, "export-charts-2x.png"], [slide, "export-charts-1920x1080.png"], [bare, "export-charts-figure.png"], [viewSlide, "export-view-1920x1080.png"], [bareSlide, "export-charts-figure-1920x1080.png"]]) {
    fs.writeFileSync(path.join(ARTIFACTS, n), f.bytes);
  }
  console.log(`# PNG sizes: 1× ${p1.w}×${p1.h} ${one.bytes.length} B; 2× ${p2.w}×${p2.h} ${two.bytes.length} B; slide ${ps.w}×${ps.h} ${slide.bytes.length} B; figure only ${pb.w}×${pb.h}; whole view 2× ${pv2.w}×${pv2.h}`);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("a windowed link's CSV holds the header and only the window's rows; its metadata holds the link and units", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?v=1&preset=december-2024&from=-5&to=30");
  await ready(page);
  const csv = await grab(page, "export-csv");
  const text = csv.bytes.toString();
  const lines = text.trim().split("\n");
  assert.match(lines[0], /^t_min,api_demand_cores,/, "the first line is the header");
  const t = lines.slice(1).map((l) => Number(l.split(",")[0]));
  assert.ok(t.every((m) => m >= -5 && m <= 30), `rows outside the window: ${t.filter((m) => m < -5 || m > 30).slice(0, 3)}`);
  assert.deepEqual([t[0], t.at(-1), t.length], [-5, 30, 211]);
  const meta = await grab(page, "export-csv-meta");
  assert.equal(meta.name, csv.name + "-metadata.json");
  const m = JSON.parse(meta.bytes.toString());
  assert.equal(m["@context"], "http://www.w3.org/ns/csvw");
  assert.equal(m.url, csv.name);
  assert.ok(m["dc:source"].includes("from=-5") && m["dc:source"].includes("to=30"), m["dc:source"]);
  assert.match(m["dc:title"], /^Cascade Lab — trace/);
  const cols = m.tableSchema.columns;
  assert.deepEqual(cols.map((c) => c.titles), lines[0].split(","), "one column description per header cell");
  assert.ok(cols.every((c) => /^Unit: /.test(c["dc:description"]) && ["number", "string"].includes(c.datatype) && /^\w+$/.test(c.name)));
  console.log(`# windowed CSV: ${csv.bytes.length} B, ${t.length} rows; metadata ${meta.bytes.length} B`);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("the sweep panel downloads its map (PNG) and grid (CSV with units, and its metadata)", async () => {
  const q = "?v=1&preset=december-2024&embed=1&view=sweep&sx=agents=100..20000:8:log&sy=ttl=0..3600:4&sm=impact_min";
  const { page, log, context } = await openPage(browser, srv.url + q, { viewport: { width: 900, height: 900 } });
  await page.waitForSelector("#sweep-png");
  assert.ok(await page.$eval("#sweep-png", (b) => b.disabled) || (await page.$eval("#sweep", (s) => s.dataset.ms !== "")), "disabled until done");
  await page.waitForFunction(() => document.querySelector("#sweep").dataset.ms !== "" && !document.querySelector("#sweep-png").disabled, null, { timeout: 30000 });
  const get = async (id) => {
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
    return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
  };
  const png = await get("sweep-png");
  assert.match(png.name, /^cascade-lab-december-2024-seed\d+-[0-9a-f]{6}-sweep-agents-ttl-impact-min-light\.png$/, png.name);
  const p = decodePng(png.bytes);
  assert.equal(p.w, 1200);
  assert.match(p.text.Title, /^Cascade Lab — where is the cliff\?/);
  assert.ok(p.text.Source.includes("sx=agents") && p.text.Source.includes("sm=impact_min"), p.text.Source);
  assert.ok(p.ink(120, p.h - 80) > 50000, "the map is drawn");
  fs.writeFileSync(path.join(ARTIFACTS, "export-sweep.png"), png.bytes);
  await page.selectOption("#sweep-png-size", "1920x1080");
  const slide = await get("sweep-png");
  const ps = decodePng(slide.bytes);
  assert.deepEqual([ps.w, ps.h], [1920, 1080]);
  fs.writeFileSync(path.join(ARTIFACTS, "export-sweep-1920x1080.png"), slide.bytes);
  const csv = await get("sweep-csv");
  assert.match(csv.name, /-sweep-agents-ttl\.csv$/);
  const lines = csv.bytes.toString().trim().split("\n");
  assert.match(lines[0], /^agents \(nodes\),ttl \(s\),impact_min \(min\),/);
  assert.equal(lines.length, 1 + 8 * 4, "one row per cell");
  const meta = JSON.parse((await get("sweep-csv-meta")).bytes.toString());
  assert.equal(meta.url, csv.name);
  assert.deepEqual(meta.tableSchema.columns.map((c) => c.titles), lines[0].split(","));
  console.log(`# sweep PNG ${p.w}×${p.h} ${png.bytes.length} B, slide ${slide.bytes.length} B; CSV ${csv.bytes.length} B`);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});
