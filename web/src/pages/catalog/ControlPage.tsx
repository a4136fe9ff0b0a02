import { Anchor, Badge, List, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useControl } from '../../api/catalog.js';
import { useOccurrences } from '../../api/work.js';
import type { ControlView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalBadge } from '../../components/badges.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { OccurrencesTable } from '../work/OccurrencesTable.js';

const RECENT_OCCURRENCES = 20;

export function ControlPage() {
  const key = useRequiredParam('key');
  const control = useControl(key);
  return <QueryView query={control}>{(data) => <Control control={data} />}</QueryView>;
}

/** The scope selector in words: "server, database · production · in service". */
function describeScope(scope: ControlView['scope']): string {
  if (!scope) return 'The organisation as a whole';
  const parts = [
    scope.categories?.join(', '),
    scope.environments?.join(', '),
    scope.criticalities?.map((criticality) => `${criticality} criticality`).join(', '),
    scope.dataClassifications?.join(', '),
    scope.lifecycleStatuses?.join(', '),
    scope.thirdPartyManaged === undefined
      ? undefined
      : scope.thirdPartyManaged
        ? 'third-party managed'
        : 'managed in house',
    scope.tags?.map((tag) => `#${tag}`).join(' '),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : 'Every asset in service';
}

/** What decides the control now (`automation`), and what the catalogue intends when they differ. */
function describeEvaluation(control: ControlView): string {
  const { evaluation, automation } = control;
  switch (evaluation.mode) {
    case 'manual':
      return evaluation.verifierRole
        ? `Manual, verified by ${labelOf(OWNER_ROLE_LABELS, evaluation.verifierRole)}`
        : 'Manual, verified by someone other than the performer';
    case 'automatic':
      return automation === `automatic:${evaluation.source}`
        ? `Automatic from ${evaluation.source}`
        : `Manual for now (work orders): the catalogue intends automatic evaluation from ${evaluation.source}, which Plumbline does not evaluate yet`;
  }
}

function Control({ control }: { control: ControlView }) {
  const can = useCan();
  return (
    <>
      <PageHeader
        title={control.title}
        crumbs={[{ label: 'Controls', to: '/controls' }]}
        badges={
          <>
            {control.critical ? <CriticalBadge /> : null}
            {control.retiredAt ? (
              <Badge color="gray" variant="light">
                Retired
              </Badge>
            ) : null}
          </>
        }
        description={control.objective}
      />
      <Stack gap="lg">
        <Section title="Details">
          <DetailGrid
            details={[
              { label: 'Key', value: control.key },
              { label: 'Owner', value: labelOf(OWNER_ROLE_LABELS, control.ownerRole) },
              { label: 'Schedule', value: control.schedule },
              { label: 'Scope', value: describeScope(control.scope) },
              { label: 'Per asset', value: control.perAsset ? 'Yes' : 'No' },
              { label: 'Evaluation', value: describeEvaluation(control) },
              { label: 'Theme', value: control.theme },
              { label: 'Version', value: control.version },
            ]}
          />
        </Section>
        <Section title="Checklist">
          {control.checklist.length === 0 ? (
            <Text size="sm" c="dimmed">
              No checklist.
            </Text>
          ) : (
            <List type="ordered" size="sm" spacing={4}>
              {control.checklist.map((step) => (
                <List.Item key={step}>{step}</List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section title="Evidence expected">
          <List size="sm" spacing={4}>
            {control.evidenceExpected.map((evidence) => (
              <List.Item key={evidence.description}>
                <Badge size="xs" variant="outline" mr={6}>
                  {evidence.kind}
                </Badge>
                {evidence.description}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title="Requirements met">
          <List size="sm" spacing={4}>
            {control.requirements.map((requirement) => (
              <List.Item key={requirement.key}>
                <Anchor
                  component={Link}
                  to={`/frameworks/${encodeURIComponent(requirement.framework)}`}
                  size="sm"
                >
                  {requirement.key}
                </Anchor>{' '}
                {requirement.title}
                {requirement.retiredAt ? ' (retired)' : ''}
              </List.Item>
            ))}
          </List>
        </Section>
        {can('work:read') ? <RecentOccurrences controlKey={control.key} /> : null}
      </Stack>
    </>
  );
}

function RecentOccurrences({ controlKey }: { controlKey: string }) {
  const occurrences = useOccurrences({ control: controlKey }, RECENT_OCCURRENCES);
  return (
    <Section title="Recent occurrences">
      <QueryView query={occurrences}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No occurrences yet.
            </Text>
          ) : (
            <>
              <OccurrencesTable occurrences={items} showControl={false} />
              <LoadMore list={occurrences} />
            </>
          )
        }
      </QueryView>
    </Section>
  );
}
