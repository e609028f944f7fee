// Loads tests/hostile/payloads.json and expands each payload into its text.
//
// Every payload has `id`, `category`, `stack` (how far the real Connect 4.3.1 stack carries it:
// name | config | unaddressable | unaddressable-browser | fixture-only) and one of
//   value      the text itself
//   repeat     {unit, times}: the text is unit repeated (long strings)
//   bytesHex   raw bytes that are not valid UTF-8 (fixture server only)
//   jsonEscape a JSON string body (between the quotes) that is valid JSON but not valid Unicode
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAYLOADS_FILE = path.join(here, 'payloads.json');

export function loadCorpus() {
  const doc = JSON.parse(fs.readFileSync(PAYLOADS_FILE, 'utf8'));
  const payloads = doc.payloads.map((p) => ({ ...p, text: textOf(p) }));
  return { canary: doc.canary, payloads };
}

function textOf(p) {
  if (typeof p.value === 'string') return p.value;
  if (p.repeat) return p.repeat.unit.repeat(p.repeat.times);
  return null; // bytesHex / jsonEscape: not representable as a JS string
}

/** Payloads the real stack accepts as a connector name that can be addressed again. */
export function stackNames(corpus = loadCorpus()) {
  return corpus.payloads.filter((p) => p.stack === 'name' || p.stack === 'unaddressable-browser');
}

/** Payloads a browser can address by name (the UI tests open each one by URL and by click). */
export function browserNames(corpus = loadCorpus()) {
  return corpus.payloads.filter((p) => p.stack === 'name');
}

/** Every payload with a text (config keys and values, fixture data). */
export function textPayloads(corpus = loadCorpus()) {
  return corpus.payloads.filter((p) => p.text !== null);
}

/** The name Connect stores for a requested name (it trims surrounding whitespace). */
export function storedName(text) {
  return text.trim();
}

/** Raw bytes of a fixture-only payload, as a Buffer. */
export function rawBytes(p) {
  if (p.bytesHex) return Buffer.from(p.bytesHex.replace(/\s+/g, ''), 'hex');
  if (p.jsonEscape) return Buffer.from(p.jsonEscape, 'latin1');
  return Buffer.from(p.text, 'utf8');
}
