// UI-list journeys against the real stack through nginx under /console/: the overview's
// cluster cards (failing first), the connectors list (needs-attention view, filters and sort
// in the URL, the basic-auth cluster through the proxy, bulk pause/resume with per-item
// results), an unreachable cluster next to working ones, workers, settings add/test/remove,
// and light/dark screenshots with axe of every UI-list screen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { e2e } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { checkA11y } from './lib/axe.mjs';
import { screenshot } from './lib/screens.mjs';
import { ListScreens, ConnectRest, eventually } from './pages/list.mjs';

const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

e2e('list: overview shows the alpha and beta cards with counts, failing first', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open();
  const alpha = app.card('alpha');
  const beta = app.card('beta');
  await alpha.waitFor();
  await eventually(async () => /\d+ connectors/.test(await alpha.getByTestId('cluster-total').textContent())
    && (await alpha.getByTestId('cluster-total').textContent()) !== '0 connectors', { what: 'alpha counts' });
  assert.equal(await alpha.getByTestId('cluster-reachability').getAttribute('data-reach'), 'ok');
  assert.match(await alpha.getByTestId('cluster-version').textContent(), /^4\.3\.1/);
  // Failing first: the first count is "failed" (failing-connector), then degraded/others.
  const states = await alpha.getByTestId('cluster-count').evaluateAll((els) => els.map((e) => e.dataset.state));
  assert.equal(states[0], 'failed', `failing first, got ${states}`);
  assert.ok(states.includes('paused') && states.includes('stopped') && states.includes('running'), `${states}`);
  await eventually(async () => /[1-9]\d* connectors/.test(await beta.getByTestId('cluster-total').textContent()), { what: 'beta counts' });
  assert.ok(Number(await app.rollup.getByTestId('rollup-attention').textContent()) >= 2, 'roll-up counts the failures');
  // A count opens the list filtered by cluster and state, through the URL.
  await alpha.locator('[data-testid="cluster-count"][data-state="failed"] a').click();
  await app.list.waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/console/connectors');
  assert.equal(url.searchParams.get('cluster'), 'alpha');
  assert.equal(url.searchParams.get('state'), 'failed');
  await app.row('alpha', 'failing-connector').waitFor();
});

e2e('list: the needs-attention view lists failing-task-sink and failing-connector first', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open('connectors', { query: '?cluster=alpha' });
  await app.row('alpha', 'file-source').waitFor();
  await page.getByTestId('view-attention').click();
  assert.equal(new URL(page.url()).searchParams.get('view'), 'attention');
  await eventually(async () => {
    const names = await app.rowNames();
    return new Set(names.slice(0, 2)).size === 2
      && names.slice(0, 2).every((n) => ['failing-task-sink', 'failing-connector'].includes(n));
  }, { what: 'failing connectors on top' });
  // The degraded/failed roll-up is on the badge, never "Running".
  const badge = app.row('alpha', 'failing-task-sink').getByTestId('state-badge');
  assert.notEqual(await badge.getAttribute('data-state'), 'running');
  // Tooltips are set while the pointer is on the row.
  await badge.hover();
  await eventually(async () => /FAILED|failed/.test((await badge.getAttribute('title')) || ''), { what: 'the badge tooltip names the failure' });
  // Rows are real links to the detail route (open in a new tab works).
  const href = await app.row('alpha', 'failing-task-sink').getByTestId('connector-link').getAttribute('href');
  assert.equal(href, '/console/clusters/alpha/connectors/failing-task-sink');
});

