// The nginx snippets for Confluent Cloud, Redpanda Cloud and Lenses HQ (tests/deploy/nginx/
// upstreams). They cannot be tested against those services here, so: `nginx -t` must accept each
// inside the real template, and a local nginx standing in for the service (the only fixture
// server in the suite, because no real one can run here) checks the path, credential and Host
// each snippet sends, and that nothing outside the allowed prefix is proxied.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { scratch } from './lib/harness.mjs';
import { env, REPO } from './lib/env.mjs';

const SNIPPETS = path.join(REPO, 'tests', 'deploy', 'nginx', 'upstreams');
const SECRETS = '/etc/nginx/connect-console/';
const CASES = {
  'confluent-cloud.conf': {
    host: 'https://api.confluent.cloud', secret: 'ccloud-auth.conf', auth: 'Basic a2V5OnNlY3JldA==',
    path: '/connect/ccloud/connect/v1/environments/env-abc123/clusters/lkc-xyz789/connectors?expand=status&expand=info',
    upstreamPath: '/connect/v1/environments/env-abc123/clusters/lkc-xyz789/connectors?expand=status&expand=info',
    outside: '/connect/ccloud/connect/v1/environments/env-other/clusters/lkc-xyz789/connectors',
    upstreamHost: 'api.confluent.cloud',
  },
  'redpanda-cloud.conf': {
    host: 'https://api-0123abcd.ab12cd34ef56.byoc.prd.cloud.redpanda.com', secret: 'redpanda-auth.conf', auth: 'Bearer rp-token',
    path: '/connect/redpanda/v1/kafka-connect/clusters/redpanda/connectors?page_size=-1',
    upstreamPath: '/v1/kafka-connect/clusters/redpanda/connectors?page_size=-1',
    outside: '/connect/redpanda/v1/topics',
    upstreamHost: '127.0.0.1',
  },
  'lenses-hq.conf': {
    host: 'https://lenses.example.com', secret: 'lenses-auth.conf', auth: 'Bearer lenses-token',
    path: '/connect/lenses/api/v1/environments/prod/proxy/api/kafka-connect/connectors',
    upstreamPath: '/api/v1/environments/prod/proxy/api/kafka-connect/connectors',
    outside: '/connect/lenses/api/v1/environments/prod/proxy/api/v1/users',
    upstreamHost: 'lenses.example.com',
  },
};

