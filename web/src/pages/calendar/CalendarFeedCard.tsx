import { Button, CopyButton, Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  useCalendarFeed,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
} from '../../api/calendar.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';

/**
 * The person's own calendar feed: a secret URL a calendar app subscribes to (it can send no
 * password), shown once when made; replacing or revoking it stops the old URL at once.
 */
export function CalendarFeedCard() {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const inUse = feed.data?.inUse ?? false;
  return (
    <Paper withBorder p="md" mt="lg" component="section" aria-labelledby="calendar-feed-title">
      <Title order={2} size="h4" id="calendar-feed-title" mb="xs">
        Subscribe from your calendar app
      </Title>
      <Text size="sm" mb="sm">
        Your own feed URL lists your role&apos;s work still to do (two months back, four ahead) in
        any calendar app. Anyone with the URL can read it: keep it to yourself, and replace or
        revoke it if it leaks.
      </Text>
      {inUse && !url ? (
        <Text size="sm" mb="sm" data-testid="calendar-feed-state">
          A feed URL made {formatDateTime(feed.data?.createdAt ?? null)} is in use (it starts{' '}
          {feed.data?.prefix}…). It is not shown again; make a new one if you lost it.
        </Text>
      ) : null}
      {url ? (
        <Group gap="xs" align="flex-end" mb="sm" wrap="nowrap">
          <TextInput
            label="Your feed URL (shown this once)"
            value={url}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            style={{ flex: 1 }}
            data-testid="calendar-feed-url"
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : null}
      <Group gap="xs">
        <Button
          loading={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: (created) => setUrl(created.url) })}
        >
          {inUse ? 'Replace the feed URL' : 'Make a feed URL'}
        </Button>
        {inUse ? (
          <Button
            variant="default"
            color="red"
            loading={revoke.isPending}
            onClick={() => revoke.mutate(undefined, { onSuccess: () => setUrl(null) })}
          >
            Revoke the feed URL
          </Button>
        ) : null}
      </Group>
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
    </Paper>
  );
}
