import type { Command } from 'commander';
import type { ApiClient } from '../shared/api/api-client.js';
import { createCliClient } from './api-transport.js';
import type { Output } from './output.js';

/** What every command receives: its output streams, the environment, and a way to reach the API. */
export interface CliContext {
  output: Output;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** Called by `serve` with the running server so tests can stop it. */
  onServerStarted?: (stop: () => Promise<void>) => void;
}

export interface GlobalOptions {
  url: string;
  token?: string;
  json?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function clientFor(command: Command, cli: CliContext): ApiClient {
  const options = globalOptions(command);
  return createCliClient({ url: options.url, token: options.token, fetch: cli.fetch });
}

/** Prints a list as JSON (`--json`) or as a table of the given columns. */
export function printList(
  command: Command,
  cli: CliContext,
  items: Record<string, unknown>[],
  columns: string[],
  format: (items: Record<string, unknown>[], columns: string[]) => string,
): void {
  if (globalOptions(command).json) cli.output.out(JSON.stringify(items, null, 2));
  else cli.output.out(format(items, columns));
}