e2e('list: filter and sort live in the URL and survive a reload', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open('connectors');
  await app.row('alpha', 'file-source').waitFor();
  await app.clusterChip('alpha').click();
  await app.stateChip('running').click();
  await app.sortButton('name').click(); // name is the default ascending sort: this flips it
  await eventually(async () => new URL(page.url()).searchParams.get('dir') === 'desc', { what: 'dir=desc in the URL' });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('cluster'), 'alpha');
  assert.equal(url.searchParams.get('state'), 'running');
  const before = await app.rowNames();
  assert.ok(before.length >= 2, `${before}`);
  assert.deepEqual([...before].sort().reverse(), before, 'sorted by name, descending');
  await page.reload();
  await app.ready();
  await app.row('alpha', before[0]).waitFor();
  assert.deepEqual(await app.rowNames(), before, 'same rows in the same order after reload');
  assert.equal(await page.locator('th.col-name').getAttribute('aria-sort'), 'descending');
  assert.equal(await app.stateChip('running').getAttribute('aria-pressed'), 'true');
  assert.ok(!before.includes('paused-source'));
  // Search narrows further and is written to the URL too.
  await app.search.fill('file');
  await eventually(async () => new URL(page.url()).searchParams.get('q') === 'file', { what: 'q in the URL' });
  await eventually(async () => (await app.rowNames()).every((n) => n.includes('file')), { what: 'search applied' });
});

e2e('list: the basic-auth cluster beta, through the proxy, lists its connectors', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open('connectors', { query: '?cluster=beta' });
  await app.row('beta', 'beta-source').waitFor();
  await app.row('beta', 'beta-paused').waitFor();
  assert.equal(await app.row('beta', 'beta-paused').getByTestId('state-badge').getAttribute('data-state'), 'paused');
});

e2e('list: bulk pause of three connectors with per-item results, then resume', async ({ page }) => {
  const rest = new ConnectRest(env.alphaUrl);
  const names = [1, 2, 3].map((i) => `e2e-bulk-${SUFFIX}-${i}`);
  try {
    for (const name of names) {
      await rest.create(name, {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        file: '/dev/null', topic: `cc-e2e-bulk-${SUFFIX}`, 'tasks.max': '1',
      });
    }
    const app = new ListScreens(page);
    await app.open('connectors', { query: `?cluster=alpha&q=${encodeURIComponent(`e2e-bulk-${SUFFIX}`)}` });
    await eventually(async () => (await app.rowNames()).length === 3, { what: 'three new connectors listed' });
    await eventually(async () => {
      for (const n of names) {
        if (await app.row('alpha', n).getByTestId('state-badge').getAttribute('data-state') !== 'running') return false;
      }
      return true;
    }, { what: 'three running', timeout: 30000 });
    await app.selectAll.check();
    assert.match(await page.getByTestId('bulk-count').textContent(), /^3 selected$/);
    // A narrower search hides two of them: still selected, and the bar says so.
    await app.search.fill(names[0]);
    await eventually(async () => (await app.rowNames()).length === 1, { what: 'one row shown' });
    await eventually(async () => /^3 selected \(2 not shown by the filters\)$/.test(await page.getByTestId('bulk-count').textContent()),
      { what: 'the hidden selection counted' });
    await app.search.fill(`e2e-bulk-${SUFFIX}`);
    await eventually(async () => (await app.rowNames()).length === 3, { what: 'three rows again' });
    assert.match(await page.getByTestId('bulk-count').textContent(), /^3 selected$/);
    await page.getByTestId('bulk-pause').click();
    await app.bulkConfirm.waitFor({ state: 'visible' });
    assert.match(await app.bulkConfirm.getByTestId('confirm-ok').getAttribute('class'), /cc-btn-primary/, 'pause is not a red button');
    const listed = await app.bulkConfirm.locator('[data-testid="confirm-items"] li').allTextContents();
    assert.deepEqual(listed.sort(), names.map((n) => `alpha / ${n}`).sort(), 'the dialog names every connector');
    await app.bulkConfirm.getByTestId('confirm-ok').click();
    await eventually(async () => (await app.bulkResults.getAttribute('data-done')) === 'true', { what: 'bulk pause done' });
    assert.match(await app.bulkHeadline.textContent(), /Pause: 3 done, 0 failed/);
    const statuses = await app.bulkItems.evaluateAll((els) => els.map((e) => [e.dataset.name, e.dataset.status]));
    assert.deepEqual(statuses.map(([, s]) => s), ['ok', 'ok', 'ok']);
    assert.deepEqual(statuses.map(([n]) => n).sort(), [...names].sort());
    for (const n of names) {
      await eventually(async () => (await rest.status(n)).body.connector.state === 'PAUSED', { what: `${n} PAUSED on the worker` });
      await eventually(async () => (await app.row('alpha', n).getByTestId('state-badge').getAttribute('data-state')) === 'paused',
        { what: `${n} paused in the list` });
    }
    // Resume them the same way.
    await page.getByTestId('bulk-dismiss').click();
    await app.selectAll.check();
    await page.getByTestId('bulk-resume').click();
    await app.bulkConfirm.getByTestId('confirm-ok').click();
    await eventually(async () => (await app.bulkResults.getAttribute('data-done')) === 'true', { what: 'bulk resume done' });
    assert.match(await app.bulkHeadline.textContent(), /Resume: 3 done, 0 failed/);
    for (const n of names) {
      await eventually(async () => (await rest.status(n)).body.connector.state === 'RUNNING', { what: `${n} RUNNING again` });
    }
  } finally {
    for (const n of names) await rest.remove(n).catch(() => {});
  }
});

