import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { listAssetIdentities } from '../register/asset-queries.js';
import { registerAssetsInBulk } from '../register/register-assets-in-bulk.js';
import { planTerraformSync, type SyncOptions } from './plan-terraform-sync.js';
import { readTerraformState } from './read-terraform-state.js';
import type { DriftReport } from './terraform-sync.schema.js';

/** The largest state one sync reads: 20,000 resources with their attributes are about 60 MB. */
export const MAX_STATE_BYTES = 512 * 1024 * 1024;

/** What a state past the size limit is refused with. */
export const stateTooLarge = (megabytes: number) =>
  `The state is larger than ${megabytes} MB; sync its workspaces one by one`;

async function* limited(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  maxBytes: number,
): AsyncGenerator<string | Buffer> {
  let size = 0;
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (size > maxBytes) {
      throw new AppError('payload_too_large', stateTooLarge(maxBytes / 1024 / 1024));
    }
    yield chunk;
  }
}

/**
 * Reads a Terraform state as it streams in and reports the drift between it and the register
 * (plan-terraform-sync.ts). With `apply`, creates an asset as `requested` for each resource no
 * asset stands for (so it goes through provisioning), each audited, in one transaction that also
 * re-reads the register so a concurrent change cannot be overwritten. Nothing is written on a dry
 * run, or when the state is refused (another version, malformed, truncated, too large).
 */
export async function syncTerraformState(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  options: SyncOptions & { apply: boolean; maxBytes?: number },
): Promise<DriftReport> {
  const state = await readTerraformState(limited(input, options.maxBytes ?? MAX_STATE_BYTES));
  if (!options.apply) {
    const { report } = planTerraformSync(state, await listAssetIdentities(ctx.db), options);
    return { dryRun: true, applied: false, created: 0, ...report };
  }
  return mutate(
    ctx,
    actor,
    async (tx) => {
      // Keys are chosen against the register as it is now: no other writer adds assets meanwhile.
      await sql`lock table assets in share row exclusive mode`.execute(tx.trx);
      const { report, toCreate } = planTerraformSync(
        state,
        await listAssetIdentities(tx.trx),
        options,
      );
      if (toCreate.length === 0) return { dryRun: false, applied: false, created: 0, ...report };
      await registerAssetsInBulk(tx, toCreate, 'Created from a Terraform state');
      await tx.audit({
        action: 'register.terraform_synced',
        entityType: 'terraform_state',
        entityId: state.lineage,
        after: {
          serial: state.serial,
          terraformVersion: state.terraformVersion,
          resources: report.resources,
          matched: report.matched.length,
          created: toCreate.length,
          assetsWithoutResource: report.assetsWithoutResource.length,
        },
      });
      return { dryRun: false, applied: true, created: toCreate.length, ...report };
    },
    { mayFindNothingToDo: true },
  );
}
