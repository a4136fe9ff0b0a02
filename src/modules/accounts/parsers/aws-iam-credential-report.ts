import { CsvReadError, readCsvRecords } from '../../../platform/csv/read-csv-records.js';
import {
  AccountParseError,
  emailIn,
  isoInstant,
  type AccountInput,
  type ParsedAccount,
} from './parsed-account.js';

/**
 * The AWS IAM credential report: the CSV `aws iam get-credential-report` returns (its Content,
 * base64-decoded), as it is. One row per IAM user plus the root user `<root_account>`. Columns
 * AWS may add later are ignored; those read here must be present.
 */
export const IAM_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_used_date',
  'access_key_2_active',
  'access_key_2_last_used_date',
  'cert_1_active',
  'cert_2_active',
] as const;

export const IAM_ROOT_USER = '<root_account>';

/** The words AWS writes where there is no date: N/A (not applicable), no_information, not_supported. */
const NO_DATE = new Set(['N/A', 'no_information', 'not_supported']);

function bool(cells: Record<string, string>, field: string, line: number, allowed: string[] = []) {
  const value = cells[field] ?? '';
  if (value === 'true') return true;
  if (value === 'false' || allowed.includes(value)) return false;
  throw new AccountParseError(line, field, `${field} must be true or false, not "${value}"`);
}

function optionalDate(cells: Record<string, string>, field: string, line: number): Date | null {
  const value = cells[field] ?? '';
  if (NO_DATE.has(value)) return null;
  return isoInstant(value, line, field);
}

/**
 * Parses the credential report as it streams in. The root user is privileged and never disabled
 * (it cannot be); any other user is disabled when it holds no credential at all (no console
 * password, no active access key or signing certificate). The last login is the latest use of
 * the password or an access key. The report names no groups or policies: roles stay empty and
 * only the root user counts as privileged (the CSV format carries both when they matter).
 */
export async function* parseIamCredentialReport(
  input: AccountInput,
): AsyncGenerator<ParsedAccount> {
  try {
    for await (const { line, cells } of readCsvRecords(input, {
      known: IAM_REPORT_COLUMNS,
      required: IAM_REPORT_COLUMNS,
      allowUnknown: true,
    })) {
      const user = cells.user ?? '';
      if (user === '') throw new AccountParseError(line, 'user', 'user is empty');
      if (!(cells.arn ?? '').startsWith('arn:')) {
        throw new AccountParseError(line, 'arn', `arn is not an ARN: "${cells.arn ?? ''}"`);
      }
      isoInstant(cells.user_creation_time ?? '', line, 'user_creation_time');
      const root = user === IAM_ROOT_USER;
      const password = bool(cells, 'password_enabled', line, root ? ['not_supported'] : []);
      const credentials = [
        password,
        bool(cells, 'access_key_1_active', line),
        bool(cells, 'access_key_2_active', line),
        bool(cells, 'cert_1_active', line),
        bool(cells, 'cert_2_active', line),
      ];
      const uses = [
        optionalDate(cells, 'password_last_used', line),
        optionalDate(cells, 'access_key_1_last_used_date', line),
        optionalDate(cells, 'access_key_2_last_used_date', line),
      ].filter((date): date is Date => date !== null);
      yield {
        line,
        username: user,
        email: root ? null : emailIn(user),
        roles: root ? ['root'] : [],
        privileged: root,
        mfaEnabled: bool(cells, 'mfa_active', line),
        disabled: !root && !credentials.some(Boolean),
        lastLoginAt: uses.length === 0 ? null : new Date(Math.max(...uses.map((d) => d.getTime()))),
      };
    }
  } catch (error) {
    if (error instanceof CsvReadError) throw new AccountParseError(error.line, null, error.message);
    throw error;
  }
}
