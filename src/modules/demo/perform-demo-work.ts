import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import { listActiveControlDefinitions } from '../controls/active-control-definitions.js';
import { evaluatedSourceOf } from '../controls/evaluators.js';
import { isMfaRequired } from '../identity/mfa-policy.js';
import { listAllUsers } from '../identity/user.service.js';
import { generateOccurrences } from '../occurrences/generate-occurrences.js';
import { listOccurrences } from '../occurrences/list-occurrences.js';
import type { OccurrenceView } from '../occurrences/occurrence.schema.js';
import { attachEvidence } from '../attachments/attach-evidence.js';
import { workOrderEvidence } from '../work-orders/attach-evidence.js';
import { completeWorkOrder } from '../work-orders/complete-work-order.js';
import { signCloseout } from '../work-orders/sign-closeout.js';
import { startWorkOrder } from '../work-orders/start-work-order.js';
import { tickChecklistItem } from '../work-orders/tick-checklist-item.js';
import { getWorkOrder } from '../work-orders/work-order-views.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { demoHistory } from './demo-history.js';
import { withDemoSession } from './demo-session.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'evidenceStore' | 'secretBox'>;

export interface DemoWorkOutcome {
  generated: number;
  completed: number;
  verified: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Enough to show every state on the dashboard without making the demo slow to load. */
const MAX_DEMO_WORK_ORDERS = 24;

/**
 * Gives the demo some work to look at: generates the occurrences that are open now and the next
 * weeks', then has the demo accounts do part of the open work through the ordinary use cases —
 * start, tick the checklist, attach a small evidence note, complete — and a second person sign
 * most closeouts after signing in with the published demo password. Nothing is back-dated and
 * nothing is generated before the organisation's history (demo-history.ts): people's work starts
 * today, like it would for a new customer, and the rest stays due. Automatic controls are left to
 * their sources.
 */
export async function performDemoWork(ctx: Ctx): Promise<DemoWorkOutcome> {
  const now = ctx.clock.now();
  // Nothing before the organisation's history: it registered its assets today.
  const generation = await generateOccurrences(ctx, {
    from: demoHistory(now, ctx.config.timezone).today,
    until: new Date(now.getTime() + 35 * DAY_MS),
  });
  const users = (await listAllUsers(ctx)).filter((user) => !user.disabled);
  const actorFor = (role: Role): Actor | undefined => {
    const user = users.find((candidate) => candidate.role === role);
    return user ? { type: 'user', id: user.id, label: user.email, role: user.role } : undefined;
  };
  const controls = new Map(
    (await listActiveControlDefinitions(ctx)).map((control) => [control.content.key, control]),
  );
  const open = await listOccurrences(ctx, { status: ['due', 'overdue'] });
  let completed = 0;
  let verified = 0;
  // Automatic controls are the system's to evidence (the demo's backup runs), not people's.
  const manual = open.filter((occurrence) => {
    const control = controls.get(occurrence.controlKey);
    return control !== undefined && evaluatedSourceOf(control.content.evaluation) === null;
  });
  for (const occurrence of pickDemoWork(manual)) {
    const performer = actorFor(occurrence.ownerRole as Role);
    const control = controls.get(occurrence.controlKey);
    if (!performer || !control) continue;
    const { workOrder } = await startWorkOrder(ctx, performer, occurrence.id);
    const detail = await getWorkOrder(ctx, workOrder.id);
    for (const item of detail.checklist) {
      await tickChecklistItem(ctx, performer, workOrder.id, item.id, true);
    }
    const note = `Demo evidence for ${occurrence.controlKey} (${occurrence.periodKey})${occurrence.assetKey ? ` on ${occurrence.assetKey}` : ''}.\n`;
    await attachEvidence(ctx, performer, workOrderEvidence, workOrder.id, {
      stream: Readable.from([Buffer.from(note)]),
      filename: `${occurrence.controlKey}-${occurrence.periodKey}.txt`,
      contentType: 'text/plain',
    });
    await completeWorkOrder(ctx, performer, workOrder.id, 'Done as the checklist says (demo).');
    completed += 1;
    // Every third closeout is left for the quality lead to sign in the demo.
    if (completed % 3 === 0) continue;
    const verifierRole =
      control.content.evaluation.mode === 'manual'
        ? control.content.evaluation.verifierRole
        : undefined;
    const verifierUser = users.find(
      (user) =>
        user.id !== performer.id &&
        (verifierRole ? user.role === verifierRole : user.role === 'quality') &&
        !isMfaRequired(ctx.config, user.role),
    );
    if (!verifierUser) continue;
    const signed = await withDemoSession(ctx, verifierUser.email, (principal) =>
      signCloseout(ctx, principal, workOrder.id, {
        meaning: 'verified',
        credentials: { password: DEMO_PASSWORD },
        note: 'Checked the evidence note (demo).',
      }),
    );
    if (signed !== undefined) verified += 1;
  }
  return { generated: generation.created, completed, verified };
}

/** A spread of open work: at most one per control, the first few controls skipped so some stay due. */
function pickDemoWork(open: OccurrenceView[]): OccurrenceView[] {
  const firstPerControl = new Map<string, OccurrenceView>();
  for (const occurrence of [...open].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
    if (!firstPerControl.has(occurrence.controlKey))
      firstPerControl.set(occurrence.controlKey, occurrence);
  }
  return [...firstPerControl.values()]
    .sort((a, b) => a.controlKey.localeCompare(b.controlKey))
    .filter((_, index) => index % 4 !== 0)
    .slice(0, MAX_DEMO_WORK_ORDERS);
}
