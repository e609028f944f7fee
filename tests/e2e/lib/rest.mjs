// REST straight to the stack's alpha worker for setup, checks and cleanup: JSON in and out,
// any non-2xx answer throws with its status and body.
import { env } from './env.mjs';

export async function restJson(method, path, body) {
  const res = await fetch(env.alphaUrl + path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * `restJson` for a request a worker may refuse for a moment with 409 "stale configuration"
 * (altering offsets right after a stop shows in the status, before the worker's config
 * snapshot has it): retries that answer only, every 250 ms for up to `timeoutMs`.
 */
export async function restJsonSettled(method, path, body, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await restJson(method, path, body);
    } catch (e) {
      if (!/: 409 /.test(e.message) || Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
