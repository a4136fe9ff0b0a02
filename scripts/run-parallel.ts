/**
 * Runs npm scripts side by side and fails if any of them fails: `tsx scripts/run-parallel.ts
 * typecheck lint format:check build`. Each script's output is printed whole when it ends (never
 * interleaved), followed by its exit status. The checks and the build are single-threaded for
 * most of their time, so on the 2 cores of CI they take about half as long together as in turn.
 */
import { spawn } from 'node:child_process';

interface Finished {
  script: string;
  code: number;
  seconds: number;
}

function run(script: string): Promise<Finished> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    let finished = false;
    // A child that cannot start reports 'error' and may still report 'close': answer once.
    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      const seconds = (Date.now() - started) / 1000;
      const output = Buffer.concat(chunks).toString('utf8');
      process.stdout.write(
        `\n> ${script}\n${output}${output.endsWith('\n') || !output ? '' : '\n'}`,
      );
      process.stdout.write(`< ${script}: exit ${code} after ${seconds.toFixed(1)} s\n`);
      resolve({ script, code, seconds });
    };
    child.on('error', (error) => {
      chunks.push(Buffer.from(`${error.message}\n`));
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: tsx scripts/run-parallel.ts SCRIPT [SCRIPT…]\n');
  process.exit(2);
}
const results = await Promise.all(scripts.map(run));
const failed = results.filter((result) => result.code !== 0);
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.map((result) => result.script).join(', ')}\n`);
  process.exit(1);
}
