import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useImportAssets } from '../../api/register.js';
import type { AssetImportReport } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';

/**
 * Upload a CSV in the export's format. "Check" runs a dry run that writes nothing and lists every
 * bad line; "Import" writes all rows, or with "partial" only the good ones.
 */
export function ImportAssetsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const importAssets = useImportAssets();
  const [file, setFile] = useState<File | null>(null);
  const [partial, setPartial] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    importAssets.mutate({ csv: await file.text(), dryRun, partial });
  }

  function close() {
    importAssets.reset();
    setFile(null);
    setPartial(false);
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Import assets from CSV" size="xl">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Use the columns of the CSV export. Rows are matched by key: new keys are created, existing
          ones updated. Nothing is written while any row is bad, unless you allow a partial import.
        </Text>
        <FileInput
          label="CSV file"
          accept=".csv,text/csv"
          placeholder="Choose a file"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            importAssets.reset();
          }}
          clearable
        />
        <Checkbox
          label="Import the valid rows even if some rows are bad (partial import)"
          checked={partial}
          onChange={(event) => setPartial(event.currentTarget.checked)}
        />
        {importAssets.error ? <ErrorAlert error={importAssets.error} /> : null}
        {importAssets.data ? <ImportReport report={importAssets.data} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button
            variant="default"
            disabled={!file}
            loading={importAssets.isPending && importAssets.variables.dryRun}
            onClick={() => void run(true)}
          >
            Check (dry run)
          </Button>
          <Button
            disabled={!file}
            loading={importAssets.isPending && !importAssets.variables.dryRun}
            onClick={() => void run(false)}
          >
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportReport({ report }: { report: AssetImportReport }) {
  const outcome = report.written
    ? { color: 'teal', title: 'Imported' }
    : report.dryRun
      ? {
          color: report.errors.length > 0 ? 'orange' : 'blue',
          title:
            report.errors.length > 0
              ? 'Dry run: some rows need fixing'
              : 'Dry run: all rows are valid',
        }
      : { color: 'red', title: 'Nothing was imported' };
  return (
    <Stack gap="sm" data-testid="import-report">
      <Alert color={outcome.color} title={outcome.title}>
        <SimpleGrid cols={5} spacing="xs">
          <Stat label="Rows" value={report.rows} />
          <Stat label={report.written ? 'Created' : 'To create'} value={report.created} />
          <Stat label={report.written ? 'Updated' : 'To update'} value={report.updated} />
          <Stat label="Unchanged" value={report.unchanged} />
          <Stat label="Skipped" value={report.skipped} />
        </SimpleGrid>
      </Alert>
      {report.errors.length > 0 ? (
        <Table.ScrollContainer minWidth={500} mah={300}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Line</Table.Th>
                <Table.Th w={180}>Column</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((error, index) => (
                <Table.Tr key={`${error.line}-${error.column ?? ''}-${index}`}>
                  <Table.Td>{error.line}</Table.Td>
                  <Table.Td>{error.column ?? '—'}</Table.Td>
                  <Table.Td>{error.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}
