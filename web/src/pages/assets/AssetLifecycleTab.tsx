import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AssetView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { DecommissioningRecordCard } from './DecommissioningRecordCard.js';
import { useDecommissioningRecords, useProvisioningRequests } from './lifecycle-api.js';
import { RecordDecommissioningDialog, RequestProvisioningDialog } from './LifecycleDialogs.js';
import { ProvisioningRequestCard } from './ProvisioningRequestCard.js';

/**
 * The asset's lifecycle records (docs/lifecycle.md): its provisioning requests and
 * decommissioning records, opened and completed here, each step signed where the server asks.
 */
export function AssetLifecycleTab({ asset }: { asset: AssetView }) {
  const can = useCan();
  const provisioning = useProvisioningRequests(asset.key);
  const decommissioning = useDecommissioningRecords(asset.key);
  const [dialog, setDialog] = useState<'provisioning' | 'decommissioning' | null>(null);
  const openProvisioning = (provisioning.data ?? []).some(
    (request) => request.status !== 'verified',
  );
  const mayRequest =
    can('register:write') &&
    (asset.lifecycleStatus === 'requested' || asset.lifecycleStatus === 'provisioning') &&
    provisioning.isSuccess &&
    !openProvisioning;
  const mayDecommission =
    can('register:write') &&
    asset.lifecycleStatus !== 'decommissioning' &&
    asset.lifecycleStatus !== 'decommissioned' &&
    decommissioning.isSuccess &&
    decommissioning.data.length === 0;

  return (
    <Section
      title="Lifecycle"
      actions={
        <Group gap="sm">
          {mayRequest ? (
            <Button variant="light" onClick={() => setDialog('provisioning')}>
              Request provisioning
            </Button>
          ) : null}
          {mayDecommission ? (
            <Button variant="light" color="red" onClick={() => setDialog('decommissioning')}>
              Record decommissioning
            </Button>
          ) : null}
        </Group>
      }
    >
      <Stack gap="md" data-testid="asset-lifecycle">
        <QueryView query={provisioning}>
          {(requests) =>
            requests.length === 0 ? (
              <Text size="sm" c="dimmed">
                No provisioning request.
                {asset.lifecycleStatus === 'requested'
                  ? ' It needs a verified one before it goes into service.'
                  : ''}
              </Text>
            ) : (
              <Stack gap="md">
                {requests.map((request) => (
                  <ProvisioningRequestCard key={request.id} id={request.id} />
                ))}
              </Stack>
            )
          }
        </QueryView>
        <LoadMore list={provisioning} />
        <QueryView query={decommissioning}>
          {(records) =>
            records.length === 0 ? null : (
              <Stack gap="md">
                {records.map((record) => (
                  <DecommissioningRecordCard key={record.id} id={record.id} />
                ))}
              </Stack>
            )
          }
        </QueryView>
        <LoadMore list={decommissioning} />
      </Stack>
      {dialog === 'provisioning' ? (
        <RequestProvisioningDialog
          assetKey={asset.key}
          configurationReference={asset.configurationReference}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'decommissioning' ? (
        <RecordDecommissioningDialog assetKey={asset.key} onClose={() => setDialog(null)} />
      ) : null}
    </Section>
  );
}
