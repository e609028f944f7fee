// The HTTP side of the flavor fixture servers (confluent-cloud.mjs, redpanda.mjs, lenses.mjs):
// CORS for the console, preflights answered, each request's body read whole and logged, JSON
// answers. `route({ req, res, url, rest, body, send })` answers one request; `log` holds
// `{method, path, search, body}` for every request but preflights.
import http from 'node:http';

export async function serveFixture(route) {
  const log = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://fixture');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PUT,DELETE,OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
    if (req.method === 'OPTIONS') { res.writeHead(204); return res.end(); }
    let body = '';
    for await (const chunk of req) body += chunk;
    log.push({ method: req.method, path: url.pathname, search: url.search, body });
    const send = (status, value) => {
      const text = value === undefined ? '' : JSON.stringify(value);
      res.writeHead(status, text ? { 'Content-Type': 'application/json' } : {});
      res.end(text);
    };
    return route({ req, res, url, body, send });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}
