import { processOutput } from './output.js';
import { runCli } from './program.js';

// `serve` keeps the process alive with its listening socket; other commands end with their code.
const code = await runCli(process.argv.slice(2), { output: processOutput, env: process.env });
if (code !== 0 || !process.argv.slice(2).includes('serve')) process.exitCode = code;
