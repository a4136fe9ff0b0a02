/** Exit codes of the `plumbline` command (docs/cli.md). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFoundOrForbidden: 3,
  locked: 4,
  unreachable: 5,
} as const;

/** Thrown by commands to end with a specific exit code and message. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
