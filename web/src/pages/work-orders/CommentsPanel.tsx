import { Button, Group, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useColleagues, usePostWorkOrderComment, useWorkOrderComments } from '../../api/work.js';
import { useCan } from '../../auth/permissions.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PersonName } from '../../components/PersonName.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';

/**
 * The work order's comment thread, oldest first, and (for those who may write) a new comment.
 * Comments are never edited or deleted; @e-mail or @Full Name mentions a person, who is e-mailed.
 */
export function CommentsPanel({ workOrderId }: { workOrderId: string }) {
  const can = useCan();
  const comments = useWorkOrderComments(workOrderId);
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
                        Mentioned (told by e-mail):{' '}
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
        {can('comments:write') ? <NewComment workOrderId={workOrderId} /> : null}
      </Stack>
    </Section>
  );
}

function NewComment({ workOrderId }: { workOrderId: string }) {
  const post = usePostWorkOrderComment(workOrderId);
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
          description="Mention someone with @ and their e-mail address or full name: they are told by e-mail. Comments cannot be edited or deleted."
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
