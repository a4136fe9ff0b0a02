/**
 * Access management as the web app reads it: the people register and a system's accounts, paged,
 * with types inferred from the server's zod schemas (imported as types only).
 */
import { TABLE_PAGE_SIZE, usePagedList } from '../../api/paging.js';
import type { AccountView } from '../../../../src/modules/accounts/account.schema.js';
import type { PersonStatus, PersonView } from '../../../../src/modules/people/person.schema.js';

export type { AccountView, PersonStatus, PersonView };

const ACCESS = 'access';

/** The people register, a page at a time; `status` undefined means everyone. */
export function usePeople(status?: PersonStatus) {
  return usePagedList<PersonView>([ACCESS, 'people', status ?? 'all'], '/people', {
    status,
  });
}

/** One system's accounts (present ones), a page at a time, with their flags. */
export function useAccounts(asset: string) {
  return usePagedList<AccountView>(
    [ACCESS, 'accounts', asset],
    '/accounts',
    { asset },
    TABLE_PAGE_SIZE,
  );
}
