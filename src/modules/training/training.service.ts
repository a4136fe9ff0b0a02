import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { mutate } from '../../platform/audit/mutate.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import type { SignerCredentials } from '../identity/reauthenticate-signer.js';
import { requireSigningPerson, signRecord, throwIfRefused } from '../signatures/sign-record.js';
import { gradeQuiz, quizForTrainee, type StoredQuiz } from './quiz.js';
import type {
  ListTrainingQuery,
  TrainingAssignmentView,
  TrainingDetail,
} from './training.schema.js';
import { trainingRepository } from './training.repository.js';

/** What the signature completing training means. */
export const READ_AND_UNDERSTOOD = 'read-and-understood';

type AssignmentRow = NonNullable<Awaited<ReturnType<typeof trainingRepository.get>>>;

/** The quiz a trainee must pass: only quiz-mode training whose version has questions. */
const quizOf = (row: Pick<AssignmentRow, 'training' | 'quiz'>): StoredQuiz | null =>
  row.training?.mode === 'quiz' && row.quiz && row.quiz.questions.length > 0 ? row.quiz : null;

function toView(row: AssignmentRow, now: Date): TrainingAssignmentView {
  const quiz = quizOf(row);
  return {
    id: row.id,
    person: { email: row.email, name: row.name },
    document: row.key,
    version: row.version,
    title: row.title,
    versionStatus: row.version_status,
    mode: quiz ? 'quiz' : 'acknowledge',
    quizMissing: row.training?.mode === 'quiz' && quiz === null,
    assignedAt: row.assigned_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    score: row.score,
    state: row.completed_at ? 'completed' : row.due_at < now ? 'overdue' : 'open',
  };
}

const cursorKey = z.tuple([cursorInstant, z.uuid()]);

/** The training register (or one person's training): newest assignment first, a page at a time. */
export async function listTraining(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: ListTrainingQuery,
  userId?: string,
): Promise<Page<TrainingAssignmentView>> {
  const now = ctx.clock.now();
  const after = query.cursor ? decodeCursor(query.cursor, cursorKey) : undefined;
  const rows = await trainingRepository.page(ctx.db, {
    after: after && { assignedAt: after[0], id: after[1] },
    limit: query.limit,
    userId,
    overdueAt: query.overdue ? now : undefined,
    documentKey: query.document,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.assigned_at.toISOString(), row.id],
    (row) => toView(row, now),
  );
}

async function ownAssignment(
  ctx: Pick<AppContext, 'db'>,
  id: string,
  principal: Principal,
): Promise<AssignmentRow> {
  const row = await trainingRepository.get(ctx.db, id);
  // Someone else's training looks like no training at all.
  if (!row || principal.actor.id !== row.user_id) throw notFound('Training');
  return row;
}

/** One of the caller's own assignments, with the quiz (no answer key) and the attempts so far. */
export async function getOwnTraining(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  id: string,
  principal: Principal,
): Promise<TrainingDetail> {
  const row = await ownAssignment(ctx, id, principal);
  const attempts = await trainingRepository.attempts(ctx.db, id);
  const quiz = quizOf(row);
  return {
    ...toView(row, ctx.clock.now()),
    quiz: quiz && quizForTrainee(quiz),
    attempts: attempts.map((attempt) => ({
      score: attempt.score,
      passed: attempt.passed,
      at: attempt.attempted_at.toISOString(),
    })),
    passed: quiz === null || attempts.some((attempt) => attempt.passed),
  };
}

/** Records a quiz attempt on the caller's own training (every attempt is kept). */
export async function submitQuizAttempt(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  principal: Principal,
  id: string,
  answers: number[],
): Promise<{ score: number; passed: boolean; passMark: number }> {
  const row = await ownAssignment(ctx, id, principal);
  const quiz = quizOf(row);
  if (!quiz) throw new AppError('conflict', 'This training has no quiz: read and acknowledge it');
  if (row.completed_at) throw new AppError('conflict', 'This training is completed');
  if (answers.length !== quiz.questions.length) {
    throw new AppError('validation_failed', 'Answer every question', {
      issues: [
        {
          path: 'body.answers',
          message: `must have ${quiz.questions.length} answers, one per question`,
        },
      ],
    });
  }
  const grade = gradeQuiz(quiz, answers);
  await mutate(ctx, principal.actor, async (tx) => {
    await trainingRepository.addAttempt(tx.trx, {
      assignmentId: id,
      answers,
      score: grade.score,
      passed: grade.passed,
      at: tx.now,
    });
    await tx.audit({
      action: 'training.quiz_attempted',
      entityType: 'training_assignment',
      entityId: id,
      after: { document: row.key, version: row.version, score: grade.score, passed: grade.passed },
    });
  });
  return { ...grade, passMark: quiz.passMark };
}

/**
 * Completes the caller's own training with an e-signature meaning "read and understood", over
 * the version's content SHA-256; for quiz training only after a passing attempt.
 */
export async function acknowledgeTraining(
  ctx: Pick<AppContext, 'db' | 'clock' | 'secretBox'>,
  principal: Principal,
  id: string,
  credentials: SignerCredentials,
): Promise<void> {
  // Whose training it is first (a token has none: 404), then whether the caller can sign.
  const row = await ownAssignment(ctx, id, principal);
  const signer = requireSigningPerson(principal, 'acknowledge training');
  const quiz = quizOf(row);
  const outcome = await mutate(ctx, signer.actor, async (tx) => {
    const locked = await trainingRepository.lockForUpdate(tx.trx, id);
    if (!locked || locked.completed_at)
      throw new AppError('conflict', 'This training is completed');
    const attempts = await trainingRepository.attempts(tx.trx, id);
    const best = attempts.filter((attempt) => attempt.passed).at(-1);
    if (quiz && !best) throw new AppError('conflict', 'Pass the quiz before acknowledging');
    const signed = await signRecord(ctx, tx, signer, {
      entityType: 'training_assignment',
      entityId: id,
      meaning: READ_AND_UNDERSTOOD,
      note: `${row.key} v${row.version}`,
      credentials,
      record: {
        document: row.key,
        version: row.version,
        contentSha256: row.content_sha256,
        score: best?.score ?? null,
      },
    });
    if (!signed.ok) return { refused: signed.reason };
    await trainingRepository.complete(tx.trx, id, {
      at: tx.now,
      signatureId: signed.signatureId,
      score: best?.score ?? null,
    });
    await tx.audit({
      action: 'training.completed',
      entityType: 'training_assignment',
      entityId: id,
      after: { document: row.key, version: row.version, score: best?.score ?? null },
    });
    return { refused: null };
  });
  throwIfRefused(outcome);
}
