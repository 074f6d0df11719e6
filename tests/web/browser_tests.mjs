// The browser build, tested in real headless Chromium (SwiftShader WebGL2) on the served site:
// it draws what the desktop draws, opens links and dropped files, answers keys and typed formulas,
// and turns bad links and bad files into one-line messages on the page while the scene stays.
// Needs build-web/site (scripts/web.sh) and the desktop's build/losscape (the reference pictures).
// Usage: node browser_tests.mjs   (scripts/test-web.sh runs it; failures: tests/reference/web-*.actual.png)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT, canvasPixels, decodePng, launch, openPage, run, serve, test } from './harness.mjs';


const site = path.resolve(process.env.LOSSCAPE_SITE ?? path.join(REPO_ROOT, 'build-web', 'site'));
const nativeBinary = path.resolve(process.env.LOSSCAPE_BINARY ?? path.join(REPO_ROOT, 'build', 'losscape'));
for (const needed of [path.join(site, 'losscape.wasm'), nativeBinary]) {
  if (!fs.existsSync(needed)) {
    console.error(`browser tests: ${needed} is missing (build it: scripts/web.sh, scripts/setup.sh)`);
    process.exit(1);
  }
}
const server = await serve(site);
const browser = await launch();

// --- helpers --------------------------------------------------------------------------------------
const assert = (condition, message) => { if (!condition) throw new Error(message); };

// The page at ?query#hash, once it has drawn `frames` frames.
async function openSite({ query = '', hash = '', width = 800, height = 600, frames = 3 } = {}) {
  const page = await openPage(browser, `${server.url}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`,
                              { width, height });
  await page.waitForFunction((n) => window.Module && Module.frames >= n, { timeout: 60_000 }, frames);
  return page;
}
const state = (page) => page.evaluate(() => JSON.parse(Module.ccall('losscape_state', 'string', [], [])));
async function waitForState(page, what, predicate, timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await state(page);
    if (predicate(s)) return s;
    if (Date.now() > end) throw new Error(`${what}: not seen within ${timeout} ms; state: ${JSON.stringify(s).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const afterFrames = (page, n) => page.evaluate((n) => new Promise((done) => {
  const until = Module.frames + n;
  const check = () => (Module.frames >= until ? done() : requestAnimationFrame(check));
  check();
}), n);
// Keys held for a few frames each, as a hand holds them: ImGui 1.86 reads which keys are down once a
// frame, so a chord pressed and released within one frame would go unseen.
async function hold(page, keys) {
  for (const key of keys) {
    await page.keyboard.down(key);
    await afterFrames(page, 2);
  }
  for (const key of [...keys].reverse()) {
    await page.keyboard.up(key);
    await afterFrames(page, 2);
  }
}
// The page's message box emptied, so that the next check sees only the next message.
const clearMessage = (page) => page.$eval('#message', (e) => { e.style.display = 'none'; e.textContent = ''; });
const message = (page) => page.$eval('#message', (e) => (e.style.display === 'block' ? e.textContent : ''));
async function waitForMessage(page, pattern) {
  await page.waitForFunction((source) => {
    const e = document.getElementById('message');
    return e.style.display === 'block' && new RegExp(source).test(e.textContent);
  }, { timeout: 20_000 }, pattern.source).catch(async () => {
    throw new Error(`expected a message matching ${pattern}; the page shows: "${await message(page)}"`);
  });
  return message(page);
}

// A scene file's text as a #s= link carries it (page.js: deflate-raw, base64url).
const pack = (text) => zlib.deflateRawSync(Buffer.from(text)).toString('base64url');

// The desktop's headless picture of the same scene, decoded.
function nativePicture(args, width, height) {
  const file = path.join(os.tmpdir(), `losscape-web-native-${process.pid}-${Date.now()}.png`);
  return new Promise((resolve, reject) => {
    execFile(nativeBinary, ['--headless', ...args, '--size', `${width}x${height}`, '--screenshot', file],
             { cwd: REPO_ROOT }, (error, stdout, stderr) => {
               if (error) return reject(new Error(`${nativeBinary} failed: ${stderr}`));
               const image = decodePng(fs.readFileSync(file));
               fs.rmSync(file, { force: true });
               resolve(image);
             });
  });
}

// The reference pictures' tolerance (tests/reference/README.md): a pixel differs when a channel is
// off by more than 24; a picture passes when at most 0.02% of its pixels differ and its channels by
// at most 0.3 on average. `region`: {x, y, width, height} to compare only there.
function compare(a, b, region = { x: 0, y: 0, width: a.width, height: a.height }) {
  assert(a.width === b.width && a.height === b.height, `sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  let differing = 0, sum = 0;
  for (let y = region.y; y < region.y + region.height; ++y) {
    for (let x = region.x; x < region.x + region.width; ++x) {
      const i = (y * a.width + x) * 4;
      let largest = 0;
      for (let c = 0; c < 3; ++c) {
        const d = Math.abs(a.data[i + c] - b.data[i + c]);
        sum += d;
        largest = Math.max(largest, d);
      }
      if (largest > 24) ++differing;
    }
  }
  const pixels = region.width * region.height;
  return { share: differing / pixels, mean: sum / (3 * pixels) };
}
const withinTolerance = (d) => d.share <= 0.0002 && d.mean <= 0.3;
const describe = (d) => `${(100 * d.share).toFixed(3)}% of pixels differ (tolerance 0.02%), mean ${d.mean.toFixed(3)} (0.3)`;
function saveActual(name, image) {
  const file = path.join(REPO_ROOT, 'tests', 'reference', `web-${name}.actual.png`);
  fs.writeFileSync(file, encodePng(image));
  return path.relative(REPO_ROOT, file);
}
// A plain (unfiltered, RGBA) PNG, for a failing picture.
function encodePng({ width, height, data }) {
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; ++y) Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  const chunk = (type, body) => {
    const out = Buffer.alloc(body.length + 12);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'latin1');
    body.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
                        chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; ++k) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

