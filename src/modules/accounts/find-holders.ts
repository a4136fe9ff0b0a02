import type { AppContext } from '../../platform/context.js';
import { accountsRepository } from './accounts.repository.js';

export interface AccountHolder {
  id: string;
  status: string;
  leftAt: Date | null;
  label: string;
}

/** The people (by lower-case e-mail) that accounts and access requests name. */
export async function findHoldersByEmail(
  db: AppContext['db'],
  emails: readonly string[],
): Promise<Map<string, AccountHolder>> {
  const rows = await accountsRepository.peopleByEmails(db, emails);
  return new Map(
    rows.map((row) => [
      row.email,
      { id: row.id, status: row.status, leftAt: row.left_at, label: `${row.name} <${row.email}>` },
    ]),
  );
}
