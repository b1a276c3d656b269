// "Your fleet" (src/tools/fleet_editor.rs, a tools-module panel): add a cluster, paste a CSV,
// a bad value gets one line naming the field while the typed text stays and the run keeps its
// last valid fleet, and the written link reproduces the run (same headline numbers, no notice).
// It works at 375 px (its table scrolls in its own box) and by keyboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, openPage, ready, serve, DIST, BASE } from "./helpers.mjs";

const require = createRequire(import.meta.url);

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

const headline = (page) => page.$$eval(".tile-value", (els) => els.map((e) => e.dataset.min));
const errorsOf = (log) => log.consoleErrors.concat(log.pageErrors);
const status = (page) => page.textContent("#fe-status");

async function openEditor(page) {
  // Closed, it loads nothing: the tools module waits until it is opened.
  await page.locator("details.fleet-d > summary").click();
  await page.waitForSelector("#fleet-editor", { timeout: 20000 });
}

const CSV = "name,nodes,apiservers,watch_cache,wave,staging\nstg,60,,,0,yes\nprod-a,6000,5,,2,\nprod-b,2500,,no,1,\nedge,300,,,1,";

test("add a cluster, paste a CSV, a bad value is named and kept, and the link reproduces the run", async () => {
  const { page, log, context } = await openPage(browser, srv.url);
  await ready(page);
  await openEditor(page);
  assert.match(await status(page), /December 2024's built-in fleet \(13 clusters\)/);
  const december = await headline(page);

  // Add a cluster: a fresh name and the last row's size; set its nodes and apply.
  await page.click("#fe-add");
  await page.getByLabel("Nodes of cluster-14").fill("9000");
  await page.click("#fe-apply");
  await page.waitForFunction(() => document.querySelector("#fe-status").textContent.includes("Running your fleet: 14 clusters"));
  await page.waitForFunction(() => location.search.includes("fleet=1~"));
  assert.ok(page.url().includes("cluster-14,9000"), page.url());
  assert.notDeepEqual(await headline(page), december, "a 9,000-node cluster changes the run");

  // Paste a CSV: it replaces the table and runs.
  await page.click("#fe-csv-toggle");
  await page.fill("#fe-csv", CSV);
  await page.click("#fe-csv-read");
  await page.waitForFunction(() => document.querySelector("#fe-status").textContent.includes("Running your fleet: 4 clusters, the largest 6,000 nodes."));
  assert.equal(await page.locator(".fe-table:not(.fe-calls) tbody tr").count(), 4);
  assert.equal(await page.getByLabel("API servers of prod-a").inputValue(), "5");
  // A blank cell shows the fleet-wide value (the slider's) as its placeholder.
  assert.equal(await page.getByLabel("API servers of prod-b").getAttribute("placeholder"), "3");
  await page.waitForFunction(() => location.search.includes("prod-a,6000"));
  const linked = page.url();
  const numbers = await headline(page);

  // A bad value: one line naming the field; the typed text stays; the run keeps its fleet.
  await page.getByLabel("Nodes of prod-b").fill("0");
  await page.click("#fe-apply");
  await page.waitForSelector("#fe-error:not([hidden])");
  assert.equal(await page.textContent("#fe-error"), "cluster 3 ('prod-b'): nodes = 0 is out of range (1 to 100,000)");
  assert.equal(await page.getByLabel("Nodes of prod-b").inputValue(), "0", "the typed text stays");
  assert.match(await status(page), /Running your fleet: 4 clusters.*changes not applied yet/);
  await page.getByLabel("Nodes of prod-b").fill("lots");
  await page.click("#fe-apply");
  await page.waitForFunction(() => document.querySelector("#fe-error").textContent === "cluster 3 ('prod-b'): nodes = 'lots' is not a whole number");
  // A CSV with an unknown column says so and keeps the pasted text.
  await page.fill("#fe-csv", "name,nodes,colour\na,5,red");
  await page.click("#fe-csv-read");
  await page.waitForFunction(() => document.querySelector("#fe-error").textContent.startsWith("CSV: column 'colour' is not one of name, nodes"));
  assert.equal(await page.inputValue("#fe-csv"), "name,nodes,colour\na,5,red");
  // Closing and reopening the disclosure loses nothing typed.
  await page.locator("details.fleet-d > summary").click();
  await page.locator("details.fleet-d > summary").click();
  assert.equal(await page.getByLabel("Nodes of prod-b").inputValue(), "lots");
  assert.equal(await page.inputValue("#fe-csv"), "name,nodes,colour\na,5,red");
  await page.waitForTimeout(400); // the address bar's debounce
  assert.equal(page.url(), linked, "the run (and its link) kept the last valid fleet");
  assert.deepEqual(await headline(page), numbers);

  // The written link reproduces the run: same headline numbers, no notice.
  const { page: again, log: log2, context: c2 } = await openPage(browser, linked);
  await ready(again);
  assert.deepEqual(await headline(again), numbers, "same headline numbers");
  assert.equal(await again.$("#notice"), null, "a link the app wrote raises no notice");
  assert.match(await again.textContent("#fleet-d-what"), /Your fleet runs: 4 clusters/);
  await openEditor(again);
  assert.equal(await again.getByLabel("Nodes of prod-a").inputValue(), "6000");
  assert.deepEqual(errorsOf(log).concat(errorsOf(log2)), []);
  await context.close(); await c2.close();
});

test("the agent's calls show their derived load and apply; a plan of waves applies; Reset goes back to December", async () => {
  const { page, log, context } = await openPage(browser, srv.url + "?fleet=" + encodeURIComponent("1~stg,60,g~prod-a,6000,a5,w2~prod-b,2500,w1"));
  await ready(page);
  await openEditor(page);
  assert.match(await page.textContent("#fe-explain"), /LIST pods cluster-wide, as the cluster serves LISTs: [\d.]+ s of CPU and [\d.]+ GB held while in flight/);
  await page.selectOption("[aria-label='Scope of call 1']", "node");
  await page.getByLabel("Count of call 1").fill("x");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => document.querySelector("#fe-agent-error").textContent === "agent call 1 (pods): count = 'x' is not a whole number");
  await page.getByLabel("Count of call 1").fill("2");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => location.search.includes("agent=1~pods:node:cluster:x2"));
  assert.match(await page.textContent("#fe-explain"), /2 × LIST pods on its own node/);
  // A Deployment: the replicas box. A node-scoped call is a DaemonSet's: one line naming the
  // call, and the box keeps what was typed; cluster-wide, it applies and the link carries it.
  await page.fill("#fe-agent-replicas", "3");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => document.querySelector("#fe-agent-error").textContent.startsWith("agent call 1: scope = node"));
  assert.equal(await page.inputValue("#fe-agent-replicas"), "3");
  await page.fill("#fe-agent-replicas", "-2");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => document.querySelector("#fe-agent-error").textContent.startsWith("agent: replicas = -2 is out of range"));
  await page.fill("#fe-agent-replicas", "3");
  await page.selectOption("[aria-label='Scope of call 1']", "cluster");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => /agent=[^&]*r3/.test(decodeURIComponent(location.search)));
  assert.match(await page.textContent("#fe-explain"), /3 replicas' calls ask/);
  // Back to the DaemonSet the rest of this test runs.
  await page.fill("#fe-agent-replicas", "");
  await page.selectOption("[aria-label='Scope of call 1']", "node");
  await page.click("#fe-agent-apply");
  await page.waitForFunction(() => location.search.includes("agent=1~pods:node:cluster:x2") && !/agent=[^&]*r3/.test(decodeURIComponent(location.search)));
  // Waves of one's own: the phased plan written out, then the big cluster alone last.
  await page.selectOption("#fe-plan-mode", "own");
  await page.getByLabel("Clusters in wave 3").fill("prod-a");
  await page.click("#fe-plan-apply");
  await page.waitForFunction(() => location.search.includes("plan=1~g:either"));
  const linked = page.url();
  const numbers = await headline(page);
  const { page: again, context: c2 } = await openPage(browser, linked);
  await ready(again);
  assert.deepEqual(await headline(again), numbers);
  assert.equal(await again.$("#notice"), null);
  await c2.close();
  // "Use December's fleet" runs the built-in fleet again; the link drops the fleet.
  await page.click("#fe-december");
  await page.waitForFunction(() => !location.search.includes("fleet="));
  assert.match(await status(page), /December 2024's built-in fleet/);
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});

