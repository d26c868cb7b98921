// Start `gongkai desk` on a copy of the example site (for desk.test.mjs and the manual's
// screenshots, scripts/desk-screenshots.mjs).
//
//   const desk = await startDesk();   // {base, preview, site, stop()}
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function copyExample() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-desk-test-'));
  for (const name of ['site.yaml', 'ledger.jsonl', 'content', 'data', 'themes']) {
    const from = join(REPO, name);
    if (existsSync(from)) cpSync(from, join(dir, name), { recursive: true });
  }
  return dir;
}

/** Two free consecutive-ish ports: the desk's and the preview's. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

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
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`timed out waiting on ${url}: ${last}`);
}

export async function startDesk(bin = process.env.GONGKAI_BIN) {
  if (!bin) throw new Error('GONGKAI_BIN is not set: run this through scripts/test.sh');
  const site = copyExample();
  const port = await freePort();
  const previewPort = await freePort();
  const child = spawn(bin, ['desk', '--port', String(port), '--preview-port', String(previewPort), '--site', site], {
    env: { ...process.env, GONGKAI_NOW: process.env.GONGKAI_NOW ?? '2026-11-25T12:00:00+08:00' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const preview = `http://127.0.0.1:${previewPort}`;
  const stop = () => {
    child.kill('SIGINT');
    rmSync(site, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/`, (status) => status === 200);
    await waitFor(`${preview}/`, (status) => status === 200);
  } catch (e) {
    stop();
    throw new Error(`${e.message}\ndesk stderr:\n${stderr.slice(0, 2000)}`);
  }
  return { base, preview, site, stop, stderr: () => stderr };
}

/** A small, valid PDF (the desk checks that an upload's content matches its name). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