// --- the tests ------------------------------------------------------------------------------------
// A scene that holds still (the ball starts in a minimum), so the page and the desktop draw the
// same picture whatever the moment.
const still = 'start=3,2&msaa=4';

test('the page starts, draws its first frame, and logs no error', async () => {
  const page = await openSite();
  const s = await state(page);
  assert(s.playing && s.balls === 1, `the default scene: one ball, playing (got ${JSON.stringify(s).slice(0, 200)})`);
  assert(s.scene.function === 'himmelblau', `the default function is Himmelblau, not ${s.scene.function}`);
  const picture = await canvasPixels(page, '#canvas');
  const colours = new Set();
  for (let i = 0; i < picture.data.length; i += 4 * 97) colours.add(picture.data.slice(i, i + 3).join());
  assert(colours.size > 50, `the canvas looks blank (${colours.size} colours)`);
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

// The browser's downloads from `page` go to a new folder; returns a function that waits for the
// first file named *`extension` there and returns its bytes.
async function catchDownloads(page) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'losscape-downloads-'));
  const cdp = await page.createCDPSession();
  await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: folder });
  return async (extension, what) => {
    for (let i = 0; i < 300; ++i) {
      const file = fs.readdirSync(folder).find((f) => f.endsWith(extension));
      if (file) {
        await new Promise((r) => setTimeout(r, 200));  // written in full
        const bytes = fs.readFileSync(path.join(folder, file));
        fs.rmSync(folder, { recursive: true, force: true });
        return bytes;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${extension} file was downloaded after ${what}`);
  };
}

test('a HiDPI screen gets a sharp canvas, and the canvas follows the page when it is resized', async () => {
  const page = await openPage(browser, server.url, { width: 640, height: 400, deviceScaleFactor: 2 });
  await page.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60_000 });
  const size = () => page.$eval('#canvas', (c) => [c.width, c.height]);
  assert(JSON.stringify(await size()) === '[1280,800]', `drawing buffer ${await size()} for a 640x400 page at ratio 2`);
  await page.setViewport({ width: 900, height: 500, deviceScaleFactor: 2 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1800, { timeout: 20_000 })
    .catch(async () => { throw new Error(`after resizing to 900x500: ${await size()}`); });
  await afterFrames(page, 3);
  assert(JSON.stringify(await size()) === '[1800,1000]', `drawing buffer ${await size()} after resizing`);
});

test('F12 downloads the picture the desktop draws of the same scene', async () => {
  const page = await openSite({ query: still });
  const downloaded = await catchDownloads(page);
  await page.keyboard.press('F12');
  const picture = decodePng(await downloaded('.png', 'F12'));
  const native = await nativePicture(['--start', '3,2', '--msaa', '4', '--frames', '0'], 800, 600);
  const d = compare(picture, native);
  if (!withinTolerance(d)) throw new Error(`${describe(d)}; the page's picture: ${saveActual('f12-picture', picture)}`);
});

test('Ctrl+S downloads the scene on screen as a scene file that opens to the same scene', async () => {
  const page = await openSite({ query: 'function=rosenbrock&race=gd,adam&contours' });
  const downloaded = await catchDownloads(page);
  await hold(page, ['Control', 's']);
  const text = (await downloaded('.json', 'Ctrl+S')).toString();
  const saved = JSON.parse(text);
  const shown = await state(page);
  assert(saved.function === 'rosenbrock' && saved.balls.length === 2, `saved: ${text.slice(0, 200)}`);
  const reopened = await openSite({ hash: `s=${pack(text)}` });
  const again = await state(reopened);
  assert(JSON.stringify(again.scene.balls.map((b) => b.optimizer)) === JSON.stringify(shown.scene.balls.map((b) => b.optimizer)),
         'the saved file opened to other balls');
});

test('Ctrl+R records the canvas as a WebM video, downloaded when Ctrl+R stops it', async () => {
  const page = await openSite();
  await page.evaluate(() => { window.stillThisPage = true; });  // gone if the browser reloads the page
  const downloaded = await catchDownloads(page);
  await hold(page, ['Control', 'r']);
  await afterFrames(page, 60);
  await hold(page, ['Control', 'r']);
  const video = await downloaded('.webm', 'recording');
  assert(video.length > 10_000 && video.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
         `not a WebM video (${video.length} bytes)`);
  assert(await page.evaluate(() => window.stillThisPage === true), 'Ctrl+R reloaded the page');
});

test('touch: a tap drops the ball where it lands, a drag orbits, a pinch zooms', async () => {
  const page = await openPage(browser, server.url, { width: 800, height: 600 });
  await page.setViewport({ width: 800, height: 600, hasTouch: true, isMobile: false });
  await page.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60_000 });
  await page.keyboard.press('Tab');  // the panel away: the whole canvas is terrain
  await afterFrames(page, 2);
  const before = await state(page);
  await page.touchscreen.tap(560, 420);
  const dropped = await waitForState(page, 'the ball dropped where tapped',
                                     (s) => JSON.stringify(s.scene.balls[0].start) !== JSON.stringify(before.scene.balls[0].start));
  await page.touchscreen.touchStart(300, 300);
  for (let x = 300; x <= 420; x += 20) {
    await page.touchscreen.touchMove(x, 300);
    await afterFrames(page, 1);
  }
  await page.touchscreen.touchEnd();
  const orbited = await waitForState(page, 'the camera turned', (s) => s.scene.camera.yaw !== dropped.scene.camera.yaw);
  assert(JSON.stringify(orbited.scene.balls[0].start) === JSON.stringify(dropped.scene.balls[0].start),
         'the drag dropped the ball too');
  const cdp = await page.createCDPSession();
  const touches = (spread) => [{ x: 400 - spread, y: 300, id: 1 }, { x: 400 + spread, y: 300, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touches(40) });
  for (let spread = 50; spread <= 200; spread += 15) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: touches(spread) });
    await afterFrames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitForState(page, 'zoomed in', (s) => s.scene.camera.distance < orbited.scene.camera.distance);
});

