// A tiny dependency-free static file server for browser tests of a built site.
//
//   const server = await startServer();            // serves $GONGKAI_SITE on 127.0.0.1:<random>
//   await page.goto(`${server.url}/index.html`);
//   server.resetStats();  /* ...run a search in the page... */
//   server.bytesSent();                             // bytes on the wire since the reset
//   server.requests;                                // [{method, path, status, contentType, encoding, bytes, rawBytes}]
//   await server.close();
//
// Responses are gzip-compressed when the client sends `Accept-Encoding: gzip` (as browsers do),
// so `bytes` is what a real static host with compression would send. A precompressed sibling
// `<file>.gz` is preferred when it exists. Pass `{gzip: false}` to measure uncompressed sizes.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
};

// Formats that are already compressed: gzip would only cost time.
const INCOMPRESSIBLE = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.woff', '.woff2', '.zip', '.gz']);

export function contentTypeFor(path) {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function acceptsGzip(header) {
  // "gzip", "gzip;q=0.8", but not "gzip;q=0".
  return String(header ?? '')
    .split(',')
    .map((part) => part.trim().split(';').map((s) => s.trim()))
    .some(([coding, ...params]) =>
      (coding === 'gzip' || coding === '*') && !params.some((p) => /^q=0(\.0*)?$/.test(p)));
}

/**
 * Start the server. Options: root (default $GONGKAI_SITE), gzip (default true),
 * precompressed (serve `<file>.gz` when present, default true), host (default 127.0.0.1).
 * Resolves to {url, port, root, requests, bytesSent(), resetStats(), close()}.
 */
export async function startServer({
  root = process.env.GONGKAI_SITE,
  gzip = true,
  precompressed = true,
  host = '127.0.0.1',
} = {}) {
  if (!root) throw new Error('startServer: no root given and GONGKAI_SITE is not set');
  root = resolve(root);
  if (!existsSync(root)) throw new Error(`startServer: site root does not exist: ${root}`);

  const requests = [];

  async function fileFor(urlPath) {
    let rel;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (rel.includes('\0')) return null;
    const full = resolve(join(root, rel));
    if (full !== root && !full.startsWith(root + sep)) return null; // no way out of the root
    const st = await stat(full).catch(() => null);
    if (!st) return null;
    if (st.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
      const index = join(full, 'index.html');
      return (await stat(index).catch(() => null))?.isFile() ? { path: index } : null;
    }
    return st.isFile() ? { path: full } : null;
  }

  const server = createServer(async (req, res) => {
    const record = { method: req.method, path: req.url, status: 0, contentType: '', encoding: 'identity', bytes: 0, rawBytes: 0 };
    requests.push(record);
    const send = (status, headers, body) => {
      record.status = status;
      record.contentType = headers['Content-Type'] ?? '';
      record.encoding = headers['Content-Encoding'] ?? 'identity';
      record.bytes = body.length;
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (req.method === 'HEAD') record.bytes = 0;
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }, Buffer.from('405 method not allowed\n'));
      }
      const urlPath = new URL(req.url, 'http://localhost').pathname;
      const found = await fileFor(urlPath);
      if (!found) {
        return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(`404 not found: ${urlPath}\n`));
      }
      if (found.redirect) {
        return send(301, { Location: found.redirect, 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(''));
      }
      const type = contentTypeFor(found.path);
      const wantsGzip = gzip && acceptsGzip(req.headers['accept-encoding']);
      const headers = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
      if (gzip) headers.Vary = 'Accept-Encoding';
      const ext = extname(found.path).toLowerCase();
      let body;
      if (wantsGzip && precompressed && ext !== '.gz' && existsSync(`${found.path}.gz`)) {
        body = await readFile(`${found.path}.gz`);
        record.rawBytes = (await stat(found.path)).size;
        headers['Content-Encoding'] = 'gzip';
      } else {
        const raw = await readFile(found.path);
        record.rawBytes = raw.length;
        const packed = wantsGzip && !INCOMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 9 }) : null;
        if (packed && packed.length < raw.length) { // like real hosts, never send a bigger body
          body = packed;
          headers['Content-Encoding'] = 'gzip';
        } else {
          body = raw;
        }
      }
      return send(200, headers, body);
    } catch (err) {
      return send(500, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from(`500 ${err?.message ?? err}\n`));
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, host, ok);
  });
  const { port } = server.address();

  return {
    url: `http://${host}:${port}`,
    port,
    root,
    /** Every request since start (or the last resetStats()), in arrival order. */
    requests,
    /** Body bytes sent (after compression) for the recorded requests, optionally filtered. */
    bytesSent(filter = () => true) {
      return requests.filter(filter).reduce((sum, r) => sum + r.bytes, 0);
    },
    resetStats() {
      requests.length = 0;
    },
    close() {
      return new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      });
    },
  };
}
