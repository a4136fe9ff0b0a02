import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader.js';
import {
  FINDING_SEVERITY_OPTIONS,
  FINDING_STATUS_OPTIONS,
  type FindingSeverity,
  type FindingStatus,
} from './findings-api.js';
import { FindingsTable } from './FindingsTable.js';

/** Vulnerability findings from imported scans, filtered by asset, severity, status and overdue. */
export function FindingsPage() {
  const [asset, setAsset] = useState('');
  const [severity, setSeverity] = useState<FindingSeverity | null>(null);
  const [status, setStatus] = useState<FindingStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  return (
    <>
      <PageHeader
        title="Vulnerability findings"
        description="What the scanners found, by asset, with the remediation deadline set when each was first detected."
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Asset"
          placeholder="Asset key"
          value={asset}
          onChange={(event) => setAsset(event.currentTarget.value.trim())}
        />
        <Select
          label="Severity"
          clearable
          data={FINDING_SEVERITY_OPTIONS}
          value={severity}
          onChange={(value) => setSeverity(value)}
        />
        <Select
          label="Status"
          clearable
          data={FINDING_STATUS_OPTIONS}
          value={status}
          onChange={(value) => setStatus(value)}
        />
        <Checkbox
          label="Only overdue"
          checked={overdue}
          onChange={(event) => setOverdue(event.currentTarget.checked)}
        />
      </Group>
      <FindingsTable
        showAsset
        filters={{
          asset: asset === '' ? undefined : asset,
          severity: severity ?? undefined,
          status: status ?? undefined,
          overdue,
        }}
      />
    </>
  );
}
