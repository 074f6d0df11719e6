import { launch, openPage, serve } from './harness.mjs';
const server = await serve('/work/main/build-web/site');
const browser = await launch();
for (const q of ['', '?grid=512', '?function=rastrigin', '?function=rastrigin&grid=512']) {
  const page = await openPage(browser, `${server.url}${q}`, { width: 1280, height: 720 });
  await page.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60000, polling: 10 });
  await page.evaluate(() => { window.longest = 0; let last = performance.now(); const tick = () => { const now = performance.now(); window.longest = Math.max(window.longest, now - last); last = now; requestAnimationFrame(tick); }; requestAnimationFrame(tick); });
  await new Promise(r => setTimeout(r, 500));
  const base = await page.evaluate(() => { const l = window.longest; window.longest = 0; return l; });
  await page.keyboard.press('b');
  await page.waitForFunction(() => JSON.parse(Module.ccall('losscape_state', 'string', [], [])).basin_map, { timeout: 60000, polling: 50 });
  await new Promise(r => setTimeout(r, 300));
  console.log(q || 'default', 'longest frame before', base.toFixed(0), 'ms, while the map was made', (await page.evaluate(() => window.longest)).toFixed(0), 'ms');
  await page.browserContext().close();
}
await browser.close(); await server.close();
