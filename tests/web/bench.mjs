// The browser build's figures beside the desktop's, measured in one run on one machine (figures,
// not a test): the standard scene's median frame time in headless Chromium (SwiftShader) and in the
// desktop's --bench (here Mesa llvmpipe), the first frame after opening the page, the site's
// download size gzip-compressed, and every method's CPU lanes (bench_swarm --methods: build-web's
// run by node, build/tests' natively).
// Usage: node bench.mjs [--size 1920x1080] [--frames 300]   (scripts/test-web.sh --bench builds first)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { REPO_ROOT, launch, openPage, serve } from './harness.mjs';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const [width, height] = option('--size', '1920x1080').split('x').map(Number);
const frames = Number(option('--frames', '300'));
const site = path.join(REPO_ROOT, 'build-web', 'site');
const binary = path.join(REPO_ROOT, 'build', 'losscape');
const scene = 'bench/standard';

// Download size: what a browser fetches, gzip-compressed as static hosts serve it.
let raw = 0, gzipped = 0;
for (const file of fs.readdirSync(site)) {
  const bytes = fs.readFileSync(path.join(site, file));
  raw += bytes.length;
  gzipped += zlib.gzipSync(bytes, { level: 9 }).length;
}
console.log(`site: ${(raw / 1e6).toFixed(2)} MB, ${(gzipped / 1e6).toFixed(2)} MB gzip-compressed (goal: at most 4 MB)`);

// A program's standard output, run from the repository's root.
const run = (command, args) => new Promise((resolve, reject) => {
  execFile(command, args, { cwd: REPO_ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
    error ? reject(new Error(stderr || String(error))) : resolve(stdout));
});

// The desktop first, alone on the machine.
const nativeText = await run(binary, [`scenes/${scene}.json`, '--bench', '--size', `${width}x${height}`,
                                      '--frames', String(frames)]);
const benchLine = nativeText.split('\n').find((l) => l.startsWith('bench:')) ?? '';
const native = { text: nativeText, figures: Object.fromEntries(benchLine.slice(7).split(' ').map((kv) => kv.split('='))) };
const renderer = native.text.split('\n')[0];
console.log(`desktop (${renderer.split(',')[0]}): median frame ${native.figures.median_ms} ms, ` +
            `launch to first frame ${native.figures.first_frame_ms} ms`);

// Then the page, in headless Chromium.
const server = await serve(site);
const browser = await launch();
const page = await openPage(browser, `${server.url}?bench=${frames}#scene=${scene}`, { width, height });
await page.waitForFunction(() => window.Module && Module.benchResult, { timeout: 600_000, polling: 500 });
const web = await page.evaluate(() => Module.benchResult);
const gl = await page.evaluate(() => {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
});
console.log(`browser (${gl}): median frame ${web.median_interval_ms.toFixed(2)} ms frame to frame ` +
            `(95th percentile ${web.p95_interval_ms.toFixed(2)}; the program's own work ${web.median_work_ms.toFixed(2)} ms: ` +
            `simulation ${web.median_simulation_ms.toFixed(2)}, scene ${web.median_scene_ms.toFixed(2)}, UI ${web.median_ui_ms.toFixed(2)}), ` +
            `first frame ${web.first_frame_ms.toFixed(0)} ms after the page opened (goal: 2000)`);
const ratio = web.median_interval_ms / Number(native.figures.median_ms);
console.log(`browser / desktop: ${ratio.toFixed(2)}x the desktop's median frame time (goal: within 2x), ` +
            `${web.width}x${web.height}, ${web.frames} frames, scene ${scene}`);

// A basin map made in the page, which has no threads: a slice a frame, so no frame waits for all
// of it. The longest frame while it is made, against the longest just before.
const mapPage = await openPage(browser, `${server.url}?grid=512`, { width: 1280, height: 720 });
await mapPage.waitForFunction(() => window.Module && Module.frames >= 3, { timeout: 60_000 });
await mapPage.evaluate(() => {
  window.longestFrame = 0;
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    window.longestFrame = Math.max(window.longestFrame, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
await new Promise((r) => setTimeout(r, 1000));
const before = await mapPage.evaluate(() => { const l = window.longestFrame; window.longestFrame = 0; return l; });
const pressed = Date.now();
await mapPage.keyboard.press('b');
await mapPage.waitForFunction(() => JSON.parse(Module.ccall('losscape_state', 'string', [], [])).basin_map,
                              { timeout: 120_000, polling: 100 });
const made = Date.now() - pressed;
const during = await mapPage.evaluate(() => window.longestFrame);
console.log(`basin map 512x512 (Himmelblau, gd, 100 steps) in the page: ready ${made} ms after B, ` +
            `longest frame meanwhile ${during.toFixed(0)} ms (${before.toFixed(0)} ms in the second before)`);
await browser.close();
await server.close();

// The CPU's lockstep lanes, every method, 100,000 members: the browser build's (bench_swarm
// compiled to WebAssembly, run by node, whose V8 is Chromium's) beside the desktop's, one core
// each side (the page has no threads; the desktop's "at once" run spreads over the cores, so its
// figure here is per core: its time a step times its threads).
const methodFigures = (text) => Object.fromEntries(
  (text.split('\n').find((l) => l.startsWith('bench_swarm: members=')) ?? '').split(' ')
    .filter((kv) => kv.includes('_ms='))
    .map((kv) => [kv.slice(0, kv.indexOf('_ms=')), Number(kv.slice(kv.indexOf('=') + 1))]));
const members = '100000';
const wasm = methodFigures(await run(process.execPath, [path.join(REPO_ROOT, 'build-web', 'bench_swarm.js'),
                                                          '--methods', members]));
const desktopText = await run(path.join(REPO_ROOT, 'build', 'tests', 'bench_swarm'), ['--methods', members]);
const desktop = methodFigures(desktopText);
const threads = Number((desktopText.match(/ threads=(\d+)/) ?? [0, 1])[1]);
console.log(`lanes, ${members} members on Himmelblau, ms a step (browser build in node / desktop per core, ` +
            `the desktop's ${threads} thread(s) x its time):`);
for (const [name, ms] of Object.entries(wasm)) {
  const native = (desktop[name] ?? NaN) * threads;
  console.log(`  ${name.padEnd(18)} ${ms.toFixed(2).padStart(7)} / ${native.toFixed(2).padStart(6)}  ` +
              `(${(ms / native).toFixed(1)}x)`);
}
