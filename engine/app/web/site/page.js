// The page around losscape's WebAssembly program (web_main.cpp): what only a page can do.
//  - Links: index.html#scene=NAME opens a gallery scene; #s=DATA carries a whole scene file,
//    deflated and base64url-encoded ("Copy link" in the panel makes one). The program gets the
//    scene as a file argument, exactly as the desktop's command line takes it.
//  - Downloads: every file the program writes (F12's pictures, saved scenes, trajectories)
//    becomes a download; recording uses the browser's own MediaRecorder (WebM).
//  - Touch: one finger orbits, a tap drops the balls, two fingers pinch-zoom and pan.
//  - Messages: the program's one-line errors ("losscape: ...") are shown on the page.
'use strict';

const canvas = document.getElementById('canvas');
const messageBox = document.getElementById('message');
const loading = document.getElementById('loading');
const gallery = document.getElementById('gallery');

// --- messages -------------------------------------------------------------------------------
let messageTimer = null;
function showMessage(text, kind) {
  messageBox.textContent = text;
  messageBox.className = kind === 'note' ? 'note' : '';
  messageBox.style.display = 'block';
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { messageBox.style.display = 'none'; }, kind === 'note' ? 4000 : 10000);
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

async function packScene(text) {
  return base64urlEncode(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

async function unpackScene(data) {
  const bytes = await pipe(base64urlDecode(data), new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// What the link asks for: {file, text} (text to write to file first), null for the default
// scene, or {error} for a link that cannot be read.
async function sceneFromLink(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.has('scene')) {
    const name = params.get('scene');
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) {
      return { error: `link: "${name}" is not a gallery scene's name` };
    }
    return { file: `/scenes/${name.replace(/\.json$/, '')}.json` };
  }
  if (params.has('s')) {
    try {
      return { file: `${kLinkFolder}/link-${++linkCount}.json`, text: await unpackScene(params.get('s')) };
    } catch (e) {
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

// A link followed while the page is open: the scene opens, or its message shows and the scene on
// screen stays.
window.addEventListener('hashchange', async () => {
  const scene = await sceneFromLink(location.hash);
  if (!scene) return;
  if (scene.error) return showMessage(scene.error);
  writeLinkFile(scene);
  Module.ccall('losscape_open', null, ['string'], [scene.file]);
});

// --- the program ----------------------------------------------------------------------------
var Module = {
  canvas,
  arguments: [],
  frames: 0,
  firstFrameMs: null,
  print: (text) => console.log(text),
  // The program's errors are one line each, "losscape: what and where": shown on the page.
  printErr: (text) => {
    console.warn(text);
    if (text.startsWith('losscape: ')) showMessage(text.slice('losscape: '.length));
  },
  setStatus: (text) => { if (text) loading.textContent = text.replace(/\(.*\)/, ''); },
  resizeCanvas: (width, height) => Module.setCanvasSize(width, height),
  frameDrawn: () => {
    if (++Module.frames === 1) {
      Module.firstFrameMs = performance.now();
      loading.style.display = 'none';
      fillGallery();
      canvas.focus();
    }
  },
  download: (path) => {
    const name = path.split('/').pop();
    const bytes = Module.FS.readFile(path);
    Module.FS.unlink(path);
    const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.json') ? 'application/json'
                                                                              : 'application/octet-stream';
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    Module.lastDownload = { name, size: bytes.length };
    showMessage(`downloaded ${name}`, 'note');
  },
  copyLink: async (sceneText) => {
    const link = `${location.origin}${location.pathname}#s=${await packScene(sceneText)}`;
    history.replaceState(null, '', link);  // the address bar shows it too, without reopening it
    Module.lastLink = link;
    try {
      await navigator.clipboard.writeText(link);
      showMessage('link copied: it opens exactly this scene', 'note');
    } catch (e) {
      showMessage('the link is in the address bar (this page may not write to the clipboard)', 'note');
    }
  },
};

function fillGallery() {
  if (gallery.options.length > 1) return;
  for (const file of Module.FS.readdir('/scenes').filter((f) => f.endsWith('.json')).sort()) {
    const option = document.createElement('option');
    option.value = option.textContent = file.replace(/\.json$/, '');
    gallery.appendChild(option);
  }
}
gallery.addEventListener('change', () => {
  if (gallery.value) location.hash = `scene=${gallery.value}`;
  gallery.value = '';
  canvas.focus();
});

// --- keys only a page can act on --------------------------------------------------------------
// Registered before the program's own listeners, so these keys never reach it.
window.addEventListener('keydown', (event) => {
  if (event.key === 'F11') {  // the page's fullscreen: the canvas fills the screen
    event.preventDefault();
    event.stopImmediatePropagation();
    document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
  }
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

// --- touch: gestures turned into the mouse actions the program knows ----------------------------
// One finger: a drag orbits (left drag), a tap drops the balls (a click). Two fingers: the distance
// between them zooms (the wheel), their middle pans (a right drag).
const touch = { start: null, pressed: false, pinch: null };
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
  if (t.length === 1 && !touch.pinch) {
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
      const zoom = Math.log(m.d / touch.pinch.d) * 8;
      if (Math.abs(zoom) > 0.05) canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -zoom * 100, clientX: m.x,
                                                                                clientY: m.y, bubbles: true }));
    }
    touch.pinch = m;
  } else if (t.length === 0) {
    if (touch.pinch) {
      mouse('mouseup', touch.pinch.x, touch.pinch.y, 2);
    } else if (touch.pressed) {
      mouse('mouseup', touch.start.x, touch.start.y, 0);
    } else if (touch.start) {  // a tap: a click where it was
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

// --- start: the link's scene first, then the program ---------------------------------------------
(async () => {
  const scene = await sceneFromLink(location.hash);
  if (scene && scene.error) {
    showMessage(scene.error);
  } else if (scene) {
    Module.arguments.push(scene.file);
    if (scene.text) Module.preRun = [() => writeLinkFile(scene)];
  }
  const script = document.createElement('script');
  script.src = 'losscape.js';
  script.async = true;
  document.body.appendChild(script);
})();
