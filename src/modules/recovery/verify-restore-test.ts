import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../platform/http/principal.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { assetInScope } from '../occurrences/scope-match.js';
import { getAsset } from '../register/asset-queries.js';
import { findOccurrenceCovering } from '../occurrences/find-occurrence-covering.js';
import { restoreTestRepository } from './restore-test.repository.js';
import type { RestoreTestDetail } from './restore-test.schema.js';
import { getRestoreTest, toRestoreTestView } from './restore-test.service.js';
import { verifyRecoveryRecord } from './verify-recovery-record.js';

/** The controls a passing restore test is evidence for: org-wide monthly, and per asset quarterly. */
export const RESTORE_TEST_CONTROLS = ['restore-test-monthly', 'backup-integrity-quarterly'];

/**
 * The occurrences a passing test of the asset satisfies: those of the controls above whose scope
 * covers the asset (a restore of a development database is no production restore test), for the
 * period containing the test.
 */
async function occurrencesSatisfiedBy(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  assetKey: string,
  finishedAt: Date,
) {
  const [asset, controls] = await Promise.all([
    getAsset(ctx, assetKey),
    listActiveControlDefinitions(ctx),
  ]);
  const applicable = controls.filter(
    ({ content }) =>
      RESTORE_TEST_CONTROLS.includes(content.key) &&
      (!content.scope || assetInScope(asset, content.scope)),
  );
  const found = await Promise.all(
    applicable.map(({ content }) =>
      findOccurrenceCovering(ctx, {
        control: content.key,
        asset: content.perAsset ? assetKey : null,
        instant: finishedAt,
      }),
    ),
  );
  return found.filter((occurrence) => occurrence !== null);
}

/**
 * Verifies a recorded restore test with an electronic signature (not by its performer). A verified
 * passing test completes and verifies the occurrences it is evidence for, the month's restore test
 * and the quarter's integrity check of the asset, with a note naming the test; a failed test is
 * verified as a record, and its deficiency carries the follow-up.
 */
export async function verifyRestoreTest(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>,
  principal: Principal,
  id: string,
  input: { credentials: SignerCredentials; note: string },
): Promise<RestoreTestDetail> {
  const current = await getRestoreTest(ctx, id, principal);
  const occurrences =
    current.outcome === 'pass'
      ? await occurrencesSatisfiedBy(ctx, current.assetKey, new Date(current.finishedAt))
      : [];
  await verifyRecoveryRecord(ctx, principal, {
    table: 'restore_tests',
    entityType: 'restore_test',
    noun: 'restore test',
    id,
    credentials: input.credentials,
    note: input.note,
    occurrences,
    occurrenceNote: `Restore test ${current.number} of ${current.assetKey} (${current.outcome}), verified`,
    lock: async (tx) => {
      const row = await restoreTestRepository.findForUpdate(tx.trx, id);
      return (
        row && {
          status: row.status,
          performerId: row.performer_id,
          record: {
            ...toRestoreTestView(row),
            evidence: current.evidence.map((file) => file.sha256),
          },
        }
      );
    },
  });
  return getRestoreTest(ctx, id, principal);
}
