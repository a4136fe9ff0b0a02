import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useCan } from '../../auth/permissions.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { Section } from '../../components/Section.js';
import { useAttachQuiz, type DocumentDetail, type DocumentVersionView } from './documents-api.js';

interface QuestionDraft {
  question: string;
  /** One option per line. */
  options: string;
  answer: string;
}

const EMPTY_QUESTION: QuestionDraft = { question: '', options: '', answer: '' };

/** The first error at a field or any of its sub-fields (`questions.0.options.1`). */
function errorAt(errors: Record<string, string>, field: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === field || path.startsWith(`${field}.`));
  return key === undefined ? undefined : errors[key];
}

/**
 * The quiz a version's training asks for: questions with their options, the answer key and the
 * pass mark, typed here and checked by the server (an answer that is not one of its question's
 * options is refused, the error shown beside it).
 */
function AttachQuizDialog({
  document,
  version,
  onClose,
}: {
  document: DocumentDetail;
  version: DocumentVersionView;
  onClose: () => void;
}) {
  const attach = useAttachQuiz(document.key, version.version);
  const [passMark, setPassMark] = useState<number | string>(80);
  const [questions, setQuestions] = useState<QuestionDraft[]>([{ ...EMPTY_QUESTION }]);
  const errors = fieldErrors(attach.error);

  const setQuestion = (index: number, change: Partial<QuestionDraft>) =>
    setQuestions((current) =>
      current.map((question, i) => (i === index ? { ...question, ...change } : question)),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    attach.mutate(
      {
        pass_mark: typeof passMark === 'number' ? passMark : Number(passMark),
        questions: questions.map((question) => ({
          question: question.question,
          options: question.options
            .split('\n')
            .map((option) => option.trim())
            .filter((option) => option !== ''),
          answer: question.answer,
        })),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Quiz attached.' });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Quiz of v${version.version}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={attach.error} fields={['pass_mark', 'questions']} />
          <NumberInput
            label="Pass mark (%)"
            description="Per cent of the questions to answer correctly"
            min={1}
            max={100}
            value={passMark}
            onChange={setPassMark}
            error={errors.pass_mark}
          />
          {questions.map((question, index) => (
            <Paper key={index} withBorder p="sm" radius="sm" data-testid="quiz-question">
              <Stack gap="xs">
                <TextInput
                  label={`Question ${index + 1}`}
                  value={question.question}
                  onChange={(event) => setQuestion(index, { question: event.currentTarget.value })}
                  error={errorAt(errors, `questions.${index}.question`)}
                />
                <Textarea
                  label="Options, one per line"
                  autosize
                  minRows={2}
                  value={question.options}
                  onChange={(event) => setQuestion(index, { options: event.currentTarget.value })}
                  error={errorAt(errors, `questions.${index}.options`)}
                />
                <TextInput
                  label="Correct answer"
                  description="Exactly as one of the options"
                  value={question.answer}
                  onChange={(event) => setQuestion(index, { answer: event.currentTarget.value })}
                  error={errorAt(errors, `questions.${index}.answer`)}
                />
                {questions.length > 1 ? (
                  <Group justify="flex-end">
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      onClick={() =>
                        setQuestions((current) => current.filter((_, i) => i !== index))
                      }
                    >
                      Remove question {index + 1}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Paper>
          ))}
          {errors.questions ? (
            <Text size="sm" c="red">
              {errors.questions}
            </Text>
          ) : null}
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => setQuestions((current) => [...current, { ...EMPTY_QUESTION }])}
            >
              Add question
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={attach.isPending}>
                Save quiz
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A version's quiz: attached or missing, and (for document managers) attaching one. */
export function QuizSection({
  document,
  version,
}: {
  document: DocumentDetail;
  version: DocumentVersionView;
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const changeable = version.status !== 'superseded' && version.status !== 'retired';
  return (
    <Section
      title={`Quiz of v${version.version}`}
      actions={
        can('documents:manage') && changeable ? (
          <Button size="xs" variant="light" onClick={() => setOpen(true)}>
            {version.quiz ? 'Replace quiz' : 'Attach quiz'}
          </Button>
        ) : null
      }
    >
      <Text size="sm" data-testid="quiz-summary">
        {version.quiz
          ? `${version.quiz.questionCount} ${version.quiz.questionCount === 1 ? 'question' : 'questions'}, pass mark ${version.quiz.passMark}%`
          : version.quizMissing
            ? 'Quiz missing: the training asks for a quiz, and is read and acknowledge until one is attached.'
            : 'No quiz.'}
      </Text>
      {open ? (
        <AttachQuizDialog document={document} version={version} onClose={() => setOpen(false)} />
      ) : null}
    </Section>
  );
}
