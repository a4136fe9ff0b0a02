/**
 * Where a CAPA stands. `analysis` until its root cause is recorded; `implementing` while actions
 * are worked; `verifying` once every action is done (or cancelled, at least one done) and the
 * effectiveness check is awaited; `effective` when a signed check found the actions worked;
 * `closed` after that, and only after that.
 */
export const CAPA_STATUSES = [
  'analysis',
  'implementing',
  'verifying',
  'effective',
  'closed',
] as const;
export type CapaStatus = (typeof CAPA_STATUSES)[number];

/** What happens to a CAPA. */
export type CapaEvent =
  | 'root-cause-recorded'
  | 'action-added'
  | 'actions-done'
  | 'action-reopened'
  | 'check-passed'
  | 'check-failed'
  | 'close';

export const CAPA_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type CapaActionStatus = (typeof CAPA_ACTION_STATUSES)[number];

export type CapaTransition = { ok: true; to: CapaStatus } | { ok: false; reason: string };

const refuse = (reason: string): CapaTransition => ({ ok: false, reason });
const to = (status: CapaStatus): CapaTransition => ({ ok: true, to: status });

/**
 * The one transition function of a CAPA: the status an event leads to from `from`, or why the
 * event is refused. Closure is reachable only from `effective`, which only a passing signed
 * effectiveness check reaches.
 */
export function capaTransition(from: CapaStatus, event: CapaEvent): CapaTransition {
  if (from === 'closed') return refuse('The CAPA is closed and can no longer change');
  switch (event) {
    case 'root-cause-recorded':
      if (from === 'effective')
        return refuse('The CAPA was found effective: its analysis is final');
      return to(from === 'analysis' ? 'implementing' : from);
    case 'action-added':
      if (from === 'analysis') return refuse('Record the root cause before the actions');
      if (from === 'effective')
        return refuse('The CAPA was found effective: it takes no new actions');
      return to(from === 'verifying' ? 'implementing' : from);
    case 'actions-done':
      if (from === 'effective')
        return refuse('The CAPA was found effective: its actions are final');
      return from === 'implementing' ? to('verifying') : to(from);
    case 'action-reopened':
      if (from === 'effective')
        return refuse('The CAPA was found effective: its actions are final');
      return to(from === 'verifying' ? 'implementing' : from);
    case 'check-passed':
    case 'check-failed':
      if (from !== 'verifying') {
        return refuse(
          from === 'effective'
            ? 'The effectiveness check has passed already'
            : 'The effectiveness check comes after every action is done',
        );
      }
      return to(event === 'check-passed' ? 'effective' : 'implementing');
    case 'close':
      return from === 'effective'
        ? to('closed')
        : refuse('A CAPA is closed only after its effectiveness check has passed');
  }
}

/** Whether the actions allow the effectiveness check: none left to do, and at least one done. */
export function actionsComplete(statuses: readonly CapaActionStatus[]): boolean {
  return (
    statuses.some((status) => status === 'done') &&
    statuses.every((status) => status === 'done' || status === 'cancelled')
  );
}

/** An action still to be done. */
export const isActionOpen = (status: CapaActionStatus): boolean =>
  status === 'open' || status === 'in_progress';
