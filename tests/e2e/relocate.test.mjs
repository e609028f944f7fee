// One build, any sub-path: .ci/relocate.py re-points a copy of the /console/ bundle to /other/,
// a second nginx serves it, and the app loads there with its CSP, SRI and base intact.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { e2e, scratch } from './lib/harness.mjs';
import { env, REPO } from './lib/env.mjs';
import { AppShell } from './pages/app.mjs';

const py = (script, ...args) => execFileSync('python3', [path.join(REPO, '.ci', script), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let dir;
let copy;
let origin;

before(() => {
  dir = scratch('relocate');
  copy = path.join(dir, 'dist');
  fs.cpSync(env.dist, copy, { recursive: true });
  py('relocate.py', copy, '/other/');
  const port = Number(new URL(env.origin).port) + 1;
  origin = `http://127.0.0.1:${port}`;
  py('nginx.py', 'start', '--dist', copy, '--port', String(port), '--base', '/other/', '--run-dir', path.join(dir, 'nginx'),
    '--config-json', path.join(env.dist, 'config.json'));
});
after(() => {
  if (dir) py('nginx.py', 'stop', '--run-dir', path.join(dir, 'nginx'));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('relocate.py rewrites base, asset URLs, boot imports and SRI, and nothing else', () => {
  const html = fs.readFileSync(path.join(copy, 'index.html'), 'utf8');
  assert.ok(!html.includes('/console/'), 'no reference to the old base is left');
  assert.match(html, /<base href="\/other\/" \/>/);
  const boot = fs.readdirSync(copy).filter((f) => /^boot-[0-9a-f]{16}\.js$/.test(f));
  assert.equal(boot.length, 1, 'the old boot script was replaced, not kept beside');
  assert.ok(!fs.existsSync(path.join(copy, fs.readdirSync(env.dist).find((f) => f.startsWith('boot-')))),
    'the boot script got a new content-hashed name');
  assert.match(fs.readFileSync(path.join(copy, boot[0]), 'utf8'), /from '\/other\/connect-console-[0-9a-f]{1,16}\.js'/);
  // Everything but index.html and the boot script is byte-identical.
  for (const f of fs.readdirSync(env.dist)) {
    if (f === 'index.html' || f.startsWith('boot-')) continue;
    assert.ok(fs.readFileSync(path.join(copy, f)).equals(fs.readFileSync(path.join(env.dist, f))), `${f} untouched`);
  }
  // And back again gives the original bundle exactly.
  const back = path.join(dir, 'back');
  fs.cpSync(copy, back, { recursive: true });
  py('relocate.py', back, '/');
  py('relocate.py', back, env.base);
  assert.deepEqual(fs.readdirSync(back).sort(), fs.readdirSync(env.dist).sort());
  assert.equal(fs.readFileSync(path.join(back, 'index.html'), 'utf8'), fs.readFileSync(path.join(env.dist, 'index.html'), 'utf8'));
});

e2e('the relocated copy loads under /other/ with the strict CSP and its SRI checks', async ({ page, session }) => {
  const app = new AppShell(page, { base: '/other/', origin });
  const response = await app.open('clusters/alpha');
  assert.equal(response.status(), 200);
  assert.ok(response.headers()['content-security-policy']);
  await app.notFound.waitFor();
  assert.equal(await app.notFound.getByRole('link').getAttribute('href'), '/other/', 'router base is /other');
  await app.buildCommit.waitFor();
  const own = session.requests.filter((r) => r.url.startsWith(origin));
  assert.ok(own.some((r) => /\/other\/connect-console-[0-9a-f]{1,16}_bg\.wasm$/.test(r.url)), 'wasm loaded from /other/');
  assert.deepEqual(own.filter((r) => !new URL(r.url).pathname.startsWith('/other/')).map((r) => r.url), [],
    'every request stays under /other/');
});

test('relocate.py refuses a URL and a dist it does not understand', () => {
  assert.throws(() => py('relocate.py', copy, 'https://cdn.example.com/x/'), /NEW_BASE is a path/);
  const bogus = path.join(dir, 'bogus');
  fs.mkdirSync(bogus);
  fs.writeFileSync(path.join(bogus, 'index.html'), '<html><head></head></html>');
  assert.throws(() => py('relocate.py', bogus, '/x/'), /no <base href>/);
});
