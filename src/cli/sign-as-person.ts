import type { Command } from 'commander';
import type { ApiClient } from '../shared/api/api-client.js';
import { signInAsPerson } from './api-transport.js';
import { globalOptions, type CliContext } from './context.js';
import { CliExit, EXIT } from './exit-codes.js';

/** The options of a command that signs: the person, and their TOTP code when they have MFA. */
export function withSignerOptions(command: Command): Command {
  return command
    .requiredOption('--email <email>', 'the signing person (API tokens cannot sign)')
    .option('--totp-code <code>', 'to sign in when the person has MFA');
}

/**
 * A session of the signing person, and the password their signature re-authenticates with: an
 * API token cannot sign, so the command signs in with the e-mail and PLUMBLINE_PASSWORD.
 */
export async function signAsPerson(
  command: Command,
  cli: CliContext,
  signer: { email: string; totpCode?: string | undefined },
): Promise<{ session: ApiClient; password: string }> {
  const password = cli.env.PLUMBLINE_PASSWORD;
  if (!password) throw new CliExit(EXIT.usage, 'Set PLUMBLINE_PASSWORD to the signer’s password');
  const { url } = globalOptions(command);
  const session = await signInAsPerson(
    { url, ...(cli.fetch ? { fetch: cli.fetch } : {}) },
    { email: signer.email, password, totpCode: signer.totpCode },
  );
  return { session, password };
}