test('the mouse wheel zooms a notch at a time, in towards the terrain when turned up', async () => {
  const page = await openSite();
  await page.mouse.move(600, 300);
  const before = (await state(page)).scene.camera.distance;
  await page.mouse.wheel({ deltaY: -100 });  // one notch up, as a browser reports it
  const after = (await waitForState(page, 'zoomed', (s) => s.scene.camera.distance !== before)).scene.camera.distance;
  assert(Math.abs(after / before - 0.88) < 0.01, `one notch: distance ${before} -> ${after}, not x0.88 as on the desktop`);
});

test('the canvas draws the terrain and balls as the desktop does', async () => {
  const page = await openSite({ query: `${still}&no-colourbar` });
  await page.keyboard.press('Tab');  // the panel hidden: the scene alone
  await afterFrames(page, 90);  // the view glides to the middle once the panel is gone
  const canvas = await canvasPixels(page, '#canvas');
  const native = await nativePicture(['--start', '3,2', '--msaa', '4', '--frames', '0', '--no-colourbar'], 800, 600);
  // Terrain, three balls and pins and the box's edges, clear of the axes' labels, which the window
  // and pictures draw at different text sizes.
  const d = compare(canvas, native, { x: 300, y: 90, width: 280, height: 240 });
  if (!withinTolerance(d)) throw new Error(`${describe(d)}; the canvas: ${saveActual('canvas', canvas)}`);
});

