// Reliability (issue 10) in the UI: secrets and read-only mode.
//
// A second nginx serves the app (same bundle, same strict CSP) with its own config.json,
// rewritten per test; the hostile fixture server (tests/hostile/server.mjs) stands in for a
// cluster that needs a bearer token, and records every request it gets (method, path,
// Authorization header).
//
// Secrets: a bearer cluster added in Settings with a known token. After using the app the
// token is in no request URL, console message, localStorage (unless "remember" is ticked),
// page text or attribute, or exported settings file; it did reach the server, in the header
// only; "forget credentials" removes it from both storages.
//
// Read-only (`readOnly: true` in config.json): every action path offered is tried (bulk bar on
// every row, every button on a connector's page, settings); no mutating request leaves the
// browser (the page's request log, the fixture server's log and nginx's access log agree).
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before } from 'node:test';
import { e2e, scratch, eventually as pollUntil } from './lib/harness.mjs';
import { env, REPO } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';
import { startServer } from '../hostile/server.mjs';

const TOKEN = 'tok-e2e-5d1c0f7a-SECRET';
const base = '/console/';
let fixture;
let dir;
let origin;
let configFile;

function writeConfig({ readOnly, clusters }) {
  // nginx serves its run-dir copy (no-cache), so rewriting it takes effect on the next load
  fs.writeFileSync(configFile, JSON.stringify({ clusters, pollIntervalMs: 3000, readOnly, theme: 'light' }));
}

before(async () => {
  fixture = await startServer();
  dir = scratch('reliability-guards');
  const port = Number(new URL(env.origin).port) + 18;
  origin = `http://127.0.0.1:${port}`;
  const initial = path.join(dir, 'config.json');
  fs.writeFileSync(initial, JSON.stringify({ clusters: [], readOnly: false }));
  execFileSync('python3', [path.join(REPO, '.ci', 'nginx.py'), 'start', '--dist', env.dist, '--port', String(port), '--base', base,
    '--run-dir', path.join(dir, 'nginx'), '--config-json', initial, '--proxy', `alpha=${env.alphaUrl},${env.alphaUrl2}`,
    '--connect-src', fixture.url], { stdio: 'ignore' });
  configFile = path.join(dir, 'nginx', 'config.json');
});

after(async () => {
  if (dir) execFileSync('python3', [path.join(REPO, '.ci', 'nginx.py'), 'stop', '--run-dir', path.join(dir, 'nginx')], { stdio: 'ignore' });
  await fixture?.close();
});

const ALPHA = { id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha', color: '#0f6cbd' };

/** The harness's `eventually`, with this file's longer default wait. */
const eventually = (fn, options = {}) => pollUntil(fn, { timeout: 30_000, interval: 250, ...options });

async function storage(page) {
  return page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)).map((k) => [k, s.getItem(k)]));
    return { local: JSON.stringify(dump(localStorage)), session: JSON.stringify(dump(sessionStorage)) };
  });
}

/** Everything a user or a screenshot could see: text, attribute values, input values. */
async function visible(page) {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) parts.push(a.value);
      if ('value' in el && typeof el.value === 'string' && el.type !== 'password') parts.push(el.value);
    }
    return parts.join('\n');
  });
}

