// The connectors store's request discipline against the real stack (issue 5), through nginx:
// - two clusters (alpha, beta through the proxy) at a 1 s interval: exactly one expanded
//   listing per cluster per refresh, nothing else but the slow health probe; polls list
//   statuses only (`?expand=status`) between listings with configs (the first, a manual
//   refresh, the tab shown again, every 30 s);
// - a hidden tab (document.visibilityState overridden + visibilitychange, as tests/bench does)
//   makes zero requests; visible again refreshes both clusters at once;
// - a cluster that is down backs off (1, 2, 4, 8 s) instead of hammering, and never delays
//   the healthy one;
// - the worker's own health (GET /health) is polled at its slow cadence and an unhealthy
//   answer (a broker outage: listings still 200) shows on the overview card.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell, withConfig } from './pages/app.mjs';
import { ConnectRest, ListScreens } from './pages/list.mjs';

const INTERVAL = 1000;
const LISTING = /\/connect\/(alpha|beta|down)\/connectors\?expand=status(&expand=info)?$/;
const FULL = /\/connectors\?expand=status&expand=info$/;
const STATUS_ONLY = /\/connectors\?expand=status$/;

const ALPHA = { id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha' };
const BETA = { id: 'beta', name: 'beta', flavor: 'apache', url: '/connect/beta' };

/** Records every request to a Connect cluster with its time. */
function recordConnect(page) {
  const log = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.includes('/connect/')) {
      log.push({ t: Date.now(), method: r.method(), path: u.pathname + u.search });
    }
  });
  return log;
}