e2e('list: a bulk delete counts a connector deleted meanwhile elsewhere as done (the worker says it is gone)', async ({ page, session }) => {
  session.allow(/404/); // the worker's answer to the first delete, which the browser logs
  const rest = new ConnectRest(env.alphaUrl);
  const names = [1, 2].map((i) => `e2e-gone-${SUFFIX}-${i}`);
  try {
    for (const name of names) {
      await rest.create(name, {
        'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
        file: '/dev/null', topic: `cc-e2e-gone-${SUFFIX}`, 'tasks.max': '1',
      });
    }
    const app = new ListScreens(page);
    await app.open('connectors', { query: `?cluster=alpha&q=${encodeURIComponent(`e2e-gone-${SUFFIX}`)}` });
    await eventually(async () => (await app.rowNames()).length === 2, { what: 'two new connectors listed' });
    await app.selectAll.check();
    await page.getByTestId('bulk-delete').click();
    await app.bulkConfirm.waitFor({ state: 'visible' });
    // Someone else deletes the first one while the dialog is open.
    await rest.remove(names[0]);
    await app.bulkConfirm.getByTestId('confirm-ok').click();
    await eventually(async () => (await app.bulkResults.getAttribute('data-done')) === 'true', { what: 'bulk delete done' });
    assert.match(await app.bulkHeadline.textContent(), /Delete: 2 done, 0 failed/);
    // Each item says what happened: the first was already gone.
    const item = (name) => app.bulkResults.locator(`[data-testid="bulk-item"][data-name="${name}"]`);
    assert.match(await item(names[0]).textContent(), /Done — It was already gone \(404\)/);
    assert.doesNotMatch(await item(names[1]).textContent(), /already gone/);
    await eventually(async () => (await app.rowNames()).length === 0, { what: 'both rows gone' });
    // The worker drops the status a moment after it answers the DELETE.
    await eventually(async () => (await rest.status(names[1])).status === 404, { what: 'the second was deleted by the console' });
  } finally {
    for (const n of names) await rest.remove(n).catch(() => {});
  }
});

