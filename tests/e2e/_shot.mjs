import { launch, openPage, ready, serve, DIST, BASE } from "/work/main/tests/e2e/helpers.mjs";
const srv = await serve({ root: DIST, base: BASE }); const browser = await launch();
const [q, file, w, h, full] = process.argv.slice(2);
const { page, log } = await openPage(browser, srv.url + q, { viewport: { width: +w || 1280, height: +h || 800 } });
if (process.env.WAIT) await page.waitForSelector(process.env.WAIT, { timeout: 15000 }); else await ready(page);
await page.waitForTimeout(1200);
if (process.env.SCROLL) { await page.locator(process.env.SCROLL).scrollIntoViewIfNeeded(); await page.waitForTimeout(800); }
if (process.env.KEYS) for (const k of process.env.KEYS.split(",")) { await page.keyboard.press(k); await page.waitForTimeout(400); }
await page.screenshot({ path: file, fullPage: full === "1" });
console.log(JSON.stringify(log.consoleErrors.concat(log.pageErrors)));
await browser.close(); await srv.close();
