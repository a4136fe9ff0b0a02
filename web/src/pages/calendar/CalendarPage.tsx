import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { OccurrenceView, OwnerRole, UserRole } from '../../api/types.js';
import { useAllOccurrences } from '../../api/work.js';
import { useCurrentUser } from '../../auth/permissions.js';
import { deadlineDay, getOrganisationTimeZone, todayIsoDate } from '../../components/format.js';
import { OWNER_ROLE_LABELS, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { oneOf, useSearchState } from '../../components/params.js';
import { QueryView } from '../../components/QueryView.js';
import {
  addDays,
  addMonths,
  isoWeekday,
  startOfDate,
} from '../../../../src/platform/time/zoned-time.js';
import { CalendarFeedCard } from './CalendarFeedCard.js';
import './calendar.css';

const EVERY_ROLE = 'all';
const OWNER_ROLES = Object.keys(OWNER_ROLE_LABELS) as OwnerRole[];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** Items a day shows before "+ N more" (the day's list in My work has them all). */
const SHOWN_PER_DAY = 4;

function ownRole(role: UserRole): OwnerRole | undefined {
  return (OWNER_ROLES as string[]).includes(role) ? (role as OwnerRole) : undefined;
}

/** The weeks (Monday first) of a month 'YYYY-MM' as dates 'YYYY-MM-DD', null outside it. */
function weeksOf(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const cells: (string | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let day = first; day <= last; day = addDays(day, 1)) cells.push(day);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

function monthTitle(month: string): string {
  return new Intl.DateTimeFormat(undefined, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T12:00:00Z`));
}

/**
 * The calendar: a month of due work (occurrences by the local day their deadline ends), overdue
 * marked, filtered by owner role and asset; month, role and asset live in the URL. Below it the
 * person's own calendar feed URL to subscribe to from a calendar app.
 */
export function CalendarPage() {
  const user = useCurrentUser();
  const mine = ownRole(user.role);
  const timeZone = getOrganisationTimeZone();
  const thisMonth = todayIsoDate().slice(0, 7);
  const [state, setState] = useSearchState({
    month: thisMonth,
    owner: mine ?? EVERY_ROLE,
    asset: '',
  });
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(state.month) ? state.month : thisMonth;
  const owner = oneOf<OwnerRole | typeof EVERY_ROLE>(
    state.owner,
    [...OWNER_ROLES, EVERY_ROLE],
    mine ?? EVERY_ROLE,
  );
  const [assetText, setAssetText] = useState(state.asset);
  const [asset] = useDebouncedValue(assetText.trim(), 300);
  const first = `${month}-01`;
  const next = addMonths(first, 1);
  // A deadline at local midnight is the end of the day before: read a millisecond past each end.
  const occurrences = useAllOccurrences({
    ownerRole: owner === EVERY_ROLE ? undefined : owner,
    asset: asset || undefined,
    dueFrom: new Date(startOfDate(first, timeZone).getTime() + 1).toISOString(),
    dueBefore: new Date(startOfDate(next, timeZone).getTime() + 1).toISOString(),
  });

  return (
    <>
      <PageHeader
        title="Calendar"
        description="What is due when: each control's work on the day its deadline ends, overdue work marked."
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Group gap="xs" align="flex-end">
          <Button
            variant="default"
            onClick={() => setState({ month: addMonths(first, -1).slice(0, 7) })}
          >
            Previous month
          </Button>
          <Button variant="default" onClick={() => setState({ month: thisMonth })}>
            This month
          </Button>
          <Button variant="default" onClick={() => setState({ month: next.slice(0, 7) })}>
            Next month
          </Button>
        </Group>
        <Select
          label="Owner"
          data={[
            { value: EVERY_ROLE, label: 'Every role' },
            ...optionsOf<string>(OWNER_ROLE_LABELS),
          ]}
          value={owner}
          onChange={(value) => setState({ owner: value ?? EVERY_ROLE })}
          allowDeselect={false}
          w={170}
        />
        <TextInput
          label="Asset key"
          placeholder="Any asset"
          value={assetText}
          onChange={(event) => {
            setAssetText(event.currentTarget.value);
            setState({ asset: event.currentTarget.value.trim() || null }, { replace: true });
          }}
          w={180}
        />
      </Group>
      <QueryView query={occurrences}>
        {(items) => <MonthGrid month={month} items={items} timeZone={timeZone} />}
      </QueryView>
      <CalendarFeedCard />
    </>
  );
}

function MonthGrid({
  month,
  items,
  timeZone,
}: {
  month: string;
  items: OccurrenceView[];
  timeZone: string;
}) {
  const byDay = new Map<string, OccurrenceView[]>();
  for (const item of items) {
    const day = deadlineDay(item.dueAt, timeZone).date;
    if (!day.startsWith(month)) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), item]);
  }
  const today = todayIsoDate();
  const overdue = items.filter((item) => item.status === 'overdue').length;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="calendar-summary">
        {monthTitle(month)}: {items.length === 1 ? '1 occurrence' : `${items.length} occurrences`}
        {overdue > 0 ? `, ${overdue} overdue` : ''}
      </Text>
      <Table.ScrollContainer minWidth={840}>
        <Table
          withTableBorder
          withColumnBorders
          className="calendar-month"
          aria-label={monthTitle(month)}
        >
          <Table.Thead>
            <Table.Tr>
              {WEEKDAYS.map((weekday) => (
                <Table.Th key={weekday} scope="col">
                  {weekday}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeksOf(month).map((week) => (
              <Table.Tr key={week.find(Boolean) ?? 'week'}>
                {week.map((day, index) =>
                  day ? (
                    <DayCell key={day} day={day} today={today} items={byDay.get(day) ?? []} />
                  ) : (
                    <Table.Td
                      key={`empty-${index}`}
                      className="calendar-day calendar-day-outside"
                    />
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function DayCell({ day, today, items }: { day: string; today: string; items: OccurrenceView[] }) {
  const shown = items.slice(0, SHOWN_PER_DAY);
  return (
    <Table.Td
      className="calendar-day"
      data-date={day}
      data-today={day === today ? 'true' : undefined}
      aria-current={day === today ? 'date' : undefined}
    >
      <Text size="sm" fw={day === today ? 700 : 500} mb={4}>
        {Number(day.slice(8))}
        {day === today ? ' (today)' : ''}
      </Text>
      <Stack gap={4}>
        {shown.map((item) => (
          <Anchor
            key={item.id}
            component={Link}
            to={`/work/occurrences/${item.id}`}
            size="xs"
            className="calendar-item"
            data-status={item.status}
          >
            {item.status === 'overdue' ? (
              <Badge color="red" size="xs" mr={4} component="span">
                Overdue
              </Badge>
            ) : null}
            {item.controlTitle}
            {item.assetKey ? ` · ${item.assetKey}` : ''}
          </Anchor>
        ))}
        {items.length > shown.length ? (
          <Text size="xs" c="dimmed">
            + {items.length - shown.length} more
          </Text>
        ) : null}
      </Stack>
    </Table.Td>
  );
}
