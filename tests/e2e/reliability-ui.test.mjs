// Reliability (issue 10) in the UI: hostile data and hostile responses in real Chromium.
//
// A second nginx (same bundle, same strict CSP) serves the app with a config.json of:
//   alpha        the real stack through the proxy, with a few hostile connectors seeded on it
//   hostile      the fixture server's hostile data: every payload as a name, trace, worker id
//   truncated, wrong-type, html-200, empty-200, proxy-502, surrogate, huge, hang
//                one fixture cluster per hostile response
// Every test fails if a dialog opens (alert/confirm/prompt from an injected handler), if the
// global canary `window.__pwned` is ever set, on any console error other than the browser's
// own "Failed to load resource" line for the fixture's deliberate 502s, and on any CSP
// violation (the harness watchdog).
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { e2e, scratch, eventually as pollUntil } from './lib/harness.mjs';
import { env, REPO } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';
import { loadCorpus, textPayloads, storedName } from '../hostile/payloads.mjs';
import { startServer } from '../hostile/server.mjs';
import { api, cleanupHostile, MARK, seg } from '../hostile/seed.mjs';

const FAULTS = ['truncated', 'wrong-type', 'html-200', 'empty-200', 'proxy-502', 'surrogate'];
// Real-stack names: one of each kind that a browser can address.
const STACK_IDS = ['img-onerror', 'svg-onload-attr-break', 'rtl-override', 'zero-width', 'emoji', 'question-hash', 'long-2k-unbroken', 'spaces', 'unicode-slash', 'provider-env'];

const corpus = loadCorpus();
const names = textPayloads(corpus).map((p) => p.text);
let fixture;
let dir;
let origin;
const base = '/console/';

