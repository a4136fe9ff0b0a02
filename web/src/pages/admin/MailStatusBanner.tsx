import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useMailStatus } from '../../api/notifications.js';
import { formatDateTime } from '../../components/format.js';

/**
 * Says plainly that no e-mail leaves Plumbline while SMTP is not configured, and how much waits.
 * Shown to those who may see the outbox; nothing when SMTP is set.
 */
export function MailStatusBanner() {
  const status = useMailStatus().data;
  if (!status || status.smtpConfigured) return null;
  const waiting = status.waiting.urgent + status.waiting.bulk;
  return (
    <Alert color="orange" mb="md" title="E-mail is not being sent" data-testid="mail-status-banner">
      PLUMBLINE_SMTP_URL is not set, so alerts, reminders and invitations stay in the outbox.{' '}
      {waiting > 0
        ? `${waiting} message(s) wait${status.oldestWaitingSince ? ` since ${formatDateTime(status.oldestWaitingSince)}` : ''} (${status.waiting.urgent} urgent). `
        : ''}
      <Anchor component={Link} to="/admin/outbox">
        Open the outbox
      </Anchor>
    </Alert>
  );
}
