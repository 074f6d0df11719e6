// The page around losscape's WebAssembly program (web_main.cpp): what only a page can do.
//  - Links: index.html#scene=NAME opens a gallery scene; #s=DATA carries a whole scene file,
//    deflated and base64url-encoded ("Copy link" in the panel makes one). The program gets the
//    scene as a file argument, exactly as the desktop's command line takes it, and the address's
//    query as the rest of that command line (?function=rosenbrock&contours).
//  - Downloads: every file the program writes (F12's pictures, saved scenes, trajectories)
//    becomes a download; recording uses the browser's own MediaRecorder (WebM).
//  - Touch: one finger orbits, a tap drops the balls, two fingers pinch-zoom and pan.
//  - Messages: the program's one-line errors ("losscape: ...") are shown on the page.
'use strict';

const canvas = document.getElementById('canvas');
const messageBox = document.getElementById('message');
const loading = document.getElementById('loading');

// --- messages -------------------------------------------------------------------------------
let messageTimer = null;
function showMessage(text, kind) {
  messageBox.textContent = text;
  messageBox.className = kind === 'note' ? 'note' : '';
  messageBox.style.display = 'block';
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { messageBox.style.display = 'none'; }, kind === 'note' ? 4000 : 10000);
}
function hideMessage() {
  clearTimeout(messageTimer);
  messageBox.style.display = 'none';
}

// --- links: #scene=NAME and #s=DATA ---------------------------------------------------------
const kLinkFolder = '/links';
let linkCount = 0;

