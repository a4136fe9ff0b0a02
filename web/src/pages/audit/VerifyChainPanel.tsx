import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useVerifyAuditChain } from '../../api/audit.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

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
          Each event's hash covers the previous one, so any edit or deletion breaks the chain.
        </Text>
      </Group>
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {report ? (
        report.valid ? (
          <Alert color="teal" title="The audit chain is intact" data-testid="chain-report">
            {report.eventCount} events verified. Head hash <Code>{report.headHash}</Code>
          </Alert>
        ) : (
          <Alert color="red" title="The audit chain is broken" data-testid="chain-report">
            {report.firstBroken
              ? `First broken link at event #${report.firstBroken.seq}: ${report.firstBroken.reason}.`
              : 'The chain does not verify.'}{' '}
            {report.eventCount} events checked.
          </Alert>
        )
      ) : null}
    </Stack>
  );
}