e2e('list: bulk delete of more than three asks to type the count', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open('connectors', { query: '?cluster=alpha' });
  await app.row('alpha', 'file-source').waitFor();
  await app.selectAll.check();
  await page.getByTestId('bulk-delete').click();
  await app.bulkConfirm.waitFor({ state: 'visible' });
  const n = await app.bulkConfirm.locator('[data-testid="confirm-items"] li').count();
  assert.ok(n > 3);
  assert.equal(await app.bulkConfirm.getByTestId('confirm-ok').isDisabled(), true, 'locked until the count is typed');
  // The dialog is shared by every bulk action: its button turns red for a delete.
  assert.match(await app.bulkConfirm.getByTestId('confirm-ok').getAttribute('class'), /cc-btn-danger/, 'delete is a red button');
  await app.bulkConfirm.getByTestId('confirm-typing').fill(String(n - 1));
  assert.equal(await app.bulkConfirm.getByTestId('confirm-ok').isDisabled(), true);
  await app.bulkConfirm.getByTestId('confirm-cancel').click();
  await app.bulkConfirm.waitFor({ state: 'hidden' });
  assert.equal(await app.bulkResults.count(), 0, 'nothing was run');
  // A restart on alpha (Kafka Connect 4.x) offers its options; the same dialog, not red.
  await page.getByTestId('bulk-restart').click();
  await app.bulkConfirm.waitFor({ state: 'visible' });
  assert.match(await app.bulkConfirm.getByTestId('confirm-ok').getAttribute('class'), /cc-btn-primary/);
  assert.equal(await app.bulkConfirm.getByTestId('restart-include-tasks').count(), 1);
  assert.equal(await app.bulkConfirm.getByTestId('restart-only-failed').isDisabled(), false, 'onlyFailed alone is allowed');
  assert.equal(await app.bulkConfirm.getByTestId('restart-no-options').count(), 0);
  await app.bulkConfirm.getByTestId('confirm-cancel').click();
  await app.bulkConfirm.waitFor({ state: 'hidden' });
  assert.equal(await app.bulkResults.count(), 0, 'nothing was run');
});

e2e('list: an unreachable cluster is shown as such while the others keep working', async ({ page, session }) => {
  // The strict CSP only allows the app origin and alpha: a cluster on a closed port is also
  // refused by the CSP, and Chromium logs the refused fetch. Both are what this test checks.
  session.allow(/127\.0\.0\.1:9|Content Security Policy|Failed to fetch|ERR_CONNECTION_REFUSED/);
  session.expectCsp(/127\.0\.0\.1:9/);
  const app = new ListScreens(page);
  await app.open('settings');
  await page.getByTestId('cluster-add').click();
  await app.clusterForm.getByTestId('cluster-name').fill('nowhere');
  await app.clusterForm.getByTestId('cluster-url').fill('http://127.0.0.1:9');
  await app.clusterForm.getByTestId('cluster-save').click();
  await app.clusterRow('nowhere').waitFor();
  await page.getByTestId('nav-overview').click();
  const card = app.card('nowhere');
  await card.waitFor();
  await eventually(async () => (await card.getByTestId('cluster-reachability').getAttribute('data-reach')) === 'bad',
    { what: 'nowhere unreachable' });
  // The browser never sent the request (the CSP refused it): the card says so, rather than
  // "down or CORS".
  await eventually(async () => /Content-Security-Policy does not allow requests to http:\/\/127\.0\.0\.1:9/.test(await card.getByTestId('cluster-error').textContent()),
    { what: 'the card names the CSP' });
  await eventually(async () => (await app.card('alpha').getByTestId('cluster-reachability').getAttribute('data-reach')) === 'ok',
    { what: 'alpha still reachable' });
  await page.getByTestId('nav-connectors').click();
  await app.row('alpha', 'file-source').waitFor();
  await app.row('beta', 'beta-source').waitFor();
});

e2e('list: workers show which connectors and tasks run where', async ({ page }) => {
  const app = new ListScreens(page);
  await app.open('workers');
  const alpha = app.workerCluster('alpha');
  await eventually(async () => (await alpha.getByTestId('worker').count()) === 2, { what: 'two alpha workers' });
  const links = await alpha.getByTestId('worker-connector').allTextContents();
  assert.ok(links.includes('file-source') && links.includes('rich-source'), `${links}`);
  const tasks = await alpha.getByTestId('worker-task').allTextContents();
  assert.ok(tasks.some((t) => t.includes('rich-source #1')), `${tasks}`);
  const href = await alpha.getByTestId('worker-connector').filter({ hasText: 'file-source' }).first().getAttribute('href');
  assert.equal(href, '/console/clusters/alpha/connectors/file-source');
  // A task opens its connector's status (state, worker, trace), not the task configs tab.
  const task = alpha.getByTestId('worker-task').filter({ hasText: 'rich-source #1' }).first();
  assert.equal(await task.locator('a').getAttribute('href'), '/console/clusters/alpha/connectors/rich-source');
  await task.locator('a').click();
  await page.getByTestId('panel-status').waitFor({ timeout: 20_000 });
  await page.getByTestId('task-table').waitFor({ timeout: 20_000 });
});

