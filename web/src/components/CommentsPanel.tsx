import { Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useMailStatus } from '../api/notifications.js';
import {
  useColleagues,
  useCommentThread,
  usePostComment,
  type CommentThread,
} from '../api/work.js';
import { useCan } from '../auth/permissions.js';
import { FormError, fieldErrors } from './form.js';
import { formatDateTime } from './format.js';
import { LoadMore } from './LoadMore.js';
import { PersonName } from './PersonName.js';
import { QueryView } from './QueryView.js';
import { Section } from './Section.js';

/**
 * A record's comment thread (a work order's, a nonconformance's), oldest first, and (for those who
 * may write) a new comment. Comments are never edited or deleted; @e-mail or @Full Name mentions a
 * person, for whom an e-mail is queued.
 */
export function CommentsPanel({ thread }: { thread: CommentThread }) {
  const can = useCan();
  const comments = useCommentThread(thread);
  // Only those who may see the outbox know whether e-mail leaves at all; the others are not told
  // more than that an e-mail was queued.
  const smtpConfigured = useMailStatus().data?.smtpConfigured;
  return (
    <Section title="Comments">
      <Stack gap="sm" data-testid="comments">
        <QueryView query={comments}>
          {(items) =>
            items.length === 0 ? (
              <Text size="sm" c="dimmed">
                No comments yet.
              </Text>
            ) : (
              <>
                {items.map((comment) => (
                  <Paper key={comment.id} withBorder p="sm" data-testid="comment">
                    <Group justify="space-between" align="flex-start" mb={4}>
                      <PersonName label={comment.author.label} />
                      <Text size="xs" c="dimmed">
                        {formatDateTime(comment.createdAt)}
                      </Text>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {comment.body}
                    </Text>
                    {comment.mentions.length > 0 ? (
                      <Text size="xs" c="dimmed" mt={4} data-testid="comment-mentions">
                        Mentioned (an e-mail is queued for each):{' '}
                        {comment.mentions.map((person) => person.name).join(', ')}
                      </Text>
                    ) : null}
                  </Paper>
                ))}
                <LoadMore list={comments} />
              </>
            )
          }
        </QueryView>
        {smtpConfigured === false ? (
          <Text size="sm" fw={500} data-testid="comments-mail-off">
            E-mail is not configured on this server: the people mentioned are not e-mailed until it
            is.
          </Text>
        ) : null}
        {can('comments:write') ? <NewComment thread={thread} /> : null}
      </Stack>
    </Section>
  );
}

function NewComment({ thread }: { thread: CommentThread }) {
  const post = usePostComment(thread);
  const colleagues = useColleagues();
  const [body, setBody] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    post.mutate(body.trim(), { onSuccess: () => setBody('') });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New comment">
      <Stack gap="xs">
        <FormError error={post.error} fields={['body']} />
        <Textarea
          label="New comment"
          description="Mention someone with @ and their e-mail address or full name: an e-mail is queued for them. Comments cannot be edited or deleted."
          autosize
          minRows={2}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={fieldErrors(post.error).body}
        />
        <Group justify="space-between" align="flex-end">
          <Select
            label="Mention"
            placeholder="Add a person"
            searchable
            clearable
            value={null}
            data={(colleagues.data ?? []).map((person) => ({
              value: person.email,
              label: `${person.name} (${person.email})`,
            }))}
            onChange={(email) => {
              if (email)
                setBody((text) => `${text}${text && !text.endsWith(' ') ? ' ' : ''}@${email} `);
            }}
            miw={260}
          />
          <Button type="submit" loading={post.isPending} disabled={body.trim().length === 0}>
            Post comment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
