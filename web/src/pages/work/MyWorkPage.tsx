import { Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { OccurrenceStatus, OccurrenceView, OwnerRole, UserRole } from '../../api/types.js';
import { useAllOccurrences } from '../../api/work.js';
import { useCurrentUser } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { OWNER_ROLE_LABELS, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { OccurrencesTable } from './OccurrencesTable.js';

/** The groups of My work, most pressing first. */
const GROUPS: { status: OccurrenceStatus; title: string }[] = [
  { status: 'overdue', title: 'Overdue' },
  { status: 'due', title: 'Due' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'done', title: 'Done, awaiting verification' },
];
const STATUSES = GROUPS.map((group) => group.status);

/** Roles that oversee everyone's work and pick whose to see; the others see their own. */
const OVERSEERS: ReadonlySet<UserRole> = new Set(['admin', 'quality', 'auditor']);

function ownRole(role: UserRole): OwnerRole | undefined {
  return role in OWNER_ROLE_LABELS ? (role as OwnerRole) : undefined;
}

/** Critical first within a day, then by due date. */
function byDueDate(a: OccurrenceView, b: OccurrenceView): number {
  return a.dueAt.localeCompare(b.dueAt) || Number(b.critical) - Number(a.critical);
}

export function MyWorkPage() {
  const user = useCurrentUser();
  const oversees = OVERSEERS.has(user.role);
  const [roleFilter, setRoleFilter] = useState<OwnerRole | null>(
    oversees ? null : (ownRole(user.role) ?? null),
  );
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const ownerRole = oversees ? (roleFilter ?? undefined) : ownRole(user.role);
  // Grouped and counted by status: every page is read, so no group is cut short.
  const occurrences = useAllOccurrences({ status: STATUSES, ownerRole });

  return (
    <>
      <PageHeader
        title="My work"
        description={
          oversees
            ? 'Control occurrences that are due, overdue, in progress or waiting for verification.'
            : `Control occurrences owned by ${OWNER_ROLE_LABELS[ownerRole ?? 'engineering']} that need doing or verifying.`
        }
      />
      <Group mb="md" align="flex-end">
        {oversees ? (
          <Select
            label="Owner"
            placeholder="Every role"
            clearable
            data={optionsOf(OWNER_ROLE_LABELS)}
            value={roleFilter}
            onChange={(value) => setRoleFilter(value)}
          />
        ) : null}
        <SegmentedControl
          value={scope}
          onChange={(value) => setScope(value === 'all' ? 'all' : 'open')}
          data={[
            { value: 'open', label: 'To do' },
            { value: 'all', label: 'Including awaiting verification' },
          ]}
        />
      </Group>
      <QueryView query={occurrences}>
        {(items) => {
          const groups = GROUPS.filter((group) => scope === 'all' || group.status !== 'done')
            .map((group) => ({
              ...group,
              items: items.filter((item) => item.status === group.status).sort(byDueDate),
            }))
            .filter((group) => group.items.length > 0);
          if (groups.length === 0) {
            return (
              <EmptyMessage title="Nothing to do">
                No occurrence is due, overdue or in progress.
              </EmptyMessage>
            );
          }
          return (
            <Stack gap="xl">
              {groups.map((group) => (
                <Stack key={group.status} gap="xs" data-testid={`work-group-${group.status}`}>
                  <Group gap="xs">
                    <Title order={4}>{group.title}</Title>
                    <Text c="dimmed" size="sm">
                      {group.items.length}
                    </Text>
                  </Group>
                  <OccurrencesTable occurrences={group.items} />
                </Stack>
              ))}
            </Stack>
          );
        }}
      </QueryView>
    </>
  );
}
