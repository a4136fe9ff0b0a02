import {
  Anchor,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Progress,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { evidenceDownloadUrl, useUploadEvidence } from '../../api/work.js';
import type { ControlView } from '../../api/types.js';
import type { EvidenceView } from '../../api/work-types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Files kept as evidence, each with its SHA-256 so a copy can be checked against the record. */
export function EvidencePanel({
  workOrderId,
  evidence,
  expected,
  canUpload,
}: {
  workOrderId: string;
  evidence: EvidenceView[];
  /** What the control asks to be kept; a `file` entry must be uploaded before completing. */
  expected: ControlView['evidenceExpected'];
  canUpload: boolean;
}) {
  const upload = useUploadEvidence(workOrderId);
  const [progress, setProgress] = useState<number | null>(null);

  function send(file: File | null) {
    if (!file) return;
    setProgress(0);
    upload.mutate(
      { file, onProgress: setProgress },
      {
        onSuccess: (uploaded) =>
          notifications.show({ color: 'teal', message: `${uploaded.filename} uploaded` }),
        onSettled: () => setProgress(null),
      },
    );
  }

  return (
    <Section
      title="Evidence"
      actions={
        canUpload ? (
          <FileButton onChange={send}>
            {(props) => (
              <Button {...props} variant="light" loading={upload.isPending}>
                Upload evidence
              </Button>
            )}
          </FileButton>
        ) : null
      }
    >
      {expected.length > 0 ? (
        <List size="sm" spacing={2}>
          {expected.map((item) => (
            <List.Item key={item.description}>
              <Badge size="xs" variant="outline" mr={6}>
                {item.kind}
              </Badge>
              {item.description}
            </List.Item>
          ))}
        </List>
      ) : null}
      {progress !== null ? (
        <Progress value={progress * 100} aria-label="Upload progress" animated />
      ) : null}
      {upload.isError ? <ErrorAlert error={upload.error} /> : null}
      {evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          No evidence uploaded yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" data-testid="evidence-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>SHA-256</Table.Th>
                <Table.Th>Uploaded</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.map((file) => (
                <Table.Tr key={file.id}>
                  <Table.Td>
                    <Anchor href={evidenceDownloadUrl(file.id)} download={file.filename} size="sm">
                      {file.filename}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {file.contentType}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatSize(file.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Code style={{ wordBreak: 'break-all' }}>{file.sha256}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{file.uploadedBy}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(file.uploadedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canUpload ? (
        <Group>
          <Text size="xs" c="dimmed">
            Files are stored unchanged; the SHA-256 is computed by the server on receipt.
          </Text>
        </Group>
      ) : null}
    </Section>
  );
}
