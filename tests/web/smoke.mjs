// Self-test of harness.mjs on a tiny WebGL2 + wasm page of its own: cd tests/web && npm ci && node smoke.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { canvasPixels, decodePng, launch, openPage, pixelAt, run, serve, test } from './harness.mjs';

// A wasm module exporting ans() -> 42, to check application/wasm + instantiateStreaming.
const WASM = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0,
  7, 7, 1, 3, 97, 110, 115, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);
const CLEAR = [51, 102, 204];   // glClearColor(0.2, 0.4, 0.8, 1)
const MARK = [255, 0, 0];       // scissored into the top-left quarter (GL rows are bottom-up)
const INDEX = `<!doctype html><meta charset="utf-8"><title>smoke</title>
<style>html,body{margin:0;background:#fff}canvas{display:block}</style>
<canvas id="c" width="64" height="48" style="width:64px;height:48px"></canvas>
<script>
const canvas = document.getElementById('c');
const dpr = window.devicePixelRatio;
canvas.width = 64 * dpr; canvas.height = 48 * dpr;
const gl = canvas.getContext('webgl2');
const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
window.smoke = { webgl2: !!gl, renderer: info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null,
  version: gl ? gl.getParameter(gl.VERSION) : null, dpr };
if (gl) {
  gl.clearColor(0.2, 0.4, 0.8, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  gl.enable(gl.SCISSOR_TEST); gl.scissor(0, canvas.height / 2, canvas.width / 2, canvas.height / 2);
  gl.clearColor(1, 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT);
}
Promise.all([
  WebAssembly.instantiateStreaming(fetch('tiny.wasm')).then(({ instance }) => instance.exports.ans()),
  fetch('blob.data').then((r) => r.arrayBuffer()).then((b) => b.byteLength),
]).then(([ans, dataBytes]) => Object.assign(window.smoke, { ans, dataBytes, done: true }),
        (e) => { console.error('smoke page failed: ' + e); window.smoke.done = true; });
</script>`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'losscape-smoke-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
fs.writeFileSync(path.join(dir, 'tiny.wasm'), WASM);
fs.writeFileSync(path.join(dir, 'blob.data'), Buffer.alloc(100_000, 7));

const site = await serve(dir);
let t0 = performance.now();
const browser = await launch();
console.log(`# chromium launch: ${Math.round(performance.now() - t0)} ms (${await browser.version()})`);

const expectColour = (img, x, y, rgb) =>
  assert.deepEqual(pixelAt(img, x, y), [...rgb, 255], `pixel (${x},${y}) of ${img.width}x${img.height}`);

test('first load: webgl2 on SwiftShader, wasm, .data', async () => {
  t0 = performance.now();
  const page = await openPage(browser, site.url, { width: 320, height: 240 });
  await page.waitForFunction(() => window.smoke?.done, { timeout: 30_000 });
  console.log(`# first page load (goto + wasm + data): ${Math.round(performance.now() - t0)} ms`);
  const s = await page.evaluate(() => window.smoke);
  console.log(`# renderer: ${s.renderer} / ${s.version}`);
  assert.equal(s.webgl2, true, 'canvas.getContext("webgl2") returned null');
  assert.match(s.renderer, /SwiftShader/);
  assert.equal(s.ans, 42);
  assert.equal(s.dataBytes, 100_000);
  assert.deepEqual(page.consoleErrors, []);
});

for (const deviceScaleFactor of [1, 2]) {
  test(`canvas pixels at deviceScaleFactor ${deviceScaleFactor}`, async () => {
    const page = await openPage(browser, site.url, { width: 320, height: 240, deviceScaleFactor });
    await page.waitForFunction(() => window.smoke?.done);
    const img = await canvasPixels(page, '#c');
    const [w, h] = [64 * deviceScaleFactor, 48 * deviceScaleFactor];
    assert.deepEqual([img.width, img.height], [w, h]);
    let marked = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const want = x < w / 2 && y < h / 2 ? MARK : CLEAR;
      if (want === MARK) marked++;
      expectColour(img, x, y, want);
    }
    assert.equal(marked, (w * h) / 4);
    assert.deepEqual(page.consoleErrors, []);
  });
}

test('canvasPixels equals getImageData on a noisy 2D canvas', async () => {
  const page = await openPage(browser, site.url, { width: 320, height: 240 });
  const want = await page.evaluate(() => {
    const c = document.createElement('canvas'); c.id = 'noise'; c.width = 97; c.height = 61;
    c.style.cssText = 'position:absolute;left:13px;top:7px'; document.body.append(c);
    const ctx = c.getContext('2d'), img = ctx.createImageData(97, 61);
    let seed = 1; const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 0; i < img.data.length; i += 4) {  // noise in the top half, smooth gradients below
      const y = (i / 4 / 97) | 0, x = (i / 4) % 97;
      img.data.set(y < 30 ? [rnd(), rnd(), rnd(), 255] : [x * 2, y * 4, (x + y) & 255, 255], i);
    }
    ctx.putImageData(img, 0, 0);
    return Array.from(ctx.getImageData(0, 0, 97, 61).data);
  });
  const got = await canvasPixels(page, '#noise');
  assert.deepEqual([got.width, got.height], [97, 61]);
  assert.ok(Buffer.from(got.data).equals(Buffer.from(want)), 'decoded pixels differ from getImageData');
});

