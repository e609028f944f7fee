// Page object for the connector form pages (/new and /clusters/:c/connectors/:n/edit), plus
// small REST helpers for setting up and checking connectors on the real stack.
import { env } from '../lib/env.mjs';
import { eventually } from '../lib/harness.mjs';

/** The DOM id the form gives a field (src/form/model.rs `anchor_id`). */
export function anchorId(key) {
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_');
  let h = 0x811c9dc5;
  for (const b of Buffer.from(key, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `field-${safe}-${h.toString(16).padStart(8, '0')}`;
}

export class FormPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) { this.page = page; }

  get createPage() { return this.page.getByTestId('create-page'); }
  get editPage() { return this.page.getByTestId('edit-page'); }
  get form() { return this.page.getByTestId('connector-form'); }
  get summary() { return this.page.getByTestId('validation-summary'); }
  get status() { return this.page.getByTestId('validate-status'); }
  get name() { return this.page.getByTestId('connector-name'); }
  get create() { return this.page.getByTestId('create-submit'); }
  get saveError() { return this.page.getByTestId('save-error'); }
  get draftRestored() { return this.page.getByTestId('draft-restored'); }
  get review() { return this.page.getByTestId('review'); }

  /** The input (or list container) of a config key. */
  input(key) { return this.page.locator(`#${anchorId(key)}`); }
  /** The whole row of a config key (label, input, help, errors). */
  row(key) { return this.page.locator(`#${anchorId(key)}-row`); }
  errorsOf(key) { return this.row(key).getByTestId('field-errors'); }

  /** Waits until the cluster's validate answer has been applied and no validate is running. */
  async settled() {
    await this.form.waitFor();
    await this.page.getByTestId('form-waiting').waitFor({ state: 'detached', timeout: 20_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="validating"]'), null, { timeout: 20_000 });
  }

  /**
   * Makes a field reachable. A MEDIUM/LOW field is built only once its section's "Advanced"
   * disclosure has been opened, so when the field is not in the page the closed disclosures
   * are opened, as a user would; then its own disclosure, if still closed.
   */
  async reveal(key) {
    if (!(await this.row(key).count())) {
      await this.page.evaluate(() => {
        for (const s of document.querySelectorAll('details.cf-advanced:not([open]):not([hidden]) > summary')) s.click();
      });
    }
    await this.row(key).waitFor({ state: 'attached', timeout: 10_000 });
    await this.row(key).evaluate((el) => {
      const d = el.closest('details');
      if (d && !d.open) d.querySelector('summary').click();
    });
  }

  /** Types into a text-like field and waits for the debounced re-validation to finish. */
  async fill(key, value) {
    await this.reveal(key);
    await this.input(key).fill(value);
    await this.page.waitForTimeout(400);
    await this.settled();
  }
}

// ---- REST, straight to the stack's alpha worker (setup, checks, cleanup) ------------------

/** The stack's test plugin with every ConfigDef type (tests/stack/plugins). */
export const RICH = 'io.connectconsole.test.RichSourceConnector';

/**
 * A config of the rich test plugin as an operator would have it: a secret, a transform the
 * form does not know, a producer override and a config-provider reference, plus `extra`.
 */
export function richConfig(name, extra = {}) {
  return {
    'connector.class': RICH,
    name,
    'tasks.max': '1',
    'rich.endpoint.url': 'https://api.example.com/v2',
    'rich.topic': `${name}-events`,
    'rich.auth.mode': 'basic',
    'rich.username': 'reader',
    'rich.password': 's3cret-e2e-value',
    'rich.interval.ms': '5000',
    transforms: 'mask',
    'transforms.mask.type': 'org.apache.kafka.connect.transforms.MaskField$Value',
    'transforms.mask.fields': 'ssn',
    'producer.override.linger.ms': '5',
    'rich.notes': '${file:/etc/connect/secrets.properties:notes}',
    ...extra,
  };
}

/** Creates (or replaces) `name` on alpha with {@link richConfig}; returns the config sent. */
export async function createRich(name, extra) {
  const config = richConfig(name, extra);
  const r = await rest('PUT', `/connectors/${name}/config`, config);
  if (r.status !== 201 && r.status !== 200) throw new Error(`created ${name}: ${r.status} ${JSON.stringify(r.json)}`);
  return config;
}

export async function rest(method, path, body) {
  const res = await fetch(new URL(path, env.alphaUrl), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  return { status: res.status, json };
}

/**
 * The connector's config as the alpha worker answers it, once it answers 200 and `ready(config)`
 * holds. The console's save went through the cluster's leader, which may be the other worker:
 * this one answers 404 (or the old config) until it has read the config topic. Fails with the
 * last answer after `timeoutMs`.
 */
export async function workerConfig(name, ready = () => true, timeoutMs = 15_000) {
  let last;
  return eventually(async () => {
    last = await rest('GET', `/connectors/${encodeURIComponent(name)}/config`);
    return last.status === 200 && ready(last.json) && last.json;
  }, { timeout: timeoutMs, interval: 200, what: `GET /connectors/${name}/config to answer 200 with the saved config` })
    .catch((e) => { throw new Error(`${e.message}; last answer: ${last?.status} ${JSON.stringify(last?.json)}`); });
}

export async function deleteConnector(name) {
  await rest('DELETE', `/connectors/${encodeURIComponent(name)}`).catch(() => {});
}

/** A unique connector name for this run. */
export function uniqueName(what) {
  return `ccui-form-${what}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Request bodies the page sent (validate PUTs, create POSTs, config PUTs). */
export function bodies(session, re = /./) {
  return session.requests
    .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && re.test(r.url))
    .map((r) => ({ method: r.method, url: r.url, body: r.request.postData() || '' }));
}
