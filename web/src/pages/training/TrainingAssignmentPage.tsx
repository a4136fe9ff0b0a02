import { Alert, Anchor, Button, Grid, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRequiredParam } from '../../components/params.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { DocumentText } from '../documents/DocumentPage.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import { TrainingStateBadge } from './TrainingStateBadge.js';
import {
  useAcknowledgeTraining,
  useOwnTraining,
  useSubmitQuizAttempt,
  type TrainingDetail,
} from './training-api.js';

type Quiz = NonNullable<TrainingDetail['quiz']>;

/** The version's quiz: one option per question, every attempt recorded with its score. */
function QuizForm({ training, quiz }: { training: TrainingDetail; quiz: Quiz }) {
  const attempt = useSubmitQuizAttempt(training.id);
  const [answers, setAnswers] = useState<(number | null)[]>(() => quiz.questions.map(() => null));
  const complete = answers.every((answer) => answer !== null);
  return (
    <Section title={`Quiz (pass mark ${quiz.passMark}%)`}>
      <Stack gap="md" data-testid="quiz">
        {quiz.questions.map((question, index) => (
          <Radio.Group
            key={question.text}
            label={`${index + 1}. ${question.text}`}
            value={answers[index] === null ? null : String(answers[index])}
            onChange={(value) =>
              setAnswers((current) =>
                current.map((answer, at) => (at === index ? Number(value) : answer)),
              )
            }
          >
            <Stack gap={4} mt="xs">
              {question.options.map((option, optionIndex) => (
                <Radio key={option} value={String(optionIndex)} label={option} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
        <Group>
          <Button
            disabled={!complete}
            loading={attempt.isPending}
            onClick={() =>
              attempt.mutate(
                answers.map((answer) => answer ?? 0),
                {
                  onError: (error) => notifications.show({ color: 'red', message: error.message }),
                },
              )
            }
          >
            Submit answers
          </Button>
        </Group>
        {attempt.data ? (
          <Alert color={attempt.data.passed ? 'teal' : 'red'} data-testid="quiz-result">
            Score {attempt.data.score}%: {attempt.data.passed ? 'passed' : 'not passed, try again'}.
          </Alert>
        ) : null}
        {training.attempts.length > 0 ? (
          <Text size="xs" c="dimmed">
            Attempts:{' '}
            {training.attempts
              .map((a) => `${a.score}% ${a.passed ? 'passed' : 'failed'} (${formatDateTime(a.at)})`)
              .join('; ')}
          </Text>
        ) : null}
      </Stack>
    </Section>
  );
}

function Acknowledge({ training }: { training: TrainingDetail }) {
  const acknowledge = useAcknowledgeTraining(training.id);
  const [open, setOpen] = useState(false);
  return (
    <Section title="Acknowledgement">
      {training.completedAt ? (
        <Text size="sm" data-testid="training-completed">
          Completed {formatDateTime(training.completedAt)}
          {training.score === null ? '' : ` with a score of ${training.score}%`}.
        </Text>
      ) : training.passed ? (
        <Group>
          <Button onClick={() => setOpen(true)}>Sign: read and understood</Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Pass the quiz first, then sign that you read and understood the document.
        </Text>
      )}
      {open ? (
        <SignatureDialog
          title="Sign the training"
          meaning={`By signing you confirm that you read and understood ${training.document} v${training.version} (${training.title}) and will work by it.`}
          noteLabel="Note (optional)"
          submitLabel="Sign"
          pending={acknowledge.isPending}
          error={acknowledge.error}
          onSign={(credentials) =>
            acknowledge.mutate(credentials, {
              onSuccess: () => {
                setOpen(false);
                notifications.show({ color: 'teal', message: 'Training completed.' });
              },
            })
          }
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Section>
  );
}

function Training({ training }: { training: TrainingDetail }) {
  return (
    <>
      <PageHeader
        title={`${training.document} v${training.version} · ${training.title}`}
        crumbs={[{ label: 'My training', to: '/training' }]}
        badges={<TrainingStateBadge state={training.state} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Section
            title="Document"
            actions={
              <Anchor
                component={Link}
                to={`/documents/${encodeURIComponent(training.document)}`}
                size="sm"
              >
                Document page
              </Anchor>
            }
          >
            <DocumentText documentKey={training.document} version={training.version} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Section title="Assignment">
              <DetailGrid
                details={[
                  { label: 'Assigned', value: formatDate(training.assignedAt) },
                  { label: 'Due', value: formatDate(training.dueAt) },
                  {
                    label: 'Mode',
                    value: training.mode === 'quiz' ? 'Quiz' : 'Read and acknowledge',
                  },
                ]}
              />
              {training.quizMissing ? (
                <Text size="sm" c="dimmed">
                  This document asks for a quiz that has no questions yet: read and acknowledge it.
                </Text>
              ) : null}
            </Section>
            {training.quiz && !training.completedAt ? (
              <QuizForm training={training} quiz={training.quiz} />
            ) : null}
            <Acknowledge training={training} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One of the caller's training assignments: read the version, pass its quiz, sign. */
export function TrainingAssignmentPage() {
  const id = useRequiredParam('id');
  const training = useOwnTraining(id);
  return <QueryView query={training}>{(data) => <Training training={data} />}</QueryView>;
}