function base64urlEncode(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlDecode(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it has characters a link never has');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

// Links are deflated by the browser itself (CompressionStream 'deflate-raw': Chrome 103, Firefox 113,
// Safari 16.4 and later).
const kNeedsNewerBrowser = 'this browser cannot read or make scene links: they need Chrome 103, Firefox 113, ' +
                           'Safari 16.4 or later';
function canDeflate() {
  try {
    new CompressionStream('deflate-raw');
    return true;
  } catch (e) {
    return false;
  }
}

async function packScene(text) {
  if (!canDeflate()) throw new Error(kNeedsNewerBrowser);
  return base64urlEncode(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

async function unpackScene(data) {
  if (!canDeflate()) throw new Error(kNeedsNewerBrowser);
  const bytes = await pipe(base64urlDecode(data), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// What the link asks for: {file, text} (text to write to file first), null for the default
// scene, or {error} for a link that cannot be read.
async function sceneFromLink(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.has('scene')) {
    const name = params.get('scene');
    if (!/^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)?[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) {
      return { error: `link: "${name}" is not a gallery scene's name` };
    }
    return { file: `/scenes/${name.replace(/\.json$/, '')}.json` };
  }
  if (params.has('s')) {
    try {
      return { file: `${kLinkFolder}/link-${++linkCount}.json`, text: await unpackScene(params.get('s')) };
    } catch (e) {
      if (e.message === kNeedsNewerBrowser) return { error: `link: ${kNeedsNewerBrowser}` };
      return { error: `link: the scene in this link cannot be read (${e.message || e}); was it cut short?` };
    }
  }
  return null;
}

function writeLinkFile(scene) {
  if (!scene.text) return;
  Module.FS.mkdirTree(kLinkFolder);
  Module.FS.writeFile(scene.file, scene.text);
}

// A link followed while the page is open: the scene opens once the program runs, or its message
// shows and the scene on screen stays. Links followed in quick succession: the last one wins.
let resolveReady;
const programReady = new Promise((resolve) => { resolveReady = resolve; });
let linksFollowed = 0;
window.addEventListener('hashchange', async () => {
  const followed = ++linksFollowed;
  const scene = await sceneFromLink(location.hash);
  await programReady;
  if (!scene || followed !== linksFollowed) return;
  // A new link is a new request: the last one's message (a scene that could not open) goes;
  // this one's, if any, comes from the program or the line below.
  hideMessage();
  if (scene.error) return showMessage(scene.error);
  writeLinkFile(scene);
  Module.ccall('losscape_open', null, ['string'], [scene.file]);
});

// --- downloads --------------------------------------------------------------------------------
let recorder = null;  // the MediaRecorder while recording
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  Module.lastDownload = { name, size: blob.size };
  showMessage(`downloaded ${name}`, 'note');
}

// --- the program ----------------------------------------------------------------------------
var Module = {
  canvas,
  arguments: [],
  frames: 0,
  firstFrameMs: null,
  print: (text) => console.log(text),
  // The program's errors are one line each, "losscape: what and where": shown on the page. Its
  // one line on where a big swarm runs ("swarm: ...") is news, not an error: shown as a note.
  printErr: (text) => {
    console.warn(text);
    if (!text.startsWith('losscape: ')) return;
    const line = text.slice('losscape: '.length);
    showMessage(line, line.startsWith('swarm: ') ? 'note' : undefined);
    // Before the first frame, a message may be why there is none (no WebGL2): it stays in place of
    // "Loading".
    if (!Module.frames) loading.textContent = line;
  },
  setStatus: (text) => { if (text) loading.textContent = text.replace(/\(.*\)/, ''); },
  resizeCanvas: (width, height) => Module.setCanvasSize(width, height),
  // After each frame, with the milliseconds the program's frame took (input, simulation, UI and
  // the GL calls; the browser draws them in its GPU process after).
  frameDrawn: (frameMs, simulationMs, sceneMs, uiMs) => {
    if (++Module.frames === 1) {
      Module.firstFrameMs = performance.now();
      loading.style.display = 'none';
      canvas.focus();
      resolveReady();
    }
    if (bench) bench.frame(frameMs, simulationMs, sceneMs, uiMs);
  },
  // The page's callbacks run inside the program's frame: an exception there would stop the frame
  // loop, so each says what went wrong instead.
  download: (path) => {
    const name = path.split('/').pop();
    try {
      const bytes = Module.FS.readFile(path);
      const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.json') ? 'application/json'
                                                                                : 'application/octet-stream';
      saveBlob(new Blob([bytes], { type }), name);
    } catch (e) {
      showMessage(`cannot download ${name}: ${e.message || e}`);
    }
    try {
      Module.FS.unlink(path);
    } catch (e) {
      Module.FS.rmdir(path);  // a folder (PNG frames): nothing a page can download
    }
  },
  // Ctrl+R: the canvas as a WebM video made by the browser's own MediaRecorder, downloaded when
  // stopped. Returns 1 while recording.
  toggleRecording: () => {
    try {
      if (recorder) {
        recorder.stop();
        return 0;
      }
      // WebM where the browser makes it (Chrome, Firefox, Edge), else MP4 (Safari).
      const formats = [['video/webm;codecs=vp9', 'webm'], ['video/webm;codecs=vp8', 'webm'], ['video/webm', 'webm'],
                       ['video/mp4', 'mp4']];
      const format = typeof MediaRecorder === 'undefined' || !canvas.captureStream ? null
                                                                                  : formats.find(([t]) => MediaRecorder.isTypeSupported(t));
      if (!format) {
        showMessage('this browser cannot record the page (it has no MediaRecorder for WebM or MP4)');
        return 0;
      }
      const [type, extension] = format;
      const chunks = [];
      const name = `losscape-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.${extension}`;
      recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: type, videoBitsPerSecond: 8_000_000 });
      recorder.ondataavailable = (event) => { if (event.data.size) chunks.push(event.data); };
      recorder.onstop = () => {
        saveBlob(new Blob(chunks, { type: type.split(';')[0] }), name);
        recorder = null;
      };
      recorder.start(1000);  // a chunk a second, so a long recording never waits in one piece
      return 1;
    } catch (e) {
      recorder = null;
      showMessage(`cannot record the page: ${e.message || e}`);
      return 0;
    }
  },
  toggleFullscreen,
  isFullscreen: () => (document.fullscreenElement ? 1 : 0),
  // The program stopped for good (a bug): say so rather than leave the page as it is.
  onAbort: (what) => {
    const text = `losscape stopped: ${what}; please reload the page, and report it if it happens again`;
    loading.textContent = text;
    loading.style.display = 'flex';
    showMessage(text);
  },
  copyLink: async (sceneText) => {
    let link;
    try {
      link = `${location.origin}${location.pathname}#s=${await packScene(sceneText)}`;
    } catch (e) {
      return showMessage(e.message || String(e));
    }
    history.replaceState(null, '', link);  // the address bar shows it too, without reopening it
    Module.lastLink = link;
    try {
      await navigator.clipboard.writeText(link);
      showMessage('link copied: it opens exactly this scene', 'note');
    } catch (e) {
      showMessage('the link is in the address bar: this browser did not let the page write to the clipboard', 'note');
    }
  },
};

// --- keys only a page can act on --------------------------------------------------------------
// Registered before the program's own listeners. F11 is the page's fullscreen (the canvas fills
// the screen), never seen by the program. The program's keys that are also the browser's (Ctrl+R
// reloads, Ctrl+S saves the page, F12 opens the developer tools) go to the program alone.
function toggleFullscreen() {
  const request = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
  if (request) request.catch(() => showMessage('this browser did not let the page fill the screen'));
}
window.addEventListener('keydown', (event) => {
  if (event.key === 'F11') {
    event.preventDefault();
    event.stopImmediatePropagation();
    toggleFullscreen();
  } else if (event.key === 'F5' || event.key === 'F12' ||
             ((event.ctrlKey || event.metaKey) && /^[rs=+-]$/i.test(event.key))) {
    event.preventDefault();  // F5 (presenter mode), F12, Ctrl+R, Ctrl+S, Ctrl+= and Ctrl+- are the program's
  }
}, true);
// Firefox opens its quick find on / and ' typed outside a text field: in a formula they are text.
window.addEventListener('keypress', (event) => {
  if (event.key === '/' || event.key === "'") event.preventDefault();
}, true);

// --- files dropped on the page ----------------------------------------------------------------
// The program opens files dropped on the canvas itself (GLFW's drop callback); this only shows
// where to drop.
window.addEventListener('dragover', (event) => { event.preventDefault(); document.body.classList.add('dropping'); });
window.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
window.addEventListener('drop', (event) => {
  document.body.classList.remove('dropping');
  if (event.target !== canvas) event.preventDefault();
});

// --- the mouse wheel ------------------------------------------------------------------------------
// Emscripten 3.1.6's GLFW hands the program the browser's raw wheel delta: pixels (about 100 a
// notch), positive downwards, where GLFW means notches, positive upwards (a trackpad: fractions).
// Each wheel event over the canvas is handed on in GLFW's units.
function wheel(notchesUp, x, y) {
  if (!notchesUp) return;
  const event = new WheelEvent('wheel', { deltaY: notchesUp, clientX: x, clientY: y, bubbles: true, cancelable: true });
  event.losscapeNotches = true;
  canvas.dispatchEvent(event);
}
window.addEventListener('wheel', (event) => {
  if (event.losscapeNotches || event.target !== canvas) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  const perNotch = event.deltaMode === 1 ? 3 : event.deltaMode === 2 ? 1 : 100;
  wheel(-event.deltaY / perNotch, event.clientX, event.clientY);
}, { capture: true, passive: false });

// --- touch: gestures turned into the mouse actions the program knows ----------------------------
// One finger: a drag orbits (left drag), a tap drops the balls (a click). Two fingers: the distance
// between them zooms (the wheel), their middle pans (a right drag).
const touch = { start: null, pressed: false, pinch: null, done: false };
function mouse(type, x, y, button) {
  canvas.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button, buttons: button === 2 ? 2 : 1,
                                              bubbles: true, cancelable: true, view: window }));
}
function middle(touches) {
  return { x: (touches[0].clientX + touches[1].clientX) / 2, y: (touches[0].clientY + touches[1].clientY) / 2,
           d: Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY) };
}
function onTouch(event) {
  event.preventDefault();
  event.stopImmediatePropagation();  // not Emscripten's own touch handling: these gestures instead
  const t = event.touches;
  if (touch.done) {  // a pinch ended with a finger left on the glass: nothing more until all are off
    if (t.length === 0) Object.assign(touch, { start: null, pressed: false, pinch: null, done: false });
    return;
  }
  if (t.length === 1 && touch.pinch) {  // two fingers, then one: the pinch ends here
    mouse('mouseup', touch.pinch.x, touch.pinch.y, 2);
    touch.pinch = null;
    touch.done = true;
    return;
  }
  if (t.length === 1) {
    const x = t[0].clientX, y = t[0].clientY;
    if (event.type === 'touchstart') {
      touch.start = { x, y };
    } else if (touch.start && !touch.pressed && Math.hypot(x - touch.start.x, y - touch.start.y) > 6) {
      mouse('mousemove', touch.start.x, touch.start.y, 0);
      mouse('mousedown', touch.start.x, touch.start.y, 0);
      touch.pressed = true;
    }
    if (touch.pressed) mouse('mousemove', x, y, 0);
  } else if (t.length === 2) {
    if (touch.pressed) mouse('mouseup', touch.start.x, touch.start.y, 0), touch.pressed = false;
    const m = middle(t);
    if (!touch.pinch) {
      mouse('mousemove', m.x, m.y, 2);
      mouse('mousedown', m.x, m.y, 2);
    } else {
      mouse('mousemove', m.x, m.y, 2);
      wheel(Math.log(m.d / touch.pinch.d) * 8, m.x, m.y);  // fingers twice as far apart: about 5 notches in
    }
    touch.pinch = m;
  } else if (t.length === 0) {
    if (touch.pinch) {
      mouse('mouseup', touch.pinch.x, touch.pinch.y, 2);
    } else if (touch.pressed) {
      mouse('mouseup', touch.start.x, touch.start.y, 0);
    } else if (touch.start && event.type === 'touchend') {  // a tap: a click where it was (not a cancel)
      const { x, y } = touch.start;
      mouse('mousemove', x, y, 0);
      mouse('mousedown', x, y, 0);
      setTimeout(() => mouse('mouseup', x, y, 0), 50);  // seen as pressed for a frame or more
    }
    touch.start = null;
    touch.pressed = false;
    touch.pinch = null;
  }
}
for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
  window.addEventListener(type, onTouch, { capture: true, passive: false });
}

