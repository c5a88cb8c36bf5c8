// A plain static file server for end-to-end tests, like a CDN with no rewrite rules: a folder
// is served under a mount path on 127.0.0.1, `dir/` answers with `dir/index.html`, anything
// else missing gets the site's 404.html with status 404. The `_headers` file is applied the way
// Netlify and Cloudflare Pages read it, so the shipped Content-Security-Policy is under test, and
// precompressed copies are served to browsers that accept them. With `--folder-redirects` it
// answers a folder's address without its trailing slash as GitHub Pages, S3 website hosting,
// nginx and Apache do: a 301 to the address with it.
//
//   node static-server.mjs <folder> <port> [mount path, default /] [--folder-redirects]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [root = 'dist', port = '4173', mountArg = '/'] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const folderRedirects = flags.includes('--folder-redirects');
const folder = resolve(root);
const mount = `/${mountArg.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

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

/** `_headers` as [pattern, [[name, value]...]] rules; `*` matches any run of characters. */
async function headerRules() {
  let text;
  try {
    text = await readFile(join(folder, '_headers'), 'utf8');
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const escaped = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push([new RegExp(`^${escaped}$`), []]);
    } else if (rules.length > 0) {
      const colon = line.indexOf(':');
      rules.at(-1)[1].push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

const rules = await headerRules();

function headersFor(urlPath) {
  const headers = {};
  for (const [pattern, values] of rules) {
    if (!pattern.test(urlPath)) continue;
    for (const [name, value] of values) headers[name.toLowerCase()] = value;
  }
  return headers;
}

async function fileAt(relativePath) {
  const path = normalize(join(folder, relativePath));
  if (path !== folder && !path.startsWith(folder + sep)) return null;
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
    const inside = pathname === mount.slice(0, -1) || pathname.startsWith(mount);
    let relative = null;
    try {
      relative = inside ? decodeURIComponent(pathname.slice(mount.length)) : null;
    } catch {
      // A malformed %-escape names no file.
    }
    const path = relative === null ? null : await fileAt(relative);
    // A folder's index.html, asked for by the folder's address without its slash.
    const folderWithoutSlash = path !== null && !pathname.endsWith('/') && !pathname.endsWith('index.html') && path.endsWith(`${sep}index.html`);
    if (folderRedirects && folderWithoutSlash) {
      const { search } = new URL(request.url, 'http://127.0.0.1');
      response.writeHead(301, { location: `${pathname}/${search}`, 'content-type': 'text/plain; charset=utf-8' });
      response.end('moved');
      return;
    }
    const status = path ? 200 : 404;
    const served = path ?? (await fileAt('404.html'));
    const headers = { 'cache-control': 'no-cache', ...headersFor(pathname) };
    if (!served) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    // Like a host with precompressed files (nginx brotli_static, Caddy precompressed): the
    // `.br` or `.gz` copy beside a file is sent when the browser accepts it.
    const accepted = request.headers['accept-encoding'] ?? '';
    let encoding = null;
    let body = null;
    for (const [name, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (body === null && accepted.includes(name)) {
        body = await readFile(served + suffix).catch(() => null);
        if (body !== null) encoding = name;
      }
    }
    body ??= await readFile(served);
    response.writeHead(status, {
      ...headers,
      'content-type': types[extname(served)] ?? 'application/octet-stream',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(String(error));
  }
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${folder} at http://127.0.0.1:${port}${mount}`);
});
