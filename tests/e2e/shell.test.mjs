// The app loads under /console/ through nginx with the strict CSP and renders the overview;
// deep links opened cold are served index.html and routed by the app under the /console base.
import assert from 'node:assert/strict';
import { e2e } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';

function directives(header) {
  return Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k, v]; }));
}

e2e('app loads under /console/ with the strict CSP and renders the overview', async ({ page, session }) => {
  const app = new AppShell(page);
  const response = await app.open();
  assert.equal(response.status(), 200);
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, 'index.html carries a Content-Security-Policy header');
  const d = directives(csp);
  assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"], 'no inline script, no eval');
  assert.deepEqual(d['connect-src'], ["'self'", env.alphaUrl], 'only the app origin and the direct cluster');
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.deepEqual(d['object-src'], ["'none'"]);
  assert.deepEqual(d['frame-ancestors'], ["'self'"], 'only same-origin pages may frame the app');
  assert.deepEqual(d['base-uri'], ["'self'"]);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');

  await app.overview.waitFor();
  assert.match(await app.overview.textContent(), /Overview/);
  await app.nav.waitFor();
  // The page really runs under the policy (no inline script, the loader is an external file).
  const inline = await page.locator('script:not([src])').count();
  assert.equal(inline, 0, 'index.html has no inline script');
  const boot = await page.locator('script[type="module"][src]').getAttribute('src');
  assert.match(boot, /^\/console\/boot-[0-9a-f]{16}\.js$/);
  assert.match(await page.locator('script[type="module"][src]').getAttribute('integrity'), /^sha384-/);
  // Every app asset came from under /console/, and the wasm was fetched and instantiated. The
  // clusters' API calls through the proxy (/connect/…) are not assets: whether the first
  // refresh has started by now is a race, so they are left out here (mutating() covers them).
  const own = session.requests.filter((r) => r.url.startsWith(env.origin) && !new URL(r.url).pathname.startsWith('/connect/'));
  assert.ok(own.length >= 4, 'index, boot, module, wasm, css were requested');
  for (const r of own) assert.ok(new URL(r.url).pathname.startsWith('/console/'), `${r.url} is under /console/`);
  assert.ok(own.some((r) => /_bg\.wasm$/.test(r.url)), 'the wasm was fetched');
  assert.deepEqual(session.mutating(), [], 'loading the app sends no mutating request');
  assert.deepEqual(session.csp, [], 'no securitypolicyviolation event');
});

e2e('the router base is /console: in-app links point under it and navigate without reloading', async ({ page }) => {
  const app = new AppShell(page);
  await app.open('no/such/page');
  await app.notFound.waitFor();
  const back = app.notFound.getByRole('link');
  assert.equal(await back.getAttribute('href'), '/console/', 'the router prefixes links with its base');
  assert.equal(await app.nav.getByRole('link', { name: 'Overview' }).getAttribute('href'), '/console/');
  await page.evaluate(() => { window.__e2eNoReload = true; });
  await back.click();
  await app.overview.waitFor();
  assert.equal(new URL(page.url()).pathname, '/console/');
  assert.equal(await page.evaluate(() => window.__e2eNoReload), true, 'client-side navigation, no reload');
});

for (const [label, path, screen] of [
  ['a connector deep link', 'clusters/alpha/connectors/file-source', 'connector-detail'],
  ['an unknown path', 'definitely/not/a/route', 'not-found'],
]) {
  e2e(`${label} opened cold is served index.html and routed by the app`, async ({ page }) => {
    const app = new AppShell(page);
    const response = await app.open(path);
    assert.equal(response.status(), 200, 'nginx falls back to index.html');
    assert.match(response.headers()['content-type'], /^text\/html/);
    assert.equal(response.headers()['cache-control'], 'no-cache');
    assert.ok(response.headers()['content-security-policy'], 'the fallback carries the CSP too');
    assert.equal(new URL(page.url()).pathname, `/console/${path}`, 'the URL is kept');
    // The app's router, not nginx, decides what the path shows.
    await page.getByTestId(screen).waitFor();
    assert.equal(await app.overview.count(), 0);
    assert.equal(await page.evaluate(() => new URL(document.baseURI).pathname), '/console/');
  });
}

e2e('a path outside the base is not the app: nginx answers 404', async ({ page, session }) => {
  // Chromium logs each 404 it loads (this document, and /favicon.ico it then asks for).
  session.allow(/status of 404/);
  const response = await page.goto(new URL('/elsewhere/page', env.origin).href);
  assert.equal(response.status(), 404);
  assert.equal(await page.locator('.app-root').count(), 0);
});
