import {
  Button,
  Grid,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  useAddTimelineEntry,
  useDecideIncident,
  useIncident,
  type ConformityOutcome,
  type IncidentDetail,
} from '../../api/incidents.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { DecisionState } from './IncidentsPage.js';

function DecisionForm({ incident }: { incident: IncidentDetail }) {
  const decide = useDecideIncident(incident.id);
  const [outcome, setOutcome] = useState<ConformityOutcome>('no-impact');
  const [rationale, setRationale] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={outcome}
        onChange={(value) => setOutcome(value)}
        data={[
          { value: 'no-impact', label: 'No impact on conformity' },
          { value: 'impact', label: 'Could affect conformity (raise a nonconformance)' },
        ]}
      />
      <Textarea
        label="Rationale"
        value={rationale}
        onChange={(event) => setRationale(event.currentTarget.value)}
        autosize
        minRows={3}
      />
      <PasswordInput
        label="Your password (signature)"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      <Group>
        <Button
          loading={decide.isPending}
          disabled={rationale.trim() === '' || password === ''}
          onClick={() =>
            decide.mutate(
              { outcome, rationale, password },
              {
                onError: (error) => notifications.show({ color: 'red', message: error.message }),
              },
            )
          }
        >
          Sign the decision
        </Button>
      </Group>
    </Stack>
  );
}

function AddTimelineEntry({ incident }: { incident: IncidentDetail }) {
  const add = useAddTimelineEntry(incident.id);
  const [text, setText] = useState('');
  return (
    <Group align="end">
      <Textarea
        label="Add to the timeline"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button
        disabled={text.trim() === ''}
        loading={add.isPending}
        onClick={() =>
          add.mutate(
            { text },
            {
              onSuccess: () => setText(''),
              onError: (error) => notifications.show({ color: 'red', message: error.message }),
            },
          )
        }
      >
        Add
      </Button>
    </Group>
  );
}

function Incident({ incident }: { incident: IncidentDetail }) {
  return (
    <>
      <PageHeader
        title={`${incident.number} · ${incident.title}`}
        crumbs={[{ label: 'Incidents', to: '/incidents' }]}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Section title="Timeline">
              <Timeline bulletSize={14} lineWidth={2} data-testid="incident-timeline">
                {incident.timeline.map((entry) => (
                  <Timeline.Item
                    key={entry.id}
                    title={`${formatDateTime(entry.at)} · ${entry.kind}`}
                  >
                    {/* Text from people and tools is shown as text, never as markup. */}
                    <Text size="sm">{entry.text}</Text>
                    <Text size="xs" c="dimmed">
                      {entry.recordedBy}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
            {incident.abilities.addTimelineEntry.allowed ? (
              <AddTimelineEntry incident={incident} />
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Section title="Incident">
              <DetailGrid
                details={[
                  { label: 'Severity', value: incident.severity },
                  { label: 'Status', value: incident.status },
                  {
                    label: 'Detected',
                    value: `${formatDateTime(incident.detectedAt)} (${incident.detectionSource})`,
                  },
                  {
                    label: 'Opened',
                    value: `${formatDateTime(incident.openedAt)} by ${incident.openedBy}`,
                  },
                  {
                    label: 'Assets',
                    value: incident.assets.map((asset) => asset.key).join(', ') || '—',
                  },
                  {
                    label: 'Processes',
                    value: incident.processes.map((process) => process.name).join(', ') || '—',
                  },
                  { label: 'Responders', value: incident.responders.join(', ') || '—' },
                ]}
              />
            </Section>
            <Section title="Conformity decision">
              <div data-testid="incident-decision">
                <DecisionState incident={incident} />
                {incident.decision ? (
                  <Text size="sm">
                    {incident.decision.rationale} — signed by {incident.decision.decidedBy},{' '}
                    {formatDateTime(incident.decision.decidedAt)}
                  </Text>
                ) : null}
              </div>
              {incident.abilities.decide.allowed ? (
                <DecisionForm incident={incident} />
              ) : incident.abilities.decide.reason ? (
                <Text size="sm" c="dimmed">
                  {incident.abilities.decide.reason}
                </Text>
              ) : null}
            </Section>
            {incident.postIncidentReview ? (
              <Section title="Post-incident review">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {incident.postIncidentReview}
                </Text>
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One incident: its timeline, what it affected, and its conformity decision. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const incident = useIncident(id);
  return <QueryView query={incident}>{(data) => <Incident incident={data} />}</QueryView>;
}
