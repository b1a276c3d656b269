// Shared set-up for the e2e files: one served dist/ and Debian's Chromium via playwright-core.
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import fs from "node:fs";
import path from "node:path";

export const DIST = path.resolve(process.env.DIST || "dist");
export const BASE = "/training/cascade/";
export const ARTIFACTS = path.resolve("tests/e2e/artifacts");
fs.mkdirSync(ARTIFACTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/// A page that records console errors, page errors and any request leaving the origin.
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, colorScheme = "light", reducedMotion = "no-preference" } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion, acceptDownloads: true });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const log = { consoleErrors: [], pageErrors: [], offOrigin: [], requests: [] };
  page.on("console", (m) => { if (m.type() === "error") log.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => log.pageErrors.push(String(e)));
  page.on("request", (r) => {
    log.requests.push(r.url());
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) log.offOrigin.push(u);
  });
  await page.goto(url);
  return { page, context, log };
}

export async function ready(page) {
  await page.waitForSelector("#charts-base", { timeout: 20000 });
  await page.waitForFunction(() => document.body.hasAttribute("data-first-chart-ms"), null, { timeout: 20000 });
  // Controls and narration arrive one render after the charts.
  await page.waitForSelector("#events", { state: "attached", timeout: 20000 });
}

/// Count painted, non-background pixels of a canvas (unpainted canvas reads as alpha 0).
export async function inkOf(page, selector) {
  return page.$eval(selector, (c) => {
    const ctx = c.getContext("2d");
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let ink = 0;
    for (let i = 0; i < d.length; i += 4 * 7) {
      if (d[i + 3] > 0 && (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2])) > 60) ink++;
    }
    return ink;
  });
}

export async function minutes(page, id) {
  const v = await page.$eval(`#${id} .tile-value`, (e) => e.dataset.min);
  return v === "" ? null : Number(v);
}

export { serve };
