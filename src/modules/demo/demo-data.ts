import { addMonths } from '../../platform/time/zoned-time.js';
import { demoAssets } from './demo-assets.js';
import { demoMatrix } from './demo-matrix.js';
import {
  demoEmail,
  type DemoDates,
  type DemoOrganisation,
  type DemoProcess,
  type DemoSupplier,
  type DemoUser,
} from './demo-types.js';

/*
 * The sample organisation behind `plumbline serve --demo`: Kestrel Diagnostics, a small company
 * whose cloud ECG-analysis service ("Kestrel Rhythm") is software as a medical device. Assets
 * live in demo-assets.ts and the process-to-infrastructure matrix in demo-matrix.ts.
 */

export const DEMO_ORGANISATION_NAME = 'Kestrel Diagnostics';

/** Every demo account signs in with this password. It is published: the demo is for evaluation. */
export const DEMO_PASSWORD = 'plumbline-demo-2026';

const users: DemoUser[] = [
  { email: demoEmail('admin'), name: 'Amara Okafor', role: 'admin' },
  { email: demoEmail('quality'), name: 'Lena Vogt', role: 'quality' },
  { email: demoEmail('engineering'), name: 'Tomás Reyes', role: 'engineering' },
  { email: demoEmail('security'), name: 'Priya Natarajan', role: 'security' },
  { email: demoEmail('auditor'), name: 'Henrik Dahl', role: 'auditor' },
  { email: demoEmail('viewer'), name: 'Sofia Marino', role: 'viewer' },
];

function suppliers(dates: DemoDates): DemoSupplier[] {
  const cert = (name: string, months: number | null) => ({
    name,
    expiresOn: months === null ? null : dates.monthsFromToday(months),
  });
  return [
    {
      key: 'nimbus-cloud',
      name: 'Nimbus Cloud Platform',
      services: 'Compute, container clusters, object storage, key management, networking, DNS',
      contractReference: 'MSA-NIM-2023-014 with DPA and EU data-residency addendum',
      escalationContact:
        'Enterprise support console, severity 1 (15 min response); TAM tam@nimbus.example',
      certifications: [
        cert('ISO/IEC 27001', 14),
        cert('ISO/IEC 27017', 14),
        cert('SOC 2 Type II', 5),
      ],
      notes:
        'Primary hosting provider. Shared-responsibility matrix filed with the supplier record.',
    },
    {
      key: 'ledgerline-db',
      name: 'Ledgerline Managed PostgreSQL',
      services: 'Managed PostgreSQL with point-in-time recovery and cross-zone replicas',
      contractReference: 'SO-LDG-2024-002 (Business tier, 99.95 % SLA)',
      escalationContact: 'support@ledgerline.example, P1 hotline +49 30 5550 1200',
      certifications: [cert('SOC 2 Type II', 9), cert('ISO/IEC 27001', 20)],
      notes: 'Runs inside our Nimbus account (bring-your-own-cloud); we hold the encryption keys.',
    },
    {
      key: 'keystone-identity',
      name: 'Keystone Identity',
      services: 'Single sign-on, MFA enforcement, joiner/mover/leaver provisioning',
      contractReference: 'KID-ENT-7781',
      escalationContact: 'Status page and priority support; account manager am@keystone.example',
      certifications: [cert('ISO/IEC 27001', 11), cert('SOC 2 Type II', 7)],
    },
    {
      key: 'forgeworks',
      name: 'Forgeworks',
      services: 'Source code hosting, code review, CI/CD pipelines, package and container registry',
      contractReference: 'FW-TEAM-2025-0419',
      escalationContact: 'Premium support ticket, 4 h response for outages',
      certifications: [cert('SOC 2 Type II', 3)],
      notes: 'Holds the design history file sources; repository mirror kept in the backup vault.',
    },
    {
      key: 'watchtower',
      name: 'Watchtower Observability',
      services: 'Metrics, logs, uptime checks, alert routing and on-call paging',
      contractReference: 'WT-2024-PRO-311',
      escalationContact: 'support@watchtower.example; incident bridge via status page',
      certifications: [cert('SOC 2 Type II', -2)],
      notes:
        'SOC 2 report expired; bridge letter requested from the supplier, follow-up in the supplier review.',
    },
    {
      key: 'vaultkeep',
      name: 'Vaultkeep Backup',
      services: 'Immutable offsite backup storage in a second region, restore assistance',
      contractReference: 'VK-BKP-2025-007',
      escalationContact: 'Restore desk 24/7: +31 20 555 0190, restore@vaultkeep.example',
      certifications: [cert('ISO/IEC 27001', 16), cert('ISO 22301', 16)],
    },
    {
      key: 'harbourside-estates',
      name: 'Harbourside Estates',
      services: 'Berlin office lease, building access control, HVAC and power maintenance',
      contractReference: 'Lease HB-BER-2022-44, facility services schedule C',
      escalationContact: 'Facility desk +49 30 5550 7788 (24 h for power and access faults)',
      certifications: [cert('ISO 41001', 25)],
    },
    {
      key: 'fleetdesk',
      name: 'Fleetdesk',
      services: 'Endpoint management: disk encryption, OS patch enforcement, remote wipe',
      contractReference: 'FD-SUB-2025-120',
      escalationContact: 'In-app chat; security incidents security@fleetdesk.example',
      certifications: [cert('SOC 2 Type II', 8)],
    },
    {
      key: 'quillstone',
      name: 'Quillstone QMS',
      services: 'Electronic QMS: controlled documents, e-signatures, training records, CAPA',
      contractReference: 'QS-MED-2024-056 with validation support package',
      escalationContact: 'Customer success csm@quillstone.example; validation@quillstone.example',
      certifications: [cert('ISO 13485', 18), cert('ISO/IEC 27001', 18)],
      notes: 'Vendor audited on site in the last supplier cycle; validation pack VAL-QMS-004.',
    },
    {
      key: 'beacon-helpdesk',
      name: 'Beacon Helpdesk',
      services: 'Customer support ticketing, complaint intake forms, customer status page',
      contractReference: 'BH-2025-0088',
      escalationContact: 'support@beacon.example, response within 1 business hour',
      certifications: [cert('ISO/IEC 27001', 6), cert('SOC 2 Type II', null)],
    },
  ];
}

