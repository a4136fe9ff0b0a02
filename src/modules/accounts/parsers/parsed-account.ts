import type { Readable } from 'node:stream';

/** One account as a system's listing reports it, with the line it came from. */
export interface ParsedAccount {
  line: number;
  username: string;
  /** The holder's e-mail, when the listing says it (or the username is one). */
  email: string | null;
  roles: string[];
  privileged: boolean;
  /** Null when the listing cannot tell. */
  mfaEnabled: boolean | null;
  disabled: boolean;
  lastLoginAt: Date | null;
}

export type AccountInput = Readable | AsyncIterable<Buffer | string>;

/** A listing that cannot be imported, naming the line and field at fault. */
export class AccountParseError extends Error {
  constructor(
    readonly line: number,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The username as an e-mail, when it is one (IAM users are often named by e-mail). */
export function emailIn(value: string): string | null {
  return EMAIL.test(value) ? value.toLowerCase() : null;
}

/** An ISO 8601 date-time with a zone, as a Date; throws naming the field otherwise. */
export function isoInstant(value: string, line: number, field: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    throw new AccountParseError(line, field, `${field} is not an ISO 8601 date-time: ${value}`);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()))
    throw new AccountParseError(line, field, `${field} is not a valid date-time: ${value}`);
  return instant;
}
