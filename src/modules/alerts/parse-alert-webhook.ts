import { z } from 'zod';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { findTextProblems } from '../../platform/text/text-problems.js';
import {
  isSupportedInstant,
  UNSUPPORTED_INSTANT_MESSAGE,
} from '../../platform/time/supported-instants.js';
import type { AlertFormat, AlertStatus } from './alert.schema.js';

/** One alert of a webhook body, in the shape both tools share. */
export interface ReceivedAlert {
  status: AlertStatus;
  fingerprint: string;
  startsAt: Date;
  /** Null while firing (the tools send Go's zero time, 0001-01-01). */
  endsAt: Date | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorUrl: string;
}

/** Go's zero time.Time, which both tools send as the end of an alert still firing. */
const GO_ZERO_TIME = /^0001-01-01T00:00:00(\.0+)?Z$/;

const labelSet = z.record(z.string().min(1).max(200), z.string().max(10_000));
const rfc3339 = z.iso.datetime({ offset: true });
const instant = z
  .string()
  .refine((text) => GO_ZERO_TIME.test(text) || rfc3339.safeParse(text).success, {
    message: 'must be an RFC 3339 date-time',
  });
const startInstant = instant.refine(
  (text) => !GO_ZERO_TIME.test(text) && isSupportedInstant(text),
  { message: UNSUPPORTED_INSTANT_MESSAGE },
);
const endInstant = instant.refine((text) => GO_ZERO_TIME.test(text) || isSupportedInstant(text), {
  message: UNSUPPORTED_INSTANT_MESSAGE,
});

/**
 * One alert as Alertmanager's webhook notifier sends it (template.Alert: status, labels,
 * annotations, startsAt, endsAt, generatorURL, fingerprint). Grafana's notifier sends the same
 * fields and a few of its own (silenceURL, dashboardURL, panelURL, values, valueString), which are
 * kept in the stored body and not read. Fields a later version adds are accepted and ignored.
 */
const webhookAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet,
  startsAt: startInstant,
  endsAt: endInstant,
  generatorURL: z.string().max(10_000).default(''),
  fingerprint: z.string().min(1).max(200),
});

const groupFields = {
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(webhookAlert).min(1, 'must hold at least one alert').max(100_000),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: labelSet,
  externalURL: z.string(),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
};

/** Alertmanager's webhook message, version 4 (notify/webhook: Message = template.Data + version, groupKey, truncatedAlerts). */
const alertmanagerBody = z.looseObject({
  version: z.literal('4', {
    message: 'must be "4" (the Alertmanager webhook version Plumbline reads)',
  }),
  ...groupFields,
});

/**
 * Grafana Alerting's webhook body: Alertmanager's message (its version is "1") with orgId, title,
 * state and message added; the legacy (pre-8) dashboard alert body has none of these and is refused.
 */
const grafanaBody = z.looseObject({
  ...groupFields,
  orgId: z.number().int(),
  version: z.string().optional(),
  title: z.string().optional(),
  state: z.string().optional(),
  message: z.string().optional(),
});

const BODY_SCHEMAS: Record<AlertFormat, z.ZodType<{ alerts: z.infer<typeof webhookAlert>[] }>> = {
  alertmanager: alertmanagerBody,
  grafana: grafanaBody,
};

function refuse(format: AlertFormat, issues: FieldIssue[]): AppError {
  return new AppError(
    'validation_failed',
    `Nothing was stored: the ${format} webhook body is invalid: ${issues
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ')}`,
    { issues, details: { format } },
  );
}

const pathOf = (path: readonly PropertyKey[]) =>
  ['body', ...path.map((part) => String(part))].join('.');

/**
 * Reads a webhook body as the tool sent it into its alerts, or throws a validation error naming
 * every field at fault (`body.alerts.2.startsAt`). Nothing is half-read: a body either parses whole
 * or is refused whole.
 */
export function parseAlertWebhook(format: AlertFormat, text: string): ReceivedAlert[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(format, [{ path: 'body', message: `is not JSON (${(error as Error).message})` }]);
  }
  const parsed = BODY_SCHEMAS[format].safeParse(json);
  if (!parsed.success) {
    throw refuse(
      format,
      parsed.error.issues.slice(0, 20).map((issue) => ({
        path: pathOf(issue.path),
        message: issue.message,
      })),
    );
  }
  const unstorable = findTextProblems(parsed.data.alerts, 'body.alerts');
  if (unstorable.length > 0) throw refuse(format, unstorable);
  return parsed.data.alerts.map((alert) => ({
    status: alert.status,
    fingerprint: alert.fingerprint,
    startsAt: new Date(alert.startsAt),
    endsAt:
      alert.status === 'firing' || GO_ZERO_TIME.test(alert.endsAt) ? null : new Date(alert.endsAt),
    labels: alert.labels,
    annotations: alert.annotations,
    generatorUrl: alert.generatorURL,
  }));
}
