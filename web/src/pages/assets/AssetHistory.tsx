import { Text, Timeline } from '@mantine/core';
import { useAssetHistory } from '../../api/register.js';
import { describeAction, fieldChanges } from '../../components/audit-diff.js';
import { ChangeList } from '../../components/ChangeList.js';
import { formatDateTime } from '../../components/format.js';
import { QueryView } from '../../components/QueryView.js';

/** Every recorded change of the asset, newest first, from the audit trail. */
export function AssetHistory({ assetKey }: { assetKey: string }) {
  const history = useAssetHistory(assetKey);
  return (
    <QueryView query={history}>
      {(events) =>
        events.length === 0 ? (
          <Text size="sm" c="dimmed">
            No recorded changes.
          </Text>
        ) : (
          <Timeline
            bulletSize={14}
            lineWidth={2}
            active={events.length}
            data-testid="asset-history"
          >
            {events.map((event) => {
              const changes = event.before === null ? [] : fieldChanges(event);
              return (
                <Timeline.Item key={event.id} title={describeAction(event.action)}>
                  <Text size="xs" c="dimmed" mb={4}>
                    {formatDateTime(event.occurredAt)} · {event.actorLabel} · #{event.seq}
                  </Text>
                  {event.before === null ? (
                    <Text size="sm">Record created.</Text>
                  ) : changes.length > 0 ? (
                    <ChangeList changes={changes} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      No field changed.
                    </Text>
                  )}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )
      }
    </QueryView>
  );
}
