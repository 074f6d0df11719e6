// README's picture of the browser build: the page in headless Chromium, a gallery scene after its
// balls have rolled a while, the panel open. (scripts/make-readme-images.sh runs it when the site
// is built.)  Usage: node readme_picture.mjs OUT.png
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, launch, openPage, serve } from './harness.mjs';

const out = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, 'docs', 'images', 'browser.png'));
const server = await serve(path.join(REPO_ROOT, 'build-web', 'site'));
const browser = await launch();
const page = await openPage(browser, `${server.url}#scene=05-rosenbrock-valley`, { width: 1280, height: 720 });
await page.waitForFunction(() => window.Module && Module.frames >= 150, { timeout: 120_000, polling: 100 });
fs.writeFileSync(out, await page.screenshot({ type: 'png', captureBeyondViewport: false }));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
await browser.close();
await server.close();