test("at 375 px the tables scroll inside their own boxes and the editor works by keyboard", async () => {
  const { page, log, context } = await openPage(browser, srv.url, { viewport: { width: 375, height: 800 } });
  await ready(page);
  await page.locator("details.fleet-d > summary").focus();
  await page.keyboard.press("Enter");
  await page.waitForSelector("#fleet-editor", { timeout: 20000 });
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: innerWidth, box: document.querySelector(".fe-scroll").clientWidth, table: document.querySelector(".fe-table").scrollWidth }));
  assert.ok(widths.doc <= widths.view, `the page does not scroll sideways: ${JSON.stringify(widths)}`);
  assert.ok(widths.table > widths.box, `the table scrolls in its box: ${JSON.stringify(widths)}`);
  // Keyboard: the Add button, then Tab into the new row's cells and type.
  await page.focus("#fe-add");
  await page.keyboard.press("Enter");
  await page.getByLabel("Name of cluster-14").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Nodes of cluster-14");
  await page.keyboard.type("4000"); // tabbing in selects the cell, so this replaces it
  await page.focus("#fe-apply");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search.includes("cluster-14,4000"));
  // Every field has a name a screen reader says.
  const unnamed = await page.$$eval("#fleet-editor input, #fleet-editor select, #fleet-editor textarea", (els) => els.filter((e) => !e.getAttribute("aria-label") && !e.labels?.length).length);
  assert.equal(unnamed, 0);
  // axe on the open editor (its own plan form shown too): no serious or critical violation.
  await page.selectOption("#fe-plan-mode", "own");
  await page.click("#fe-csv-toggle");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(wide <= 0, `with the CSV box and the waves open the page still fits: ${wide} px over`);
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector("#fleet-editor"), { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target}`);
  });
  assert.deepEqual(axe, []);
  await page.screenshot({ path: "tests/e2e/artifacts/fleet-editor-375.png", fullPage: false });
  assert.deepEqual(errorsOf(log), []);
  await context.close();
});
