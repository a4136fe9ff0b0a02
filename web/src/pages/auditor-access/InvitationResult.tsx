import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import type { InvitationIssuedView } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';

/**
 * What an issued invitation gives the admin: the link to copy, and the truth about the e-mail.
 * Without SMTP nothing is sent, and the page says so instead of claiming it was e-mailed.
 */
export function InvitationResult({ issued }: { issued: InvitationIssuedView }) {
  const { invitation } = issued;
  return (
    <Stack gap="sm" data-testid="invitation-result">
      {invitation.email === 'queued' ? (
        <Alert color="teal" title="Invitation queued">
          The e-mail to {issued.email} is in the outbox and leaves within a minute (invitations go
          before any other mail). You can also give the link below yourself.
        </Alert>
      ) : (
        <Alert color="orange" title="No e-mail will be sent">
          SMTP is not configured (PLUMBLINE_SMTP_URL), so the invitation to {issued.email} waits in
          the outbox and nothing is sent. Copy the link below and give it to the auditor yourself.
        </Alert>
      )}
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label={invitation.oneTimeLink ? 'One-time set-password link' : 'Sign-in link'}
          value={invitation.link}
          readOnly
          style={{ flex: 1 }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={invitation.link}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'light' : 'default'} onClick={copy}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        {invitation.linkExpiresAt
          ? `The link works once, until ${formatDateTime(invitation.linkExpiresAt)}. It is shown only now; "Resend invitation" issues a new one.`
          : 'The auditor already has a password and signs in with it.'}
      </Text>
    </Stack>
  );
}