test('a #s= link opens exactly its scene, and Copy link makes one that does', async () => {
  const scene = {
    function: 'rosenbrock',
    balls: [{ start: [-1.5, 2.0], optimizer: { name: 'adam', lr: 0.02 } }],
    camera: { yaw: 30, pitch: 40 },
    render: { contours: true, colormap: 'magma' },
  };
  const page = await openSite({ hash: `s=${pack(JSON.stringify(scene))}` });
  const s = await state(page);
  assert(s.scene.function === 'rosenbrock', `function ${s.scene.function}`);
  const ball = s.scene.balls[0];
  assert(ball.optimizer.name === 'adam' && ball.optimizer.lr === 0.02, `optimizer ${JSON.stringify(ball.optimizer)}`);
  assert(JSON.stringify(ball.start) === '[-1.5,2]', `start ${JSON.stringify(ball.start)}`);
  assert(s.scene.render.contours === true && s.scene.render.colormap === 'magma', `render ${JSON.stringify(s.scene.render)}`);
  assert(s.scene.camera.yaw === 30 && s.scene.camera.pitch === 40, `camera ${JSON.stringify(s.scene.camera)}`);
  // The page's own link of what is on screen opens the same scene in a new page.
  const link = await page.evaluate(async () => {
    await Module.copyLink(JSON.stringify(JSON.parse(Module.ccall('losscape_state', 'string', [], [])).scene));
    return Module.lastLink;
  });
  assert(/#s=[A-Za-z0-9_-]+$/.test(link), `not a link: ${link}`);
  const second = await openPage(browser, link, { width: 800, height: 600 });
  await second.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60_000 });
  const again = await state(second);
  assert(JSON.stringify(again.scene.balls) === JSON.stringify(s.scene.balls) &&
         again.scene.function === s.scene.function, 'the copied link opened another scene');
});

test('#scene=NAME opens a gallery scene, and a new one while the page is open', async () => {
  const page = await openSite({ hash: 'scene=04-himmelblau' });
  const s = await state(page);
  assert(s.scene.title && s.balls >= 2, `04-himmelblau: ${JSON.stringify(s).slice(0, 200)}`);
  await page.evaluate(() => { location.hash = 'scene=01-bowl'; });
  await waitForState(page, 'the bowl', (t) => t.scene.title !== s.scene.title && t.scene.function !== 'himmelblau');
});

