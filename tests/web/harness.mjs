// Minimal harness for driving the losscape WebAssembly/WebGL2 build in headless chromium.
// No test framework: serve() + launch() + openPage() + test()/run() + canvasPixels().
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '..', '..');

// --no-sandbox: required when running as root (chromium refuses to start otherwise).
// --enable-unsafe-swiftshader: opt in to software WebGL; without it WebGL2 still works on
//   chromium 156 but logs a deprecation warning, and upstream is removing the silent fallback.
// The rest pin the backend (ANGLE on SwiftShader-Vulkan) and keep chromium quiet and offline.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-sandbox',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic', '--disable-dev-shm-usage',
];

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.json': 'application/json', '.map': 'application/json',
  '.css': 'text/css; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.csv': 'text/csv',
};

// Everything launch()/serve() hand out, so run() can clean up whatever a test file forgot.
const live = new Set();

/** Static file server for `folder` on 127.0.0.1:<random port>. `headers` are added to every
 *  response (e.g. COOP/COEP for a -pthread build). Returns {url, port, close()}. */
export async function serve(folder, { headers = {} } = {}) {
  const root = path.resolve(folder);
  const server = http.createServer((req, res) => {
    const send = (status, body) => { res.writeHead(status, { 'Content-Type': 'text/plain' }); res.end(body); };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { return send(400, 'bad url\n'); }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, 'index.html'); st = fs.statSync(file, { throwIfNoEntry: false }); }
      if (err || !st || !st.isFile()) {
        // chromium always asks for /favicon.ico; a 404 there would show up as a console error.
        if (rel === '/favicon.ico') { res.writeHead(204); return res.end(); }
        return send(404, `not found: ${rel}\n`);
      }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': st.size, 'Cache-Control': 'no-store', ...headers });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const handle = {
    url: `http://127.0.0.1:${port}/`, port,
    close: () => { live.delete(handle); server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
  live.add(handle);
  return handle;
}

/** Headless (--headless=new) chromium with a throw-away profile. Extra puppeteer launch options
 *  may be passed; `args` are appended to CHROMIUM_ARGS. browser.close() also deletes the profile. */
export async function launch({ args = [], ...options } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'losscape-chromium-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  process.once('exit', cleanup);
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true, // puppeteer >= 22: true means --headless=new ('shell' would be the old one)
      args: [...CHROMIUM_ARGS, `--user-data-dir=${path.join(tmp, 'profile')}`, ...args],
      // Debian's chromium otherwise writes ~/.config/chromium/Crash Reports and ~/.cache/dconf.
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache') },
      timeout: 60_000,
      ...options,
    });
  } catch (e) { cleanup(); process.removeListener('exit', cleanup); throw e; }
  const close = browser.close.bind(browser);
  browser.close = async () => {
    live.delete(browser);
    try { await close(); } finally { cleanup(); process.removeListener('exit', cleanup); }
  };
  live.add(browser);
  return browser;
}

let current = null; // the test being run, so run() can screenshot and close the pages it opened

/** New page, in a browser context of its own (no shared cache/storage; a hung page can be
 *  disposed of without blocking the others), with the given viewport; navigates to `url` if given.
 *  Console messages of type 'error', uncaught exceptions and renderer crashes are collected in
 *  page.consoleErrors; every console message goes to page.consoleLog. */
export async function openPage(browser, url, { width = 800, height = 600, deviceScaleFactor = 1,
  waitUntil = 'load', timeout = 60_000 } = {}) {
  const context = await browser.createBrowserContext();
  current?.contexts.push(context);
  const page = await context.newPage();
  current?.pages.push(page);
  page.consoleErrors = [];
  page.consoleLog = [];
  page.on('console', (m) => {
    const { url: at, lineNumber: line } = m.location() ?? {};
    const loc = at ? ` (${at}${line !== undefined ? `:${line + 1}` : ''})` : '';
    page.consoleLog.push(`${m.type()}: ${m.text()}${loc}`);
    if (m.type() === 'error') page.consoleErrors.push(`${m.text()}${loc}`);
  });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror: ${e?.message ?? e}`));
  page.on('error', (e) => page.consoleErrors.push(`page crashed: ${e?.message ?? e}`));
  await page.setViewport({ width, height, deviceScaleFactor });
  if (url) await page.goto(url, { waitUntil, timeout });
  return page;
}

/** Decodes an 8-bit, non-interlaced greyscale/RGB/RGBA PNG into {width, height, data: RGBA}. */
export function decodePng(buf) {
  buf = Buffer.from(buf);
  if (!buf.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) throw new Error('not a PNG');
  let width, height, depth, type, interlace; const idat = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off), kind = buf.toString('latin1', off + 4, off + 8), body = buf.subarray(off + 8, off + 8 + len);
    if (kind === 'IHDR') [width, height, depth, type, interlace] = [body.readUInt32BE(0), body.readUInt32BE(4), body[8], body[9], body[12]];
    else if (kind === 'IDAT') idat.push(body);
    else if (kind === 'IEND') break;
    off += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[type];
  if (depth !== 8 || !channels || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth} colour type ${type} interlace ${interlace}`);
  const raw = zlib.inflateSync(Buffer.concat(idat)), stride = width * channels;
  const px = new Uint8Array(height * stride), data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], src = y * (stride + 1) + 1, row = y * stride, prev = row - stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[row + i - channels] : 0, b = y > 0 ? px[prev + i] : 0;
      const c = i >= channels && y > 0 ? px[prev + i - channels] : 0;
      let p = raw[src + i];
      if (filter === 1) p += a; else if (filter === 2) p += b; else if (filter === 3) p += (a + b) >> 1;
      else if (filter === 4) { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c); p += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      px[row + i] = p;
    }
  }
  for (let i = 0, j = 0; i < width * height; i++, j += channels) {
    const g = channels <= 2;
    data.set([px[j], px[j + (g ? 0 : 1)], px[j + (g ? 0 : 2)], channels === 2 ? px[j + 1] : channels === 4 ? px[j + 3] : 255], i * 4);
  }
  return { width, height, data };
}

