import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import { getAsset } from '../register/asset-queries.js';
import type { AccountView, ListAccountsQuery, RevocationClockView } from './account.schema.js';
import { accountsRepository } from './accounts.repository.js';
import type { RevocationOutcome, RevocationReason } from './revocation-clock.js';

type AccountRow = Awaited<ReturnType<typeof accountsRepository.pageOfAsset>>[number];

function accountView(row: AccountRow): AccountView {
  const active = !row.disabled && row.removed_at === null;
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    personId: row.person_id,
    personEmail: row.person_email,
    roles: row.roles,
    privileged: row.privileged,
    mfaEnabled: row.mfa_enabled,
    disabled: row.disabled,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    disabledSince: row.disabled_since?.toISOString() ?? null,
    removedAt: row.removed_at?.toISOString() ?? null,
    flags: {
      privilegedWithoutMfa: active && row.privileged && row.mfa_enabled !== true,
      unrequested: !row.requested,
      leaverStillActive: active && row.person_status === 'left',
    },
  };
}

/** One system's accounts in username order, a page at a time, with their flags. */
export async function listAccounts(
  ctx: Pick<AppContext, 'db'>,
  query: ListAccountsQuery,
): Promise<Page<AccountView>> {
  const asset = await getAsset(ctx, query.asset);
  const after = query.cursor ? decodeCursor(query.cursor, z.tuple([z.string()]))[0] : null;
  const rows = await accountsRepository.pageOfAsset(ctx.db, {
    assetId: asset.id,
    after,
    limit: query.limit,
    includeRemoved: query.includeRemoved,
  });
  return pageFromRows(rows, query.limit, (row) => [row.username], accountView);
}

/** A person's revocation clocks: when each account's clock started, stopped, met or missed. */
export async function listRevocationClocksOfPerson(
  ctx: Pick<AppContext, 'db'>,
  personId: string,
): Promise<RevocationClockView[]> {
  const rows = await accountsRepository.clocksOfPerson(ctx.db, personId);
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason as RevocationReason,
    asset: row.asset_key,
    username: row.username,
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    outcome: row.outcome as RevocationOutcome | null,
    occurrenceId: row.occurrence_id,
  }));
}
