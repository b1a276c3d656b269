// Shared set-up for the e2e files: one served dist/ and Debian's Chromium via playwright-core.
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import assert from "node:assert/strict";

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
/// `firstVisit`: a browser that has never chosen to see every number (the page then opens
/// spoiler-free); by default a returning visitor who has, as the older tests assume.
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, colorScheme = "light", reducedMotion = "no-preference", firstVisit = false } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion, acceptDownloads: true });
  if (!firstVisit) await context.addInitScript(() => { try { localStorage.setItem("cascade-lab.show-all", "1"); } catch (_) {} });
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

/// Decodes an 8-bit RGBA/RGB PNG (what canvas.toDataURL writes): text chunks (tEXt, iTXt) and pixels.
export function decodePng(buf) {
  assert.equal(buf.subarray(1, 4).toString(), "PNG");
  let at = 8; const idat = []; const text = {}; const kinds = []; let w, h, type;
  while (at < buf.length) {
    const len = buf.readUInt32BE(at); const kind = buf.subarray(at + 4, at + 8).toString(); const data = buf.subarray(at + 8, at + 8 + len);
    if (kind === "IHDR") { w = data.readUInt32BE(0); h = data.readUInt32BE(4); type = data[9]; assert.equal(data[8], 8); }
    if (kind === "IDAT") idat.push(data);
    if (kind === "tEXt") { const z = data.indexOf(0); text[data.subarray(0, z).toString("latin1")] = data.subarray(z + 1).toString("latin1"); }
    // iTXt: keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text.
    if (kind === "iTXt") {
      const z = data.indexOf(0); assert.equal(data[z + 1], 0, "uncompressed");
      const lang = data.indexOf(0, z + 3); const tk = data.indexOf(0, lang + 1);
      text[data.subarray(0, z).toString("latin1")] = data.subarray(tk + 1).toString("utf8");
      kinds.push(kind);
    }
    at += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3; const raw = zlib.inflateSync(Buffer.concat(idat)); const stride = w * bpp;
  const px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)]; const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0; const b = y > 0 ? px[(y - 1) * stride + x] : 0; const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c; const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f];
      px[y * stride + x] = (line[x] + pred) & 255;
    }
  }
  const ink = (y0, y1) => { let n = 0; for (let y = y0; y < y1; y++) for (let x = 0; x < w; x++) { const i = y * stride + x * bpp; if (Math.abs(px[i] - px[0]) + Math.abs(px[i + 1] - px[1]) + Math.abs(px[i + 2] - px[2]) > 120) n++; } return n; };
  return { w, h, text, kinds, ink, pixel: (x, y) => [...px.subarray(y * stride + x * bpp, y * stride + x * bpp + 3)] };
}

export { serve };
