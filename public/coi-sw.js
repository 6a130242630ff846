/**
 * The page's service worker, for hosts that cannot set headers and for working offline.
 *
 * Cross-origin isolation: SharedArrayBuffer needs COOP/COEP (DESIGN.md). Every same-origin
 * response is served again with Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy and
 * Cross-Origin-Resource-Policy set, so a page loaded through this worker is isolated on any
 * static host; index.html reloads once when the worker first takes control. (The idea of the
 * coi-serviceworker package, written small here so it can cache as well.)
 *
 * Offline: the app shell (the page itself) is fetched from the network first and kept; the
 * hashed build assets never change, so they are served from the cache first, and the ones the
 * build lists in precache.json are fetched at install. The toolchain's own files (llvm*.wasm,
 * the resources tar, ~100 MB) are left to the toolchain's Cache Storage (runtime/toolchain/
 * fetch-cache.ts) so they are not stored twice.
 */
const CACHE = 'faaslet-shell-v1';
const isToolchainAsset = (url) => /\/llvm[^/]*\.(wasm|tar)$/.test(url.pathname);
const isHashedAsset = (url) => url.pathname.includes('/assets/');

function isolated(response) {
  // Opaque and redirected responses cannot be rewritten; they are passed on as they are.
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function keep(request, response) {
  if (!response.ok) return;
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
}

async function precache() {
  const listed = await fetch(new URL('precache.json', self.registration.scope), { cache: 'no-store' }).catch(() => null);
  if (!listed?.ok) return;
  const files = await listed.json();
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const file of files) {
    const url = new URL(file, self.registration.scope).href;
    if (!(await cache.match(url))) missing.push(url);
  }
  // Best effort: a file that fails now is cached when the page first asks for it.
  await Promise.all(missing.map((url) => fetch(url).then((r) => keep(url, r)).catch(() => undefined)));
}

/** The page and other unhashed files: fresh when online, the kept copy when not. */
async function fromNetworkFirst(event, cacheKey) {
  try {
    const response = await fetch(event.request);
    // The cache write outlives the response; waitUntil keeps the worker up for it.
    event.waitUntil(keep(cacheKey, response.clone()).catch(() => undefined));
    return response;
  } catch (error) {
    const cached = await caches.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

/** Hashed build assets: a name never changes its bytes. */
async function fromCacheFirst(event) {
  const cached = await caches.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  event.waitUntil(keep(event.request, response.clone()).catch(() => undefined));
  return response;
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('faaslet-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Cross-origin requests (a Faasm planner, say) go to the network untouched, and so do the
  // toolchain's files: same-origin fetches need no CORP, and ~100 MB streamed through this
  // worker would slow the first load.
  if (request.method !== 'GET' || url.origin !== self.location.origin || isToolchainAsset(url)) return;
  // The app shell is kept under one key whatever query or index.html it was opened with.
  const shell = new URL('./', self.registration.scope);
  const isShell = request.mode === 'navigate' && (url.pathname === shell.pathname || url.pathname === `${shell.pathname}index.html`);
  let response;
  if (isShell) response = fromNetworkFirst(event, shell.href);
  else if (isHashedAsset(url)) response = fromCacheFirst(event);
  else response = fromNetworkFirst(event, request);
  event.respondWith(response.then(isolated));
});