const nginxPy = (...args) => execFileSync('python3', [path.join(REPO, '.ci', 'nginx.py'), ...args],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let dir;
let appPort;
let echoPort;

/** Copies the snippets with their secrets (and, for the stand-in, the service) redirected. */
function prepare(into, serviceUrl) {
  fs.mkdirSync(path.join(into, 'secrets'), { recursive: true });
  return Object.entries(CASES).map(([file, c]) => {
    fs.writeFileSync(path.join(into, 'secrets', c.secret), `proxy_set_header Authorization "${c.auth}";\n`);
    let text = fs.readFileSync(path.join(SNIPPETS, file), 'utf8').replaceAll(SECRETS, `${path.join(into, 'secrets')}/`);
    if (serviceUrl) text = text.replace(`set $${text.match(/set \$(\w+)_upstream/)[1]}_upstream ${c.host};`,
      `set $${text.match(/set \$(\w+)_upstream/)[1]}_upstream ${serviceUrl};`);
    const out = path.join(into, file);
    fs.writeFileSync(out, text);
    return out;
  });
}

before(() => {
  dir = scratch('deploy');
  appPort = Number(new URL(env.origin).port) + 2;
  echoPort = appPort + 1;
  // The stand-in service: answers with what it received.
  const echo = path.join(dir, 'echo');
  fs.mkdirSync(path.join(echo, 'tmp'), { recursive: true });
  fs.writeFileSync(path.join(echo, 'nginx.conf'), `worker_processes 1; daemon on; pid ${echo}/nginx.pid; error_log ${echo}/error.log;
events {} http { access_log off; client_body_temp_path ${echo}/tmp; proxy_temp_path ${echo}/tmp;
  fastcgi_temp_path ${echo}/tmp; uwsgi_temp_path ${echo}/tmp; scgi_temp_path ${echo}/tmp;
  server { listen 127.0.0.1:${echoPort}; location / { default_type text/plain;
    return 200 "$request_uri|$http_authorization|$http_cookie|$host"; } } }\n`);
  execFileSync('nginx', ['-c', path.join(echo, 'nginx.conf'), '-p', echo]);
  const snippets = prepare(path.join(dir, 'live'), `http://127.0.0.1:${echoPort}`);
  nginxPy('start', '--dist', env.dist, '--port', String(appPort), '--base', '/console/',
    '--run-dir', path.join(dir, 'app'), ...snippets.flatMap((s) => ['--include', s]));
});

after(() => {
  if (!dir) return;
  nginxPy('stop', '--run-dir', path.join(dir, 'app'));
  const pid = Number(fs.readFileSync(path.join(dir, 'echo', 'nginx.pid'), 'utf8'));
  process.kill(pid, 'SIGQUIT');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('nginx -t accepts each cloud snippet inside the real template', () => {
  const snippets = prepare(path.join(dir, 'as-shipped'));
  for (const s of snippets) {
    assert.match(fs.readFileSync(s, 'utf8'), /NOT TESTED against/, `${path.basename(s)} says it is untested`);
    const out = nginxPy('check', '--dist', env.dist, '--base', '/console/', '--run-dir', path.join(dir, `check-${path.basename(s)}`),
      '--proxy', `alpha=${env.alphaUrl}`, '--include', s);
    assert.match(out, /is valid/);
  }
});

test('nginx -t really checks: a broken snippet is rejected', () => {
  const broken = path.join(dir, 'broken.conf');
  fs.writeFileSync(broken, 'location /connect/x/ { proxy_pass https://example.com\n}\n');
  assert.throws(() => nginxPy('check', '--dist', env.dist, '--run-dir', path.join(dir, 'check-broken'), '--include', broken),
    /nginx -t rejected/);
});

for (const [file, c] of Object.entries(CASES)) {
  test(`${file}: the proxy sends the flavor's path, the server-side credential, no cookie`, async () => {
    const r = await fetch(`http://127.0.0.1:${appPort}${c.path}`, { headers: { cookie: 'session=browser-secret', authorization: 'Basic YnJvd3Nlcjp4' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const [uri, auth, cookie, host] = (await r.text()).split('|');
    assert.equal(uri, c.upstreamPath);
    assert.equal(auth, c.auth, 'the credential comes from the server-side file, replacing the browser\'s');
    assert.equal(cookie, '', 'browser cookies are not forwarded');
    assert.equal(host, c.upstreamHost);
    const outside = await fetch(`http://127.0.0.1:${appPort}${c.outside}`);
    await outside.arrayBuffer();
    assert.equal(outside.status, 404, 'nothing outside the allowed prefix is proxied');
  });
}

test('docs/DEPLOY.md: its links resolve and its CSP is the one nginx serves', async () => {
  const docPath = path.join(REPO, 'docs', 'DEPLOY.md');
  const doc = fs.readFileSync(docPath, 'utf8');
  const links = [...doc.matchAll(/\]\((\.\.\/[^)#]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length >= 6);
  for (const l of links) assert.ok(fs.existsSync(path.resolve(path.dirname(docPath), l)), `${l} exists`);
  const documented = doc.match(/add_header Content-Security-Policy "([^"]+)"/)[1];
  const served = (await fetch(new URL(env.base, env.origin))).headers.get('content-security-policy');
  const sameButConnect = (csp) => csp.replace(/connect-src [^;]+/, 'connect-src X');
  assert.equal(sameButConnect(documented), sameButConnect(served));
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  assert.match(readme, /\]\(docs\/DEPLOY\.md\)/, 'README links the deploy page');
});