const clusterOf = (path) => path.match(/\/connect\/([^/]+)\//)?.[1];
const between = (log, from, to) => log.filter((r) => r.t >= from && r.t < to);
const count = (log, re) => log.filter((r) => re.test(r.path)).length;

async function setHidden(page, hidden) {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

async function reachable(page, id) {
  await page.locator(`[data-testid="cluster-card"][data-cluster="${id}"] [data-testid="cluster-reachability"][data-reach="ok"]`)
    .waitFor({ timeout: 15_000 });
}

e2e('two clusters: one listing per cluster per refresh; hidden tab 0 requests; visible resumes at once', async ({ page }) => {
  await withConfig(page, [ALPHA, BETA], { pollIntervalMs: INTERVAL });
  const log = recordConnect(page);
  const app = new AppShell(page);
  await app.open('');
  await reachable(page, 'alpha');
  await reachable(page, 'beta');

  // Steady state over 8 refresh periods.
  const t0 = Date.now();
  await page.waitForTimeout(8 * INTERVAL);
  const t1 = Date.now();
  const window = between(log, t0, t1);
  for (const id of ['alpha', 'beta']) {
    const mine = window.filter((r) => clusterOf(r.path) === id);
    const listings = mine.filter((r) => LISTING.test(r.path));
    // One per period: due 1 s after the previous answer, seen by a 500 ms scheduler tick.
    assert.ok(listings.length >= 5 && listings.length <= 8, `${id}: ${listings.length} listings in 8 periods`);
    const gaps = listings.slice(1).map((r, i) => r.t - listings[i].t);
    assert.ok(gaps.every((g) => g >= INTERVAL - 100), `${id}: never two listings in one period: gaps ${gaps}`);
    const other = mine.filter((r) => !LISTING.test(r.path));
    // Besides listings only GET /health, at most once per 30 s.
    assert.ok(other.every((r) => r.method === 'GET' && r.path === `/connect/${id}/health`),
      `${id}: unexpected requests ${JSON.stringify(other)}`);
    assert.ok(other.length <= 1, `${id}: ${other.length} health probes in 8 s`);
    assert.ok(mine.every((r) => r.method === 'GET'), 'polling only reads');
    // Within 30 s of the first listing, the polls list statuses only.
    assert.ok(listings.every((r) => STATUS_ONLY.test(r.path)), `${id}: polls list statuses only: ${listings.map((r) => r.path)}`);
  }
  // A manual refresh of one card is exactly one request to that cluster.
  await page.waitForTimeout(300);
  const m0 = Date.now();
  await page.locator('[data-testid="cluster-card"][data-cluster="beta"] [data-testid="cluster-refresh"]').click();
  await eventually(() => count(between(log, m0, Date.now()), /\/connect\/beta\//) >= 1, { what: 'the manual refresh' });
  const manual = between(log, m0, Date.now()).filter((r) => clusterOf(r.path) === 'beta');
  assert.ok(FULL.test(manual[0].path), `a manual refresh lists configs too: ${manual[0].path}`);

  // Hidden: nothing at all.
  await setHidden(page, true);
  await page.waitForTimeout(1500); // let a request already in flight end
  const h0 = Date.now();
  await page.waitForTimeout(5 * INTERVAL);
  const hidden = between(log, h0, Date.now());
  assert.deepEqual(hidden, [], 'a hidden tab makes zero requests');

  // Visible: both clusters refresh at once (their data is older than one interval).
  const v0 = Date.now();
  await setHidden(page, false);
  await eventually(() => count(between(log, v0, Date.now()), LISTING) >= 2, { timeout: 2000, what: 'refresh on return' });
  const first = between(log, v0, v0 + 400);
  assert.equal(count(first, /\/connect\/alpha\/connectors\?expand/), 1, `alpha on return: ${JSON.stringify(first)}`);
  assert.equal(count(first, /\/connect\/beta\/connectors\?expand/), 1, `beta on return: ${JSON.stringify(first)}`);
  assert.equal(count(first, FULL), 2, `the tab shown again lists configs too: ${JSON.stringify(first)}`);
});

e2e('a connector created outside the console shows with its class: the status-only poll that finds it asks for its config', async ({ page }) => {
  const name = 'e2e-status-only-new';
  const rest = new ConnectRest(env.alphaUrl);
  await rest.remove(name);
  try {
    await withConfig(page, [ALPHA], { pollIntervalMs: INTERVAL });
    const log = recordConnect(page);
    const list = new ListScreens(page);
    await list.open('connectors');
    await list.row('alpha', 'file-source').waitFor({ timeout: 15_000 });
    // Polling has gone status-only.
    await eventually(() => log.some((r) => STATUS_ONLY.test(r.path)), { timeout: 5000, what: 'a status-only poll' });
    const c0 = Date.now();
    await rest.create(name, {
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'tasks.max': '1',
      topic: 'e2e-status-only',
      file: '/dev/null',
    });
    const row = list.row('alpha', name);
    await row.waitFor({ timeout: 15_000 });
    await eventually(async () => /FileStreamSourceConnector/.test(await row.innerText()), { timeout: 10_000, what: 'the class in the new row' });
    const after = between(log, c0, Date.now()).filter((r) => LISTING.test(r.path));
    // Found by a status-only poll (no config in it), then read with its config by the next.
    const firstFull = after.findIndex((r) => FULL.test(r.path));
    assert.ok(firstFull > 0 && after.slice(0, firstFull).every((r) => STATUS_ONLY.test(r.path)),
      `status-only polls, then one with configs: ${after.map((r) => r.path)}`);
    // And back to statuses only after it.
    await eventually(() => between(log, c0, Date.now()).filter((r) => LISTING.test(r.path)).slice(firstFull + 1).some((r) => STATUS_ONLY.test(r.path)),
      { timeout: 5000, what: 'status-only polls again' });
  } finally {
    await rest.remove(name);
  }
}, { timeout: 60_000 });

e2e('a cluster that is down backs off instead of hammering, and never delays the other', async ({ page, session }) => {
  const down = [];
  // Connection refused, as the browser sees a worker that is down.
  await page.route(/\/connect\/down\//, (route) => { down.push(Date.now()); return route.abort('connectionrefused'); });
  session.allow(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
  await withConfig(page, [ALPHA, { id: 'down', name: 'down', flavor: 'apache', url: '/connect/down' }], { pollIntervalMs: INTERVAL });
  const log = recordConnect(page);
  const app = new AppShell(page);
  await app.open('');
  await reachable(page, 'alpha');
  await page.locator('[data-testid="cluster-card"][data-cluster="down"] [data-testid="cluster-reachability"][data-reach="bad"]')
    .waitFor({ timeout: 10_000 });
  const t0 = down[0];
  await page.waitForTimeout(14_000);
  const downIn14 = down.filter((t) => t < t0 + 14_000);
  // Backoff 2, 4, 8 s after the failures: attempts at ≈ 0, 2, 6, 14 s.
  assert.ok(downIn14.length >= 3 && downIn14.length <= 4, `down cluster: ${downIn14.length} attempts in 14 s: ${downIn14.map((t) => t - t0)}`);
  const gaps = downIn14.slice(1).map((t, i) => t - downIn14[i]);
  for (let i = 1; i < gaps.length; i++) {
    assert.ok(gaps[i] >= gaps[i - 1] * 1.5, `the delay grows: ${gaps}`);
  }
  const alpha = count(between(log, t0, t0 + 14_000), /\/connect\/alpha\/connectors\?expand/);
  assert.ok(alpha >= 9, `alpha keeps its 1 s interval meanwhile: ${alpha} listings in 14 s`);
  // The card says what happened, from the store's ApiError (message + hint), not a raw error.
  const card = page.locator('[data-testid="cluster-card"][data-cluster="down"]');
  await assert.doesNotReject(card.getByTestId('cluster-error').getByTestId('error-hint').waitFor());
  assert.match(await card.getByTestId('error-hint').innerText(), /proxy/);
}, { timeout: 60_000 });

e2e('the worker health probe: slow cadence, and an unhealthy worker shows on its card while listings answer', async ({ page, session }) => {
  // Chromium logs the 500 of the stand-in /health answer below.
  session.allow(/status of 500/);
  const health = [];
  let unhealthy = false;
  await page.route(/\/connect\/alpha\/health$/, async (route) => {
    health.push(Date.now());
    if (!unhealthy) return route.continue();
    // What Kafka 4.3.1 answers when its broker is gone (tests/faults.rs): listings still 200.
    return route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'unhealthy', message: 'Worker was unable to handle this request and may be unable to handle other requests' }),
    });
  });
  await withConfig(page, [ALPHA], { pollIntervalMs: INTERVAL });
  const app = new AppShell(page);
  await app.open('');
  await reachable(page, 'alpha');
  await eventually(() => health.length === 1, { timeout: 3000, what: 'the first health probe' });
  // The real worker said healthy: the card stays "Reachable".
  const card = page.locator('[data-testid="cluster-card"][data-cluster="alpha"]');
  assert.equal(await card.getByTestId('cluster-reachability').getAttribute('data-verdict'), 'healthy');
  unhealthy = true;
  await page.waitForTimeout(10_000);
  assert.equal(health.length, 1, 'no second probe within 30 s');
  await eventually(() => health.length === 2, { timeout: 25_000, what: 'the probe 30 s later' });
  assert.ok(health[1] - health[0] >= 29_500, `probe period ${health[1] - health[0]} ms`);
  await card.locator('[data-testid="cluster-reachability"][data-verdict="unhealthy"]').waitFor({ timeout: 3000 });
  assert.match(await card.getByTestId('cluster-worker-health').innerText(), /unable to handle this request/);
  assert.equal(await page.getByTestId('rollup-unhealthy').innerText(), '1 unhealthy');
}, { timeout: 60_000 });

e2e('a rate-limited listing: the card says how long the API asks to wait (Retry-After)', async ({ page, session }) => {
  session.allow(/status of 429/);
  // Through the proxy (same origin), so the page may read Retry-After.
  await page.route(/\/connect\/alpha\/connectors\?expand=/, (route) => route.fulfill({
    status: 429,
    headers: { 'Content-Type': 'application/json', 'Retry-After': '7' },
    body: JSON.stringify({ error_code: 429, message: 'Too many requests' }),
  }));
  await withConfig(page, [ALPHA], { pollIntervalMs: INTERVAL });
  const app = new AppShell(page);
  await app.open('');
  const card = page.locator('[data-testid="cluster-card"][data-cluster="alpha"]');
  await card.getByTestId('cluster-error').getByTestId('error-hint').waitFor({ timeout: 15_000 });
  assert.match(await card.getByTestId('error-hint').innerText(), /wait 7 s/);
});
