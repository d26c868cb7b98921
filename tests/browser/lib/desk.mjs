// Start `gongkai desk` on a copy of the example site (for desk.test.mjs and the manual's
// screenshots, scripts/desk-screenshots.mjs).
//
//   const desk = await startDesk();   // {base, preview, site, stop()}
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { copyExample, freePort, waitFor } from './site.mjs';

export { REPO, copyExample, waitFor } from './site.mjs';

export async function startDesk(bin = process.env.GONGKAI_BIN) {
  if (!bin) throw new Error('GONGKAI_BIN is not set: run this through scripts/test.sh');
  const site = copyExample('gongkai-desk-test-');
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