before(async () => {
  fixture = await startServer();
  dir = scratch('reliability-ui');
  const clusters = [
    { id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha', color: '#0f6cbd' },
    { id: 'hostile', name: 'hostile <b>data</b>', flavor: 'apache', url: `${fixture.url}/hostile`, color: '#c50f1f' },
    ...[...FAULTS, 'huge', 'hang'].map((m) => ({ id: m, name: `fault ${m}`, flavor: 'apache', url: `${fixture.url}/${m}` })),
  ];
  const config = path.join(dir, 'config.json');
  fs.writeFileSync(config, JSON.stringify({ clusters, pollIntervalMs: 5000, readOnly: false, theme: 'light' }));
  const port = Number(new URL(env.origin).port) + 17;
  origin = `http://127.0.0.1:${port}`;
  execFileSync('python3', [path.join(REPO, '.ci', 'nginx.py'), 'start', '--dist', env.dist, '--port', String(port), '--base', base,
    '--run-dir', path.join(dir, 'nginx'), '--config-json', config, '--proxy', `alpha=${env.alphaUrl},${env.alphaUrl2}`,
    '--connect-src', fixture.url], { stdio: 'ignore' });
  // a few hostile names on the real stack
  await cleanupHostile(env.alphaUrl, { workers: [env.alphaUrl2] });
  for (const id of STACK_IDS) {
    const p = corpus.payloads.find((x) => x.id === id);
    const res = await api(env.alphaUrl, 'POST', '/connectors', {
      name: p.text, initial_state: 'STOPPED',
      config: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', 'tasks.max': '1', topic: 'cc-hostile', file: '/nonexistent', [MARK]: id },
    });
    assert.ok([201, 500].includes(res.status), `${id}: ${res.status}`); // 500: a '{' name, created anyway
  }
});

after(async () => {
  if (dir) execFileSync('python3', [path.join(REPO, '.ci', 'nginx.py'), 'stop', '--run-dir', path.join(dir, 'nginx')], { stdio: 'ignore' });
  await fixture?.close();
  const stuck = await cleanupHostile(env.alphaUrl, { workers: [env.alphaUrl2] });
  assert.deepEqual(stuck, []);
});

/** Fails the test on any dialog; the canary is checked in every frame at the end. */
function hostile(name, fn, options = {}) {
  return e2e(name, async ({ page, session, context }) => {
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    // The browser's own console line for each deliberate 502 of the fixture.
    session.allow(/Failed to load resource: the server responded with a status of 502/);
    const app = new AppShell(page, { base, origin });
    await fn({ page, session, context, app });
    for (const frame of page.frames()) {
      assert.equal(await frame.evaluate(() => window.__pwned).catch(() => undefined), undefined, `canary set in ${frame.url()}`);
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
  }, options);
}

const card = (page, id) => page.locator(`[data-testid="cluster-card"][data-cluster="${id}"]`);

/** The harness's `eventually`, with this file's longer default wait. */
const eventually = (fn, options = {}) => pollUntil(fn, { timeout: 30_000, interval: 250, ...options });

hostile('overview: each hostile response shows a clear error on its card; the other clusters keep working', async ({ page, app }) => {
  await app.open();
  for (const id of ['alpha', 'hostile']) {
    await eventually(async () => (await card(page, id).getByTestId('cluster-reachability').getAttribute('data-reach')) === 'ok', { what: `${id} reachable` });
  }
  for (const id of FAULTS) {
    const c = card(page, id);
    await eventually(async () => (await c.getByTestId('cluster-reachability').getAttribute('data-reach')) === 'bad', { what: `${id} unreachable`, timeout: 40_000 });
    const text = (await c.getByTestId('cluster-error').innerText()).trim();
    assert.ok(text.length > 10, `${id}: a message (${text})`);
    assert.doesNotMatch(text, /<html|<script|<\/|onerror|\{"/i, `${id}: no markup or raw JSON in the message`);
    assert.doesNotMatch(text, /panicked|undefined|null$/i, `${id}: ${text}`);
  }
  // 10 MB of valid JSON: loads or fails, but never stays a spinner
  await eventually(async () => ['ok', 'bad'].includes(await card(page, 'huge').getByTestId('cluster-reachability').getAttribute('data-reach')), { what: 'huge settled', timeout: 40_000 });
  // the rest of the app keeps working: the list shows alpha's connectors
  await page.goto(new URL(`${base}connectors?cluster=alpha`, origin).href);
  await page.locator('[data-testid="connector-row"][data-cluster="alpha"][data-name="file-source"]').waitFor({ timeout: 30_000 });
}, { timeout: 150_000 });

hostile('a cluster whose responses never end shows "connecting", then a timeout; the rest stays live', async ({ page, app }) => {
  await app.open();
  const reach = card(page, 'hang').getByTestId('cluster-reachability');
  await eventually(async () => (await card(page, 'alpha').getByTestId('cluster-reachability').getAttribute('data-reach')) === 'ok', { what: 'alpha live meanwhile' });
  assert.equal(await reach.getAttribute('data-reach'), 'busy', 'pending, not an error yet');
  await eventually(async () => (await reach.getAttribute('data-reach')) === 'bad', { what: 'hang times out', timeout: 110_000 });
  assert.match(await card(page, 'hang').getByTestId('cluster-error').innerText(), /\d+ s|time/i);
}, { timeout: 180_000 });

hostile('list: every hostile name renders as text in a bounded, truncated row with a tooltip', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL(`${base}connectors?cluster=hostile`, origin).href);
  await page.locator('[data-testid="connector-row"][data-cluster="hostile"]').first().waitFor({ timeout: 30_000 });
  const seen = new Map();
  const scroller = page.getByTestId('list-scroll');
  for (let i = 0; i < 200 && seen.size < names.length; i += 1) {
    // Tooltips are set while the pointer is on a row: each row is entered, read, then left.
    const rows = await page.locator('[data-testid="connector-row"][data-cluster="hostile"]').evaluateAll(async (els) => {
      const out = [];
      for (const r of els) {
        const link = r.querySelector('[data-testid="connector-link"]');
        const box = r.getBoundingClientRect();
        r.dispatchEvent(new PointerEvent('pointerenter'));
        await new Promise((done) => setTimeout(done, 0));
        out.push({ name: r.getAttribute('data-name'), text: link.textContent, title: link.getAttribute('title'),
          h: box.height, w: box.width, linkW: link.getBoundingClientRect().width, scrollW: link.scrollWidth, clientW: link.clientWidth });
        r.dispatchEvent(new PointerEvent('pointerleave'));
      }
      return out;
    });
    for (const r of rows) seen.set(r.name, r);
    await scroller.evaluate((el) => { el.scrollTop += el.clientHeight * 0.8; });
    await page.waitForTimeout(50);
  }
  assert.deepEqual([...seen.keys()].sort(), [...names].sort(), 'every hostile name got a row under its exact name');
  const heights = [...seen.values()].map((r) => r.h);
  const min = Math.min(...heights);
  for (const r of seen.values()) {
    assert.equal(r.text, r.name, 'the name is rendered as text, unchanged');
    assert.ok(r.h <= min * 1.5, `row height bounded for ${JSON.stringify(r.name.slice(0, 40))}: ${r.h} vs ${min}`);
    assert.ok(r.w <= 1280, `row width bounded: ${r.w}`);
    assert.ok(r.linkW <= 640, `the name cell is bounded: ${r.linkW}`);
    if (r.scrollW > r.clientW) assert.equal(r.title, r.name, 'a truncated name has the full name as tooltip');
  }
  const long = seen.get(names.find((n) => n.length === 10_000));
  assert.ok(long.scrollW > long.clientW, 'the 10k-char name is truncated');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no script element was injected');
  assert.equal(await page.locator('main img, main iframe, main svg[onload], main style').count(), 0, 'no markup from the data');
}, { timeout: 150_000 });

hostile('detail: every hostile connector opens by URL and shows its name and trace as text', async ({ page, session }) => {
  const opened = [];
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    const url = new URL(`${base}clusters/hostile/connectors/${encodeURIComponent(name)}`, origin).href;
    if (name.includes('\0')) {
      // nginx refuses any request whose path holds %00 (400), so a static host cannot serve
      // this deep link; the app opens it by in-app navigation, which never asks the server.
      session.allow(/status of 400 \(Bad Request\)/); // nginx refusing the %00 deep link
      // nginx's error page names no icon, so Chromium may ask for /favicon.ico at the origin's
      // root, outside the app's sub-path: a 404 there belongs to that error page.
      session.allow(/status of 404 \(Not Found\) \(http:\/\/[^/]+\/favicon\.ico/);
      const refused = await page.goto(url);
      assert.equal(refused.status(), 400, 'nginx refuses %00 in a path');
      await page.goto(new URL(`${base}connectors`, origin).href);
      await page.getByTestId('connector-row').first().waitFor({ timeout: 30_000 });
      await page.evaluate((to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }, url);
    } else {
      await page.goto(url);
    }
    const shown = page.getByTestId('connector-name');
    await shown.waitFor({ timeout: 20_000 });
    await eventually(async () => (await shown.textContent()).trim() === name.trim(), { what: `detail of ${JSON.stringify(name.slice(0, 40))}`, timeout: 20_000 });
    opened.push(name);
  }
  assert.equal(opened.length, names.length - 2);
  // a failed connector's trace is text (its payload visible verbatim, nothing executed)
  const failed = names[0]; // every third fixture connector is FAILED, the first one included
  await page.goto(new URL(`${base}clusters/hostile/connectors/${encodeURIComponent(failed)}`, origin).href);
  const trace = page.getByTestId('connector-trace');
  await trace.waitFor({ timeout: 20_000 });
  assert.ok((await trace.innerText()).includes(failed), 'the trace quotes the payload as text');
}, { timeout: 300_000 });

hostile('detail: `.` and `..` never show another connector', async ({ page }) => {
  for (const name of ['.', '..']) {
    await page.goto(new URL(`${base}clusters/hostile/connectors/${encodeURIComponent(name)}`, origin).href);
    await page.locator('main [data-testid]').first().waitFor();
    await page.waitForTimeout(2000);
    const shown = await page.getByTestId('connector-name').textContent({ timeout: 1000 }).catch(() => null);
    assert.ok(shown === null || shown.trim() === name, `${name}: shows ${shown}`);
  }
}, { timeout: 60_000 });

hostile('detail by click: rows open their own connector; the URL carries the name encoded', async ({ page }) => {
  await page.goto(new URL(`${base}connectors?cluster=hostile`, origin).href);
  const links = page.locator('[data-testid="connector-row"][data-cluster="hostile"] [data-testid="connector-link"]');
  await links.first().waitFor({ timeout: 30_000 });
  const count = Math.min(await links.count(), 8);
  for (let i = 0; i < count; i += 1) {
    const link = links.nth(i);
    const name = await link.evaluate((a) => a.closest('[data-testid="connector-row"]').getAttribute('data-name'));
    if (name === '.' || name === '..') continue;
    await link.click();
    await eventually(async () => (await page.getByTestId('connector-name').textContent()).trim() === name.trim(), { what: `clicked ${JSON.stringify(name.slice(0, 40))}` });
    assert.ok(page.url().includes(`/clusters/hostile/connectors/${seg(name)}`) || decodeURIComponent(new URL(page.url()).pathname).endsWith(name), page.url());
    await page.goBack();
    await links.first().waitFor();
  }
}, { timeout: 120_000 });

hostile('real stack: hostile names on alpha open by URL and by click, through the proxy', async ({ page }) => {
  for (const id of STACK_IDS) {
    const name = storedName(corpus.payloads.find((p) => p.id === id).text);
    await page.goto(new URL(`${base}clusters/alpha/connectors/${encodeURIComponent(name)}`, origin).href);
    const shown = page.getByTestId('connector-name');
    await eventually(async () => (await shown.textContent()).trim() === name, { what: `alpha detail ${id}`, timeout: 30_000 });
  }
  await page.goto(new URL(`${base}connectors?cluster=alpha`, origin).href);
  const row = page.locator('[data-testid="connector-row"][data-cluster="alpha"][data-name="<img src=x onerror=\\"window.__pwned=1\\">"]');
  await row.getByTestId('connector-link').click();
  await eventually(async () => (await page.getByTestId('connector-name').textContent()).includes('<img'), { what: 'clicked the img name' });
}, { timeout: 150_000 });
