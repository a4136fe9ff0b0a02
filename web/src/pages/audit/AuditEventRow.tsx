import { ActionIcon, Code, Collapse, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { AuditEventView } from '../../api/types.js';
import { fieldChanges } from '../../components/audit-diff.js';
import { ChangeList } from '../../components/ChangeList.js';
import { formatDateTime } from '../../components/format.js';

/** Who acted, in words: the stored actor types are codes. */
const ACTOR_TYPE_WORDS: Partial<Record<string, string>> = {
  user: 'Person',
  token: 'API token',
  system: 'Plumbline itself',
};

/** One event; expands to show what changed (or the full snapshots when there is no "before"). */
export function AuditEventRow({ event }: { event: AuditEventView }) {
  const [opened, { toggle }] = useDisclosure(false);
  const compared = event.before !== null && event.after !== null;
  const changes = compared ? fieldChanges(event) : [];
  const hasDetail = event.before !== null || event.after !== null;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          {hasDetail ? (
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={opened ? 'Hide details' : 'Show details'}
              aria-expanded={opened}
              onClick={toggle}
            >
              {opened ? '▾' : '▸'}
            </ActionIcon>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {event.seq}
          </Text>
        </Table.Td>
        <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
        <Table.Td>
          <Text size="sm">{event.actorName ?? event.actorLabel}</Text>
          <Text size="xs" c="dimmed">
            {event.actorName
              ? event.actorLabel
              : (ACTOR_TYPE_WORDS[event.actorType] ?? event.actorType)}
          </Text>
        </Table.Td>
        <Table.Td>
          <Code>{event.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{event.entityType}</Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {event.entityId}
          </Text>
        </Table.Td>
      </Table.Tr>
      {hasDetail ? (
        <Table.Tr style={opened ? undefined : { display: 'none' }}>
          <Table.Td />
          <Table.Td colSpan={5}>
            <Collapse expanded={opened}>
              <Stack gap="xs" py="xs">
                {changes.length > 0 ? (
                  <ChangeList changes={changes} />
                ) : compared ? (
                  <Text size="sm" c="dimmed">
                    No recorded field changed.
                  </Text>
                ) : (
                  <Code block>{JSON.stringify(event.after ?? event.before, null, 2)}</Code>
                )}
                <Text size="xs" c="dimmed" ff="monospace">
                  hash {event.hash}
                </Text>
              </Stack>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}
