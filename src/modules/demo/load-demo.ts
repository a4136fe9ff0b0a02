import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { isMfaRequired } from '../identity/mfa-policy.js';
import { createUser, listAllUsers } from '../identity/user.service.js';
import { listAssets } from '../register/asset-queries.js';
import { assetInputSchema } from '../register/asset.schema.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { createAsset } from '../register/create-asset.js';
import { linkAssetToProcess } from '../register/matrix.service.js';
import { matrixRowInputSchema, processInputSchema } from '../register/process.schema.js';
import { createProcess, listAllProcesses } from '../register/process.service.js';
import { supplierInputSchema } from '../register/supplier.schema.js';
import { createSupplier, listAllSuppliers } from '../register/supplier.service.js';
import { buildDemoOrganisation, DEMO_PASSWORD } from './demo-data.js';
import { performDemoBackups, type DemoBackupsOutcome } from './demo-backups.js';
import { performDemoWork, type DemoWorkOutcome } from './perform-demo-work.js';
import { performDemoDocuments, type DemoDocumentsOutcome } from './demo-documents.js';
import { performDemoSupplierReviews } from './demo-supplier-reviews.js';
import {
  performDemoVulnerabilities,
  type DemoVulnerabilitiesOutcome,
} from './demo-vulnerabilities.js';
import { performDemoIncidents, type DemoIncidentsOutcome } from './demo-incidents.js';
import type { DemoOrganisation, DemoUser } from './demo-types.js';

export interface DemoLoadOutcome {
  /** False when the register already had assets and nothing was touched. */
  loaded: boolean;
  /** What to tell the operator: the sign-in accounts and password, or why nothing was loaded. */
  message: string;
}

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'logger' | 'evidenceStore' | 'secretBox'>;

/**
 * Fills an empty register with the sample organisation for `plumbline serve --demo`. Everything
 * goes through the ordinary use cases as the system actor, so the demo has a real audit trail.
 * A register that already has assets is left alone. Suppliers, processes and accounts that
 * already exist (say, from an interrupted earlier load) are kept as they are.
 */
export async function loadDemoOrganisation(ctx: Ctx): Promise<DemoLoadOutcome> {
  if ((await listAssets(ctx, { limit: 1, offset: 0 })).total > 0) {
    return {
      loaded: false,
      message: 'The register already has assets; the demo organisation was not loaded.',
    };
  }
  const demo = buildDemoOrganisation(dateInZone(ctx.clock.now(), ctx.config.timezone));

  const supplierKeys = new Set((await listAllSuppliers(ctx)).map((supplier) => supplier.key));
  for (const supplier of demo.suppliers.filter(({ key }) => !supplierKeys.has(key))) {
    await createSupplier(ctx, systemActor, supplierInputSchema.parse(supplier));
  }
  const processKeys = new Set((await listAllProcesses(ctx)).map((process) => process.key));
  for (const process of demo.processes.filter(({ key }) => !processKeys.has(key))) {
    await createProcess(ctx, systemActor, processInputSchema.parse(process));
  }
  for (const asset of demo.assets) {
    await createAsset(ctx, systemActor, assetInputSchema.parse(asset));
  }
  for (const row of demo.matrix) {
    await linkAssetToProcess(ctx, systemActor, matrixRowInputSchema.parse(row));
  }
  const existingEmails = new Set((await listAllUsers(ctx)).map((user) => user.email));
  const newUsers = demo.users.filter(({ email }) => !existingEmails.has(email));
  for (const user of newUsers) {
    await createUser(ctx, systemActor, { ...user, password: DEMO_PASSWORD });
  }
  const work = await performDemoWork(ctx);
  const backups = await performDemoBackups(ctx);
  await performDemoSupplierReviews(ctx);
  const documents = await performDemoDocuments(ctx);
  const vulnerabilities = await performDemoVulnerabilities(ctx);
  const incidents = await performDemoIncidents(ctx);
  return {
    loaded: true,
    message: describeLoad(
      ctx,
      demo,
      newUsers,
      work,
      backups,
      documents,
      vulnerabilities,
      incidents,
    ),
  };
}

function describeLoad(
  ctx: Ctx,
  demo: DemoOrganisation,
  newUsers: DemoUser[],
  work: DemoWorkOutcome,
  backups: DemoBackupsOutcome,
  documents: DemoDocumentsOutcome,
  vulnerabilities: DemoVulnerabilitiesOutcome,
  incidents: DemoIncidentsOutcome,
): string {
  const width = Math.max(...demo.users.map((user) => user.email.length));
  const accounts = demo.users.map((user) => {
    const note = newUsers.includes(user) ? '' : '  (already existed; password not changed)';
    return `  ${user.email.padEnd(width)}  ${user.role}${note}`;
  });
  const enrolled = vulnerabilities.mfaEnrolled;
  const mfaRoles = demo.users
    .filter((user) => isMfaRequired(ctx.config, user.role))
    .filter((user) => !enrolled.some((enrolment) => enrolment.email === user.email))
    .map((user) => user.role);
  const mfa = [
    mfaRoles.length > 0
      ? `The ${mfaRoles.join(' and ')} ${mfaRoles.length > 1 ? 'accounts' : 'account'} must set up two-factor authentication at first sign-in (set PLUMBLINE_REQUIRE_MFA=false to skip this in a demo).`
      : enrolled.length === 0
        ? 'Two-factor authentication is not required (PLUMBLINE_REQUIRE_MFA=false).'
        : null,
    // Security set up two-factor authentication before approving the accepted risk, as the
    // server requires of its role: the operator needs its key to sign in as it.
    ...enrolled.map(
      (enrolment) =>
        `${enrolment.email} set up two-factor authentication before approving the accepted risk: add the key ${enrolment.secret} to an authenticator app to sign in as it (an admin can reset it).`,
    ),
  ].filter((line): line is string => line !== null);
  return [
    `Loaded the demo organisation ${demo.name}: ${demo.suppliers.length} suppliers, ${demo.assets.length} assets, ${demo.processes.length} processes, ${demo.matrix.length} matrix rows.`,
    `Generated ${work.generated} occurrences of the controls; the demo accounts completed ${work.completed} work orders and signed ${work.verified} of them as verified, and the rest is due.`,
    "Two supplier reviews are signed (Nimbus approved, Forgeworks approved with conditions); Watchtower's expired SOC 2 report shows as a missed renewal.",
    `SOP-018 is effective with its training (${documents.trainingCompleted} completed, ${documents.trainingOpen} open); ${documents.trainingOverdue} overdue, on the training register and the posture; POL-007 is in review, its approval outstanding.`,
    `Recorded ${backups.runs} backup runs since ${backups.since} (one incident still open), ${backups.restoreTests} restore tests and ${backups.drExercises} DR exercise.`,
    `Imported ${vulnerabilities.scans} vulnerability scans (${vulnerabilities.overdue} finding past its SLA, ${vulnerabilities.accepted} accepted risk); the load balancer's certificate expires on ${vulnerabilities.certificateExpiresOn}, its renewal open.`,
    `Monitoring sent ${incidents.alerts} alerts; ${incidents.incidents} incidents have signed conformity decisions, one raising a nonconformance answered by ${incidents.capas} CAPA in progress (one action overdue).`,
    `Sign in with one of these accounts and the password ${DEMO_PASSWORD}:`,
    ...accounts,
    ...mfa,
    'The demo password is published: use this database for evaluation only.',
  ].join('\n');
}
