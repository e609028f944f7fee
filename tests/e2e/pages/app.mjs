// Page object for the app shell. Selectors are data-testid attributes (or ARIA roles for
// landmarks); add one per screen as screens land (pages/<screen>.mjs).
import { env } from '../lib/env.mjs';
import { eventually } from '../lib/harness.mjs';

/** Serves the app a config.json with `clusters` (instead of the stack's three), polling every
 *  `pollIntervalMs`. */
export async function withConfig(page, clusters, { pollIntervalMs = 1000 } = {}) {
  await page.route(/\/config\.json(\?.*)?$/, (route) => route.fulfill({
    status: 200,
    contentType: 'application/json',
    headers: { 'cache-control': 'no-store' },
    body: JSON.stringify({ clusters, pollIntervalMs, readOnly: false, theme: 'light' }),
  }));
}

/** Serves a fixture server (a flavor no real server of can run here) at the same-origin `path`:
 *  the page's requests there are forwarded to `target`, so the page's CSP and requests are
 *  those of a proxied deployment. Returns the cluster URL to configure. */
export async function forwardToFixture(page, path, target) {
  await page.route((url) => url.pathname.startsWith(`${path}/`) || url.pathname === path, async (route) => {
    const from = new URL(route.request().url());
    try {
      const response = await route.fetch({ url: target + from.pathname.slice(path.length) + from.search });
      await route.fulfill({ response });
    } catch (e) {
      // A poll still out when the test closed its page: nothing left to answer.
      if (!page.isClosed()) throw e;
    }
  });
  return new URL(path, env.origin).href;
}

/** Waits until the connector page shows state `want` (lower case, e.g. 'paused'). */
export async function waitConnectorState(page, want, timeout = 20_000) {
  const state = page.getByTestId('connector-state');
  await eventually(async () => (await state.getAttribute('data-state').catch(() => null)) === want,
    { timeout, interval: 200, what: `state ${want}` });
}

/** Settings → Add a cluster, fills `fields` (name, flavor label, url, environment, cluster)
 *  and runs Test connection; returns the form once its result shows. */
export async function testNewCluster(page, { name, flavor, url, environment, cluster }) {
  const app = new AppShell(page);
  await app.open('settings');
  await page.getByTestId('cluster-add').click();
  const form = page.getByTestId('cluster-form');
  await form.getByTestId('cluster-name').fill(name);
  await form.getByTestId('cluster-flavor').selectOption({ label: flavor });
  await form.getByTestId('cluster-url').fill(url);
  if (environment !== undefined) await form.getByTestId('cluster-environment').fill(environment);
  if (cluster !== undefined) await form.getByTestId('cluster-cluster').fill(cluster);
  await form.getByTestId('cluster-test').click();
  await form.getByTestId('cluster-test-result').locator('[data-testid="cluster-test-ok"], [data-testid="cluster-test-error"]')
    .first().waitFor({ timeout: 10_000 });
  return form;
}

export class AppShell {
  /** @param {import('playwright-core').Page | import('playwright-core').FrameLocator} page */
  constructor(page, { base = env.base, origin = env.origin } = {}) {
    this.page = page;
    this.base = base;
    this.origin = origin;
  }

  /** Opens `path` (relative to the app base, e.g. "clusters/alpha") cold and waits for the app. */
  async open(path = '', { query = '' } = {}) {
    const url = new URL(this.base + path.replace(/^\//, '') + query, this.origin).href;
    const response = await this.page.goto(url, { waitUntil: 'load' });
    await this.ready();
    return response;
  }

  /** Resolves once the app has mounted (the themed root exists and a page rendered). */
  async ready() {
    await this.root.waitFor({ state: 'attached' });
    await this.page.locator('main [data-testid]').first().waitFor();
  }

  get root() { return this.page.locator('.app-root'); }
  get nav() { return this.page.getByRole('navigation', { name: 'Main' }); }
  get overview() { return this.page.getByTestId('overview'); }
  get notFound() { return this.page.getByTestId('not-found'); }
  get themeSwitch() { return this.page.getByTestId('theme-switch'); }
  get buildInfo() { return this.page.getByTestId('build-info'); }
  get buildVersion() { return this.page.getByTestId('build-version'); }
  get buildCommit() { return this.page.getByTestId('build-commit'); }

  /** "light" or "dark", as rendered on the app root. */
  async theme() { return this.root.getAttribute('data-theme'); }

  /** Clicks the theme switch until the app renders `wanted` (it cycles system, light, dark). */
  async setTheme(wanted) {
    for (let i = 0; i < 3; i += 1) {
      const label = (await this.themeSwitch.textContent()).trim();
      if (label === `Theme: ${wanted}`) return;
      await this.themeSwitch.click();
    }
    throw new Error(`the theme switch never reached "${wanted}"`);
  }
}
