// What nginx sends with each file of the bundle: hashed assets are immutable, the files an
// operator or a deploy changes in place are revalidated, everything carries the CSP, and
// version.json tells which build is deployed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { env, REPO } from './lib/env.mjs';

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function head(pathname) {
  const response = await fetch(new URL(pathname, env.origin), { redirect: 'manual' });
  await response.arrayBuffer();
  return response;
}

test('hashed assets are cached forever, index/config/version/embed.js are revalidated', async () => {
  const files = fs.readdirSync(env.dist);
  const hashed = files.filter((f) => /-[0-9a-f]{1,16}(_bg)?\.(wasm|js|css|svg)$/.test(f));
  assert.ok(hashed.length >= 5, `boot, module, wasm, css, favicon are hashed (${hashed})`);
  assert.ok(hashed.some((f) => f.endsWith('_bg.wasm')));
  for (const f of hashed) {
    const r = await head(`${env.base}${f}`);
    assert.equal(r.status, 200, f);
    assert.equal(r.headers.get('cache-control'), IMMUTABLE, `${f} is immutable`);
    assert.ok(r.headers.get('content-security-policy'), `${f} carries the CSP`);
  }
  const wasm = hashed.find((f) => f.endsWith('.wasm'));
  assert.equal((await head(`${env.base}${wasm}`)).headers.get('content-type'), 'application/wasm');

  for (const p of ['', 'index.html', 'config.json', 'version.json', 'embed.js', 'clusters/alpha']) {
    const r = await head(`${env.base}${p}`);
    assert.equal(r.status, 200, `${env.base}${p}`);
    assert.equal(r.headers.get('cache-control'), 'no-cache', `${env.base}${p} is revalidated`);
    assert.ok(r.headers.get('etag') || r.headers.get('last-modified'), `${p} can be revalidated`);
  }
  // A hashed name that does not exist is a 404, never index.html served as JavaScript.
  const missing = await head(`${env.base}connect-console-0000000000000000.js`);
  assert.equal(missing.status, 404);
});

test('config.json is the stack config rendered by .ci/stack-config.py', async () => {
  const r = await fetch(new URL(`${env.base}config.json`, env.origin));
  assert.match(r.headers.get('content-type'), /application\/json/);
  const config = await r.json();
  assert.deepEqual(config.clusters.map((c) => [c.id, c.url]), [
    ['alpha', '/connect/alpha'], ['beta', '/connect/beta'], ['alpha-direct', env.alphaUrl],
  ]);
  assert.ok(!JSON.stringify(config).includes(env.betaPassword), 'no credential reaches the browser');
});

test('version.json names the version and commit of the build', async () => {
  const r = await fetch(new URL(`${env.base}version.json`, env.origin));
  assert.equal(r.status, 200);
  const info = await r.json();
  const cargo = fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  assert.equal(info.version, cargo.match(/^version\s*=\s*"([^"]+)"/m)[1]);
  const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  assert.equal(info.commit, head, 'the commit the suite runs on');
  assert.equal(typeof info.dirty, 'boolean');
  assert.match(info.built_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});
