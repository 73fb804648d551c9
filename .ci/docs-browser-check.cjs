// Browser check of the built documentation site (run by .ci/docs):
//
//   node .ci/docs-browser-check.cjs [site-dir] [screenshot-dir]     (defaults: artifacts/docs/site, artifacts/docs/screenshots)
//
// Serves the site on 127.0.0.1 (a static server in this process), loads every HTML page in headless Debian Chromium
// through playwright-core (never a downloaded browser: executablePath /usr/bin/chromium, or $CHROMIUM_PATH), and fails
// when a page logs a console error, throws an uncaught exception, fails to load one of the site's own resources,
// answers other than 200, asks for anything outside 127.0.0.1 (the site must be self-contained), or shows an empty
// code block (docfx's rendering of a [!code-csharp[](file#region)] whose region is missing). Every <a href> of
// every rendered page (links added by the template's scripts included) that points into the site must answer 200.
// Takes a full-page screenshot of the home page, each guide, the .NET API's first page and the REST reference.
// Prints one line per failure and a closing line; exits 1 on any failure.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const siteDir = path.resolve(process.argv[2] || 'artifacts/docs/site');
const shotDir = path.resolve(process.argv[3] || 'artifacts/docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const concurrency = Number(process.env.DOCS_CHECK_CONCURRENCY || 3);
// External requests that are blocked like every other but not counted as failures, each with its reason.
const allowedExternal = new Map([
  // Redoc's "API docs by Redocly" attribution image: unconditional in redoc 2.5; it hides itself when it cannot load.
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', 'Redoc attribution logo (hidden when blocked)'],
]);

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.yml': 'text/yaml; charset=utf-8', '.yaml': 'text/yaml; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.xml': 'application/xml',
};

function resolveFile(urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = path.join(siteDir, path.normalize(rel));
  if (!file.startsWith(siteDir)) return null;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      const index = path.join(file, 'index.html');
      return fs.existsSync(index) ? index : null;
    }
    return file;
  } catch {
    return null;
  }
}

