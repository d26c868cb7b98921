// A copy of the shipped example site, a free port, and waiting on a URL: what every test or
// script that starts `gongkai serve` or `gongkai desk` needs.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A temporary copy of the example site (records, ledger, data, theme), named `prefix…`. */
export function copyExample(prefix = 'gongkai-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const name of ['site.yaml', 'ledger.jsonl', 'content', 'data', 'themes']) {
    const from = join(REPO, name);
    if (existsSync(from)) cpSync(from, join(dir, name), { recursive: true });
  }
  return dir;
}

/** A port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Polls `url` until `ok(status, body)` holds; returns the body. */
export async function waitFor(url, ok, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { cache: 'no-store' });
      const body = await r.text();
      if (ok(r.status, body)) return body;
      last = `${r.status} ${body.slice(0, 300)}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`timed out waiting on ${url}: ${last}`);
}
