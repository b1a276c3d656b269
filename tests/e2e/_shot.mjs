import { launch, openPage, ready, serve, DIST, BASE } from "/work/main/tests/e2e/helpers.mjs";
const srv = await serve({ root: DIST, base: BASE }); const browser = await launch();
const [q, file, w, h, full] = process.argv.slice(2);
const { page } = await openPage(browser, srv.url + q, { viewport: { width: +w || 1280, height: +h || 800 } });
await ready(page); await page.waitForTimeout(600);
if (process.env.SCROLL) { await page.locator(process.env.SCROLL).scrollIntoViewIfNeeded(); await page.waitForTimeout(800); }
await page.screenshot({ path: file, fullPage: full === "1" });
await browser.close(); await srv.close();
