// A plain static file server for end-to-end tests: serves a folder on 127.0.0.1 with the one
// rewrite a static host's `_redirects` gives a single-page app (unknown paths -> index.html).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [root = 'dist', port = '4173'] = process.argv.slice(2);
const base = resolve(root);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(urlPath) {
  const path = normalize(join(base, decodeURIComponent(urlPath)));
  if (path !== base && !path.startsWith(base + sep)) return null;
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    return null;
  }
  return null;
}

createServer(async (request, response) => {
  try {
    const { pathname } = new URL(request.url, 'http://127.0.0.1');
    let path = await fileAt(pathname);
    let status = 200;
    if (!path) {
      // Only route-like paths fall back to the app; a missing asset or bundle file is a real 404.
      if (extname(pathname) === '') {
        path = join(base, 'index.html');
      } else {
        status = 404;
      }
    }
    if (status === 404) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    const body = await readFile(path);
    response.writeHead(status, {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(String(error));
  }
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${base} on http://127.0.0.1:${port}`);
});
