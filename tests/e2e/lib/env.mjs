// What .ci/e2e.sh tells the suite: where nginx serves the app, the stack's URLs, the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function need(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite through .ci/e2e.sh (make test-e2e)`);
  }
  return value;
}

export const E2E_DIR = path.resolve(here, '..');
export const REPO = process.env.E2E_REPO || path.resolve(E2E_DIR, '..', '..');
export const RESULTS = path.join(E2E_DIR, 'results');
export const env = {
  /** http://127.0.0.1:18480 */
  get origin() { return need('E2E_ORIGIN'); },
  /** /console/ */
  get base() { return need('E2E_BASE'); },
  /** http://127.0.0.1:18480/console/ */
  get appUrl() { return new URL(this.base, this.origin).href; },
  /** the built bundle nginx serves */
  get dist() { return need('E2E_DIST'); },
  /** nginx's run directory (rendered config, access.log) */
  get nginxRun() { return need('E2E_NGINX_RUN'); },
  get alphaUrl() { return need('ALPHA_URL'); },
  get alphaUrl2() { return need('ALPHA_URL_2'); },
  get betaUrl() { return need('BETA_URL'); },
  get betaUser() { return need('BETA_USER'); },
  get betaPassword() { return need('BETA_PASSWORD'); },
};
