import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useVerifyAuditChain } from '../../api/audit.js';
import type { AuditChainReport } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

const problemTitle: Record<NonNullable<AuditChainReport['problem']>, string> = {
  broken_link: 'The audit chain is broken',
  missing_tail: 'Audit events are missing from the end of the chain',
  checkpoint_mismatch: 'The audit chain was rewritten after a signed checkpoint',
  checkpoint_signature_invalid: 'A checkpoint of the audit chain does not verify',
};

/** Recomputes every hash of the audit trail on the server and reports the first broken link. */
export function VerifyChainPanel() {
  const verify = useVerifyAuditChain();
  const report = verify.data;
  return (
    <Stack gap="sm">
      <Group>
        <Button variant="default" loading={verify.isPending} onClick={() => verify.mutate()}>
          Verify chain
        </Button>
        <Text size="sm" c="dimmed">
          Each event's hash covers the previous one, and signed checkpoints of the newest one show
          events removed from the end.
        </Text>
      </Group>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {report ? (
        report.intact ? (
          <Alert color="teal" title="The audit chain is intact" data-testid="chain-report">
            {report.eventCount} events verified. Head hash <Code>{report.headHash}</Code>
            {report.checkpoint
              ? `; it reaches the signed checkpoint of ${report.checkpoint.at} (event #${report.checkpoint.seq}).`
              : '; no signed checkpoint yet, so removing the newest events would not show.'}
          </Alert>
        ) : (
          <Alert
            color="red"
            title={problemTitle[report.problem ?? 'broken_link']}
            data-testid="chain-report"
          >
            {report.message}
          </Alert>
        )
      ) : null}
    </Stack>
  );
}
