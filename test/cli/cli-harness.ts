import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/program.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Runs `plumbline ARGV` in this process with only the given environment, capturing its output. */
export async function plumbline(
  argv: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    output: {
      out: (text) => (stdout += withNewline(text)),
      write: (piece) => {
        stdout += piece;
        return Promise.resolve();
      },
      err: (text) => (stderr += withNewline(text)),
    },
    env,
  });
  return { code, stdout, stderr };
}

/** A fresh directory under the system temp dir, removed by the returned function. */
export function temporaryDirectory(prefix: string): { path: string; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: directory,
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

/** A local URL nothing listens on: a port the OS handed out and that was closed again. */
export async function unusedLocalUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  return `http://127.0.0.1:${port}`;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  pid: number;
  url: string;
  /** Everything the server printed on standard output so far. */
  stdout(): string;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `plumbline serve ARGS` as a separate process (through tsx, from the sources) and resolves
 * once it prints its listening line. Only the given PLUMBLINE_* variables reach it, so a
 * developer's own configuration cannot leak in.
 */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PLUMBLINE_HOST: '127.0.0.1',
        PLUMBLINE_PORT: '0',
        PLUMBLINE_LOG_LEVEL: 'error',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening at (http:\/\/\S+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before listening:\n${stdout}\n${stderr}`));
    });
  });

  return {
    pid: child.pid!,
    url,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