// Opens gallery scene `name` in the page, waits for 30 steps of every ball, and compares each
// ball's point with the desktop's trajectory at the same step, bit for bit.
async function expectDesktopSteps(name) {
  const page = await openSite({ hash: `scene=${name}` });
  const s = await waitForState(page, 'thirty steps of every ball', (t) => t.points.length >= 3 && t.points.every((p) => p.steps >= 30),
                               60_000);
  const csv = path.join(os.tmpdir(), `losscape-web-${name}-${process.pid}.csv`);
  await new Promise((resolve, reject) => execFile(nativeBinary, [path.join(REPO_ROOT, 'scenes', `${name}.json`), '--steps', '3000',
                                                                 '--export-trajectories', csv],
                                                  (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve())));
  const rows = new Map(fs.readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [ball, , step, x, y] = line.split(',');
    return [`${ball}:${step}`, [Number(x), Number(y)]];
  }));
  fs.rmSync(csv);
  s.points.forEach((p, i) => {
    const native = rows.get(`${i}:${p.steps}`);
    assert(native, `${name}, ball ${i}: no desktop step ${p.steps}`);
    assert(native[0] === p.x && native[1] === p.y,
           `${name}, ball ${i} at step ${p.steps}: the page has (${p.x}, ${p.y}), the desktop (${native[0]}, ${native[1]})`);
  });
}

test('a seeded noisy run takes the same steps as the desktop, bit for bit (Langevin dynamics, annealing)', async () => {
  await expectDesktopSteps('19-noise-escapes-a-local-minimum');
});

test('gd, momentum and Adam take the same steps as the desktop, bit for bit (torch\'s fused multiply-adds, ' +
     'emulated in WebAssembly), on Rosenbrock\'s valley, where an ulp grows', async () => {
  await expectDesktopSteps('05-rosenbrock-valley');
});

test('F5 is presenter mode, not the browser reloading the page', async () => {
  const page = await openSite();
  await page.evaluate(() => { window.stillThisPage = true; });
  await hold(page, ['F5']);
  await waitForState(page, 'presenter mode', (s) => s.presenter);
  await hold(page, ['F5']);
  await waitForState(page, 'presenter mode left', (s) => !s.presenter);
  assert(await page.evaluate(() => window.stillThisPage === true), 'F5 reloaded the page');
});

test('the address: flags with a link, links passed on with tracking parameters, a bad flag keeps the scene', async () => {
  const withFlags = await openSite({ query: 'contours&colormap=magma', hash: 'scene=04-himmelblau' });
  const s = await state(withFlags);
  assert(s.scene.render.contours === true && s.scene.render.colormap === 'magma' && s.balls >= 2,
         `flags over a gallery scene: ${JSON.stringify(s.scene.render).slice(0, 200)}`);
  const tracked = await openSite({ query: 'utm_source=mail&fbclid=abc', hash: 'scene=04-himmelblau' });
  assert((await state(tracked)).balls >= 2, 'the tracking parameters lost the scene');
  assert(!(await message(tracked)), `a message for tracking parameters: ${await message(tracked)}`);
  const badFlag = await openSite({ query: 'no-such-flag=1', hash: 'scene=04-himmelblau' });
  await waitForMessage(badFlag, /no-such-flag/);
  assert((await state(badFlag)).balls >= 2, 'a bad flag lost the linked scene');
});

test('a link followed while the page is still loading opens once the program runs', async () => {
  const page = await openPage(browser, server.url, { width: 800, height: 600, waitUntil: 'domcontentloaded' });
  await page.evaluate(() => { location.hash = 'scene=01-bowl'; });
  await page.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60_000 });
  await waitForState(page, 'the bowl', (s) => s.scene.function !== 'himmelblau');
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

