import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { mapSignerName } from '../documents/document.service.js';
import { importDocument } from '../documents/import-document.js';
import { signDocumentVersion } from '../documents/sign-document-version.js';
import {
  acknowledgeTraining,
  listTraining,
  submitQuizAttempt,
} from '../training/training.service.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { withDemoSession } from './demo-session.js';
import { demoEmail } from './demo-types.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'secretBox'>;

/** The demo's SOP, in the seed SOP's format (front matter, then the procedure). */
const SOP_018 = `---
id: SOP-018
title: Infrastructure and Work Environment
status: approved
author: ${demoEmail('quality')}
reviewers:
  - engineering
  - security
approvers:
  - quality-lead
training:
  required_departments:
    - Engineering
    - Security
  training_mode: quiz
  due_days: 30
---

# SOP-018: Infrastructure and Work Environment

## 1. Purpose

Determine, provide and maintain the infrastructure and work environment needed to achieve
conformity to product requirements.

## 2. Procedure

1. Keep an inventory of every infrastructure component with its owner and criticality; review it
   quarterly.
2. Patch operating systems monthly and record the work order.
3. Back up production data as its backup policy says, and test a restore every quarter.
`;

const SOP_018_QUIZ = `pass_mark: 100
questions:
  - question: How often is the infrastructure inventory reviewed?
    options: [Every quarter, Every year, When someone remembers]
    answer: Every quarter
  - question: How often is a restore tested?
    options: [Never, Every quarter]
    answer: Every quarter
`;

/** A policy on its way: reviewed by Engineering, its approval outstanding. */
const POL_007 = `---
id: POL-007
title: Remote Work and Workstations
status: in_review
author: ${demoEmail('security')}
reviewers:
  - engineering
approvers:
  - quality-lead
training:
  required_departments:
    - Engineering
  training_mode: acknowledge
  due_days: 14
---

# POL-007: Remote Work and Workstations

Workstations use full-disk encryption, lock after five minutes and receive updates within a week.
`;

export interface DemoDocumentsOutcome {
  documents: number;
  trainingCompleted: number;
  /** Not completed, overdue or not. */
  trainingOpen: number;
  trainingOverdue: number;
}

/** How long ago SOP-018 was brought under control (its training is due in 30 days). */
const SOP_018_DAYS_AGO = 40;
const DAY_MS = 86_400_000;

/**
 * The demo's controlled documents: SOP-018 brought under control 40 days ago with the quality
 * lead's attested approval (effective, its training assigned to Engineering and Security), the
 * engineer's training completed then by passing the quiz and signing, the security engineer's
 * still open and now 10 days overdue (the training register and the posture show it); and POL-007
 * in review, reviewed by the engineer, its approval outstanding.
 */
export async function performDemoDocuments(ctx: Ctx): Promise<DemoDocumentsOutcome> {
  await mapSignerName(ctx, systemActor, 'quality-lead', [demoEmail('quality')]);
  // SOP-018 came under control weeks ago: its 30 days of training have run out since.
  const weeksAgo: Ctx = {
    ...ctx,
    clock: { now: () => new Date(ctx.clock.now().getTime() - SOP_018_DAYS_AGO * DAY_MS) },
  };
  await withDemoSession(weeksAgo, demoEmail('quality'), async (principal) => {
    await importDocument(weeksAgo, principal, {
      markdown: SOP_018,
      quizYaml: SOP_018_QUIZ,
      attestApproval: {
        note: 'Approved on paper by the quality lead before Plumbline (demo).',
        password: DEMO_PASSWORD,
      },
    });
  });
  await withDemoSession(weeksAgo, demoEmail('engineering'), async (principal) => {
    const userId = principal.actor.id ?? undefined;
    const mine = await listTraining(weeksAgo, { limit: 10, document: 'SOP-018' }, userId);
    for (const training of mine.items) {
      await submitQuizAttempt(weeksAgo, principal, training.id, [0, 1]);
      await acknowledgeTraining(weeksAgo, principal, training.id, { password: DEMO_PASSWORD });
    }
  });
  await withDemoSession(ctx, demoEmail('quality'), async (principal) => {
    await importDocument(ctx, principal, { markdown: POL_007 });
  });
  await withDemoSession(ctx, demoEmail('engineering'), async (principal) => {
    await signDocumentVersion(ctx, principal, 'POL-007', 1, {
      meaning: 'reviewed',
      note: 'Matches how our laptops are set up (demo).',
      password: DEMO_PASSWORD,
    });
  });
  const register = await listTraining(ctx, { limit: 100, document: 'SOP-018' });
  return {
    documents: 2,
    trainingCompleted: register.items.filter((item) => item.state === 'completed').length,
    trainingOpen: register.items.filter((item) => item.state !== 'completed').length,
    trainingOverdue: register.items.filter((item) => item.state === 'overdue').length,
  };
}