e2e('list: settings add, test and remove a cluster; config.json clusters are marked', async ({ page, session }) => {
  // The failing test below asks a path nginx answers 404 on; Chromium logs that response.
  session.allow(/status of 404 \(Not Found\)/);
  const app = new ListScreens(page);
  await app.open('settings');
  await app.clusterRow('alpha').waitFor();
  assert.equal(await app.clusterRow('alpha').getByTestId('cluster-origin').textContent(), 'config.json');
  assert.equal(await app.clusterRow('alpha').getByTestId('cluster-remove').count(), 0, 'deployer clusters cannot be removed');
  await page.getByTestId('cluster-add').click();
  const form = app.clusterForm;
  await form.getByTestId('cluster-name').fill('E2E proxy alpha');
  await form.getByTestId('cluster-url').fill('/connect/alpha');
  await form.getByTestId('cluster-test').click();
  await form.getByTestId('cluster-test-ok').waitFor();
  assert.match(await form.getByTestId('cluster-test-ok').textContent(), /Connected.*4\.3\.1/);
  // A path nothing answers on: the test shows the error (with its hint when there is one).
  await form.getByTestId('cluster-url').fill('/connect/nowhere-at-all');
  await form.getByTestId('cluster-test').click();
  await form.getByTestId('cluster-test-error').waitFor();
  // alpha already reaches the cluster this way: a second entry for it is refused, and says
  // which one to edit instead; so is a name another cluster has.
  await form.getByTestId('cluster-url').fill('/connect/alpha');
  await form.getByTestId('cluster-save').click();
  await eventually(async () => /“alpha” already reaches this cluster/.test(await form.textContent()), { what: 'the clash' });
  await form.getByTestId('cluster-name').fill('ALPHA');
  await form.getByTestId('cluster-url').fill('/connect/nowhere-at-all');
  await form.getByTestId('cluster-save').click();
  await eventually(async () => /Another cluster is already named “alpha”/.test(await form.textContent()), { what: 'the name clash' });
  await form.getByTestId('cluster-name').fill('E2E proxy alpha');
  await form.getByTestId('cluster-save').click();
  const row = app.clusterRow('e2e-proxy-alpha');
  await row.waitFor();
  assert.equal(await row.getByTestId('cluster-origin').textContent(), 'this browser');
  await row.getByTestId('cluster-remove').click();
  const confirm = page.getByTestId('cluster-remove-confirm');
  await confirm.waitFor({ state: 'visible' });
  assert.match(await confirm.textContent(), /E2E proxy alpha/);
  await confirm.getByTestId('confirm-ok').click();
  await row.waitFor({ state: 'detached' });
});

const SCREENS = [
  { screen: 'list-overview', path: '', ready: (app) => app.card('alpha').getByTestId('cluster-count').first() },
  { screen: 'list-connectors', path: 'connectors', ready: (app) => app.row('alpha', 'file-source') },
  { screen: 'list-workers', path: 'workers', ready: (app) => app.workerCluster('alpha').getByTestId('worker').first() },
  { screen: 'list-settings', path: 'settings', ready: (app) => app.clusterRow('alpha') },
];

for (const { screen, path, ready } of SCREENS) {
  e2e(`list: ${screen} screenshots and axe in light and dark`, async ({ page }) => {
    const app = new ListScreens(page);
    await page.setViewportSize({ width: 1400, height: 900 });
    await app.open(path);
    await ready(app).waitFor();
    for (const theme of ['light', 'dark']) {
      await app.setTheme(theme);
      const file = await screenshot(page, screen, theme);
      assert.ok(fs.statSync(file).size > 1000, `${file} was written`);
      await checkA11y(page, `${screen} (${theme})`);
    }
  });
}
