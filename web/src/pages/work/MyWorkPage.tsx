import { Group, SegmentedControl, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import type { OccurrenceStatus, OccurrenceView, OwnerRole, UserRole } from '../../api/types.js';
import { useAllOccurrences, type OccurrenceFilters } from '../../api/work.js';
import { AssignedWorkOrders } from './AssignedWorkOrders.js';
import { useCurrentUser } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { deadlineDay, getOrganisationTimeZone, todayIsoDate } from '../../components/format.js';
import { OWNER_ROLE_LABELS, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { oneOf, useSearchState } from '../../components/params.js';
import { QueryView } from '../../components/QueryView.js';
import { addDays, startOfDate } from '../../../../src/platform/time/zoned-time.js';
import { OccurrencesTable } from './OccurrencesTable.js';

/** The groups of the "All open" tab, most pressing first. */
const GROUPS: { status: OccurrenceStatus; title: string }[] = [
  { status: 'overdue', title: 'Overdue' },
  { status: 'due', title: 'Due' },
  { status: 'in_progress', title: 'In progress' },
  { status: 'done', title: 'Done, awaiting verification' },
];
const OPEN_STATUSES: OccurrenceStatus[] = GROUPS.map((group) => group.status);

const TABS = ['today', 'week', 'overdue', 'open'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = {
  today: 'Today',
  week: 'This week',
  overdue: 'Overdue',
  open: 'All open',
};
const TAB_DESCRIPTIONS: Record<Tab, string> = {
  today: 'Due by the end of today.',
  week: 'Due by the end of the seventh day from today, today included.',
  overdue: 'Past their deadline and not yet done.',
  open: 'Everything due, overdue, in progress or waiting for verification.',
};

/** Roles that oversee everyone's work and may pick whose to see; the others see their own. */
const OVERSEERS: ReadonlySet<UserRole> = new Set(['admin', 'quality', 'auditor']);
const EVERY_ROLE = 'all';
/** My role's work and whatever is assigned to me (the server's mine=true). */
const MINE = 'mine';
/** Only what is assigned to me. */
const ASSIGNED_TO_ME = 'assigned';
const OWNER_ROLES = Object.keys(OWNER_ROLE_LABELS) as OwnerRole[];

function ownRole(role: UserRole): OwnerRole | undefined {
  return (OWNER_ROLES as string[]).includes(role) ? (role as OwnerRole) : undefined;
}

/** By due date, critical first within the same deadline. */
function byDueDate(a: OccurrenceView, b: OccurrenceView): number {
  return a.dueAt.localeCompare(b.dueAt) || Number(b.critical) - Number(a.critical);
}

/** Whether an occurrence still needs doing (or verifying, when those are included). */
function isOpen(occurrence: OccurrenceView, includeDone: boolean): boolean {
  return occurrence.status !== 'done' || includeDone;
}

/** The occurrences a tab shows, by the local day their deadline ends (organisation's zone). */
function inTab(tab: Tab, items: OccurrenceView[], today: string): OccurrenceView[] {
  switch (tab) {
    case 'today':
      return items.filter(
        (item) => item.status !== 'overdue' && deadlineDay(item.dueAt).date <= today,
      );
    case 'week': {
      const lastDay = addDays(today, 6);
      return items.filter(
        (item) => item.status !== 'overdue' && deadlineDay(item.dueAt).date <= lastDay,
      );
    }
    case 'overdue':
      return items.filter((item) => item.status === 'overdue');
    case 'open':
      return items.filter((item) => item.status !== 'upcoming');
  }
}

/**
 * My work: the signed-in person's own work first (their role's occurrences), by when it is due.
 * The tab, the owner and the scope live in the URL, so a view can be bookmarked or shared.
 */
export function MyWorkPage() {
  const user = useCurrentUser();
  const oversees = OVERSEERS.has(user.role);
  const mine = ownRole(user.role);
  const [filters, setFilters] = useSearchState({
    tab: 'today',
    owner: MINE,
    scope: 'open',
  });
  const tab = oneOf(filters.tab, TABS, 'today');
  const includeDone = filters.scope === 'all';
  const chosenOwner = oneOf<OwnerRole | typeof EVERY_ROLE | typeof MINE | typeof ASSIGNED_TO_ME>(
    filters.owner,
    [...OWNER_ROLES, EVERY_ROLE, MINE, ASSIGNED_TO_ME],
    MINE,
  );
  // Someone who does not oversee others' work sees their own (their role's or assigned to them),
  // or only what is assigned to them, whatever else the URL says.
  const owner = oversees || chosenOwner === ASSIGNED_TO_ME ? chosenOwner : MINE;
  const scope: OccurrenceFilters =
    owner === MINE
      ? { mine: true }
      : owner === ASSIGNED_TO_ME
        ? { assignee: 'me' }
        : owner === EVERY_ROLE
          ? {}
          : { ownerRole: owner };
  const today = todayIsoDate();
  const open = useAllOccurrences({ status: OPEN_STATUSES, ...scope });
  // Work that opens later this week is still this week's; later upcoming work is not read.
  const upcoming = useAllOccurrences({
    status: ['upcoming'],
    ...scope,
    dueBefore: startOfDate(addDays(today, 8), getOrganisationTimeZone()).toISOString(),
  });

  const ownerWords =
    owner === MINE
      ? `${mine ? `${OWNER_ROLE_LABELS[mine]} (your role)` : 'nobody'} or assigned to you`
      : owner === ASSIGNED_TO_ME
        ? 'anyone but assigned to you'
        : owner === EVERY_ROLE
          ? 'every role'
          : OWNER_ROLE_LABELS[owner];
  return (
    <>
      <PageHeader
        title="My work"
        description={`Control occurrences of ${ownerWords}: what is due today, this week and overdue.`}
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Whose work"
          data={[
            { value: MINE, label: 'Mine: my role’s and assigned to me' },
            { value: ASSIGNED_TO_ME, label: 'Assigned to me' },
            ...(oversees
              ? [
                  ...optionsOf(OWNER_ROLE_LABELS).map((option) =>
                    option.value === mine
                      ? { ...option, label: `${option.label} (my role)` }
                      : option,
                  ),
                  { value: EVERY_ROLE, label: 'Every role' },
                ]
              : []),
          ]}
          value={owner}
          allowDeselect={false}
          onChange={(value) => setFilters({ owner: value })}
          miw={280}
        />
        <SegmentedControl
          aria-label="Include work awaiting verification"
          value={includeDone ? 'all' : 'open'}
          onChange={(value) => setFilters({ scope: value })}
          data={[
            { value: 'open', label: 'To do' },
            { value: 'all', label: 'Including awaiting verification' },
          ]}
        />
      </Group>
      <QueryView query={open}>
        {(openItems) => (
          <QueryView query={upcoming}>
            {(upcomingItems) => {
              const items = [...openItems, ...upcomingItems]
                .filter((item) => isOpen(item, includeDone))
                .sort(byDueDate);
              const counts = Object.fromEntries(
                TABS.map((name) => [name, inTab(name, items, today).length]),
              ) as Record<Tab, number>;
              const shown = inTab(tab, items, today);
              return (
                <Tabs
                  value={tab}
                  onChange={(value) => setFilters({ tab: value })}
                  keepMounted={false}
                >
                  <Tabs.List mb="md">
                    {TABS.map((name) => (
                      <Tabs.Tab key={name} value={name} data-testid={`work-tab-${name}`}>
                        {TAB_LABELS[name]} ({counts[name]})
                      </Tabs.Tab>
                    ))}
                  </Tabs.List>
                  <Text c="dimmed" size="sm" mb="sm">
                    {TAB_DESCRIPTIONS[tab]}
                  </Text>
                  {shown.length === 0 ? (
                    <EmptyMessage title="Nothing here">
                      {tab === 'overdue'
                        ? 'Nothing is overdue.'
                        : `Nothing is due ${tab === 'today' ? 'today' : tab === 'week' ? 'this week' : 'or in progress'}.`}
                    </EmptyMessage>
                  ) : tab === 'open' ? (
                    <GroupedByStatus items={shown} />
                  ) : (
                    <OccurrencesTable occurrences={shown} selectable />
                  )}
                </Tabs>
              );
            }}
          </QueryView>
        )}
      </QueryView>
      <AssignedWorkOrders />
    </>
  );
}

/** The "All open" tab: one table per status, most pressing first. */
function GroupedByStatus({ items }: { items: OccurrenceView[] }) {
  const groups = GROUPS.map((group) => ({
    ...group,
    items: items.filter((item) => item.status === group.status),
  })).filter((group) => group.items.length > 0);
  return (
    <Stack gap="xl">
      {groups.map((group) => (
        <Stack key={group.status} gap="xs" data-testid={`work-group-${group.status}`}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {group.title}
            </Title>
            <Text c="dimmed" size="sm">
              {group.items.length}
            </Text>
          </Group>
          <OccurrencesTable occurrences={group.items} selectable />
        </Stack>
      ))}
    </Stack>
  );
}