// The page's address carries the desktop's command line: ?function=rosenbrock&race=gd,adam&contours
// is `losscape --function rosenbrock --race gd,adam --contours` (README "Command line").
// `bench` is the page's own (the benchmark, below), not the program's.
function flagsFromQuery(search) {
  const args = [];
  for (const [key, value] of new URLSearchParams(search)) {
    // Not the program's: the benchmark's, and what mailers and social sites add to links they pass on.
    if (key === 'bench' || /^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref)$/.test(key)) continue;
    args.push(`--${key}`);
    if (value !== '') args.push(value);
  }
  return args;
}

// --- ?bench=N: the benchmark page ------------------------------------------------------------------
// N frames (default 300) after the first, timed two ways: the program's own work each frame, and
// the time from one frame to the next, which includes the browser drawing it (and is at least the
// screen's refresh interval). The figures go to the page, the console and Module.benchResult
// (tests/web/bench.mjs prints them beside the desktop's --bench).
const bench = new URLSearchParams(location.search).has('bench') ? (() => {
  const wanted = Number(new URLSearchParams(location.search).get('bench')) || 300;
  const work = [], intervals = [], stages = [];
  let last = null;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)];
  return {
    frame(frameMs, simulationMs, sceneMs, uiMs) {
      const now = performance.now();
      if (Module.frames > 1 && work.length < wanted) {
        work.push(frameMs);
        stages.push([simulationMs, sceneMs, uiMs]);
        intervals.push(now - last);
        if (work.length === wanted) {
          Module.benchResult = {
            frames: wanted, width: canvas.width, height: canvas.height, first_frame_ms: Module.firstFrameMs,
            median_interval_ms: median(intervals), p95_interval_ms: p95(intervals), median_work_ms: median(work),
            median_simulation_ms: median(stages.map((s) => s[0])), median_scene_ms: median(stages.map((s) => s[1])),
            median_ui_ms: median(stages.map((s) => s[2])),
          };
          const r = Module.benchResult;
          const line = `bench: ${r.width}x${r.height} ${r.frames} frames: frame to frame median ${r.median_interval_ms.toFixed(2)} ms ` +
                       `(95th percentile ${r.p95_interval_ms.toFixed(2)}), the program's work ${r.median_work_ms.toFixed(2)} ms ` +
                       `(simulation ${r.median_simulation_ms.toFixed(2)}, scene ${r.median_scene_ms.toFixed(2)}, UI ${r.median_ui_ms.toFixed(2)}); ` +
                       `first frame ${r.first_frame_ms.toFixed(0)} ms after the page opened`;
          console.log(line);
          showMessage(line, 'note');
        }
      }
      last = now;
    },
  };
})() : null;

// --- start: the link's scene first, then the program ---------------------------------------------
(async () => {
  // The link's scene file first (web_main.cpp falls back to it alone when a flag is wrong), then the flags.
  const scene = await sceneFromLink(location.hash);
  if (scene && scene.error) {
    showMessage(scene.error);
  } else if (scene) {
    Module.arguments.push(scene.file);
    if (scene.text) Module.preRun = [() => writeLinkFile(scene)];
  }
  Module.arguments.push(...flagsFromQuery(location.search));
  const script = document.createElement('script');
  script.src = 'losscape.js';
  script.async = true;
  document.body.appendChild(script);
})();
