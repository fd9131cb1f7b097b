// The optional health endpoint (HEALTH_PORT; off by default), plain node:http:
//   GET /healthz  200 while the process is up and serving requests
//   GET /readyz   200 when the gateway is ready, the knowledge is loaded and the database is writable;
//                 503 otherwise, with which check failed, as JSON
//   GET /metrics  the Prometheus text format (src/health/metrics.ts)
// Anything else is a 404; a method other than GET or HEAD is a 405.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export type ReadinessChecks = Record<string, () => boolean>;

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface HealthOptions {
  port: number;
  host: string;
  registry: Registry;
  checks: ReadinessChecks;
}

function runChecks(checks: ReadinessChecks): { ready: boolean; checks: Record<string, boolean> } {
  const results: Record<string, boolean> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = check();
    } catch {
      results[name] = false;
    }
  }
  return { ready: Object.values(results).every(Boolean), checks: results };
}

export async function startHealthServer({
  port,
  host,
  registry,
  checks,
}: HealthOptions): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'Method not allowed\n');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return send(200, 'text/plain', 'ok\n');
    if (path === '/readyz') {
      const result = runChecks(checks);
      return send(result.ready ? 200 : 503, 'application/json', `${JSON.stringify(result)}\n`);
    }
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => send(200, registry.contentType, text),
        (err: unknown) => send(500, 'text/plain', `Could not collect the metrics: ${String(err)}\n`),
      );
      return;
    }
    return send(404, 'text/plain', 'Not found: try /healthz, /readyz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A scraper's keep-alive connection must not hold shutdown up.
  server.keepAliveTimeout = 5_000;
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
