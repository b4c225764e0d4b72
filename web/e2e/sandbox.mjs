// Starts what the end-to-end tests run against: a devcluster with kwok nodes and
// `primehub serve`, both on free loopback ports with their state in a temporary directory,
// as test/framework does for the Go tests. PRIMEHUB_E2E_URL (with
// PRIMEHUB_E2E_ADMIN_PASSWORD and PRIMEHUB_E2E_KUBECONFIG) points the tests at a running
// primehub instead, such as `make run`'s; PRIMEHUB_BIN names another primehub binary than
// bin/primehub.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const root = resolve(import.meta.dirname, '../..');
const bin = (name) => join(root, 'bin', name);

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** Waits for a line of a child's output that matches, or its exit. */
function waitForLine(child, pattern, what, timeoutMs) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${what} not ready after ${timeoutMs / 1000}s`)), timeoutMs);
    child.stdout.on('data', (chunk) => {
      if (pattern.test(String(chunk))) {
        clearTimeout(timer);
        ok();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited with ${code} before it was ready`));
    });
  });
}

async function waitForReady(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`primehub exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`primehub not ready after ${timeoutMs / 1000}s`);
}

function stop(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/** kubectl on the sandbox: kubectl('get', 'pods'), with { input } last to feed its stdin. */
function kubectlOf(kubeconfig) {
  return (...args) => {
    const options = typeof args.at(-1) === 'object' ? args.pop() : {};
    return execFileSync(bin('devcluster'), ['kubectl', '--kubeconfig', kubeconfig, ...args], { encoding: 'utf8', ...options });
  };
}

/**
 * @returns {Promise<{url: string, notebookUrl: string, adminPassword: string, kubectl: (...args: any[]) => string, stop: () => Promise<void>}>}
 */
export async function startSandbox() {
  if (process.env.PRIMEHUB_E2E_URL) {
    const kubeconfig = process.env.PRIMEHUB_E2E_KUBECONFIG;
    return {
      url: process.env.PRIMEHUB_E2E_URL,
      notebookUrl: process.env.PRIMEHUB_E2E_NOTEBOOK_URL,
      adminPassword: process.env.PRIMEHUB_E2E_ADMIN_PASSWORD,
      kubectl: kubectlOf(kubeconfig),
      stop: async () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'primehub-e2e-'));
  const [apiserver, etcd, etcdPeer, cm, scheduler, http, metrics, webhook, notebooks] = await Promise.all(Array.from({ length: 9 }, freePort));
  const cluster = spawn(
    bin('devcluster'),
    [
      'up',
      `--data-dir=${dir}/cluster`,
      `--apiserver-port=${apiserver}`,
      `--etcd-port=${etcd}`,
      `--etcd-peer-port=${etcdPeer}`,
      `--controller-manager-port=${cm}`,
      `--scheduler-port=${scheduler}`,
      // Notebooks run Debian's Jupyter server at their pods' addresses.
      '--run-notebooks',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cluster.stderr.pipe(createWriteStream(join(dir, 'devcluster.err')));
  let primehub;
  const stopAll = async () => {
    await stop(primehub);
    await stop(cluster);
    if (!process.env.PRIMEHUB_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForLine(cluster, /^devcluster: ready/m, 'devcluster', 180_000);
    const kubeconfig = join(dir, 'cluster', 'kubeconfig');
    const url = `http://127.0.0.1:${http}`;
    // Notebooks on an origin of their own, another loopback address: no cookie or storage
    // of the console's is theirs.
    const notebookUrl = `http://127.0.0.2:${notebooks}`;
    const adminPassword = randomBytes(12).toString('base64url');
    primehub = spawn(
      process.env.PRIMEHUB_BIN ?? bin('primehub'),
      [
        'serve',
        `--kubeconfig=${kubeconfig}`,
        `--http-addr=127.0.0.1:${http}`,
        `--metrics-addr=127.0.0.1:${metrics}`,
        `--external-url=${url}`,
        `--notebook-url=${notebookUrl}`,
        `--notebook-addr=127.0.0.2:${notebooks}`,
        `--webhook-addr=127.0.0.1:${webhook}`,
        `--webhook-url=https://127.0.0.1:${webhook}`,
        `--webhook-cert-dir=${dir}/webhook-certs`,
        '--log-format=console',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PRIMEHUB_ADMIN_PASSWORD: adminPassword } },
    );
    const log = createWriteStream(join(dir, 'primehub.log'));
    primehub.stdout.pipe(log);
    primehub.stderr.pipe(log);
    await waitForReady(url, primehub, 120_000);
    return {
      url,
      notebookUrl,
      adminPassword,
      kubectl: kubectlOf(kubeconfig),
      stop: stopAll,
      logDir: dir,
    };
  } catch (err) {
    process.env.PRIMEHUB_E2E_KEEP = '1';
    await stopAll();
    throw new Error(`${err.message} (logs in ${dir})`);
  }
}
