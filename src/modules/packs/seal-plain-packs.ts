import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';

/**
 * Encrypts the packs that a version before encryption at rest kept in clear, each in place
 * (temporary file, atomic rename) and audited as `pack.encrypted`. Runs when the pack runner
 * starts; until it has, such a pack is still served as it is. Resolves with the ids encrypted.
 */
export async function sealPlainPacks(
  ctx: Pick<AppContext, 'db' | 'clock' | 'packStorage'>,
): Promise<string[]> {
  const sealed: string[] = [];
  for (const id of await ctx.packStorage.ids()) {
    if (!(await ctx.packStorage.isPlain(id))) continue;
    await ctx.packStorage.sealPlain(id);
    await mutate(ctx, systemActor, (tx) =>
      tx.audit({
        action: 'pack.encrypted',
        entityType: 'evidence_pack',
        entityId: id,
        after: { atRest: 'AES-256-GCM under the instance key' },
      }),
    );
    sealed.push(id);
  }
  return sealed;
}
