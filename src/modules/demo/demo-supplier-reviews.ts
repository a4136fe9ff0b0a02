import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.js';
import { addDays, dateInZone } from '../../platform/time/zoned-time.js';
import { attachEvidence } from '../attachments/attach-evidence.js';
import { signSupplierReview } from '../supplier-reviews/sign-supplier-review.js';
import { openSupplierCertificateRenewals } from '../supplier-reviews/supplier-certificate-renewals.js';
import { supplierReviewEvidence } from '../supplier-reviews/supplier-evidence.js';
import type { CreateReviewBody, Decision } from '../supplier-reviews/supplier-review.schema.js';
import {
  checkSupplierReviewCuec,
  createSupplierReview,
} from '../supplier-reviews/supplier-review.service.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { withDemoSession } from './demo-session.js';
import { demoEmail } from './demo-types.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'evidenceStore' | 'secretBox'>;

interface DemoReview {
  supplier: string;
  review: CreateReviewBody;
  /** Whether each CUEC is in place, with the comment. */
  checks: [boolean, string][];
  decision: Decision;
  conditions: string;
}

function demoReviews(today: string): DemoReview[] {
  const year = Number(today.slice(0, 4)) - 1;
  return [
    {
      supplier: 'nimbus-cloud',
      review: {
        reportKind: 'soc2-type-2',
        reportTitle: `Nimbus Cloud Platform SOC 2 Type II, ${year}`,
        periodFrom: `${year}-01-01`,
        periodTo: `${year}-12-31`,
        opinion: 'unqualified',
        exceptions: '',
        bridgeLetterThrough: null,
        findings:
          'No exceptions. Data-centre power, cooling, fire and water protection tested by the auditor.',
        nextReviewDue: null,
        cuecs: [
          'Customers restrict administrative access to their accounts and review it periodically.',
          'Customers enable encryption of their storage with keys they manage.',
        ],
      },
      checks: [
        [true, 'Quarterly access review of the Nimbus organisation (inventory review).'],
        [true, 'All buckets and volumes use customer-managed keys.'],
      ],
      decision: 'approved',
      conditions: '',
    },
    {
      supplier: 'forgeworks',
      review: {
        reportKind: 'soc2-type-2',
        reportTitle: `Forgeworks SOC 2 Type II, ${year}`,
        periodFrom: `${year}-04-01`,
        periodTo: `${year + 1}-03-31`,
        opinion: 'qualified',
        exceptions: 'Change approvals were missing for 3 of 40 sampled production changes.',
        bridgeLetterThrough: null,
        findings:
          'The exception concerns their platform releases, not our repositories. Our protected branches and required reviews are in place.',
        nextReviewDue: null,
        cuecs: [
          'Customers protect their default branches and require reviews.',
          'Customers remove departed users from their organisation promptly.',
        ],
      },
      checks: [
        [true, 'Protected main branch, two reviewers required.'],
        [false, 'Leavers are removed by hand; SCIM provisioning to be enabled.'],
      ],
      decision: 'approved_with_conditions',
      conditions: 'Enable SCIM de-provisioning for Forgeworks within 60 days.',
    },
  ];
}

/**
 * The demo's supplier oversight: two reviews signed by the quality lead (one approved, one
 * approved with conditions), and the renewal occurrences of certifications near or past expiry
 * (Watchtower's expired SOC 2 report shows as a missed renewal).
 */
export async function performDemoSupplierReviews(ctx: Ctx): Promise<{ reviews: number }> {
  const today = dateInZone(ctx.clock.now(), ctx.config.timezone);
  let reviews = 0;
  await withDemoSession(ctx, demoEmail('quality'), async (principal) => {
    for (const demo of demoReviews(today)) {
      const id = await createSupplierReview(ctx, principal.actor, demo.supplier, demo.review);
      for (const [index, [inPlace, comment]] of demo.checks.entries()) {
        await checkSupplierReviewCuec(ctx, principal.actor, id, index + 1, { inPlace, comment });
      }
      await attachEvidence(ctx, principal.actor, supplierReviewEvidence, id, {
        stream: Readable.from([Buffer.from(`${demo.review.reportTitle}\n(demo report)\n`)]),
        filename: `${demo.supplier}-soc2.txt`,
        contentType: 'text/plain',
      });
      await signSupplierReview(ctx, principal, id, {
        decision: demo.decision,
        conditions: demo.conditions,
        nextReviewDue: addDays(today, 365),
        note: '',
        password: DEMO_PASSWORD,
      });
      reviews += 1;
    }
  });
  await openSupplierCertificateRenewals(ctx);
  return { reviews };
}
