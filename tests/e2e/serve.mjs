// A static server for dist/: correct MIME types (application/wasm), an optional sub-path
// mount (to prove dist/ works inside a docs site) and an optional strict CSP header.
// Used by the e2e suite (in-process, port 0) and by `scripts/run.sh` (CLI).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".json": "application/json", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

export function serve({ root, base = "/", port = 0, host = "127.0.0.1", csp = null } = {}) {
  root = path.resolve(root);
  if (!base.endsWith("/")) base += "/";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let p = decodeURIComponent(url.pathname);
    if (p + "/" === base) { res.writeHead(301, { location: base + url.search }); return res.end(); }
    if (!p.startsWith(base)) { res.writeHead(404); return res.end("not found"); }
    p = p.slice(base.length) || "index.html";
    if (p.endsWith("/")) p += "index.html";
    const file = path.resolve(root, p);
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end("not found"); }
      const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" };
      // A function is read per request: two servers can name each other's origins.
      const policy = typeof csp === "function" ? csp() : csp;
      if (policy && file.endsWith(".html")) headers["content-security-policy"] = policy;
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => {
    const { port } = server.address();
    resolve({ server, url: `http://${host}:${port}${base}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root = "dist", port = "8080", base = "/"] = process.argv.slice(2);
  serve({ root, port: Number(port), base }).then(({ url }) => console.log(`Cascade Lab is being served at ${url}  (Ctrl-C to stop)`));
}
