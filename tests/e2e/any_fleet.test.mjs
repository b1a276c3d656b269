// Every view with a 60-cluster fleet (issue 22), at a 1280-px desktop and a 375-px phone: the
// fleet's small multiples, the swimlanes scrolling in their box, the diagram's picker, the
// per-cluster verdict line. DEPENDS ON `fleet=` link decoding (formats/link.rs, the fleet
// editor's branch, now merged).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch, openPage, ready, serve, DIST, BASE, ARTIFACTS } from "./helpers.mjs";

let srv, browser;
before(async () => { srv = await serve({ root: DIST, base: BASE }); browser = await launch(); });
after(async () => { await browser?.close(); await srv?.close(); });

/// tests/common/fleets.rs's `fleet_sixty`, in the compact text a link carries (formats::compact):
/// 60 clusters, 80 to 5,904 nodes, three staging, six waves, names of 9 to 29 characters.
function sixty() {
  const regions = ["eu-west", "us-east", "ap-south", "sa-east", "eu-central-analytics-batch", "edge"];
  const parts = [];
  for (let i = 0; i < 60; i++) {
    const staging = i < 3;
    const name = staging ? `staging-${i}` : `${regions[i % 6]}-${String(i).padStart(2, "0")}`;
    const nodes = Math.min(staging ? 300 + 200 * i : 80 + ((i * 37) % 57) * 104, 6000);
    const f = [name, nodes];
    if (i % 7 === 0) f.push("a7", "s2000", "m256");
    if (i % 11 === 0) f.push("t60");
    const wave = staging ? 0 : 1 + (i % 5);
    if (wave) f.push(`w${wave}`);
    if (staging) f.push("g");
    parts.push(f.join(","));
  }
  return "1~" + parts.join("~");
}

for (const [width, height, tag] of [[1280, 800, "desktop"], [375, 740, "phone"]]) {
  test(`60 clusters on a ${tag} (${width} px): every view readable, nothing wider than the page`, async () => {
    const { page, log, context } = await openPage(browser, `${srv.url}?fleet=${encodeURIComponent(sixty())}&t=5`, { viewport: { width, height } });
    await ready(page);
    await page.waitForSelector("#lanes", { timeout: 20000 });
    const got = await page.evaluate(() => {
      const box = document.querySelector(".lane-box");
      const pick = document.querySelector("#diagram-cluster");
      return {
        scrollW: document.documentElement.scrollWidth,
        fleetH: document.querySelector("#fleet").getBoundingClientRect().height,
        label: document.querySelector("#fleet").getAttribute("aria-label"),
        options: pick.options.length,
        selected: pick.selectedOptions[0].textContent,
        pickRight: pick.getBoundingClientRect().right,
        lanes: document.querySelectorAll(".lane-table tbody tr").length,
        boxScrolls: box.classList.contains("compact") && box.scrollHeight > box.clientHeight + 100,
        shortened: [...document.querySelectorAll(".lane-name[aria-label]")].map((b) => b.getAttribute("aria-label")),
        verdict: document.querySelector("#verdict-line").textContent,
      };
    });
    assert.ok(got.scrollW <= width, `the page scrolls sideways: ${got.scrollW} px`);
    assert.ok(got.pickRight <= width, `the picker overflows: ${got.pickRight}`);
    // Small multiples: a desktop screen holds the fleet, a phone a few screens of it.
    assert.ok(got.fleetH <= (tag === "desktop" ? 600 : 1400), `fleet view ${got.fleetH} px tall`);
    assert.match(got.label, /eu-central-analytics-batch-04 \(3616 nodes\)/, "whole names in the text alternative");
    assert.equal(got.options, 60);
    // The diagram's default cluster is the largest production cluster (sim::fleet::largest_index).
    assert.equal(got.selected, "ap-south-20 (5,904 nodes)");
    assert.equal(got.lanes, 60);
    assert.ok(got.boxScrolls, "60 lanes scroll inside their box");
    assert.ok(got.shortened.includes("eu-central-analytics-batch-04"), "a shortened lane name keeps its whole name");
    assert.match(got.verdict, /^Fell \(\d+\): [^·]+ and \d+ more( · (Crash-looping|Saturated) \(\d+\))* · \d+ ok$/);
    await page.locator("#fleet").screenshot({ path: path.join(ARTIFACTS, `fleet-60-${tag}.png`) });
    assert.deepEqual(log.consoleErrors.concat(log.pageErrors), []);
    await context.close();
  });
}
