import { z } from 'zod';

/**
 * A document version's quiz: questions with their options and the answer key, and the pass mark.
 * Attached through the API (the web UI) or a sibling `<file>.quiz.yaml` the CLI sends with the
 * document. The answer key names one of the question's options; a key that matches none is refused
 * with the question's path, nothing stored.
 */
export const quizInputSchema = z
  .object({
    pass_mark: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(80)
      .describe('Per cent of the questions to answer correctly'),
    questions: z
      .array(
        z.object({
          question: z.string().trim().min(1).max(2000),
          options: z.array(z.string().trim().min(1).max(500)).min(2).max(10),
          answer: z.string().trim().min(1).max(500).describe('The correct option, as written'),
        }),
      )
      .min(1)
      .max(100),
  })
  .superRefine((quiz, issues) => {
    quiz.questions.forEach((question, index) => {
      if (!question.options.includes(question.answer)) {
        issues.addIssue({
          code: 'custom',
          path: ['questions', index, 'answer'],
          message: `is not one of the question's options (${question.options.join(' | ')})`,
        });
      }
    });
  });
export type QuizInput = z.infer<typeof quizInputSchema>;

/** A quiz as stored: the answer key as option indices. */
export interface StoredQuiz {
  passMark: number;
  questions: { text: string; options: string[]; answer: number }[];
}

export function toStoredQuiz(input: QuizInput): StoredQuiz {
  return {
    passMark: input.pass_mark,
    questions: input.questions.map((question) => ({
      text: question.question,
      options: question.options,
      answer: question.options.indexOf(question.answer),
    })),
  };
}

/** The quiz a trainee sees: no answer key. */
export function quizForTrainee(quiz: StoredQuiz) {
  return {
    passMark: quiz.passMark,
    questions: quiz.questions.map(({ text, options }) => ({ text, options })),
  };
}

/** Grades answers (an option index per question) in per cent; passed at or above the pass mark. */
export function gradeQuiz(
  quiz: StoredQuiz,
  answers: readonly number[],
): { score: number; passed: boolean } {
  const correct = quiz.questions.filter(
    (question, index) => answers[index] === question.answer,
  ).length;
  const score = Math.round((correct * 100) / quiz.questions.length);
  return { score, passed: score >= quiz.passMark };
}
