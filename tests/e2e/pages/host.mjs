// Page object for the example host pages in tests/deploy/embed (served at /embed/).
import { env } from '../lib/env.mjs';

export const HOST_ELEMENTS = ['body', 'h1', '#host-link', '.host-button', '.host-text', '.host-slot', 'html'];
const PROPS = ['margin', 'padding', 'font-family', 'font-size', 'line-height', 'color', 'background-color',
  'border', 'box-sizing', 'text-decoration', 'display', 'outline', 'color-scheme'];

export class HostPage {
  constructor(page) { this.page = page; }

  async open(name, query = '') {
    return this.page.goto(new URL(`/embed/${name}${query}`, env.origin).href, { waitUntil: 'load' });
  }

  /** Computed styles of the host's own elements, to compare before and after mounting. */
  async hostStyles() {
    return this.page.evaluate(({ selectors, props }) => Object.fromEntries(selectors.map((sel) => {
      const cs = getComputedStyle(document.querySelector(sel));
      return [sel, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
    })), { selectors: HOST_ELEMENTS, props: PROPS });
  }

  get slot() { return this.page.locator('#connect-console'); }
}
