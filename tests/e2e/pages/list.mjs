// Page objects for the UI-list screens: overview, connectors list (with bulk actions),
// workers and settings. Selectors are data-testid attributes.
import { AppShell } from './app.mjs';

export class ListScreens extends AppShell {
  // Overview
  card(cluster) { return this.page.locator(`[data-testid="cluster-card"][data-cluster="${cluster}"]`); }
  get rollup() { return this.page.getByTestId('overview-rollup'); }

  // Connectors list
  get list() { return this.page.getByTestId('connectors-page'); }
  get table() { return this.page.getByTestId('connectors-table'); }
  get rows() { return this.page.getByTestId('connector-row'); }
  row(cluster, name) {
    return this.page.locator(`[data-testid="connector-row"][data-cluster="${cluster}"][data-name="${name}"]`);
  }
  get search() { return this.page.getByTestId('list-search'); }
  get selectAll() { return this.page.getByTestId('select-all'); }
  get bulkBar() { return this.page.getByTestId('bulk-bar'); }
  get bulkConfirm() { return this.page.getByTestId('bulk-confirm'); }
  get bulkResults() { return this.page.getByTestId('bulk-results'); }
  get bulkHeadline() { return this.page.getByTestId('bulk-headline'); }
  get bulkItems() { return this.page.getByTestId('bulk-item'); }
  stateChip(state) { return this.page.locator(`[data-testid="filter-state"][data-state="${state}"]`); }
  clusterChip(cluster) { return this.page.locator(`[data-testid="filter-cluster"][data-cluster="${cluster}"]`); }
  sortButton(column) { return this.page.getByTestId(`sort-${column}`); }

  /** Names of the rendered rows, top to bottom (only the rendered window). */
  async rowNames() {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
  }

  // Workers
  get workers() { return this.page.getByTestId('workers-page'); }
  workerCluster(cluster) { return this.page.locator(`[data-testid="worker-cluster"][data-cluster="${cluster}"]`); }

  // Settings
  get settings() { return this.page.getByTestId('settings-page'); }
  clusterRow(cluster) { return this.page.locator(`[data-testid="cluster-row"][data-cluster="${cluster}"]`); }
  get clusterForm() { return this.page.getByTestId('cluster-form'); }
}

/** A small Connect REST client for setting up and cleaning up journeys on the stack. */
export class ConnectRest {
  constructor(baseUrl, auth) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (auth) this.headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  }

  async call(method, path, body) {
    const res = await fetch(this.baseUrl + path, { method, headers: this.headers, body: body && JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok && res.status !== 404) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  create(name, config) { return this.call('PUT', `/connectors/${encodeURIComponent(name)}/config`, config); }
  status(name) { return this.call('GET', `/connectors/${encodeURIComponent(name)}/status`); }
  remove(name) { return this.call('DELETE', `/connectors/${encodeURIComponent(name)}`); }
  resume(name) { return this.call('PUT', `/connectors/${encodeURIComponent(name)}/resume`); }
}

/** Retries `fn` until it stops throwing (or returns truthy), for up to `timeout` ms. */
export async function eventually(fn, { timeout = 20000, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v !== false) return v;
      last = new Error(`${what} was false`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${last?.message || last}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