test('decodePng: every filter type, RGB/RGBA/grey/grey+alpha', () => {
  // Chrome's screenshots only use some filters; encode the others here (row y uses filter y % 5).
  const chunk = (kind, body) => {
    const b = Buffer.alloc(12 + body.length); b.writeUInt32BE(body.length); b.write(kind, 4, 'latin1');
    body.copy(b, 8); return b;  // CRC left zero: decodePng does not check it
  };
  for (const [type, ch] of [[0, 1], [2, 3], [4, 2], [6, 4]]) {
    const w = 11, h = 10, px = Buffer.alloc(w * h * ch), raw = [];
    for (let i = 0; i < px.length; i++) px[i] = (i * 97 + (i >> 3) * 13) & 255;
    for (let y = 0; y < h; y++) {
      const f = y % 5, row = [f];
      for (let i = 0; i < w * ch; i++) {
        const at = (yy, ii) => (yy >= 0 && ii >= 0 ? px[yy * w * ch + ii] : 0);
        const a = at(y, i - ch), b = at(y - 1, i), c = at(y - 1, i - ch), p = a + b - c;
        const pred = [0, a, b, (a + b) >> 1,
          Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][f];
        row.push((at(y, i) - pred) & 255);
      }
      raw.push(...row);
    }
    const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = type;
    const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]);
    const img = decodePng(png);
    for (let i = 0; i < w * h; i++) {
      const s = px.subarray(i * ch, i * ch + ch);
      const want = ch === 1 ? [s[0], s[0], s[0], 255] : ch === 2 ? [s[0], s[0], s[0], s[1]] : ch === 3 ? [...s, 255] : [...s];
      assert.deepEqual(Array.from(img.data.subarray(i * 4, i * 4 + 4)), want, `colour type ${type}, pixel ${i}`);
    }
  }
});

test('server: MIME types, 404, no escaping the folder', async () => {
  const get = (p) => fetch(new URL(p, site.url));
  const types = {};
  for (const p of ['', 'index.html', 'tiny.wasm', 'blob.data']) {
    const r = await get(p); assert.equal(r.status, 200, p); types[p] = r.headers.get('content-type'); await r.arrayBuffer();
  }
  assert.match(types[''], /^text\/html/);
  assert.equal(types['tiny.wasm'], 'application/wasm');
  assert.equal(types['blob.data'], 'application/octet-stream');
  assert.equal((await get('missing.js')).status, 404);
  assert.notEqual((await get('/%2e%2e/%2e%2e/etc/passwd')).status, 200);
});

test('console errors and page errors are recorded', async () => {
  const page = await openPage(browser, site.url);
  await page.evaluate(() => { console.error('boom'); setTimeout(() => { throw new Error('kaboom'); }); });
  await page.evaluate(() => fetch('nope.wasm').catch(() => {}));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(page.consoleErrors.length, 3, page.consoleErrors.join('\n'));
  assert.match(page.consoleErrors[0], /^boom/);
  assert.ok(page.consoleErrors.some((e) => /kaboom/.test(e)));
  assert.ok(page.consoleErrors.some((e) => /404/.test(e)));
});

test('a failing test exits non-zero and leaves a screenshot', async () => {
  const harness = pathToFileURL(path.resolve('harness.mjs')).href;
  fs.writeFileSync(path.join(dir, 'fail.mjs'), `import { launch, openPage, run, test } from '${harness}';
const browser = await launch();
test('passes', () => {});
test('fails on purpose', async () => { await openPage(browser, '${site.url}'); throw new Error('expected failure'); });
await run();`);
  const failDir = path.join(dir, 'failures');
  // Not spawnSync: this process's event loop must keep serving the page to the child.
  const child = spawn(process.execPath, [path.join(dir, 'fail.mjs')],
    { env: { ...process.env, LOSSCAPE_FAILURE_DIR: failDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const r = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { r.stdout += d; });
  child.stderr.on('data', (d) => { r.stderr += d; });
  r.status = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok - passes \(\d+ ms\)$/m);
  assert.match(r.stdout, /^not ok - fails on purpose: expected failure$/m);
  const png = fs.readFileSync(path.join(failDir, 'web-fails_on_purpose.actual.png'));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
});

await run();
