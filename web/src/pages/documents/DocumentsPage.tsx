import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { DocumentStatusBadge } from './DocumentStatusBadge.js';
import { ImportDocumentDialog } from './ImportDocumentDialog.js';
import { useDocuments, type DocumentStatus, type DocumentSummary } from './documents-api.js';

type Filter = DocumentStatus | 'all';

function DocumentRow({ document }: { document: DocumentSummary }) {
  return (
    <Table.Tr data-document={document.key}>
      <Table.Td>
        <Anchor component={Link} to={`/documents/${encodeURIComponent(document.key)}`} fw={500}>
          {document.key} · {document.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          Owner {document.owner}
        </Text>
      </Table.Td>
      <Table.Td>v{document.version}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <DocumentStatusBadge status={document.status} />
          {document.quizMissing ? (
            <Badge color="yellow" variant="light">
              Quiz missing
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>{document.effectiveVersion ? `v${document.effectiveVersion}` : '—'}</Table.Td>
      <Table.Td>{formatDate(document.reviewDueOn)}</Table.Td>
      <Table.Td>{formatDateTime(document.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

/** Controlled documents: each with its latest version and status, and the one in effect. */
export function DocumentsPage() {
  const can = useCan();
  const [filter, setFilter] = useState<Filter>('all');
  const [importing, setImporting] = useState(false);
  const list = useDocuments(filter === 'all' ? null : filter);
  return (
    <>
      <PageHeader
        title="Documents"
        description="Controlled documents (SOPs and policies): versions, reviews and approvals signed electronically, and the version in effect."
        actions={
          can('documents:manage') ? (
            <Button onClick={() => setImporting(true)}>Import document</Button>
          ) : null
        }
      />
      <Group mb="lg">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'in_review', label: 'In review' },
            { value: 'approved', label: 'Approved' },
            { value: 'effective', label: 'Effective' },
            { value: 'draft', label: 'Drafts' },
          ]}
        />
      </Group>
      <QueryView query={list}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No document">
              Import a Markdown file with YAML front matter to bring a document under control.
            </EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped highlightOnHover verticalSpacing="sm" data-testid="documents">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Document</Table.Th>
                      <Table.Th>Latest</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>In effect</Table.Th>
                      <Table.Th>Review due</Table.Th>
                      <Table.Th>Updated</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((document) => (
                      <DocumentRow key={document.id} document={document} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={list} />
            </>
          )
        }
      </QueryView>
      {importing ? <ImportDocumentDialog onClose={() => setImporting(false)} /> : null}
    </>
  );
}