// The loss-surface file (h5:PATH) a gallery scene, or a deck's first scene, is drawn from, or null.
function h5FileOf(name) {
  const file = path.join(REPO_ROOT, 'scenes', `${name}.json`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  const scene = json.scenes ? JSON.parse(fs.readFileSync(path.resolve(path.dirname(file), json.scenes[0]), 'utf8')) : json;
  const match = /^h5:([^:]+)/.exec(scene.function || '');
  return match ? match[1] : null;
}

test('every gallery scene and deck opens by its link, with no message (those on .h5 files: one line)', async () => {
  const names = [
    ...fs.readdirSync(path.join(REPO_ROOT, 'scenes')).filter((f) => f.endsWith('.json')),
    ...fs.readdirSync(path.join(REPO_ROOT, 'scenes', 'decks')).map((f) => `decks/${f}`),
  ].map((f) => f.replace(/\.json$/, ''));
  const page = await openSite({ hash: `scene=${names[0]}` });
  for (const name of names.slice(1)) {
    const before = await state(page);
    await page.evaluate((name) => { location.hash = `scene=${name}`; }, name);
    const h5 = h5FileOf(name);
    if (h5) {  // the browser has no HDF5: it says so, naming the file, and the scene on screen stays
      const escaped = h5.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await waitForMessage(page, new RegExp(`${escaped}: the browser cannot open HDF5 files`));
      continue;
    }
    await waitForState(page, name, (s) => JSON.stringify(s.scene) !== JSON.stringify(before.scene), 20_000);
    await afterFrames(page, 2);
    const shown = await message(page);
    assert(!shown, `${name}: "${shown}"`);
  }
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

test('keys: Space pauses and plays, S launches a swarm, B computes the basin map', async () => {
  const page = await openSite();
  await page.keyboard.press('Space');
  await waitForState(page, 'paused', (s) => !s.playing);
  await page.keyboard.press('Space');
  await waitForState(page, 'playing again', (s) => s.playing);
  await page.keyboard.press('s');
  await waitForState(page, 'a swarm', (s) => s.swarm >= 100);
  await page.keyboard.press('b');
  await waitForState(page, 'the basin map', (s) => s.basin_map, 60_000);
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

test('a swarm of 20,000 runs in the CPU\'s lanes (WebGL2 has no compute shaders), said as a note', async () => {
  const page = await openSite({ query: 'swarm=20000&optimizer=adam' });
  const { text, kind } = await page.$eval('#message', (e) => ({ text: e.textContent, kind: e.className }));
  assert(text === 'swarm: 20000 balls on the CPU (vectorised lanes, 1 thread; WebGL2 has no compute shaders)',
         `message: "${text}"`);
  assert(kind === 'note', `shown as "${kind}", not as a note`);
  await waitForState(page, 'the swarm', (s) => s.swarm === 20000);
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

// Beyond 100,000 members a swarm's balls are points a pixel or two wide (swarm_point.glsl), wherever
// it runs: WebGL2 sizes them from the shader as the desktop does. 200,000 members held still where
// they start (the scene paused) light the terrain like sand, in the page as on the desktop. Not
// pixel for pixel: with 4 samples a pixel llvmpipe covers fewer samples of a one-pixel point than
// SwiftShader does (the page's sand is about twice as bright as the desktop's, the desktop's without
// multisampling brighter still), so the test asks for the sand's brightness within a factor of 4.
test('a swarm of 200,000 is drawn as points a pixel or two wide, as on the desktop', async () => {
  const scene = { function: 'himmelblau', balls: [{ start: [3, 2] }], playback: { playing: false } };
  const swarm = { ...scene, swarm: { count: 200000, layout: 'random', seed: 1 } };
  const page = await openSite({ hash: `s=${pack(JSON.stringify(swarm))}` });
  await waitForState(page, 'the swarm', (s) => s.swarm === 200000);
  const downloaded = await catchDownloads(page);
  await page.keyboard.press('F12');
  const picture = decodePng(await downloaded('.png', 'F12'));
  const desktop = async (json) => {
    const file = path.join(os.tmpdir(), `losscape-web-swarm-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(json));
    const image = await nativePicture([file, '--msaa', '4', '--frames', '0'], 800, 600);
    fs.rmSync(file, { force: true });
    return image;
  };
  const [terrain, sand] = [await desktop(scene), await desktop(swarm)];
  // How much brighter than the terrain alone a picture is, on average (levels a channel).
  const added = (image) => {
    let sum = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      for (let c = 0; c < 3; ++c) sum += image.data[i + c] - terrain.data[i + c];
    }
    return sum / (3 * image.width * image.height);
  };
  const [onPage, onDesktop] = [added(picture), added(sand)];
  assert(onDesktop > 1 && onPage > onDesktop / 4 && onPage < 4 * onDesktop,
         `the sand adds ${onPage.toFixed(2)} levels in the page, ${onDesktop.toFixed(2)} on the desktop; ` +
         `the page's picture: ${saveActual('swarm-points', picture)}`);
  assert(page.consoleErrors.length === 0, `console errors: ${page.consoleErrors.join(' | ')}`);
});

test('a formula typed into the panel becomes the terrain', async () => {
  const page = await openSite();
  await page.mouse.click(120, 98);  // the f(x, y) box of the Function section
  await afterFrames(page, 2);
  await hold(page, ['Control', 'a']);
  await page.keyboard.type('x^2 + 3*y^2', { delay: 20 });
  await afterFrames(page, 2);
  await hold(page, ['Enter']);
  await waitForState(page, 'the typed formula', (s) => JSON.stringify(s.scene.function).includes('3*y^2'));
});

test('dropping a scene file on the page opens it; a bad one says why and the scene stays', async () => {
  const page = await openSite();
  const drop = (name, text) => page.evaluate((name, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, { type: 'application/json' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.getElementById('canvas').dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, name, text);
  await drop('dropped.json', JSON.stringify({ function: 'rastrigin', balls: [{ start: [1, 1] }] }));
  await waitForState(page, 'the dropped scene', (s) => s.scene.function === 'rastrigin');
  await drop('broken.json', '{"function": "rastrigin", "balls": [');
  const text = await waitForMessage(page, /broken\.json/);
  assert(!/\n/.test(text), `one line: ${text}`);
  await afterFrames(page, 3);
  assert((await state(page)).scene.function === 'rastrigin', 'the bad file changed the scene');
});

test('bad links say what is wrong on the page, and the scene on screen stays', async () => {
  const page = await openSite({ query: 'function=rosenbrock' });
  const follow = async (hash, expected) => {
    await clearMessage(page);
    await page.evaluate((hash) => { location.hash = hash; }, hash);
    await waitForMessage(page, expected);
  };
  await follow('s=not*a*scene', /^link: the scene in this link cannot be read \(it has characters a link never has\)/);
  await follow('s=AAAA', /^link: the scene in this link cannot be read/);
  await follow('scene=no-such-scene', /no-such-scene/);
  await follow(`s=${pack('{"function": "no_such_function"}')}`, /no_such_function/);
  await afterFrames(page, 3);
  assert((await state(page)).scene.function === 'rosenbrock', 'a bad link changed the scene');
  // Opened with a bad link: the message, and the default scene instead.
  const fresh = await openSite({ hash: 'scene=../../etc/passwd' });
  await waitForMessage(fresh, /not a gallery scene/);
  assert((await state(fresh)).scene.function === 'himmelblau', 'a bad first link left no scene');
});

test('a browser without WebGL2 gets a message in place of the picture, not a blank page', async () => {
  const noWebGl = await launch({ args: ['--disable-webgl'] });
  const page = await openPage(noWebGl, server.url, { width: 800, height: 600 });
  await page.waitForFunction(() => /no WebGL2 to draw with/.test(document.getElementById('loading').textContent), { timeout: 60_000 })
    .catch(async () => {
      throw new Error(`the page shows "${await page.$eval('#loading', (e) => e.textContent)}"`);
    });
  await noWebGl.close();
});

await run();
