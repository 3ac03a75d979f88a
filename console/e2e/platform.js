// Starts the three services' runnable jars and the console's on free ports (in-memory stores), and
// stops every process it started, whatever happens.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const started = [];

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

/** Runs a jar of this repository; output is kept for the failure report. */
export function startJar(name, jar, args, env) {
  const path = resolve(REPO_ROOT, jar);
  if (!existsSync(path)) throw new Error(`missing ${path}: build first (./mvnw -B package -DskipTests)`);
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-Xss512k', '-jar', path, ...args], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const process = { name, child, output: '', exited: null };
  process.exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  child.stdout.on('data', (chunk) => { process.output += chunk; });
  child.stderr.on('data', (chunk) => { process.output += chunk; });
  started.push(process);
  return process;
}

/** Polls `ready` until it resolves true, failing fast if the process exits. */
export async function waitUntil(process, ready, timeoutMillis = 90_000) {
  const deadline = Date.now() + timeoutMillis;
  let exited = false;
  process.exited.then(() => { exited = true; });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${process.name} exited during start-up:\n${process.output}`);
    try {
      if (await ready()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${process.name} not ready after ${timeoutMillis} ms:\n${process.output}`);
}

/** SIGTERM to every started process, SIGKILL to those still alive after ten seconds. */
export async function stopAll() {
  const alive = started.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  alive.forEach((p) => p.child.kill('SIGTERM'));
  const timeout = new Promise((r) => setTimeout(r, 10_000, 'timeout'));
  await Promise.race([Promise.all(alive.map((p) => p.exited)), timeout]);
  alive.filter((p) => p.child.exitCode === null && p.child.signalCode === null).forEach((p) => p.child.kill('SIGKILL'));
}

/** Last lines of every process's output, for a failure report. */
export function outputs() {
  return started.map((p) => `--- ${p.name}\n${p.output.split('\n').slice(-15).join('\n')}`).join('\n');
}
