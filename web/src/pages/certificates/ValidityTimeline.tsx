import { Box } from '@mantine/core';
import type { OccurrenceStatus } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { RENEWAL_WINDOW_DAYS } from './certificates-api.js';

const DAY_MS = 86_400_000;
const WIDTH = 1000;
const MARGIN = 24;

/** The renewal window's colour: green once renewed, red once missed, else orange (renewal due). */
function windowColor(status: OccurrenceStatus | null, expired: boolean): string {
  if (status === 'verified' || status === 'done') return 'var(--mantine-color-green-5)';
  if (status === 'missed' || expired) return 'var(--mantine-color-red-5)';
  return 'var(--mantine-color-orange-4)';
}

/**
 * One certificate's validity drawn to scale: the bar from notBefore to notAfter, the last 30 days
 * (the renewal window, coloured by the renewal occurrence's state) highlighted, and today marked.
 * Plain SVG: the scale widens to take in today when the certificate is expired or not yet valid.
 */
export function ValidityTimeline({
  notBefore,
  notAfter,
  now,
  renewalStatus,
}: {
  notBefore: string;
  notAfter: string;
  now: Date;
  /** The renewal occurrence's status, or null when none is open (yet). */
  renewalStatus: OccurrenceStatus | null;
}) {
  const from = Date.parse(notBefore);
  const to = Date.parse(notAfter);
  const today = now.getTime();
  const start = Math.min(from, today);
  const end = Math.max(to, today, start + DAY_MS);
  const x = (instant: number) =>
    MARGIN + ((WIDTH - 2 * MARGIN) * (instant - start)) / (end - start);
  const windowStart = Math.max(from, to - RENEWAL_WINDOW_DAYS * DAY_MS);
  const expired = today >= to;
  const todayX = x(today);
  const todayAnchor = todayX < 120 ? 'start' : todayX > WIDTH - 120 ? 'end' : 'middle';
  return (
    <Box
      component="svg"
      viewBox={`0 0 ${WIDTH} 96`}
      w="100%"
      role="img"
      aria-label={`Valid from ${formatDate(notBefore)} to ${formatDate(notAfter)}; renewal window from ${formatDate(new Date(windowStart).toISOString())}`}
      data-testid="validity-timeline"
      data-renewal-status={renewalStatus ?? 'none'}
      data-expired={expired}
      style={{ display: 'block', maxHeight: 120 }}
    >
      <rect
        data-part="validity"
        x={x(from)}
        y={36}
        width={Math.max(x(to) - x(from), 1)}
        height={16}
        rx={4}
        fill="var(--mantine-color-blue-2)"
      />
      <rect
        data-part="renewal-window"
        x={x(windowStart)}
        y={36}
        width={Math.max(x(to) - x(windowStart), 1)}
        height={16}
        fill={windowColor(renewalStatus, expired)}
      >
        <title>{`Renewal window: ${RENEWAL_WINDOW_DAYS} days before expiry`}</title>
      </rect>
      <text x={x(windowStart)} y={28} fontSize={13} textAnchor="end" fill="currentColor">
        renewal opens {formatDate(new Date(windowStart).toISOString())}
      </text>
      <text x={x(from)} y={72} fontSize={13} textAnchor="start" fill="currentColor">
        {formatDate(notBefore)}
      </text>
      <text x={x(to)} y={72} fontSize={13} textAnchor="end" fill="currentColor">
        expires {formatDate(notAfter)}
      </text>
      <g data-part="today">
        <line
          x1={todayX}
          x2={todayX}
          y1={14}
          y2={60}
          stroke="var(--mantine-color-dark-6)"
          strokeWidth={2}
          strokeDasharray="4 3"
        />
        <text x={todayX} y={90} fontSize={13} textAnchor={todayAnchor} fill="currentColor">
          today
        </text>
      </g>
    </Box>
  );
}
