// Starts the platform for the end-to-end tests the way a newcomer does, through deploy/local/run.sh,
// on free ports and the in-memory store, and stops it with SIGTERM as Ctrl-C would.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVICES = ['assignment', 'bandit', 'analysis'];
const START_TIMEOUT_MILLIS = 120_000;

/** The services whose modules are in this checkout (run.sh starts exactly these). */
export function presentServices() {
  return SERVICES.filter((service) => existsSync(resolve(REPO_ROOT, `${service}-service`)));
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Runs deploy/local/run.sh on free ports without Redis, with the extra ASSAY_* settings given;
 * resolves once it reports every service healthy. Returns { addresses, output(), stop() } where stop() sends SIGTERM and resolves with
 * run.sh's exit code.
 */
export async function startPlatform(settings = {}) {
  const services = presentServices();
  const env = { ...process.env, ASSAY_SHUTDOWN_GRACE: 'PT5S', ...settings };
  delete env.ASSAY_REDIS_URL; // in-memory store: the e2e test owns all of its state
  const addresses = {};
  for (const service of services) {
    const port = await freePort();
    env[`ASSAY_${service.toUpperCase()}_PORT`] = String(port);
    addresses[service] = `127.0.0.1:${port}`;
  }
  const child = spawn(resolve(REPO_ROOT, 'deploy/local/run.sh'), [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? signal)));
  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform not ready after ${START_TIMEOUT_MILLIS} ms:\n${output}`)), START_TIMEOUT_MILLIS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('[run] ready:')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`run.sh exited (${code}) before the platform was ready:\n${output}`));
    });
  });
  return {
    services,
    addresses,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