e2e('secrets: a bearer token reaches the server in the header only, never a URL, log, storage, page or export', async ({ page, session }) => {
  writeConfig({ readOnly: false, clusters: [ALPHA] });
  const app = new AppShell(page, { base, origin });
  await app.open('settings');
  await page.getByTestId('cluster-add').click();
  const form = page.getByTestId('cluster-form');
  await form.getByTestId('cluster-name').fill('secret bearer');
  await form.getByTestId('cluster-url').fill(`${fixture.url}/hostile`);
  await form.getByTestId('cluster-auth').selectOption('bearer');
  await form.getByTestId('cluster-secret').fill(TOKEN);
  const remember = form.getByTestId('cluster-remember');
  if (await remember.count()) assert.equal(await remember.isChecked(), false, '"remember" is off by default');
  await form.getByTestId('cluster-save').click();
  await form.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});

  // use the app: the overview and the list of the new cluster
  await app.open();
  await page.locator('[data-testid="cluster-card"]').nth(1).waitFor({ timeout: 20_000 });
  await app.open('connectors');
  await eventually(async () => fixture && (await fetch(`${fixture.url}/__log`).then((r) => r.json()))
    .some((r) => r.authorization === `Bearer ${TOKEN}`), { what: 'the token reached the fixture server' });
  await page.locator('[data-testid="connector-row"]').first().waitFor({ timeout: 20_000 });

  const log = await fetch(`${fixture.url}/__log`).then((r) => r.json());
  assert.ok(log.length > 0);
  for (const r of log) {
    assert.ok(!r.path.includes(TOKEN), `the token is not in a path: ${r.path}`);
    if (r.method !== 'OPTIONS') assert.equal(r.authorization, `Bearer ${TOKEN}`, 'every request carried it as a header');
  }
  for (const r of session.requests) assert.ok(!r.url.includes(TOKEN), `request URL: ${r.url}`);
  for (const m of session.console) assert.ok(!m.text.includes(TOKEN), `console: ${m.text}`);
  for (const p of ['', 'connectors', 'settings']) {
    await app.open(p);
    await page.waitForTimeout(500);
    assert.ok(!(await visible(page)).includes(TOKEN), `page text or attributes of /${p}`);
  }
  let s = await storage(page);
  assert.ok(!s.local.includes(TOKEN), 'not in localStorage without "remember"');
  assert.ok(s.session.includes(TOKEN), 'kept in sessionStorage for this tab only');

  // the export file
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('settings-export').click()]);
  const file = path.join(dir, 'export.json');
  await download.saveAs(file);
  const exported = fs.readFileSync(file, 'utf8');
  assert.match(exported, /secret bearer/, 'the cluster is exported');
  assert.ok(!exported.includes(TOKEN), 'but not its token');

  // "remember on this device" moves it to localStorage; "forget" removes it everywhere
  await page.getByTestId('pref-remember').check();
  await eventually(async () => (await storage(page)).local.includes(TOKEN), { what: 'remembered in localStorage' });
  assert.ok(!(await storage(page)).session.includes(TOKEN));
  await page.getByTestId('pref-forget').click();
  // forgetting asks no confirmation (other dialogs of the page sit closed in the DOM)
  assert.equal(await page.locator('[data-testid="confirm-ok"]:visible').count(), 0);
  await eventually(async () => { s = await storage(page); return !s.local.includes(TOKEN) && !s.session.includes(TOKEN); }, { what: 'forgotten' });
  await app.open();
  await page.waitForTimeout(1500);
  s = await storage(page);
  assert.ok(!s.local.includes(TOKEN) && !s.session.includes(TOKEN), 'still gone after a reload');
  for (const m of session.console) assert.ok(!m.text.includes(TOKEN), `console: ${m.text}`);
}, { timeout: 120_000 });

