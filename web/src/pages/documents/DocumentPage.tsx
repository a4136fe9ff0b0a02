import { Anchor, Badge, Grid, Group, List, Stack, Table, Text, Typography } from '@mantine/core';
import { useState } from 'react';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRequiredParam } from '../../components/params.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { DocumentStatusBadge } from './DocumentStatusBadge.js';
import { PeriodicReviewSection } from './PeriodicReviewSection.js';
import { QuizSection } from './QuizSection.js';
import { SignoffsSection } from './SignoffsSection.js';
import {
  printableUrl,
  useDocument,
  useDocumentBody,
  useDocumentVersions,
  type DocumentDetail,
  type DocumentVersionView,
} from './documents-api.js';

/**
 * A version's text. The HTML comes from the server's own renderer
 * (src/modules/documents/render-markdown.ts), which escapes every text and shows raw HTML as
 * text, so it is inserted as markup here.
 */
export function DocumentText({ documentKey, version }: { documentKey: string; version: number }) {
  const body = useDocumentBody(documentKey, version);
  return (
    <QueryView query={body}>
      {(data) => (
        <Typography>
          <div
            data-testid="document-text"
            dangerouslySetInnerHTML={{ __html: belowPageHeading(data.html) }}
          />
        </Typography>
      )}
    </QueryView>
  );
}

/**
 * The document's own headings one level down (its "# Title" becomes an h2), so the page keeps one
 * h1, its header's, and the outline stays in order.
 */
function belowPageHeading(html: string): string {
  return html.replace(/<(\/?)h([1-6])>/g, (_tag, slash: string, level: string) => {
    return `<${slash}h${Math.min(Number(level) + 1, 6)}>`;
  });
}

function VersionsTable({
  versions,
  shown,
  onShow,
}: {
  versions: DocumentVersionView[];
  shown: number;
  onShow: (version: number) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid="document-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Imported</Table.Th>
            <Table.Th>Effective</Table.Th>
            <Table.Th>SHA-256</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((version) => (
            <Table.Tr key={version.id} data-version={version.version}>
              <Table.Td>
                {version.version === shown ? (
                  <Text size="sm" fw={600}>
                    v{version.version} (shown)
                  </Text>
                ) : (
                  <Anchor component="button" size="sm" onClick={() => onShow(version.version)}>
                    v{version.version}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <DocumentStatusBadge status={version.status} />
              </Table.Td>
              <Table.Td>
                {formatDateTime(version.importedAt)} by {version.importedBy}
              </Table.Td>
              <Table.Td>{formatDateTime(version.effectiveAt)}</Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {version.contentSha256.slice(0, 16)}…
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Document({ document }: { document: DocumentDetail }) {
  const versions = useDocumentVersions(document.key);
  const [shown, setShown] = useState(document.effective?.version ?? document.current.version);
  const current = document.current;
  const shownVersion =
    versions.data?.find((version) => version.version === shown) ??
    [current, document.effective].find((version) => version?.version === shown) ??
    null;
  return (
    <>
      <PageHeader
        title={`${document.key} · ${document.title}`}
        crumbs={[{ label: 'Documents', to: '/documents' }]}
        badges={
          <Group gap={4}>
            <Badge variant="outline">v{current.version}</Badge>
            <DocumentStatusBadge status={current.status} />
            {document.quizMissing ? (
              <Badge color="yellow" variant="light">
                Quiz missing
              </Badge>
            ) : null}
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Section
              title={`Text of v${shown}`}
              actions={
                <Anchor href={printableUrl(document.key, shown)} target="_blank" size="sm">
                  Printable page
                </Anchor>
              }
            >
              <DocumentText documentKey={document.key} version={shown} />
            </Section>
            <Section title="Versions">
              <QueryView query={versions}>
                {(items) => <VersionsTable versions={items} shown={shown} onShow={setShown} />}
              </QueryView>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <SignoffsSection document={document} />
            {shownVersion?.training ? (
              <QuizSection document={document} version={shownVersion} />
            ) : null}
            <PeriodicReviewSection document={document} />
            <Section title="Document">
              <DetailGrid
                details={[
                  { label: 'Owner', value: document.owner },
                  {
                    label: 'In effect',
                    value: document.effective ? `v${document.effective.version}` : 'None',
                  },
                  { label: 'Review due', value: formatDate(document.reviewDueOn) },
                  { label: 'Reviewers', value: current.reviewers.join(', ') },
                  { label: 'Approvers', value: current.approvers.join(', ') },
                  {
                    label: 'Training',
                    value: current.training
                      ? `${current.training.requiredDepartments.join(', ')} · ${current.training.mode} · due in ${current.training.dueDays} days`
                      : 'None',
                  },
                  {
                    label: 'Linked to',
                    value: document.links.map((link) => link.key).join(', '),
                    wide: true,
                  },
                ]}
              />
            </Section>
            <Section title="Change history">
              <List size="sm" data-testid="document-history">
                {document.history.map((event) => (
                  <List.Item key={`${event.at}:${event.kind}:${event.text}`}>
                    {formatDateTime(event.at)}: {event.text}
                  </List.Item>
                ))}
              </List>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** A controlled document: its text, versions, sign-offs with e-signature, and history. */
export function DocumentPage() {
  const key = useRequiredParam('key');
  const document = useDocument(key);
  return (
    <QueryView query={document}>{(data) => <Document key={data.id} document={data} />}</QueryView>
  );
}
