// Accessibility: axe-core in the page, zero serious or critical violations.
//
// The app's CSP (script-src 'self') forbids an injected <script> (page.addScriptTag) and eval.
// So axe's source is run through the DevTools protocol (Runtime.evaluate over a CDP session):
// DevTools evaluation is not subject to the page's CSP, the page keeps its real policy and
// the watchdog still sees any violation. No bypassCSP context is needed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on `selector` (default the whole document) and fails on serious or critical issues. */
export async function checkA11y(page, label, { selector = 'html', disable = [] } = {}) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const injected = await cdp.send('Runtime.evaluate', { expression: `${AXE_SOURCE};typeof window.axe` });
    assert.equal(injected.result.value, 'object', 'axe-core was injected');
  } finally {
    await cdp.detach();
  }
  const result = await page.evaluate(async ({ selector, disable }) => {
    const rules = Object.fromEntries(disable.map((id) => [id, { enabled: false }]));
    const r = await window.axe.run(document.querySelector(selector), { resultTypes: ['violations'], rules });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, { selector, disable });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${label}: axe found serious/critical violations:\n${JSON.stringify(bad, null, 2)}`);
  return result;
}