/** Pixels of the element `selector` as composited on screen (device pixels, RGBA, row 0 = top).
 *  Works for WebGL canvases without preserveDrawingBuffer. The element must be in the viewport. */
export async function canvasPixels(page, selector) {
  const box = await page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
  });
  // captureBeyondViewport: false keeps chromium from resizing the view (which fires 'resize').
  const png = await page.screenshot({ type: 'png', clip: box, captureBeyondViewport: false });
  return decodePng(png);
}

/** [r, g, b, a] at (x, y) of an image from canvasPixels()/decodePng(). */
export const pixelAt = (img, x, y) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

/** Resolves after `n` animation frames have been rendered in the page. */
export const waitFrames = (page, n = 2) => page.evaluate((n) => new Promise((done) => {
  const step = () => (--n <= 0 ? done() : requestAnimationFrame(step)); requestAnimationFrame(step);
}), n);

const tests = [];
const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
};

/** Registers a test. `fn` may open pages with openPage(); run() screenshots them on failure
 *  and closes them (their contexts) afterwards, so tests need not close their pages. */
export function test(name, fn, { timeout = Number(process.env.LOSSCAPE_TEST_TIMEOUT) || 120_000 } = {}) {
  tests.push({ name, fn, timeout });
}

/** Runs the registered tests in order, then closes every browser/server still open and exits
 *  (status 1 if any test failed). Screenshots of failing tests go to $LOSSCAPE_FAILURE_DIR. */
export async function run() {
  // Where the native reference-picture tests write theirs (tests/reference/*.actual.png, ignored by git).
  const failDir = process.env.LOSSCAPE_FAILURE_DIR
    ? path.resolve(process.env.LOSSCAPE_FAILURE_DIR) : path.join(REPO_ROOT, 'tests', 'reference');
  let failed = 0;
  // LOSSCAPE_TEST_ONLY=TEXT runs only the tests whose names contain TEXT (while working on one); said
  // first, and a failure where no test's name has it, so a run that tested nothing never passes.
  const only = process.env.LOSSCAPE_TEST_ONLY;
  const chosen = tests.filter((t) => !only || t.name.includes(only));
  if (only) console.log(`# only the tests whose names contain "${only}"`);
  console.log(`1..${chosen.length}`);
  if (chosen.length === 0) {
    console.log(`not ok - no test's name contains "${only}" (LOSSCAPE_TEST_ONLY)`);
    failed = 1;
  }
  for (const t of chosen) {
    current = { pages: [], contexts: [] };
    const start = performance.now();
    try {
      await withTimeout(Promise.resolve().then(() => t.fn()), t.timeout, `test '${t.name}'`);
      console.log(`ok - ${t.name} (${Math.round(performance.now() - start)} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${t.name}: ${String(e?.message ?? e).split('\n').join('\n#   ')}`);
      const base = path.join(failDir, `web-${t.name.replace(/[^A-Za-z0-9._-]+/g, '_')}`);
      for (const [i, page] of current.pages.filter((p) => !p.isClosed()).entries()) {
        const file = `${base}${i ? `-${i}` : ''}.actual`;
        try {
          fs.mkdirSync(failDir, { recursive: true });
          if (page.consoleLog.length) fs.writeFileSync(`${file}.console.txt`, page.consoleLog.join('\n') + '\n');
          // A screenshot of a hung page never returns and stalls every other screenshot in chromium.
          if (!await withTimeout(page.evaluate(() => true), 3_000, '').catch(() => false)) throw new Error('page is unresponsive');
          await withTimeout(page.screenshot({ path: `${file}.png` }), 15_000, 'failure screenshot');
          console.log(`#   screenshot: ${path.relative(process.cwd(), file)}.png`);
        } catch (err) { console.log(`#   no screenshot: ${err.message}`); }
      }
    }
    // Disposing of the context also works for a hung page (page.close() may wait on a screenshot).
    await Promise.all(current.contexts.map((c) => withTimeout(c.close(), 10_000, 'context close').catch(() => {})));
    current = null;
  }
  console.log(`# ${Math.max(chosen.length - failed, 0)} passed, ${failed} failed`);
  for (const thing of [...live]) await withTimeout(thing.close(), 15_000, 'cleanup').catch(() => {});
  process.exit(failed ? 1 : 0);
}