const processes: DemoProcess[] = [
  {
    key: 'design-development',
    name: 'Design and development',
    description:
      'Requirements, architecture, implementation and verification of the Kestrel Rhythm software (design history file).',
    ownerRole: 'engineering',
    affectsConformity: true,
  },
  {
    key: 'software-release',
    name: 'Software release and deployment',
    description:
      'Building, verifying and approving a release, then deploying it to production with a rollback plan.',
    ownerRole: 'engineering',
    affectsConformity: true,
  },
  {
    key: 'service-delivery',
    name: 'Production service delivery',
    description:
      'Receiving ECG recordings from clinics, running the analysis and returning signed reports.',
    ownerRole: 'engineering',
    affectsConformity: true,
  },
  {
    key: 'customer-support',
    name: 'Customer support and complaint handling',
    description:
      'Answering clinics, recording complaints and deciding whether they are reportable.',
    ownerRole: 'quality',
    affectsConformity: true,
  },
  {
    key: 'supplier-management',
    name: 'Supplier management',
    description: 'Selecting, approving and monitoring the third parties the service depends on.',
    ownerRole: 'quality',
    affectsConformity: true,
  },
  {
    key: 'document-control',
    name: 'Document and record control',
    description: 'Approving, publishing and retaining procedures and quality records.',
    ownerRole: 'quality',
    affectsConformity: true,
  },
  {
    key: 'post-market-surveillance',
    name: 'Post-market surveillance',
    description:
      'Watching field performance, complaint trends and algorithm behaviour after release.',
    ownerRole: 'quality',
    affectsConformity: true,
  },
  {
    key: 'training',
    name: 'Competence and training',
    description: 'Assigning and recording training on procedures before people perform them.',
    ownerRole: 'quality',
    affectsConformity: true,
  },
  {
    key: 'workplace-it',
    name: 'Workplace IT and office',
    description:
      'Laptops, office network and premises. Supports every team but does not touch product conformity directly.',
    ownerRole: 'security',
    affectsConformity: false,
  },
];

/** The whole demo organisation as of `today` (YYYY-MM-DD in the organisation's time zone). */
export function buildDemoOrganisation(today: string): DemoOrganisation {
  const dates: DemoDates = { today, monthsFromToday: (months) => addMonths(today, months) };
  return {
    name: DEMO_ORGANISATION_NAME,
    suppliers: suppliers(dates),
    assets: demoAssets(dates),
    processes,
    matrix: demoMatrix,
    users,
  };
}
