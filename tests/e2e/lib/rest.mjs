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
