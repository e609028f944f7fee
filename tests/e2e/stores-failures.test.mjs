// New failures on the real stack (issue 5's events): a connector whose task fails after the
// first listing raises a toast naming it and counts in the document title; a second failure
// seconds later counts in the title at once but waits for the toast window (one message per
// 10 s in a storm), then is raised by itself. The failing connectors are FileStreamSink tasks
// told to write where no file can be created.
import assert from 'node:assert/strict';
import { e2e, eventually } from './lib/harness.mjs';
import { env } from './lib/env.mjs';
import { AppShell, withConfig } from './pages/app.mjs';
import { ConnectRest } from './pages/list.mjs';

const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const ALPHA = { id: 'alpha', name: 'alpha', flavor: 'apache', url: '/connect/alpha' };
/** The store's toast window (state::events::FAILURE_TOAST_INTERVAL_MS). */
const WINDOW_MS = 10_000;

const failingSink = (name) => ({
  'connector.class': 'org.apache.kafka.connect.file.FileStreamSinkConnector',
  'tasks.max': '1',
  topics: 'cc-file-lines',
  file: `/proc/cc-e2e-${name}/out.txt`,
});

const toastTitles = (page) => page.locator('.thaw-toast-title').allTextContents();
const unseen = async (page) => Number(((await page.title()).match(/^\((\d+)\) /) || [0, 0])[1]);

e2e('failures: the first raises a toast and counts in the title; the next waits for the toast window', async ({ page }) => {
  await withConfig(page, [ALPHA], { pollIntervalMs: 1000 });
  const rest = new ConnectRest(env.alphaUrl);
  const [a, b] = ['a', 'b'].map((x) => `e2e-fail-${SUFFIX}-${x}`);
  try {
    const app = new AppShell(page);
    await app.open('');
    await page.locator('[data-testid="cluster-card"][data-cluster="alpha"] [data-testid="cluster-reachability"][data-reach="ok"]')
      .waitFor({ timeout: 15_000 });
    // The first listing is the baseline: the seeded failures raise nothing.
    await page.waitForTimeout(1500);
    assert.equal(await unseen(page), 0, `title ${await page.title()}`);
    assert.deepEqual(await toastTitles(page), []);

    await rest.create(a, failingSink(a));
    await eventually(async () => (await toastTitles(page)).includes(`Task 0 of ${a} failed`),
      { timeout: 30_000, what: `a toast for ${a}` });
    const firstToastAt = Date.now();
    await eventually(async () => (await unseen(page)) === 1, { what: 'the title counts one failure' });

    await rest.create(b, failingSink(b));
    await eventually(async () => (await unseen(page)) === 2, { timeout: 30_000, what: 'the title counts the second failure' });
    const countedAt = Date.now();
    if (countedAt - firstToastAt < WINDOW_MS - 1500) {
      // Inside the window: counted, but no toast of its own yet.
      assert.ok(!(await toastTitles(page)).some((t) => t.includes(b)), `no toast for ${b} inside the window`);
    }
    // When the window ends, the held failure is raised by itself.
    await eventually(async () => (await toastTitles(page)).includes(`Task 0 of ${b} failed`),
      { timeout: WINDOW_MS + 5_000, what: `the held toast for ${b}` });
    assert.ok(Date.now() - firstToastAt >= WINDOW_MS - 1000,
      `held until the window ended: raised ${Date.now() - firstToastAt} ms after the first`);
  } finally {
    await rest.remove(a).catch(() => {});
    await rest.remove(b).catch(() => {});
  }
});
