import { parseAccountsCsv } from './accounts-csv.js';
import { parseIamCredentialReport } from './aws-iam-credential-report.js';
import type { AccountInput, ParsedAccount } from './parsed-account.js';

export const ACCOUNT_IMPORT_FORMATS = ['csv', 'aws-iam-credential-report'] as const;
export type AccountImportFormat = (typeof ACCOUNT_IMPORT_FORMATS)[number];

/** The parser of each listing format, as an async stream of accounts. */
export function parseAccountListing(
  format: AccountImportFormat,
  input: AccountInput,
): AsyncGenerator<ParsedAccount> {
  switch (format) {
    case 'csv':
      return parseAccountsCsv(input);
    case 'aws-iam-credential-report':
      return parseIamCredentialReport(input);
  }
}

export { AccountParseError, type AccountInput, type ParsedAccount } from './parsed-account.js';
