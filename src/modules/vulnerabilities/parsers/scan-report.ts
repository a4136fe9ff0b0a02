import type { Readable } from 'node:stream';

/** The scanner outputs Plumbline reads, as the tools write them. */
export const SCAN_FORMATS = ['trivy', 'grype', 'sarif'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** Severities as Plumbline records them; every tool's own words map onto these. */
export const FINDING_SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'negligible',
  'unknown',
] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** What a caller hands over: a file or request stream, or any async source of text chunks. */
export type ScanInput = AsyncIterable<string | Buffer> | NodeJS.ReadableStream | Readable;

/** One vulnerability in one installed package, as a report states it. */
export interface ParsedFinding {
  vulnerabilityId: string;
  packageName: string;
  installedVersion: string;
  severity: FindingSeverity;
  /** The version that fixes it, or null when the report names none (no fix available). */
  fixedVersion: string | null;
  title: string;
  /** What the scanner looked at within the artifact (a Trivy result target, a file). */
  target: string;
  /** The line of the report the finding starts on. */
  line: number;
}

/** What the report says about the scan itself, known once the whole report has been read. */
export interface ScanReportFacts {
  /** `trivy`, `grype`, or the SARIF driver's name. */
  scanner: string;
  /** What was scanned, matched against asset keys, tags and configuration references. */
  artifactName: string | null;
  /** When the scan ran, when the report says; the import time otherwise. */
  scannedAt: Date | null;
}

/** A parser: the findings as they stream, then the facts (complete only after the last finding). */
export interface ScanReportReader {
  findings: AsyncGenerator<ParsedFinding>;
  facts: ScanReportFacts;
}