function serve() {
  const server = http.createServer((req, res) => {
    const file = resolveFile(req.url || '/');
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file).toLowerCase()] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function htmlPages(dir, base = '') {
  const pages = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) pages.push(...htmlPages(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.html')) pages.push(rel);
  }
  return pages.sort();
}

function screenshotName(rel) {
  if (rel === 'index.html') return 'home';
  if (rel.startsWith('guides/') && !rel.endsWith('/toc.html')) return `guide-${path.basename(rel, '.html')}`;
  if (rel === 'api/PostPress.html') return 'api-PostPress';
  if (rel === 'rest/index.html') return 'rest';
  return null;
}

async function main() {
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.error(`docs browser check: no site at ${siteDir} (build it with .ci/docs)`);
    process.exit(1);
  }
  if (!fs.existsSync(executablePath)) {
    console.error(`docs browser check: no Chromium at ${executablePath} (apt-get install -y chromium)`);
    process.exit(1);
  }
  fs.rmSync(shotDir, { recursive: true, force: true });
  fs.mkdirSync(shotDir, { recursive: true });

  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postpress-docs-chromium-'));
  const failures = [];
  const fail = (page, what) => failures.push(`${page}: ${what}`);
  const links = new Map(); // absolute URL without fragment -> first page that links it
  const allowedSeen = new Set();

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });

  // Nothing leaves 127.0.0.1: the site must not need the network (CI has none, and readers may not either).
  let currentExternal = new Map();
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    let page;
    try {
      page = route.request().frame().page();
    } catch {
      page = undefined; // a worker's request: no frame
    }
    const owner = page ? currentExternal.get(page) : undefined;
    if (owner) owner.push(url);
    return route.abort('blockedbyclient');
  });

  const pages = htmlPages(siteDir);
  const started = Date.now();
  let shots = 0;
  let guideShots = 0;

  // Each worker keeps one tab and loads its pages one after the other in it (a new tab per page costs more than the
  // page); the listeners report against the page being checked.
  async function openTab() {
    const page = await context.newPage();
    const state = { rel: '', external: [], inflight: 0, lastActivity: Date.now() };
    currentExternal.set(page, state.external);
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // A blocked external request is reported once, below, with its URL.
      if (/net::ERR_BLOCKED_BY_CLIENT/.test(text)) return;
      fail(state.rel, `console error: ${text}`);
    });
    page.on('pageerror', (error) => fail(state.rel, `uncaught exception: ${error.message}`));
    // Quiet = no request in flight for 200 ms after "load" (the template's scripts fetch the navigation then).
    page.on('request', () => { state.inflight++; state.lastActivity = Date.now(); });
    page.on('requestfinished', () => { state.inflight--; state.lastActivity = Date.now(); });
    page.on('requestfailed', (request) => {
      state.inflight--;
      state.lastActivity = Date.now();
      const url = request.url();
      if (url.startsWith(`${origin}/`)) fail(state.rel, `request failed: ${url} (${request.failure()?.errorText})`);
    });
    page.on('response', (response) => {
      const url = response.url();
      if (url.startsWith(`${origin}/`) && response.status() >= 400) fail(state.rel, `${response.status()} for ${url}`);
    });
    return { page, state };
  }

  async function check(tab, rel) {
    const { page, state } = tab;
    state.rel = rel;
    state.external.length = 0;
    try {
      const response = await page.goto(`${origin}/${rel}`, { waitUntil: 'load', timeout: 30000 });
      if (!response || response.status() !== 200) fail(rel, `page answered ${response ? response.status() : 'nothing'}`);
      const deadline = Date.now() + 15000;
      while ((state.inflight > 0 || Date.now() - state.lastActivity < 200) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (screenshotName(rel) === 'rest') {
        // Redoc renders after fetching and parsing the spec: wait for its operations to be on the page.
        await page.waitForSelector('[data-section-id^="tag/"]', { timeout: 30000 });
      }
      // docfx renders a code snippet whose file region is missing as an empty block, without a warning.
      const emptyCode = await page.$$eval('pre > code', (blocks) => blocks.filter((b) => b.textContent.trim() === '').length);
      if (emptyCode > 0) fail(rel, `${emptyCode} empty code block(s): a [!code-...] include whose file or region is missing?`);
      const hrefs = await page.$$eval('a[href]', (anchors) => anchors.map((a) => a.href));
      for (const href of hrefs) {
        if (!href.startsWith(`${origin}/`)) continue;
        const url = href.split('#')[0];
        if (!links.has(url)) links.set(url, rel);
      }
      const name = screenshotName(rel);
      if (name) {
        await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: name !== 'rest' });
        shots++;
        if (name.startsWith('guide-')) guideShots++;
      }
    } catch (error) {
      fail(rel, `did not load: ${error.message.split('\n')[0]}`);
    } finally {
      for (const url of state.external) {
        if (!allowedExternal.has(url)) fail(rel, `requested an external resource: ${url}`);
        else allowedSeen.add(url);
      }
    }
  }

  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, pages.length) }, async () => {
    const tab = await openTab();
    while (next < pages.length) await check(tab, pages[next++]);
    currentExternal.delete(tab.page);
    await tab.page.close();
  }));

  // Every internal link must resolve: GET each distinct target once.
  let broken = 0;
  for (const [url, from] of links) {
    const status = await new Promise((resolve) => {
      http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', () => resolve(0));
    });
    if (status !== 200) {
      broken++;
      fail(from, `broken link: ${url.slice(origin.length)} (${status || 'no answer'})`);
    }
  }

  await context.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });

  const guides = pages.filter((p) => p.startsWith('guides/') && p !== 'guides/toc.html').length;
  for (const url of allowedSeen) console.log(`note: blocked, allowed: ${url} (${allowedExternal.get(url)})`);
  for (const line of failures) console.log(`FAIL ${line}`);
  console.log(`docs browser check: ${pages.length} pages loaded in ${((Date.now() - started) / 1000).toFixed(1)} s, `
    + `${links.size} internal links checked (${broken} broken), ${shots} screenshots in ${path.relative(process.cwd(), shotDir)} `
    + `(${guides} guides), ${failures.length} failure(s)`);
  if (guideShots !== guides || guides === 0) {
    console.log(`FAIL expected a screenshot of each of the ${guides} guides, took ${guideShots}`);
    process.exit(1);
  }
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`docs browser check: ${error.stack || error}`);
  process.exit(1);
});
