import type { AppContext } from '../../platform/context.js';
import {
  listActiveControlDefinitions,
  type ActiveControl,
} from '../controls/active-control-definitions.js';
import { controlLookback } from './control-lookback.js';
import type { ControlLookback } from './posture.repository.js';

const DAY_MS = 86_400_000;

/** What every posture evaluation starts from: the instant, the horizon and the controls in force. */
export interface PostureInputs {
  at: Date;
  atRiskDays: number;
  atRiskUntil: Date;
  controls: ActiveControl[];
  lookbacks: ControlLookback[];
}

export async function postureInputs(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: { at?: string | undefined; atRiskDays: number },
): Promise<PostureInputs> {
  const at = query.at ? new Date(query.at) : ctx.clock.now();
  const controls = await listActiveControlDefinitions(ctx);
  return {
    at,
    atRiskDays: query.atRiskDays,
    atRiskUntil: new Date(at.getTime() + query.atRiskDays * DAY_MS),
    controls,
    lookbacks: controls.map((control) => controlLookback(control, at)),
  };
}
