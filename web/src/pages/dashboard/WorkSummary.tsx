import { Anchor, Group, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePosture } from '../../api/posture.js';
import { useAllOccurrences } from '../../api/work.js';
import { useCan, useCurrentUser } from '../../auth/permissions.js';
import { PostureStatusBadge } from '../../components/badges.js';
import { OWNER_ROLE_LABELS } from '../../components/labels.js';
import { Section } from '../../components/Section.js';
import { StatusCounts } from '../posture/StatusCounts.js';
import { ownerRoleOf, openWorkFilters } from './dashboard-api.js';
import { StatCard } from './StatCard.js';

/** My open and overdue control work, for roles that see work. */
export function MyWorkCounts() {
  const user = useCurrentUser();
  const ownerRole = ownerRoleOf(user.role);
  const occurrences = useAllOccurrences(openWorkFilters(ownerRole));
  const items = occurrences.data ?? [];
  const overdue = items.filter((item) => item.status === 'overdue');
  const value = (count: number) => (occurrences.isPending ? '…' : count);
  const whose = ownerRole ? `${OWNER_ROLE_LABELS[ownerRole]} work` : 'all roles';
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="work-counts">
      <StatCard
        label="Overdue work"
        value={value(overdue.length)}
        to="/work"
        hint={`${overdue.filter((item) => item.critical).length} critical · ${whose}`}
        color={overdue.length > 0 ? 'red' : undefined}
      />
      <StatCard
        label="Due or in progress"
        value={value(items.length - overdue.length)}
        to="/work"
        hint={whose}
      />
    </SimpleGrid>
  );
}

/** The posture headline; hidden for roles without it or while the server has no posture yet. */
export function PostureSummary() {
  const can = useCan();
  const posture = usePosture(undefined, { enabled: can('posture:read') });
  if (!can('posture:read') || !posture.data) return null;
  const { data } = posture;
  return (
    <Section
      title="Posture"
      actions={
        <Anchor component={Link} to="/posture" size="sm">
          Open posture
        </Anchor>
      }
    >
      <Group gap="sm">
        <Text size="sm">All controls:</Text>
        <PostureStatusBadge status={data.status} />
      </Group>
      <StatusCounts counts={data.controlCounts} />
    </Section>
  );
}