e2e('read-only: no mutating request leaves the browser, whatever action path is tried', async ({ page, session }) => {
  writeConfig({ readOnly: true, clusters: [ALPHA, { id: 'hostile', name: 'hostile', flavor: 'apache', url: `${fixture.url}/hostile` }] });
  await fetch(`${fixture.url}/__reset`, { method: 'POST' });
  const app = new AppShell(page, { base, origin });
  const tried = [];

  // the list: select every row, try every bulk action the bar offers
  await app.open('connectors');
  await page.locator('[data-testid="connector-row"]').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('select-all').check();
  const bar = page.getByTestId('bulk-bar');
  await bar.waitFor();
  assert.ok(await bar.getByTestId('bulk-read-only').count(), 'the bar says actions are disabled');
  for (const id of ['bulk-pause', 'bulk-resume', 'bulk-stop', 'bulk-restart', 'bulk-delete']) {
    const b = bar.getByTestId(id);
    if (await b.count()) {
      tried.push(id);
      await b.click({ force: true }).catch(() => {});
      const ok = page.getByTestId('confirm-ok');
      if (await ok.count()) {
        const typing = page.getByTestId('confirm-typing');
        if (await typing.count()) await typing.fill(await page.getByTestId('confirm-count').innerText().catch(() => '999'));
        await ok.click({ force: true }).catch(() => {});
      }
    }
  }
  // keyboard shortcuts on a selected row
  for (const key of ['p', 'r', 's', 'Delete']) await page.keyboard.press(key).catch(() => {});

  // a connector's page: press every button, enabled or not (once the connector is listed:
  // its lifecycle buttons are only offered for a connector that is there)
  await app.open('clusters/alpha/connectors/file-source');
  await page.getByTestId('detail-tabs').waitFor({ timeout: 30_000 });
  const buttons = page.locator('main button');
  const n = await buttons.count();
  for (let i = 0; i < n; i += 1) {
    const b = buttons.nth(i);
    const label = (await b.innerText().catch(() => '')).trim();
    tried.push(`detail: ${label}`);
    await b.evaluate((el) => { el.disabled = false; el.click(); }).catch(() => {});
    await page.waitForTimeout(100);
    const ok = page.getByTestId('confirm-ok');
    if (await ok.count()) await ok.evaluate((el) => { el.disabled = false; el.click(); }).catch(() => {});
    if (!page.url().includes('/clusters/alpha/connectors/file-source')) {
      await app.open('clusters/alpha/connectors/file-source');
      await page.getByTestId('detail-tabs').waitFor({ timeout: 30_000 });
    }
  }
  // settings: read-only is locked on by the deployment
  await app.open('settings');
  assert.ok(await page.getByTestId('pref-read-only-locked').count(), 'locked by config.json');
  await page.waitForTimeout(3500); // one more polling round

  // validate is a PUT on Apache but changes nothing; nothing else may be sent
  const writes = session.mutating().filter((r) => !/\/config\/validate$/.test(new URL(r.url).pathname));
  assert.deepEqual(writes.map((r) => `${r.method} ${r.url}`), [], `tried: ${tried.join(', ')}`);
  const fx = (await fetch(`${fixture.url}/__log`).then((r) => r.json())).filter((r) => !['GET', 'OPTIONS'].includes(r.method));
  assert.deepEqual(fx, [], 'the fixture server saw only reads');
  const access = fs.readFileSync(path.join(dir, 'nginx', 'access.log'), 'utf8').split('\n').filter((l) => l.includes('/connect/'));
  assert.ok(access.length > 0);
  assert.deepEqual(access.filter((l) => !/"(GET|HEAD|OPTIONS) /.test(l) && !/config\/validate/.test(l)), [], 'nginx proxied only reads');
  assert.ok(tried.length >= 3, `action paths tried: ${tried.join(', ')}`);
}, { timeout: 150_000 });

e2e('read-only: no way into creating, editing or cloning; the create and edit pages cannot submit', async ({ page }) => {
  const app = new AppShell(page, { base, origin });
  const source = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
  const entryPoints = async () => {
    await app.open('clusters/alpha/connectors/file-source?tab=config');
    await page.getByTestId('copy-config-json').waitFor({ timeout: 30_000 });
    const detail = { edit: await page.getByTestId('config-edit').count(), clone: await page.getByTestId('config-clone').count() };
    const nav = await page.getByTestId('nav-new-connector').count();
    await app.open('plugins?cluster=alpha');
    await page.getByTestId('plugins-table').waitFor({ timeout: 30_000 });
    const plugins = await page.getByRole('link', { name: /Create (a )?connector/ }).count();
    return { ...detail, nav, plugins };
  };

  // Writable first: every entry point is there (so the read-only check below can fail).
  writeConfig({ readOnly: false, clusters: [ALPHA] });
  const open = await entryPoints();
  assert.deepEqual({ ...open, plugins: open.plugins > 0 }, { edit: 1, clone: 1, nav: 1, plugins: true });
  await page.locator('body').press('n');
  await pollUntil(() => new URL(page.url()).pathname.endsWith('/new'), { timeout: 5_000, what: 'n opens the create page' });

  writeConfig({ readOnly: true, clusters: [ALPHA] });
  assert.deepEqual(await entryPoints(), { edit: 0, clone: 0, nav: 0, plugins: 0 });
  // The "n" shortcut does not lead to the create page either.
  await page.locator('body').press('n');
  await page.waitForTimeout(300);
  assert.ok(!new URL(page.url()).pathname.endsWith('/new'), `n led to ${page.url()}`);

  // Typed URLs: the pages say why, and their submit stays disabled.
  await app.open('new', { query: `?cluster=alpha&plugin=${source}` });
  await page.getByTestId('create-submit').waitFor({ timeout: 30_000 });
  assert.ok(await page.getByTestId('form-read-only').isVisible(), 'the create page says read-only');
  assert.ok(await page.getByTestId('create-submit').isDisabled(), 'create is disabled');
  await app.open('clusters/alpha/connectors/file-source/edit');
  await page.getByTestId('connector-form').waitFor({ timeout: 30_000 });
  const input = page.locator('[data-key="tasks.max"] [data-testid="field-input"]');
  await input.fill('2');
  await page.getByTestId('review-changes').click();
  await page.getByTestId('review').waitFor();
  assert.ok(await page.getByTestId('form-read-only').isVisible(), 'the review says read-only');
  assert.ok(await page.getByTestId('confirm-save').isDisabled(), 'save is disabled');
}, { timeout: 150_000 });
