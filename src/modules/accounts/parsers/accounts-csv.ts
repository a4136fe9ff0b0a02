import { CsvReadError, readCsvRecords } from '../../../platform/csv/read-csv-records.js';
import {
  AccountParseError,
  emailIn,
  isoInstant,
  type AccountInput,
  type ParsedAccount,
} from './parsed-account.js';

/** Plumbline's account listing (docs/access-management.md): one account per row. */
export const ACCOUNT_CSV_COLUMNS = [
  'username',
  'email',
  'roles',
  'privileged',
  'mfa_enabled',
  'disabled',
  'last_login',
] as const;

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

function flag(value: string | undefined, line: number, field: string, empty: boolean | null) {
  const text = (value ?? '').toLowerCase();
  if (text === '') return empty;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new AccountParseError(line, field, `${field} must be true or false, not ${value}`);
}

/** Parses the account CSV as it streams in. */
export async function* parseAccountsCsv(input: AccountInput): AsyncGenerator<ParsedAccount> {
  try {
    for await (const { line, cells } of readCsvRecords(input, {
      known: ACCOUNT_CSV_COLUMNS,
      required: ['username'],
    })) {
      const username = cells.username ?? '';
      if (username === '') throw new AccountParseError(line, 'username', 'username is required');
      if (username.length > 256)
        throw new AccountParseError(line, 'username', 'username is longer than 256 characters');
      const email = cells.email ? emailIn(cells.email) : emailIn(username);
      if (cells.email && email === null)
        throw new AccountParseError(
          line,
          'email',
          `email is not an e-mail address: ${cells.email}`,
        );
      yield {
        line,
        username,
        email,
        roles: (cells.roles ?? '')
          .split(';')
          .map((role) => role.trim())
          .filter((role) => role !== ''),
        privileged: flag(cells.privileged, line, 'privileged', false) ?? false,
        mfaEnabled: flag(cells.mfa_enabled, line, 'mfa_enabled', null),
        disabled: flag(cells.disabled, line, 'disabled', false) ?? false,
        lastLoginAt: cells.last_login ? isoInstant(cells.last_login, line, 'last_login') : null,
      };
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw new AccountParseError(error.line, null, error.message);
    throw error;
  }
}
