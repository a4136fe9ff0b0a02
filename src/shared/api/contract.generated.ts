// Generated from docs/openapi.json by scripts/api-contract-types.ts (`npm run openapi`).
// Do not edit: change the route schemas and regenerate. test/api/openapi-drift.test.ts fails
// when this file and the routes differ.

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    issues?: Array<{
      path: string;
      message: string;
    }>;
    details?: Record<string, unknown>;
  };
};

/** Every path of the API (without its /api/v1 prefix), by method: request and responses. */
export interface ApiContract {
  "/health": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          status: "ok" | "failing";
          database: "pglite" | "postgresql";
          version: string;
          checks: {
            database: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
            evidenceStore: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
          };
        };
        400: ErrorBody;
        500: ErrorBody;
        503: {
          status: "ok" | "failing";
          database: "pglite" | "postgresql";
          version: string;
          checks: {
            database: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
            evidenceStore: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
          };
        };
      };
    };
  };
  "/health/ready": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          status: "ok" | "failing";
          database: "pglite" | "postgresql";
          version: string;
          checks: {
            database: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
            evidenceStore: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
          };
        };
        400: ErrorBody;
        500: ErrorBody;
        503: {
          status: "ok" | "failing";
          database: "pglite" | "postgresql";
          version: string;
          checks: {
            database: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
            evidenceStore: {
              status: "ok" | "failing";
              /** Why the component fails, when it does */
              message?: string;
            };
          };
        };
      };
    };
  };
  "/health/live": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          status: "ok";
          version: string;
        };
        400: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/setup": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          needed: boolean;
        };
        400: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          token: string;
          /** E-mail address, used to sign in */
          email: string;
          name: string;
          /** Password (12 characters or more) */
          password: string;
        };
      };
      responses: {
        201: {
          id: string;
          email: string;
          name: string;
          /** Role of a person */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          mfaEnabled: boolean;
          disabled: boolean;
          /** ISO time */
          createdAt: string;
        };
        400: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/login": {
    post: {
      request: {
        body: {
          /** E-mail address, used to sign in */
          email: string;
          password: string;
        };
      };
      responses: {
        200: {
          state: "active" | "mfa_pending" | "enrol_required";
          csrfToken: string;
        };
        400: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/session": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          authenticated: boolean;
          state: "active" | "mfa_pending" | "enrol_required" | null;
          csrfToken: string | null;
          user: {
            id: string;
            email: string;
            name: string;
            /** Role of a person */
            role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
            mfaEnabled: boolean;
            disabled: boolean;
            /** ISO time */
            createdAt: string;
          } | null;
          setupNeeded: boolean;
          /** How this person re-authenticates an e-signature: password or TOTP code, or a fresh sign-in at the single sign-on provider (docs/sso.md) */
          signsWith: "credentials" | "identity_provider" | null;
          /** An engaged auditor's framework and period (docs/auditor-access.md) */
          engagement: {
            framework: string;
            periodFrom: string;
            periodTo: string;
            expiresAt: string;
          } | null;
          /** The organisation's time zone, for a signed-in person: dates are shown in it */
          timeZone: string | null;
        };
        400: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auth/password": {
    post: {
      request: {
        body: {
          currentPassword: string;
          /** Password (12 characters or more) */
          newPassword: string;
        };
      };
      responses: {
        200: {
          ok: true;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/logout": {
    post: {
      request: Record<string, never>;
      responses: {
        200: {
          ok: true;
          /** A single sign-on session: the provider's end-session URL the browser goes to next, so the provider's session ends too */
          providerLogoutUrl: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/mfa/verify": {
    post: {
      request: {
        body: {
          code: string;
        };
      };
      responses: {
        200: {
          ok: true;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/mfa/enrol": {
    post: {
      request: Record<string, never>;
      responses: {
        200: {
          secret: string;
          otpauthUri: string;
          qrCodeDataUrl: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auth/mfa/confirm": {
    post: {
      request: {
        body: {
          code: string;
        };
      };
      responses: {
        200: {
          recoveryCodes: Array<string>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/organisation": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          /** The organisation's IANA time zone (PLUMBLINE_TIMEZONE): calendar dates such as a CLI's --due-before 2026-12-07 are days in this zone */
          timeZone: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auth/sso": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          enabled: boolean;
          /** Shown as "Sign in with <providerName>" */
          providerName: string | null;
          /** Where the browser goes to sign in */
          startUrl: string | null;
        };
        400: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auth/sso/start": {
    get: {
      request: {
        query?: {
          /** Path to open afterwards */
          next?: string | null;
        };
      };
      responses: {
        302: null | null;
        400: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auth/sso/reauthenticate": {
    get: {
      request: {
        query?: {
          /** Path to open afterwards */
          next?: string | null;
        };
      };
      responses: {
        302: null | null;
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auth/sso/callback": {
    get: {
      request: {
        query?: {
          code?: string | null;
          state?: string | null;
          iss?: string | null;
          error?: string | null;
          error_description?: string | null;
          session_state?: string | null;
        };
      };
      responses: {
        302: null | null;
        400: ErrorBody;
        429: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/users": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            email: string;
            name: string;
            /** Role of a person */
            role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
            mfaEnabled: boolean;
            disabled: boolean;
            /** ISO time */
            createdAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** E-mail address, used to sign in */
          email: string;
          name: string;
          /** Role of a person */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          /** Password (12 characters or more) */
          password: string;
        };
      };
      responses: {
        201: {
          id: string;
          email: string;
          name: string;
          /** Role of a person */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          mfaEnabled: boolean;
          disabled: boolean;
          /** ISO time */
          createdAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/colleagues": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            name: string;
            email: string;
            /** Role of a person */
            role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
            /** Whether work can be assigned to them (their role may perform it) */
            mayPerformWork: boolean;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/users/{id}": {
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          name?: string;
          /** Role of a person */
          role?: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          disabled?: boolean;
        };
      };
      responses: {
        200: {
          id: string;
          email: string;
          name: string;
          /** Role of a person */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          mfaEnabled: boolean;
          disabled: boolean;
          /** ISO time */
          createdAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/users/{id}/reset-password": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** Password (12 characters or more) */
          password: string;
        };
      };
      responses: {
        200: {
          ok: true;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/users/{id}/reset-mfa": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          email: string;
          name: string;
          /** Role of a person */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer";
          mfaEnabled: boolean;
          disabled: boolean;
          /** ISO time */
          createdAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/users/{id}/sso-identity": {
    put: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** The person's subject (`sub` claim) at the configured provider */
          subject: string;
        };
      };
      responses: {
        200: {
          userId: string;
          issuer: string;
          subject: string;
          /** ISO time */
          linkedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
    delete: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          ok: true;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/tokens": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          items: Array<{
            id: string;
            name: string;
            /** Role a machine token acts with */
            role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer" | "backup-writer" | "alert-writer" | "scim";
            /** First characters of the token, to recognise it */
            prefix: string;
            createdAt: string;
            expiresAt: string | null;
            lastUsedAt: string | null;
            revokedAt: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          name: string;
          /** Role a machine token acts with */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer" | "backup-writer" | "alert-writer" | "scim";
          expiresAt?: string;
        };
      };
      responses: {
        201: {
          token: string;
          apiToken: {
            id: string;
            name: string;
            /** Role a machine token acts with */
            role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer" | "backup-writer" | "alert-writer" | "scim";
            /** First characters of the token, to recognise it */
            prefix: string;
            createdAt: string;
            expiresAt: string | null;
            lastUsedAt: string | null;
            revokedAt: string | null;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/tokens/{id}": {
    delete: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          name: string;
          /** Role a machine token acts with */
          role: "admin" | "quality" | "engineering" | "security" | "auditor" | "viewer" | "backup-writer" | "alert-writer" | "scim";
          /** First characters of the token, to recognise it */
          prefix: string;
          createdAt: string;
          expiresAt: string | null;
          lastUsedAt: string | null;
          revokedAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auditor-engagements": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            userId: string;
            email: string;
            name: string;
            framework: string;
            periodFrom: string;
            periodTo: string;
            startsAt: string;
            expiresAt: string;
            /** At the time of the request */
            status: "scheduled" | "active" | "expired" | "revoked";
            /** The auditor set a password with the invitation link */
            invitationAccepted: boolean;
            invitedBy: string;
            revokedAt: string | null;
            revokedBy: string | null;
            createdAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** E-mail address, used to sign in */
          email: string;
          name: string;
          /** e.g. iso9001, soc2, sop-018 */
          framework: string;
          /** First day of the audited period (organisation time zone) */
          periodFrom: string;
          /** Last day of the audited period, inclusive */
          periodTo: string;
          /** When access begins (default: now) */
          startsAt?: string;
          /** When access ends: in the future, after startsAt, at most 180 days after it */
          expiresAt: string;
        };
      };
      responses: {
        201: {
          id: string;
          userId: string;
          email: string;
          name: string;
          framework: string;
          periodFrom: string;
          periodTo: string;
          startsAt: string;
          expiresAt: string;
          /** At the time of the request */
          status: "scheduled" | "active" | "expired" | "revoked";
          /** The auditor set a password with the invitation link */
          invitationAccepted: boolean;
          invitedBy: string;
          revokedAt: string | null;
          revokedBy: string | null;
          createdAt: string;
          invitation: {
            /** The link to give the auditor: a one-time set-password link, or the sign-in page for an auditor who already has a password. Shown once; resending issues a new one */
            link: string;
            oneTimeLink: boolean;
            /** When a one-time link stops working */
            linkExpiresAt: string | null;
            /** queued: the e-mail leaves within a minute (outbox, urgent lane); smtp_not_configured: nothing is sent until PLUMBLINE_SMTP_URL is set, so give the link yourself */
            email: "queued" | "smtp_not_configured";
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auditor-engagements/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          userId: string;
          email: string;
          name: string;
          framework: string;
          periodFrom: string;
          periodTo: string;
          startsAt: string;
          expiresAt: string;
          /** At the time of the request */
          status: "scheduled" | "active" | "expired" | "revoked";
          /** The auditor set a password with the invitation link */
          invitationAccepted: boolean;
          invitedBy: string;
          revokedAt: string | null;
          revokedBy: string | null;
          createdAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/auditor-engagements/{id}/revoke": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          userId: string;
          email: string;
          name: string;
          framework: string;
          periodFrom: string;
          periodTo: string;
          startsAt: string;
          expiresAt: string;
          /** At the time of the request */
          status: "scheduled" | "active" | "expired" | "revoked";
          /** The auditor set a password with the invitation link */
          invitationAccepted: boolean;
          invitedBy: string;
          revokedAt: string | null;
          revokedBy: string | null;
          createdAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auditor-engagements/{id}/invitation": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          userId: string;
          email: string;
          name: string;
          framework: string;
          periodFrom: string;
          periodTo: string;
          startsAt: string;
          expiresAt: string;
          /** At the time of the request */
          status: "scheduled" | "active" | "expired" | "revoked";
          /** The auditor set a password with the invitation link */
          invitationAccepted: boolean;
          invitedBy: string;
          revokedAt: string | null;
          revokedBy: string | null;
          createdAt: string;
          invitation: {
            /** The link to give the auditor: a one-time set-password link, or the sign-in page for an auditor who already has a password. Shown once; resending issues a new one */
            link: string;
            oneTimeLink: boolean;
            /** When a one-time link stops working */
            linkExpiresAt: string | null;
            /** queued: the e-mail leaves within a minute (outbox, urgent lane); smtp_not_configured: nothing is sent until PLUMBLINE_SMTP_URL is set, so give the link yourself */
            email: "queued" | "smtp_not_configured";
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/auditor-invitations/accept": {
    post: {
      request: {
        body: {
          token: string;
          /** Password (12 characters or more) */
          password: string;
        };
      };
      responses: {
        200: {
          email: string;
        };
        400: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/audit/events": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          entityType?: string | null;
          entityId?: string | null;
          action?: string | null;
          actor?: string | null;
          /** Page backwards from this sequence number (kept for older clients; prefer cursor) */
          beforeSeq?: number | string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            seq: string;
            id: string;
            occurredAt: string;
            actorType: string;
            actorId: string | null;
            /** Who acted as recorded then: an e-mail, a token name or plumbline */
            actorLabel: string;
            /** The acting person's display name now, when the actor is a person; null otherwise */
            actorName: string | null;
            action: string;
            entityType: string;
            entityId: string;
            before: unknown;
            after: unknown;
            hash: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
          /** The same place as nextCursor, as a sequence number */
          nextBeforeSeq: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/audit/verify": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          /** Every link recomputes and the chain reaches every checkpoint with its hash */
          intact: boolean;
          problem: "broken_link" | "missing_tail" | "checkpoint_mismatch" | "checkpoint_signature_invalid" | null;
          /** Every stored link recomputes (says nothing about missing events) */
          valid: boolean;
          eventCount: number;
          /** Sequence number of the newest stored event ("0" when none) */
          lastSeq: string;
          headHash: string;
          firstBroken: {
            seq: string;
            reason: string;
          } | null;
          /** The newest checkpoint whose signature verifies, the chain compared against it */
          checkpoint: {
            format: "plumbline-audit-checkpoint/v1";
            /** Sequence number of the newest audit event when the checkpoint was taken */
            seq: string;
            /** Hash of that event: the head of the chain */
            hash: string;
            /** When the checkpoint was taken (UTC) */
            at: string;
            /** SHA-256 of the DER (SPKI) public key that signed it */
            keyFingerprint: string;
            source: "database" | "file" | "given";
          } | null;
          /** Checkpoints whose signature does not verify */
          rejectedCheckpoints: Array<{
            seq: string | null;
            source: "database" | "file" | "given";
            reason: string;
          }>;
          /** One sentence for people */
          message: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/assets": {
    get: {
      request: {
        query?: {
          /** Search key, name and purpose */
          q?: string | null;
          category?: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other" | null;
          environment?: "production" | "staging" | "development" | "corporate" | null;
          criticality?: "critical" | "high" | "medium" | "low" | null;
          lifecycleStatus?: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned" | null;
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
          supplier?: string | null;
          tag?: string | null;
          limit?: number | string | null;
          offset?: number | string | null;
          /** nextCursor of the previous page (keyset, in key order); omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
            purpose: string;
            supplierKey: string | null;
            thirdPartyManaged: boolean;
            environment: "production" | "staging" | "development" | "corporate";
            /** IaC path, version or baseline */
            configurationReference: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            /** E-mail of the accountable person */
            ownerPerson: string;
            criticality: "critical" | "high" | "medium" | "low";
            criticalityRationale: string;
            dataClassification: "confidential" | "internal" | "public";
            region: string;
            lifecycleStatus: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
            tags: Array<string>;
            /** What "fit for purpose" means for it */
            acceptanceCriteria: string;
            lastReviewedOn: string | null;
            nextReviewDueOn: string | null;
            id: string;
            key: string;
            supplierName: string | null;
            version: number;
            createdAt: string;
            updatedAt: string;
          }>;
          total: number;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          name: string;
          category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          purpose?: string;
          /** Key of the supplier providing it */
          supplierKey?: string | null;
          thirdPartyManaged?: boolean;
          environment: "production" | "staging" | "development" | "corporate";
          /** IaC path, version or baseline */
          configurationReference?: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** E-mail of the accountable person */
          ownerPerson?: string;
          criticality: "critical" | "high" | "medium" | "low";
          criticalityRationale?: string;
          dataClassification: "confidential" | "internal" | "public";
          region?: string;
          lifecycleStatus?: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
          tags?: Array<string>;
          /** What "fit for purpose" means for it */
          acceptanceCriteria?: string;
          lastReviewedOn?: string | null;
          nextReviewDueOn?: string | null;
          key: string;
        };
      };
      responses: {
        201: {
          name: string;
          category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          purpose: string;
          supplierKey: string | null;
          thirdPartyManaged: boolean;
          environment: "production" | "staging" | "development" | "corporate";
          /** IaC path, version or baseline */
          configurationReference: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** E-mail of the accountable person */
          ownerPerson: string;
          criticality: "critical" | "high" | "medium" | "low";
          criticalityRationale: string;
          dataClassification: "confidential" | "internal" | "public";
          region: string;
          lifecycleStatus: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
          tags: Array<string>;
          /** What "fit for purpose" means for it */
          acceptanceCriteria: string;
          lastReviewedOn: string | null;
          nextReviewDueOn: string | null;
          id: string;
          key: string;
          supplierName: string | null;
          version: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/assets/export.csv": {
    get: {
      request: Record<string, never>;
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/assets/{key}": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          name: string;
          category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          purpose: string;
          supplierKey: string | null;
          thirdPartyManaged: boolean;
          environment: "production" | "staging" | "development" | "corporate";
          /** IaC path, version or baseline */
          configurationReference: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** E-mail of the accountable person */
          ownerPerson: string;
          criticality: "critical" | "high" | "medium" | "low";
          criticalityRationale: string;
          dataClassification: "confidential" | "internal" | "public";
          region: string;
          lifecycleStatus: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
          tags: Array<string>;
          /** What "fit for purpose" means for it */
          acceptanceCriteria: string;
          lastReviewedOn: string | null;
          nextReviewDueOn: string | null;
          id: string;
          key: string;
          supplierName: string | null;
          version: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          key: string;
        };
        body: {
          name?: string;
          category?: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          purpose?: string;
          /** Key of the supplier providing it */
          supplierKey?: string | null;
          thirdPartyManaged?: boolean;
          environment?: "production" | "staging" | "development" | "corporate";
          /** IaC path, version or baseline */
          configurationReference?: string;
          ownerRole?: "engineering" | "security" | "quality" | "admin";
          /** E-mail of the accountable person */
          ownerPerson?: string;
          criticality?: "critical" | "high" | "medium" | "low";
          criticalityRationale?: string;
          dataClassification?: "confidential" | "internal" | "public";
          region?: string;
          lifecycleStatus?: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
          tags?: Array<string>;
          /** What "fit for purpose" means for it */
          acceptanceCriteria?: string;
          lastReviewedOn?: string | null;
          nextReviewDueOn?: string | null;
          /** Refuse the change if the asset has moved on */
          expectedVersion?: number;
        };
      };
      responses: {
        200: {
          name: string;
          category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          purpose: string;
          supplierKey: string | null;
          thirdPartyManaged: boolean;
          environment: "production" | "staging" | "development" | "corporate";
          /** IaC path, version or baseline */
          configurationReference: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** E-mail of the accountable person */
          ownerPerson: string;
          criticality: "critical" | "high" | "medium" | "low";
          criticalityRationale: string;
          dataClassification: "confidential" | "internal" | "public";
          region: string;
          lifecycleStatus: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
          tags: Array<string>;
          /** What "fit for purpose" means for it */
          acceptanceCriteria: string;
          lastReviewedOn: string | null;
          nextReviewDueOn: string | null;
          id: string;
          key: string;
          supplierName: string | null;
          version: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/assets/{key}/pre-existing": {
    post: {
      request: {
        path: {
          key: string;
        };
        body: {
          reason: string;
        };
      };
      responses: {
        201: {
          key: string;
          reason: string;
          markedAt: string;
          markedBy: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/assets/{key}/history": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            seq: string;
            id: string;
            occurredAt: string;
            actorType: string;
            actorId: string | null;
            /** Who acted as recorded then: an e-mail, a token name or plumbline */
            actorLabel: string;
            /** The acting person's display name now, when the actor is a person; null otherwise */
            actorName: string | null;
            action: string;
            entityType: string;
            entityId: string;
            before: unknown;
            after: unknown;
            hash: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/suppliers": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            services: string;
            contractReference: string;
            escalationContact: string;
            certifications: Array<{
              /** e.g. ISO 27001, SOC 2 Type II */
              name: string;
              expiresOn: string | null;
              /** Expired on the day of the request */
              expired: boolean;
            }>;
            notes: string;
            id: string;
            key: string;
            assetCount: number;
            createdAt: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          name: string;
          services?: string;
          contractReference?: string;
          escalationContact?: string;
          certifications?: Array<{
            /** e.g. ISO 27001, SOC 2 Type II */
            name: string;
            expiresOn?: string | null;
          }>;
          notes?: string;
          key: string;
        };
      };
      responses: {
        201: {
          name: string;
          services: string;
          contractReference: string;
          escalationContact: string;
          certifications: Array<{
            /** e.g. ISO 27001, SOC 2 Type II */
            name: string;
            expiresOn: string | null;
            /** Expired on the day of the request */
            expired: boolean;
          }>;
          notes: string;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/suppliers/{key}": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          name: string;
          services: string;
          contractReference: string;
          escalationContact: string;
          certifications: Array<{
            /** e.g. ISO 27001, SOC 2 Type II */
            name: string;
            expiresOn: string | null;
            /** Expired on the day of the request */
            expired: boolean;
          }>;
          notes: string;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          key: string;
        };
        body: {
          name?: string;
          services?: string;
          contractReference?: string;
          escalationContact?: string;
          certifications?: Array<{
            /** e.g. ISO 27001, SOC 2 Type II */
            name: string;
            expiresOn?: string | null;
          }>;
          notes?: string;
        };
      };
      responses: {
        200: {
          name: string;
          services: string;
          contractReference: string;
          escalationContact: string;
          certifications: Array<{
            /** e.g. ISO 27001, SOC 2 Type II */
            name: string;
            expiresOn: string | null;
            /** Expired on the day of the request */
            expired: boolean;
          }>;
          notes: string;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/processes": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            description: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            /** Does this process affect product or service conformity? */
            affectsConformity: boolean;
            id: string;
            key: string;
            assetCount: number;
            createdAt: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          name: string;
          description?: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** Does this process affect product or service conformity? */
          affectsConformity: boolean;
          key: string;
        };
      };
      responses: {
        201: {
          name: string;
          description: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** Does this process affect product or service conformity? */
          affectsConformity: boolean;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/processes/{key}": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          name: string;
          description: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** Does this process affect product or service conformity? */
          affectsConformity: boolean;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          key: string;
        };
        body: {
          name?: string;
          description?: string;
          ownerRole?: "engineering" | "security" | "quality" | "admin";
          /** Does this process affect product or service conformity? */
          affectsConformity?: boolean;
        };
      };
      responses: {
        200: {
          name: string;
          description: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          /** Does this process affect product or service conformity? */
          affectsConformity: boolean;
          id: string;
          key: string;
          assetCount: number;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/matrix": {
    get: {
      request: {
        query?: {
          process?: string | null;
          asset?: string | null;
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            /** What fails if this infrastructure breaks */
            conformityImpact: string;
            /** Maintenance schedule, service contract, monitoring, backup… */
            controlMethod: string;
            /** System of record holding the evidence */
            evidenceLocation: string;
            id: string;
            processKey: string;
            processName: string;
            processOwnerRole: string;
            affectsConformity: boolean;
            assetKey: string;
            assetName: string;
            assetCategory: string;
            assetCriticality: string;
            assetOwnerRole: string;
            thirdPartyManaged: boolean;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** What fails if this infrastructure breaks */
          conformityImpact: string;
          /** Maintenance schedule, service contract, monitoring, backup… */
          controlMethod: string;
          /** System of record holding the evidence */
          evidenceLocation: string;
          processKey: string;
          assetKey: string;
        };
      };
      responses: {
        201: {
          /** What fails if this infrastructure breaks */
          conformityImpact: string;
          /** Maintenance schedule, service contract, monitoring, backup… */
          controlMethod: string;
          /** System of record holding the evidence */
          evidenceLocation: string;
          id: string;
          processKey: string;
          processName: string;
          processOwnerRole: string;
          affectsConformity: boolean;
          assetKey: string;
          assetName: string;
          assetCategory: string;
          assetCriticality: string;
          assetOwnerRole: string;
          thirdPartyManaged: boolean;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/matrix/export.csv": {
    get: {
      request: Record<string, never>;
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/matrix/{id}": {
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** What fails if this infrastructure breaks */
          conformityImpact?: string;
          /** Maintenance schedule, service contract, monitoring, backup… */
          controlMethod?: string;
          /** System of record holding the evidence */
          evidenceLocation?: string;
        };
      };
      responses: {
        200: {
          /** What fails if this infrastructure breaks */
          conformityImpact: string;
          /** Maintenance schedule, service contract, monitoring, backup… */
          controlMethod: string;
          /** System of record holding the evidence */
          evidenceLocation: string;
          id: string;
          processKey: string;
          processName: string;
          processOwnerRole: string;
          affectsConformity: boolean;
          assetKey: string;
          assetName: string;
          assetCategory: string;
          assetCriticality: string;
          assetOwnerRole: string;
          thirdPartyManaged: boolean;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
    delete: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          ok: true;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/reviews": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          items: Array<{
            id: string;
            name: string;
            status: "open" | "closed";
            dueOn: string;
            startedBy: string;
            startedAt: string;
            closedAt: string | null;
            progress: {
              total: number;
              pending: number;
              confirmed: number;
              corrected: number;
            };
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** e.g. "Inventory review 2026 Q4" */
          name: string;
          dueOn: string;
          /** Which assets to review; every asset still in use when empty */
          scope?: {
            category?: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
            environment?: "production" | "staging" | "development" | "corporate";
            criticality?: "critical" | "high" | "medium" | "low";
          };
        };
      };
      responses: {
        201: {
          id: string;
          name: string;
          status: "open" | "closed";
          dueOn: string;
          startedBy: string;
          startedAt: string;
          closedAt: string | null;
          progress: {
            total: number;
            pending: number;
            confirmed: number;
            corrected: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/reviews/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          name: string;
          status: "open" | "closed";
          dueOn: string;
          startedBy: string;
          startedAt: string;
          closedAt: string | null;
          progress: {
            total: number;
            pending: number;
            confirmed: number;
            corrected: number;
          };
          items: Array<{
            id: string;
            assetKey: string;
            assetName: string;
            ownerRole: string;
            ownerPerson: string;
            status: "pending" | "confirmed" | "corrected";
            decidedBy: string | null;
            decidedAt: string | null;
            note: string;
            changes: Record<string, unknown> | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reviews/{id}/items/{itemId}": {
    post: {
      request: {
        path: {
          id: string;
          itemId: string;
        };
        body: ({
          decision: "confirmed";
          note?: string;
        }) | ({
          decision: "corrected";
          note: string;
          changes: {
            name?: string;
            category?: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
            purpose?: string;
            /** Key of the supplier providing it */
            supplierKey?: string | null;
            thirdPartyManaged?: boolean;
            environment?: "production" | "staging" | "development" | "corporate";
            /** IaC path, version or baseline */
            configurationReference?: string;
            ownerRole?: "engineering" | "security" | "quality" | "admin";
            /** E-mail of the accountable person */
            ownerPerson?: string;
            criticality?: "critical" | "high" | "medium" | "low";
            criticalityRationale?: string;
            dataClassification?: "confidential" | "internal" | "public";
            region?: string;
            lifecycleStatus?: "requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned";
            tags?: Array<string>;
            /** What "fit for purpose" means for it */
            acceptanceCriteria?: string;
            lastReviewedOn?: string | null;
            nextReviewDueOn?: string | null;
            /** Refuse the change if the asset has moved on */
            expectedVersion?: number;
          };
        });
      };
      responses: {
        200: {
          id: string;
          assetKey: string;
          assetName: string;
          ownerRole: string;
          ownerPerson: string;
          status: "pending" | "confirmed" | "corrected";
          decidedBy: string | null;
          decidedAt: string | null;
          note: string;
          changes: Record<string, unknown> | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/reviews/{id}/close": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          name: string;
          status: "open" | "closed";
          dueOn: string;
          startedBy: string;
          startedAt: string;
          closedAt: string | null;
          progress: {
            total: number;
            pending: number;
            confirmed: number;
            corrected: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/occurrences": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Evaluate statuses at this instant (default: now) */
          at?: string | null;
          /** Comma-separated statuses, e.g. due,overdue */
          status?: string | null;
          control?: string | null;
          asset?: string | null;
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
          dueFrom?: string | null;
          dueBefore?: string | null;
          /** Only work assigned to this person (an id), to me, or to nobody */
          assignee?: ("me") | ("nobody") | (string) | null;
          /** Only my work: my role's, or assigned to me */
          mine?: "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            controlKey: string;
            controlTitle: string;
            periodKey: string;
            /** Empty for an organisation-wide occurrence */
            assetKey: string;
            opensAt: string;
            dueAt: string;
            closesAt: string;
            critical: boolean;
            ownerRole: string;
            /** The person the work is assigned to now (whatever instant is asked for), or null */
            assignee: {
              id: string;
              name: string;
              email: string;
            } | null;
            /** Status at the instant asked for (now by default) */
            status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
            events: Array<{
              kind: "started" | "completed" | "verified" | "rejected" | "not_applicable";
              at: string;
              actorLabel: string;
              note: string;
              signatureId: string | null;
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/occurrences/export.csv": {
    get: {
      request: {
        query: {
          /** Comma-separated ids: only these occurrences (a selection), at most 200 */
          ids: string;
        };
      };
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/occurrences/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          controlKey: string;
          controlTitle: string;
          periodKey: string;
          /** Empty for an organisation-wide occurrence */
          assetKey: string;
          opensAt: string;
          dueAt: string;
          closesAt: string;
          critical: boolean;
          ownerRole: string;
          /** The person the work is assigned to now (whatever instant is asked for), or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          /** Status at the instant asked for (now by default) */
          status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
          events: Array<{
            kind: "started" | "completed" | "verified" | "rejected" | "not_applicable";
            at: string;
            actorLabel: string;
            note: string;
            signatureId: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/occurrences/generate": {
    post: {
      request: {
        body: {
          from: string;
          until: string;
        };
      };
      responses: {
        200: {
          planned: number;
          created: number;
          createdByControl: Record<string, number>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/events": {
    post: {
      request: {
        body: {
          /** What happened, e.g. critical-patch-released */
          type: "critical-patch-released" | "high-vulnerability-found" | "role-changed" | "employee-departed" | "access-requested" | "certificate-expiry" | "supplier-certification-expiry" | "backup-job-failed" | "provisioning-requested" | "change-requested" | "change-implemented" | "incident-opened" | "dr-deficiency-found" | "capa-opened" | "decommissioning-requested" | "decommissioning-completed" | "document-review-due";
          /** The asset it concerns */
          asset?: string;
          /** When it happened: the SLA clock starts here */
          at: string;
          /** The instant to finish before, e.g. a certificate expiry */
          targetAt?: string;
          /** Idempotency key from the sending system */
          externalId?: string;
          details?: Record<string, (string) | (number) | (boolean) | null>;
        };
      };
      responses: {
        200: {
          eventId: string;
          created: boolean;
          occurrenceIds: Array<string>;
        };
        201: {
          eventId: string;
          created: boolean;
          occurrenceIds: Array<string>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/notifications": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** e.g. reminder, overdue, digest */
          category?: string | null;
          /** Exact e-mail address of the recipient */
          recipient?: string | null;
          /** Delivery state */
          status?: "pending" | "sending" | "sent" | "failed" | "cancelled" | null;
          /** urgent: alerts and invitations, sent at once; bulk: grouped, one e-mail an hour */
          priority?: "urgent" | "bulk" | null;
          /** Queued at or after this instant */
          from?: string | null;
          /** Queued before this instant */
          to?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            category: string;
            priority: "urgent" | "bulk";
            recipient: string;
            subject: string;
            status: "pending" | "sending" | "sent" | "failed" | "cancelled";
            /** Delivery attempts so far */
            attempts: number;
            /** When it was queued */
            createdAt: string;
            /** When the mail server accepted it */
            sentAt: string | null;
            lastError: string | null;
            /** What the message is about, e.g. an occurrence */
            related: {
              entityType: string;
              entityId: string;
            } | null;
            /** Every delivery attempt with the mail server’s answer or error */
            attemptsLog: Array<{
              attemptedAt: string;
              succeeded: boolean;
              detail: string;
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/notifications/mail-status": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          /** False: PLUMBLINE_SMTP_URL is not set and no e-mail is sent; messages wait */
          smtpConfigured: boolean;
          /** Messages queued or being sent, by priority */
          waiting: {
            urgent: number;
            bulk: number;
          };
          /** Messages that ran out of delivery attempts */
          failed: number;
          /** When the oldest waiting message was queued */
          oldestWaitingSince: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/notifications/retry-failed": {
    post: {
      request: Record<string, never>;
      responses: {
        200: {
          requeued: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/frameworks": {
    get: {
      request: {
        query?: {
          /** Also list retired frameworks */
          includeRetired?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            key: string;
            title: string;
            kind: "external" | "internal";
            issuer: string;
            edition: string;
            description: string;
            /** Requirements currently in the framework */
            requirementCount: number;
            /** Current requirements no current control maps to */
            unmappedRequirementCount: number;
            version: number;
            /** When the object left the catalogue; null while it is part of it */
            retiredAt: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/frameworks/{key}": {
    get: {
      request: {
        path: {
          /** e.g. iso9001, soc2, sop-018 */
          key: string;
        };
      };
      responses: {
        200: {
          key: string;
          title: string;
          kind: "external" | "internal";
          issuer: string;
          edition: string;
          description: string;
          /** Requirements currently in the framework */
          requirementCount: number;
          /** Current requirements no current control maps to */
          unmappedRequirementCount: number;
          version: number;
          /** When the object left the catalogue; null while it is part of it */
          retiredAt: string | null;
          requirements: Array<{
            key: string;
            /** The clause reference within its framework, e.g. 7.1.3 */
            reference: string;
            title: string;
            summary: string;
            version: number;
            /** When the object left the catalogue; null while it is part of it */
            retiredAt: string | null;
            /** Current controls that map to it */
            controls: Array<{
              key: string;
              title: string;
              critical: boolean;
              /** How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual */
              evaluation: string;
            }>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/controls": {
    get: {
      request: {
        query?: {
          theme?: string | null;
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
          /** Controls mapping a requirement of it */
          framework?: string | null;
          /** Controls mapping this requirement */
          requirement?: string | null;
          critical?: "0" | "1" | "true" | "false" | boolean | null;
          /** Also list retired controls */
          includeRetired?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            key: string;
            title: string;
            theme: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            critical: boolean;
            perAsset: boolean;
            /** The cadence or SLA in words */
            schedule: string;
            /** How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual */
            evaluation: string;
            requirements: Array<string>;
            version: number;
            /** When the object left the catalogue; null while it is part of it */
            retiredAt: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/controls/{key}": {
    get: {
      request: {
        path: {
          /** e.g. os-patching-monthly */
          key: string;
        };
      };
      responses: {
        200: {
          key: string;
          title: string;
          theme: string;
          objective: string;
          ownerRole: "engineering" | "security" | "quality" | "admin";
          critical: boolean;
          perAsset: boolean;
          /** Selector over the asset register */
          scope: {
            categories?: Array<"facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other">;
            environments?: Array<"production" | "staging" | "development" | "corporate">;
            criticalities?: Array<"critical" | "high" | "medium" | "low">;
            dataClassifications?: Array<"confidential" | "internal" | "public">;
            lifecycleStatuses?: Array<"requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned">;
            thirdPartyManaged?: boolean;
            /** The asset must carry every tag listed */
            tags?: Array<string>;
          } | null;
          cadence: {
            frequency: "daily" | "weekly" | "monthly" | "quarterly" | "annual";
            /** First day occurrences are generated for (its period is the first one) */
            startsOn: string;
            /** Day of the period the occurrence is due; the last day when absent */
            dayOfPeriod?: number;
          } | null;
          sla: {
            trigger: "critical-patch-released" | "high-vulnerability-found" | "role-changed" | "employee-departed" | "access-requested" | "certificate-expiry" | "supplier-certification-expiry" | "backup-job-failed" | "provisioning-requested" | "change-requested" | "change-implemented" | "incident-opened" | "dr-deficiency-found" | "capa-opened" | "decommissioning-requested" | "decommissioning-completed" | "document-review-due";
            /** A duration after the trigger, or { before, lead } a target instant */
            within: (string) | ({
              /** The instant, carried by the trigger, to finish before */
              before: "expiry" | "access-grant" | "provisioning-start" | "production-use" | "implementation" | "data-disposal" | "effectiveness-check" | "review-date";
              /** How long before that instant; none when absent */
              lead?: string;
            });
          } | null;
          schedule: string;
          /** As the catalogue declares it */
          evaluation: ({
            /** A work order closed out and verified by a second person */
            mode: "manual";
            /** Role that verifies the closeout; anyone but the performer when absent */
            verifierRole?: "engineering" | "security" | "quality" | "admin";
          }) | ({
            /** Evaluated from module records */
            mode: "automatic";
            source: "inventory-reviews" | "supplier-reviews" | "backup-runs" | "backup-replication" | "restore-tests" | "dr-exercises" | "provisioning-requests" | "change-requests" | "decommissioning-records" | "access-grants" | "access-reviews" | "mfa-status" | "vulnerability-scans" | "certificate-scans" | "monitoring-alerts" | "incidents" | "capas" | "document-reviews";
            /** Thresholds the source interprets, e.g. { maxAge: PT24H } */
            parameters?: Record<string, (string) | (number) | (boolean)>;
          });
          /** How it is decided: automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual (work orders) */
          automation: string;
          checklist: Array<string>;
          evidenceExpected: Array<{
            /** An uploaded file, a module record or an observation */
            kind: "file" | "record" | "observation";
            description: string;
          }>;
          requirements: Array<{
            key: string;
            framework: string;
            title: string;
            /** When the object left the catalogue; null while it is part of it */
            retiredAt: string | null;
          }>;
          version: number;
          /** SHA-256 of the control content at this version */
          contentHash: string;
          /** When the object left the catalogue; null while it is part of it */
          retiredAt: string | null;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/catalog/plan": {
    post: {
      request: {
        body: {
          frameworks: Array<{
            /** e.g. iso9001, soc2, sop-018 */
            key: string;
            title: string;
            /** A published standard, or an internal document */
            kind: "external" | "internal";
            /** ISO, AICPA, IEC, or the owning department */
            issuer: string;
            /** e.g. 2015, or a revision */
            edition?: string;
            description: string;
            requirements: Array<{
              /** Framework key, a colon, then the clause reference: iso9001:7.1.3 */
              key: string;
              title: string;
              /** What the clause asks, paraphrased */
              summary: string;
            }>;
          }>;
          controls: Array<{
            /** e.g. os-patching-monthly */
            key: string;
            title: string;
            /** Groups controls; the export writes one file per theme */
            theme: string;
            /** What must happen and why */
            objective: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            /** A missed or overdue occurrence raises a nonconformance */
            critical?: boolean;
            /** One occurrence per asset in scope (per period, or per triggering asset) */
            perAsset?: boolean;
            /** Assets covered; the organisation as a whole if absent */
            scope?: {
              categories?: Array<"facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other">;
              environments?: Array<"production" | "staging" | "development" | "corporate">;
              criticalities?: Array<"critical" | "high" | "medium" | "low">;
              dataClassifications?: Array<"confidential" | "internal" | "public">;
              lifecycleStatuses?: Array<"requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned">;
              thirdPartyManaged?: boolean;
              /** The asset must carry every tag listed */
              tags?: Array<string>;
            };
            cadence?: {
              frequency: "daily" | "weekly" | "monthly" | "quarterly" | "annual";
              /** First day occurrences are generated for (its period is the first one) */
              startsOn: string;
              /** Day of the period the occurrence is due; the last day when absent */
              dayOfPeriod?: number;
            };
            sla?: {
              trigger: "critical-patch-released" | "high-vulnerability-found" | "role-changed" | "employee-departed" | "access-requested" | "certificate-expiry" | "supplier-certification-expiry" | "backup-job-failed" | "provisioning-requested" | "change-requested" | "change-implemented" | "incident-opened" | "dr-deficiency-found" | "capa-opened" | "decommissioning-requested" | "decommissioning-completed" | "document-review-due";
              /** A duration after the trigger, or { before, lead } a target instant */
              within: (string) | ({
                /** The instant, carried by the trigger, to finish before */
                before: "expiry" | "access-grant" | "provisioning-start" | "production-use" | "implementation" | "data-disposal" | "effectiveness-check" | "review-date";
                /** How long before that instant; none when absent */
                lead?: string;
              });
            };
            /** How an occurrence is decided */
            evaluation: ({
              /** A work order closed out and verified by a second person */
              mode: "manual";
              /** Role that verifies the closeout; anyone but the performer when absent */
              verifierRole?: "engineering" | "security" | "quality" | "admin";
            }) | ({
              /** Evaluated from module records */
              mode: "automatic";
              source: "inventory-reviews" | "supplier-reviews" | "backup-runs" | "backup-replication" | "restore-tests" | "dr-exercises" | "provisioning-requests" | "change-requests" | "decommissioning-records" | "access-grants" | "access-reviews" | "mfa-status" | "vulnerability-scans" | "certificate-scans" | "monitoring-alerts" | "incidents" | "capas" | "document-reviews";
              /** Thresholds the source interprets, e.g. { maxAge: PT24H } */
              parameters?: Record<string, (string) | (number) | (boolean)>;
            });
            checklist?: Array<string>;
            evidenceExpected: Array<{
              /** An uploaded file, a module record or an observation */
              kind: "file" | "record" | "observation";
              description: string;
            }>;
            requirements: Array<string>;
          }>;
        };
      };
      responses: {
        200: {
          /** True when applying would change nothing */
          empty: boolean;
          catalogHash: string;
          frameworks: {
            added: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            changed: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            retired: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            unchanged: number;
          };
          requirements: {
            added: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            changed: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            retired: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            unchanged: number;
          };
          controls: {
            added: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            changed: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            retired: Array<{
              key: string;
              title: string;
              /** Field by field, for changed objects */
              changes: Array<{
                field: string;
                before: unknown;
                after: unknown;
              }>;
            }>;
            unchanged: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/catalog/apply": {
    post: {
      request: {
        body: {
          frameworks: Array<{
            /** e.g. iso9001, soc2, sop-018 */
            key: string;
            title: string;
            /** A published standard, or an internal document */
            kind: "external" | "internal";
            /** ISO, AICPA, IEC, or the owning department */
            issuer: string;
            /** e.g. 2015, or a revision */
            edition?: string;
            description: string;
            requirements: Array<{
              /** Framework key, a colon, then the clause reference: iso9001:7.1.3 */
              key: string;
              title: string;
              /** What the clause asks, paraphrased */
              summary: string;
            }>;
          }>;
          controls: Array<{
            /** e.g. os-patching-monthly */
            key: string;
            title: string;
            /** Groups controls; the export writes one file per theme */
            theme: string;
            /** What must happen and why */
            objective: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            /** A missed or overdue occurrence raises a nonconformance */
            critical?: boolean;
            /** One occurrence per asset in scope (per period, or per triggering asset) */
            perAsset?: boolean;
            /** Assets covered; the organisation as a whole if absent */
            scope?: {
              categories?: Array<"facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other">;
              environments?: Array<"production" | "staging" | "development" | "corporate">;
              criticalities?: Array<"critical" | "high" | "medium" | "low">;
              dataClassifications?: Array<"confidential" | "internal" | "public">;
              lifecycleStatuses?: Array<"requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned">;
              thirdPartyManaged?: boolean;
              /** The asset must carry every tag listed */
              tags?: Array<string>;
            };
            cadence?: {
              frequency: "daily" | "weekly" | "monthly" | "quarterly" | "annual";
              /** First day occurrences are generated for (its period is the first one) */
              startsOn: string;
              /** Day of the period the occurrence is due; the last day when absent */
              dayOfPeriod?: number;
            };
            sla?: {
              trigger: "critical-patch-released" | "high-vulnerability-found" | "role-changed" | "employee-departed" | "access-requested" | "certificate-expiry" | "supplier-certification-expiry" | "backup-job-failed" | "provisioning-requested" | "change-requested" | "change-implemented" | "incident-opened" | "dr-deficiency-found" | "capa-opened" | "decommissioning-requested" | "decommissioning-completed" | "document-review-due";
              /** A duration after the trigger, or { before, lead } a target instant */
              within: (string) | ({
                /** The instant, carried by the trigger, to finish before */
                before: "expiry" | "access-grant" | "provisioning-start" | "production-use" | "implementation" | "data-disposal" | "effectiveness-check" | "review-date";
                /** How long before that instant; none when absent */
                lead?: string;
              });
            };
            /** How an occurrence is decided */
            evaluation: ({
              /** A work order closed out and verified by a second person */
              mode: "manual";
              /** Role that verifies the closeout; anyone but the performer when absent */
              verifierRole?: "engineering" | "security" | "quality" | "admin";
            }) | ({
              /** Evaluated from module records */
              mode: "automatic";
              source: "inventory-reviews" | "supplier-reviews" | "backup-runs" | "backup-replication" | "restore-tests" | "dr-exercises" | "provisioning-requests" | "change-requests" | "decommissioning-records" | "access-grants" | "access-reviews" | "mfa-status" | "vulnerability-scans" | "certificate-scans" | "monitoring-alerts" | "incidents" | "capas" | "document-reviews";
              /** Thresholds the source interprets, e.g. { maxAge: PT24H } */
              parameters?: Record<string, (string) | (number) | (boolean)>;
            });
            checklist?: Array<string>;
            evidenceExpected: Array<{
              /** An uploaded file, a module record or an observation */
              kind: "file" | "record" | "observation";
              description: string;
            }>;
            requirements: Array<string>;
          }>;
        };
      };
      responses: {
        200: {
          /** False when the catalogue already matched and nothing was written */
          applied: boolean;
          /** The catalogue revision recorded by this apply */
          revision: number | null;
          plan: {
            /** True when applying would change nothing */
            empty: boolean;
            catalogHash: string;
            frameworks: {
              added: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              changed: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              retired: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              unchanged: number;
            };
            requirements: {
              added: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              changed: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              retired: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              unchanged: number;
            };
            controls: {
              added: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              changed: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              retired: Array<{
                key: string;
                title: string;
                /** Field by field, for changed objects */
                changes: Array<{
                  field: string;
                  before: unknown;
                  after: unknown;
                }>;
              }>;
              unchanged: number;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/catalog/export": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          frameworks: Array<{
            /** e.g. iso9001, soc2, sop-018 */
            key: string;
            title: string;
            /** A published standard, or an internal document */
            kind: "external" | "internal";
            /** ISO, AICPA, IEC, or the owning department */
            issuer: string;
            /** e.g. 2015, or a revision */
            edition: string;
            description: string;
            requirements: Array<{
              /** Framework key, a colon, then the clause reference: iso9001:7.1.3 */
              key: string;
              title: string;
              /** What the clause asks, paraphrased */
              summary: string;
            }>;
          }>;
          controls: Array<{
            /** e.g. os-patching-monthly */
            key: string;
            title: string;
            /** Groups controls; the export writes one file per theme */
            theme: string;
            /** What must happen and why */
            objective: string;
            ownerRole: "engineering" | "security" | "quality" | "admin";
            /** A missed or overdue occurrence raises a nonconformance */
            critical: boolean;
            /** One occurrence per asset in scope (per period, or per triggering asset) */
            perAsset: boolean;
            /** Assets covered; the organisation as a whole if absent */
            scope?: {
              categories?: Array<"facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other">;
              environments?: Array<"production" | "staging" | "development" | "corporate">;
              criticalities?: Array<"critical" | "high" | "medium" | "low">;
              dataClassifications?: Array<"confidential" | "internal" | "public">;
              lifecycleStatuses?: Array<"requested" | "provisioning" | "verified" | "in-service" | "decommissioning" | "decommissioned">;
              thirdPartyManaged?: boolean;
              /** The asset must carry every tag listed */
              tags?: Array<string>;
            };
            cadence?: {
              frequency: "daily" | "weekly" | "monthly" | "quarterly" | "annual";
              /** First day occurrences are generated for (its period is the first one) */
              startsOn: string;
              /** Day of the period the occurrence is due; the last day when absent */
              dayOfPeriod?: number;
            };
            sla?: {
              trigger: "critical-patch-released" | "high-vulnerability-found" | "role-changed" | "employee-departed" | "access-requested" | "certificate-expiry" | "supplier-certification-expiry" | "backup-job-failed" | "provisioning-requested" | "change-requested" | "change-implemented" | "incident-opened" | "dr-deficiency-found" | "capa-opened" | "decommissioning-requested" | "decommissioning-completed" | "document-review-due";
              /** A duration after the trigger, or { before, lead } a target instant */
              within: (string) | ({
                /** The instant, carried by the trigger, to finish before */
                before: "expiry" | "access-grant" | "provisioning-start" | "production-use" | "implementation" | "data-disposal" | "effectiveness-check" | "review-date";
                /** How long before that instant; none when absent */
                lead?: string;
              });
            };
            /** How an occurrence is decided */
            evaluation: ({
              /** A work order closed out and verified by a second person */
              mode: "manual";
              /** Role that verifies the closeout; anyone but the performer when absent */
              verifierRole?: "engineering" | "security" | "quality" | "admin";
            }) | ({
              /** Evaluated from module records */
              mode: "automatic";
              source: "inventory-reviews" | "supplier-reviews" | "backup-runs" | "backup-replication" | "restore-tests" | "dr-exercises" | "provisioning-requests" | "change-requests" | "decommissioning-records" | "access-grants" | "access-reviews" | "mfa-status" | "vulnerability-scans" | "certificate-scans" | "monitoring-alerts" | "incidents" | "capas" | "document-reviews";
              /** Thresholds the source interprets, e.g. { maxAge: PT24H } */
              parameters?: Record<string, (string) | (number) | (boolean)>;
            });
            checklist: Array<string>;
            evidenceExpected: Array<{
              /** An uploaded file, a module record or an observation */
              kind: "file" | "record" | "observation";
              description: string;
            }>;
            requirements: Array<string>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/posture": {
    get: {
      request: {
        query?: {
          /** Evaluate as the records stood at this instant (default: now) */
          at?: string | null;
          /** Open work due within this many days makes a control at risk */
          atRiskDays?: number | string | null;
        };
      };
      responses: {
        200: {
          at: string;
          atRiskDays: number;
          /** The worst status of every control */
          status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
          controlCounts: {
            failing: number;
            at_risk: number;
            no_evidence: number;
            passing: number;
            not_applicable: number;
          };
          frameworks: Array<{
            key: string;
            title: string;
            /** The worst status of its requirements */
            status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            requirementCounts: {
              failing: number;
              at_risk: number;
              no_evidence: number;
              passing: number;
              not_applicable: number;
            };
            /** Distinct controls mapped to the framework */
            controlCounts: {
              failing: number;
              at_risk: number;
              no_evidence: number;
              passing: number;
              not_applicable: number;
            };
            requirements: Array<{
              key: string;
              reference: string;
              title: string;
              /** The worst status of its controls; no_evidence when unmapped */
              status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
              controls: Array<{
                key: string;
                status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
              }>;
            }>;
          }>;
          controls: Array<{
            key: string;
            title: string;
            critical: boolean;
            perAsset: boolean;
            /** automatic:<source> when Plumbline evaluates the source the catalogue names, otherwise manual */
            evaluation: string;
            status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            requirements: Array<string>;
            /** The occurrences the status was judged on, by class (docs/posture.md) */
            currentOccurrences: {
              failing: number;
              atRisk: number;
              verified: number;
              notApplicable: number;
              pending: number;
            };
          }>;
          /** People without current training for an effective document at the instant: overdue, or missing */
          training: {
            requirement: "ISO 13485 6.2";
            /** Every gap, also those past the listed ones */
            gapCount: number;
            /** Oldest due first, at most 200 */
            gaps: Array<{
              /** Assigned and past due, or in a required department and never assigned */
              state: "overdue" | "missing";
              person: {
                email: string;
                name: string;
                role: string;
              };
              document: string;
              version: number;
              title: string;
              dueAt: string | null;
            }>;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/posture/assets": {
    get: {
      request: {
        query?: {
          /** Evaluate as the records stood at this instant (default: now) */
          at?: string | null;
          /** Open work due within this many days makes a control at risk */
          atRiskDays?: number | string | null;
          /** Assets per page, 1 to 1000; omit for every asset in one answer */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            assetKey: string;
            /** The worst status of the controls that apply to it */
            status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            /** Per-asset controls with a current occurrence for it */
            controlCount: number;
            controlCounts: {
              failing: number;
              at_risk: number;
              no_evidence: number;
              passing: number;
              not_applicable: number;
            };
            controls: Array<{
              key: string;
              status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
          at: string;
          atRiskDays: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/posture/history": {
    get: {
      request: {
        query?: {
          /** How many months, the current one included (1 to 24) */
          months?: number | string | null;
        };
      };
      responses: {
        200: {
          months: number;
          /** Oldest first, one per month */
          points: Array<{
            /** The calendar month, YYYY-MM (organisation time zone) */
            month: string;
            /** The instant evaluated: the end of the month, or now for the current month */
            at: string;
            /** false for the current month, evaluated now */
            monthComplete: boolean;
            /** The worst status of every control */
            status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            controlCounts: {
              failing: number;
              at_risk: number;
              no_evidence: number;
              passing: number;
              not_applicable: number;
            };
            /** The current occurrences of every control at that instant, by class (docs/posture.md) */
            occurrences: {
              /** Overdue, missed, or done but unverified after the deadline */
              failing: number;
              /** Not done and due within 7 days */
              atRisk: number;
              /** Not done and due later, or done and awaiting verification */
              pending: number;
              verified: number;
              notApplicable: number;
            };
            frameworks: Array<{
              key: string;
              title: string;
              status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
              requirementCounts: {
                failing: number;
                at_risk: number;
                no_evidence: number;
                passing: number;
                not_applicable: number;
              };
              controlCounts: {
                failing: number;
                at_risk: number;
                no_evidence: number;
                passing: number;
                not_applicable: number;
              };
            }>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reports/effectiveness": {
    get: {
      request: {
        query: {
          /** e.g. soc2, iso9001, sop-018 */
          framework: string;
          /** First day of the period (organisation time zone) */
          from: string;
          /** Last day of the period, inclusive */
          to: string;
          format?: "json" | "csv" | null;
          /** Evaluate as the records stood at this instant (default: the end of the period, or now if earlier). Ask for now to see facts recorded after the period (late evidence) */
          asOf?: string | null;
        };
      };
      responses: {
        200: ({
          framework: string;
          from: string;
          to: string;
          periodStart: string;
          periodEnd: string;
          /** The instant statuses were evaluated at: period end, or now */
          asOf: string;
          /** Incidents, nonconformances and CAPAs of the period, as recorded at asOf */
          records: {
            incidents: {
              /** Opened in the period */
              opened: number;
              /** Of those, with the signed conformity decision by the end */
              decided: number;
              decidedOnTime: number;
              withImpact: number;
              /** Undecided at the end, the decision past due */
              undecidedPastDue: number;
            };
            nonconformances: {
              /** Raised in the period */
              raised: number;
              /** Open at the end of the period, whenever raised */
              openAtEnd: number;
            };
            capas: {
              /** Opened in the period */
              opened: number;
              /** Effectiveness checks passed in the period */
              foundEffective: number;
              openAtEnd: number;
            };
          };
          summary: {
            occurrences: number;
            byStatus: Record<string, number>;
            missed: number;
            late: number;
            unverified: number;
            /** Occurrences satisfied by late evidence */
            lateEvidence: number;
            withExceptions: number;
            exceptionRate: number | null;
            byControl: Array<{
              controlKey: string;
              occurrences: number;
              notApplicable: number;
              withExceptions: number;
              missed: number;
              late: number;
              unverified: number;
              /** Occurrences satisfied by late evidence */
              lateEvidence: number;
              /** Occurrences with an exception / applicable occurrences; null when none applied */
              exceptionRate: number | null;
            }>;
          };
          rows: Array<{
            controlKey: string;
            controlTitle: string;
            /** Requirements of the framework it maps */
            requirementKeys: Array<string>;
            periodKey: string;
            assetKey: string;
            opensAt: string;
            dueAt: string;
            /** At the end of the period, or now if earlier */
            status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
            completedAt: string | null;
            performer: string | null;
            verifiedAt: string | null;
            verifier: string | null;
            evidenceCount: number;
            exceptions: Array<"missed" | "late" | "unverified">;
            /** Satisfied by late evidence: an automatic source reported, after the deadline, a fact from inside the window (docs/occurrences.md). Not an exception; shown so nothing is rewritten silently */
            lateEvidence: boolean;
          }>;
        }) | (string);
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reports/packs": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            framework: string;
            from: string;
            to: string;
            state: "queued" | "running" | "done" | "failed";
            /** Files written into the pack so far */
            filesDone: number;
            /** Files the pack will hold (known once the job runs) */
            filesTotal: number;
            sizeBytes: number | null;
            manifestSha256: string | null;
            signingKeyFingerprint: string | null;
            error: string | null;
            requestedBy: string;
            requestedAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            /** Present once the pack is done */
            downloadUrl: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** e.g. iso9001, iso13485, soc2, sop-018 */
          framework: string;
          /** First day of the period (organisation time zone) */
          from: string;
          /** Last day of the period, inclusive */
          to: string;
        };
      };
      responses: {
        202: {
          id: string;
          framework: string;
          from: string;
          to: string;
          state: "queued" | "running" | "done" | "failed";
          /** Files written into the pack so far */
          filesDone: number;
          /** Files the pack will hold (known once the job runs) */
          filesTotal: number;
          sizeBytes: number | null;
          manifestSha256: string | null;
          signingKeyFingerprint: string | null;
          error: string | null;
          requestedBy: string;
          requestedAt: string;
          startedAt: string | null;
          finishedAt: string | null;
          /** Present once the pack is done */
          downloadUrl: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/reports/packs/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          framework: string;
          from: string;
          to: string;
          state: "queued" | "running" | "done" | "failed";
          /** Files written into the pack so far */
          filesDone: number;
          /** Files the pack will hold (known once the job runs) */
          filesTotal: number;
          sizeBytes: number | null;
          manifestSha256: string | null;
          signingKeyFingerprint: string | null;
          error: string | null;
          requestedBy: string;
          requestedAt: string;
          startedAt: string | null;
          finishedAt: string | null;
          /** Present once the pack is done */
          downloadUrl: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reports/packs/{id}/download": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: string;
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/packs/public-key": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          algorithm: "Ed25519";
          /** null until the first pack creates the key */
          publicKeyPem: string | null;
          /** SHA-256 of the DER (SPKI) public key, hex */
          fingerprint: string | null;
          createdAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reports/framework-coverage": {
    get: {
      request: {
        query: {
          /** e.g. iso9001, iso13485, soc2, sop-018 */
          framework: string;
          /** First day of the period (organisation time zone) */
          from: string;
          /** Last day of the period, inclusive */
          to: string;
        };
      };
      responses: {
        200: {
          framework: {
            key: string;
            title: string;
          };
          from: string;
          to: string;
          periodStart: string;
          periodEnd: string;
          asOf: string;
          counts: {
            covered: number;
            partial: number;
            gap: number;
          };
          requirements: Array<{
            key: string;
            reference: string;
            title: string;
            /** gap: no evidence at all in the period */
            coverage: "covered" | "partial" | "gap";
            controls: Array<{
              key: string;
              title: string;
              critical: boolean;
              /** manual, or automatic:<source> when Plumbline evaluates it */
              evaluation: string;
              /** Occurrences due in the period */
              occurrences: number;
              notApplicable: number;
              withExceptions: number;
              missed: number;
              coverage: "covered" | "exceptions" | "not_applicable" | "no_evidence";
            }>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/reports/oscal": {
    get: {
      request: {
        query: {
          /** e.g. soc2, iso9001, sop-018 */
          framework: string;
          /** assessment-results (a period), component-definition or inventory (an SSP-style document of the assets) */
          model?: "assessment-results" | "component-definition" | "inventory" | null;
          /** First day of the period (organisation time zone); required for assessment-results */
          from?: string | null;
          /** Last day of the period, inclusive; required for assessment-results */
          to?: string | null;
        };
      };
      responses: {
        200: Record<string, unknown>;
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/occurrences/{id}/start": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        201: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/occurrences/bulk-not-applicable": {
    post: {
      request: {
        body: {
          occurrenceIds: Array<string>;
          /** One justification, recorded on every occurrence */
          justification: string;
        };
      };
      responses: {
        200: {
          /** true: every row was written; false: none was */
          applied: boolean;
          /** One per row, in the order given */
          results: Array<{
            id: string;
            /** done: written; refused: this row could not be done (so nothing was written); held: could be done, not written because another row was refused */
            outcome: "done" | "refused" | "held";
            /** Why the row was refused */
            reason: string | null;
          }>;
          counts: {
            done: number;
            refused: number;
            held: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/occurrences/{id}/not-applicable": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          justification: string;
        };
      };
      responses: {
        200: {
          id: string;
          controlKey: string;
          controlTitle: string;
          periodKey: string;
          /** Empty for an organisation-wide occurrence */
          assetKey: string;
          opensAt: string;
          dueAt: string;
          closesAt: string;
          critical: boolean;
          ownerRole: string;
          /** The person the work is assigned to now (whatever instant is asked for), or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          /** Status at the instant asked for (now by default) */
          status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
          events: Array<{
            kind: "started" | "completed" | "verified" | "rejected" | "not_applicable";
            at: string;
            actorLabel: string;
            note: string;
            signatureId: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Comma-separated statuses, e.g. open,in_progress */
          status?: string | null;
          /** Only work I performed, that is assigned to me, or that my role owns */
          mine?: "true" | "false" | boolean | null;
          kind?: "preventive" | "corrective" | null;
          /** Only work assigned to this person (an id), to me, or to nobody */
          assignee?: ("me") | ("nobody") | (string) | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** WO-000123 */
            number: string;
            kind: "preventive" | "corrective";
            status: "open" | "in_progress" | "done" | "verified";
            title: string;
            description: string;
            occurrenceId: string | null;
            controlKey: string | null;
            assetKey: string | null;
            ownerRole: string;
            performerId: string | null;
            performerLabel: string | null;
            /** The person the work is assigned to now, or null */
            assignee: {
              id: string;
              name: string;
              email: string;
            } | null;
            completedAt: string | null;
            completionNote: string | null;
            createdBy: string;
            createdAt: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          title: string;
          description: string;
          assetKey?: string;
          controlKey?: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
          occurrence: {
            id: string;
            controlKey: string;
            controlTitle: string;
            periodKey: string;
            assetKey: string;
            dueAt: string;
            status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
          } | null;
          checklist: Array<{
            id: string;
            position: number;
            text: string;
            done: boolean;
            doneBy: string | null;
            doneAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** The automatic source's facts for the occurrence; null for controls people decide */
          sourceFacts: {
            /** The evaluation source, e.g. backup-runs */
            source: string;
            assetKey: string;
            /** The occurrence's window the runs started in */
            window: {
              from: string;
              to: string;
            };
            runs: Array<{
              id: string;
              status: "succeeded" | "failed" | "partial";
              startedAt: string;
              finishedAt: string | null;
              message: string | null;
            }>;
            openIncidents: Array<{
              id: string;
              kind: string;
              summary: string;
              beganAt: string;
            }>;
            /** Why a manual closeout contradicts these facts (a failed run and no success in the window): completing or verifying it needs a signed override */
            contradiction: string | null;
          } | null;
          /** What the caller may do with this work order now (the server decides the same way) */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Completing without an override: refused when the source facts contradict it */
            complete: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Completing with a signed override (justification + re-authentication) despite the source facts */
            overrideContradiction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
          signatures: Array<{
            id: string;
            signerLabel: string;
            meaning: "verified" | "rejected" | "closeout-override";
            signedAt: string;
            method: "password" | "totp";
          }>;
          history: Array<{
            kind: "created" | "started" | "evidence_added" | "completed" | "verified" | "rejected" | "overridden" | "assigned" | "unassigned";
            at: string;
            actorLabel: string;
            note: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/checklist/{itemId}": {
    patch: {
      request: {
        path: {
          id: string;
          itemId: string;
        };
        body: {
          done: boolean;
        };
      };
      responses: {
        200: {
          id: string;
          position: number;
          text: string;
          done: boolean;
          doneBy: string | null;
          doneAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/complete": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          note?: string;
          /** Only when the source facts contradict the closeout: a signed override (re-authentication) with its justification, listed as an exception in evidence packs */
          override?: {
            password?: string;
            totpCode?: string;
            /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
            signingProof?: string;
            justification: string;
          };
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/verify": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/reject": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          reason: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/occurrences/{id}/assignee": {
    put: {
      request: {
        path: {
          id: string;
        };
        body: {
          assigneeId: string | null;
        };
      };
      responses: {
        200: {
          id: string;
          controlKey: string;
          controlTitle: string;
          periodKey: string;
          /** Empty for an organisation-wide occurrence */
          assetKey: string;
          opensAt: string;
          dueAt: string;
          closesAt: string;
          critical: boolean;
          ownerRole: string;
          /** The person the work is assigned to now (whatever instant is asked for), or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          /** Status at the instant asked for (now by default) */
          status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
          events: Array<{
            kind: "started" | "completed" | "verified" | "rejected" | "not_applicable";
            at: string;
            actorLabel: string;
            note: string;
            signatureId: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/assignee": {
    put: {
      request: {
        path: {
          id: string;
        };
        body: {
          assigneeId: string | null;
        };
      };
      responses: {
        200: {
          id: string;
          /** WO-000123 */
          number: string;
          kind: "preventive" | "corrective";
          status: "open" | "in_progress" | "done" | "verified";
          title: string;
          description: string;
          occurrenceId: string | null;
          controlKey: string | null;
          assetKey: string | null;
          ownerRole: string;
          performerId: string | null;
          performerLabel: string | null;
          /** The person the work is assigned to now, or null */
          assignee: {
            id: string;
            name: string;
            email: string;
          } | null;
          completedAt: string | null;
          completionNote: string | null;
          createdBy: string;
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work/bulk-assign": {
    post: {
      request: {
        body: {
          assigneeId: string | null;
          items: Array<{
            type: "occurrence" | "work-order";
            id: string;
          }>;
        };
      };
      responses: {
        200: {
          assigneeId: string | null;
          /** One per row, in the order given */
          results: Array<{
            type: "occurrence" | "work-order";
            id: string;
            /** assigned/unassigned: written; unchanged: already so; refused: nothing written */
            outcome: "assigned" | "unassigned" | "unchanged" | "refused";
            /** Why a row was refused or left unchanged */
            reason: string | null;
          }>;
          counts: {
            assigned: number;
            unassigned: number;
            unchanged: number;
            refused: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/comments": {
    get: {
      request: {
        path: {
          id: string;
        };
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            body: string;
            author: {
              /** The person who wrote it; null for a token */
              id: string | null;
              label: string;
            };
            createdAt: string;
            /** The people the comment mentions, each told by e-mail */
            mentions: Array<{
              id: string;
              name: string;
              email: string;
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** The comment; @e-mail or @Full Name mentions a person, who is told by e-mail */
          body: string;
        };
      };
      responses: {
        201: {
          id: string;
          body: string;
          author: {
            /** The person who wrote it; null for a token */
            id: string | null;
            label: string;
          };
          createdAt: string;
          /** The people the comment mentions, each told by e-mail */
          mentions: Array<{
            id: string;
            name: string;
            email: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/evidence/{id}/download": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/nonconformances": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Comma-separated statuses, e.g. open,in_progress */
          status?: string | null;
          source?: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual" | null;
          /** Only deficiencies (true: from restore tests and DR exercises) or only the others */
          deficiency?: "true" | "false" | boolean | null;
          /** Only those raised by this restore test or exercise */
          sourceId?: string | null;
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
          ownerUserId?: string | null;
          overdue?: "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** NC-0001 */
            number: string;
            sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
            sourceId: string;
            /** Which finding of the source (DR exercises raise several) */
            sourceItem: string;
            /** Found by a restore test or DR exercise: closed by signature */
            deficiency: boolean;
            title: string;
            description: string;
            /** The requirement (clause, procedure, specification) not met */
            requirementNotMet: string;
            /** What was done to contain it */
            containment: string;
            /** What is done with what did not conform */
            disposition: string;
            /** What it could have affected, and how far */
            impactAssessment: string;
            /** Who raised it by hand; null when a source raised it */
            raisedBy: string | null;
            ownerRole: string;
            ownerUserId: string | null;
            ownerUserLabel: string | null;
            /** Due date in the organisation time zone */
            dueOn: string | null;
            /** Not closed and past the end of its due date */
            overdue: boolean;
            status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
            resolutionNote: string | null;
            resolvedAt: string | null;
            /** The user who resolved it */
            resolvedById: string | null;
            resolvedByLabel: string | null;
            closedByLabel: string | null;
            closureSignatureId: string | null;
            slaOccurrenceId: string | null;
            raisedAt: string;
            closedAt: string | null;
            updatedAt: string;
            /** What the caller may do with it, decided by the rule the server enforces */
            abilities: {
              verifyClosure: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
            };
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          title: string;
          description: string;
          requirementNotMet: string;
          containment: string;
          disposition: string;
          impactAssessment: string;
          /** Owner role */
          owner: "engineering" | "security" | "quality" | "admin";
          /** The person who owns it */
          ownerUserId?: string | null;
          /** Due date in the organisation time zone */
          dueOn: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/export.csv": {
    get: {
      request: {
        query?: {
          /** Comma-separated statuses, e.g. open,in_progress */
          status?: string | null;
          source?: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual" | null;
          /** Only deficiencies (true: from restore tests and DR exercises) or only the others */
          deficiency?: "true" | "false" | boolean | null;
          /** Only those raised by this restore test or exercise */
          sourceId?: string | null;
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
          ownerUserId?: string | null;
          overdue?: "true" | "false" | boolean | null;
          /** Comma-separated ids: only these nonconformances (a selection), at most 200 */
          ids?: string | null;
        };
      };
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/nonconformances/triage": {
    post: {
      request: {
        body: {
          status?: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          /** Owner role */
          owner?: "engineering" | "security" | "quality" | "admin";
          /** The person who owns a deficiency */
          ownerUserId?: string | null;
          dueOn?: string | null;
          ids: Array<string>;
        };
      };
      responses: {
        200: {
          /** true: every row was written; false: none was */
          applied: boolean;
          /** One per row, in the order given */
          results: Array<{
            id: string;
            /** done: written; refused: this row could not be done (so nothing was written); held: could be done, not written because another row was refused */
            outcome: "done" | "refused" | "held";
            /** Why the row was refused */
            reason: string | null;
          }>;
          counts: {
            done: number;
            refused: number;
            held: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verifyClosure: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          status?: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          /** Owner role */
          owner?: "engineering" | "security" | "quality" | "admin";
          /** The person who owns a deficiency */
          ownerUserId?: string | null;
          dueOn?: string | null;
          description?: string;
          requirementNotMet?: string;
          containment?: string;
          disposition?: string;
          impactAssessment?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/{id}/start": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/{id}/resolve": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          resolutionNote: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/{id}/verify-closure": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** NC-0001 */
          number: string;
          sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
          sourceId: string;
          /** Which finding of the source (DR exercises raise several) */
          sourceItem: string;
          /** Found by a restore test or DR exercise: closed by signature */
          deficiency: boolean;
          title: string;
          description: string;
          /** The requirement (clause, procedure, specification) not met */
          requirementNotMet: string;
          /** What was done to contain it */
          containment: string;
          /** What is done with what did not conform */
          disposition: string;
          /** What it could have affected, and how far */
          impactAssessment: string;
          /** Who raised it by hand; null when a source raised it */
          raisedBy: string | null;
          ownerRole: string;
          ownerUserId: string | null;
          ownerUserLabel: string | null;
          /** Due date in the organisation time zone */
          dueOn: string | null;
          /** Not closed and past the end of its due date */
          overdue: boolean;
          status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
          resolutionNote: string | null;
          resolvedAt: string | null;
          /** The user who resolved it */
          resolvedById: string | null;
          resolvedByLabel: string | null;
          closedByLabel: string | null;
          closureSignatureId: string | null;
          slaOccurrenceId: string | null;
          raisedAt: string;
          closedAt: string | null;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/nonconformances/{id}/comments": {
    get: {
      request: {
        path: {
          id: string;
        };
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            body: string;
            author: {
              /** The person who wrote it; null for a token */
              id: string | null;
              label: string;
            };
            createdAt: string;
            /** The people the comment mentions, each told by e-mail */
            mentions: Array<{
              id: string;
              name: string;
              email: string;
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** The comment; @e-mail or @Full Name mentions a person, who is told by e-mail */
          body: string;
        };
      };
      responses: {
        201: {
          id: string;
          body: string;
          author: {
            /** The person who wrote it; null for a token */
            id: string | null;
            label: string;
          };
          createdAt: string;
          /** The people the comment mentions, each told by e-mail */
          mentions: Array<{
            id: string;
            name: string;
            email: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          status?: "analysis" | "implementing" | "verifying" | "effective" | "closed" | null;
          /** true: not closed */
          open?: "true" | "false" | boolean | null;
          /** Only those linked to this nonconformance */
          nonconformanceId?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** CAPA-0001 */
            number: string;
            kind: "corrective" | "preventive";
            title: string;
            status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
            ownerUserId: string;
            ownerLabel: string;
            nonconformances: Array<{
              id: string;
              number: string;
              title: string;
            }>;
            /** null until the analysis is recorded */
            rootCause: {
              method: "five_whys" | "fishbone" | "fault_tree" | "other";
              text: string;
            } | null;
            openActions: number;
            overdueActions: number;
            effectivenessCheck: {
              plannedOn: string;
              criteria: string;
              outcome: "passed" | "failed" | null;
              note: string | null;
              checkedAt: string | null;
              checkedBy: string | null;
              signatureId: string | null;
            };
            slaOccurrenceId: string | null;
            openedAt: string;
            openedBy: string;
            closedAt: string | null;
            closedBy: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          kind?: "corrective" | "preventive";
          title: string;
          /** The nonconformances it answers */
          nonconformanceIds: Array<string>;
          /** Who owns the CAPA; default the caller */
          ownerUserId?: string;
          /** When the effectiveness check is planned */
          effectivenessCheckOn: string;
          effectivenessCriteria: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/capas/{id}/root-cause": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          method: "five_whys" | "fishbone" | "fault_tree" | "other";
          text: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas/{id}/actions": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          title: string;
          /** The person who does it */
          ownerUserId: string;
          dueOn: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas/{id}/actions/{actionId}": {
    patch: {
      request: {
        path: {
          id: string;
          actionId: string;
        };
        body: {
          status: "open" | "in_progress" | "done" | "cancelled";
          /** What was done; required when the status is done */
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas/{id}/effectiveness-check": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          outcome: "passed" | "failed";
          note: string;
          /** The signer's password */
          password?: string;
          /** Or a current authenticator code */
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capas/{id}/close": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** CAPA-0001 */
          number: string;
          kind: "corrective" | "preventive";
          title: string;
          status: "analysis" | "implementing" | "verifying" | "effective" | "closed";
          ownerUserId: string;
          ownerLabel: string;
          nonconformances: Array<{
            id: string;
            number: string;
            title: string;
          }>;
          /** null until the analysis is recorded */
          rootCause: {
            method: "five_whys" | "fishbone" | "fault_tree" | "other";
            text: string;
          } | null;
          openActions: number;
          overdueActions: number;
          effectivenessCheck: {
            plannedOn: string;
            criteria: string;
            outcome: "passed" | "failed" | null;
            note: string | null;
            checkedAt: string | null;
            checkedBy: string | null;
            signatureId: string | null;
          };
          slaOccurrenceId: string | null;
          openedAt: string;
          openedBy: string;
          closedAt: string | null;
          closedBy: string | null;
          actions: Array<{
            id: string;
            title: string;
            ownerUserId: string;
            ownerLabel: string;
            dueOn: string;
            /** Still to do and past the end of its due date */
            overdue: boolean;
            status: "open" | "in_progress" | "done" | "cancelled";
            completionNote: string | null;
            completedAt: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
          }>;
          abilities: {
            recordRootCause: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addAction: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            signEffectivenessCheck: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            close: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/restore-tests": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
          outcome?: "pass" | "fail" | null;
          status?: "recorded" | "verified" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** RT-0001 */
            number: string;
            assetKey: string;
            assetName: string;
            backupRunId: string | null;
            startedAt: string;
            finishedAt: string;
            recoveryPointAt: string;
            recoveryPointSource: "backup-run" | "given";
            /** finishedAt − startedAt */
            measuredRtoSeconds: number;
            /** startedAt − recoveryPointAt */
            measuredRpoSeconds: number;
            targetRto: string;
            targetRpo: string;
            targetsSource: string;
            integrityChecks: Array<{
              check: string;
              passed: boolean;
              note: string;
            }>;
            outcome: "pass" | "fail";
            failureReasons: Array<string>;
            notes: string;
            status: "recorded" | "verified";
            performerLabel: string;
            verifiedAt: string | null;
            verifierLabel: string | null;
            signatureId: string | null;
            createdAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** The asset whose backup was restored */
          asset: string;
          /** The backup run restored (must be of the asset) */
          backupRunId?: string;
          /** When the restore started */
          startedAt: string;
          /** When the restored system was usable and checked */
          finishedAt: string;
          /** The instant the restored data represents; default: the backup run's */
          recoveryPointAt?: string;
          integrityChecks: Array<{
            check: string;
            passed: boolean;
            note?: string;
          }>;
          notes?: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** RT-0001 */
          number: string;
          assetKey: string;
          assetName: string;
          backupRunId: string | null;
          startedAt: string;
          finishedAt: string;
          recoveryPointAt: string;
          recoveryPointSource: "backup-run" | "given";
          /** finishedAt − startedAt */
          measuredRtoSeconds: number;
          /** startedAt − recoveryPointAt */
          measuredRpoSeconds: number;
          targetRto: string;
          targetRpo: string;
          targetsSource: string;
          integrityChecks: Array<{
            check: string;
            passed: boolean;
            note: string;
          }>;
          outcome: "pass" | "fail";
          failureReasons: Array<string>;
          notes: string;
          status: "recorded" | "verified";
          performerLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/restore-tests/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** RT-0001 */
          number: string;
          assetKey: string;
          assetName: string;
          backupRunId: string | null;
          startedAt: string;
          finishedAt: string;
          recoveryPointAt: string;
          recoveryPointSource: "backup-run" | "given";
          /** finishedAt − startedAt */
          measuredRtoSeconds: number;
          /** startedAt − recoveryPointAt */
          measuredRpoSeconds: number;
          targetRto: string;
          targetRpo: string;
          targetsSource: string;
          integrityChecks: Array<{
            check: string;
            passed: boolean;
            note: string;
          }>;
          outcome: "pass" | "fail";
          failureReasons: Array<string>;
          notes: string;
          status: "recorded" | "verified";
          performerLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/restore-tests/{id}/verify": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** RT-0001 */
          number: string;
          assetKey: string;
          assetName: string;
          backupRunId: string | null;
          startedAt: string;
          finishedAt: string;
          recoveryPointAt: string;
          recoveryPointSource: "backup-run" | "given";
          /** finishedAt − startedAt */
          measuredRtoSeconds: number;
          /** startedAt − recoveryPointAt */
          measuredRpoSeconds: number;
          targetRto: string;
          targetRpo: string;
          targetsSource: string;
          integrityChecks: Array<{
            check: string;
            passed: boolean;
            note: string;
          }>;
          outcome: "pass" | "fail";
          failureReasons: Array<string>;
          notes: string;
          status: "recorded" | "verified";
          performerLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/dr-exercises": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          type?: "tabletop" | "live-failover" | null;
          status?: "completed" | "verified" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** DR-0001 */
            number: string;
            type: "tabletop" | "live-failover";
            scenario: string;
            startedAt: string;
            finishedAt: string;
            participants: Array<{
              name: string;
              /** e.g. incident lead, DBA */
              role: string;
            }>;
            timeline: Array<{
              at: string;
              description: string;
            }>;
            recoveryMeasurements: Array<{
              /** The asset key or the service name */
              subject: string;
              assetKey: string | null;
              measuredSeconds: number;
              targetRto: string;
              met: boolean;
            }>;
            outcome: "passed" | "passed-with-deficiencies" | "failed";
            summary: string;
            status: "completed" | "verified";
            recordedByLabel: string;
            verifiedAt: string | null;
            verifierLabel: string | null;
            signatureId: string | null;
            createdAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          type: "tabletop" | "live-failover";
          scenario: string;
          startedAt: string;
          finishedAt: string;
          participants: Array<{
            name: string;
            /** e.g. incident lead, DBA */
            role: string;
          }>;
          timeline?: Array<{
            at: string;
            description: string;
          }>;
          recoveryMeasurements?: Array<{
            /** An asset of the register */
            asset?: string;
            /** Or a service by name */
            service?: string;
            /** How long recovery took (or was estimated to take) */
            measured: string;
            /** Default: the asset's RTO; required for a service */
            targetRto?: string;
          }>;
          outcome: "passed" | "passed-with-deficiencies" | "failed";
          deficiencies?: Array<{
            title: string;
            description?: string;
            /** The person who owns its correction */
            ownerUserId: string;
            /** Default: 90 days */
            dueOn?: string;
          }>;
          summary?: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** DR-0001 */
          number: string;
          type: "tabletop" | "live-failover";
          scenario: string;
          startedAt: string;
          finishedAt: string;
          participants: Array<{
            name: string;
            /** e.g. incident lead, DBA */
            role: string;
          }>;
          timeline: Array<{
            at: string;
            description: string;
          }>;
          recoveryMeasurements: Array<{
            /** The asset key or the service name */
            subject: string;
            assetKey: string | null;
            measuredSeconds: number;
            targetRto: string;
            met: boolean;
          }>;
          outcome: "passed" | "passed-with-deficiencies" | "failed";
          summary: string;
          status: "completed" | "verified";
          recordedByLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/dr-exercises/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** DR-0001 */
          number: string;
          type: "tabletop" | "live-failover";
          scenario: string;
          startedAt: string;
          finishedAt: string;
          participants: Array<{
            name: string;
            /** e.g. incident lead, DBA */
            role: string;
          }>;
          timeline: Array<{
            at: string;
            description: string;
          }>;
          recoveryMeasurements: Array<{
            /** The asset key or the service name */
            subject: string;
            assetKey: string | null;
            measuredSeconds: number;
            targetRto: string;
            met: boolean;
          }>;
          outcome: "passed" | "passed-with-deficiencies" | "failed";
          summary: string;
          status: "completed" | "verified";
          recordedByLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/dr-exercises/{id}/verify": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** DR-0001 */
          number: string;
          type: "tabletop" | "live-failover";
          scenario: string;
          startedAt: string;
          finishedAt: string;
          participants: Array<{
            name: string;
            /** e.g. incident lead, DBA */
            role: string;
          }>;
          timeline: Array<{
            at: string;
            description: string;
          }>;
          recoveryMeasurements: Array<{
            /** The asset key or the service name */
            subject: string;
            assetKey: string | null;
            measuredSeconds: number;
            targetRto: string;
            met: boolean;
          }>;
          outcome: "passed" | "passed-with-deficiencies" | "failed";
          summary: string;
          status: "completed" | "verified";
          recordedByLabel: string;
          verifiedAt: string | null;
          verifierLabel: string | null;
          signatureId: string | null;
          createdAt: string;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          deficiencies: Array<{
            id: string;
            number: string;
            title: string;
            status: string;
            ownerUserLabel: string | null;
            dueOn: string | null;
            overdue: boolean;
          }>;
          /** The control occurrences its verification completed and verified */
          satisfiedOccurrences: Array<{
            occurrenceId: string;
            controlKey: string;
            periodKey: string;
          }>;
          /** What the caller may do with it, decided by the rule the server enforces */
          abilities: {
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/soc2/a1-2": {
    get: {
      request: {
        query?: {
          /** As the records stood at this instant (default: now) */
          at?: string | null;
        };
      };
      responses: {
        200: {
          at: string;
          /** The worst status of the A1.2 items */
          status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
          items: Array<{
            /** soc2:A1.2-action-4 */
            key: string;
            reference: string;
            title: string;
            kind: "criterion" | "action" | "focus";
            /** The worst status of its controls (posture) */
            status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
            controls: Array<{
              key: string;
              title: string;
              status: "failing" | "at_risk" | "no_evidence" | "passing" | "not_applicable";
              evaluation: string;
            }>;
            /** Which sections of the evidence below support this item */
            evidenceKinds: Array<"backup-runs" | "restore-tests" | "dr-exercises" | "deficiencies" | "work-orders">;
          }>;
          evidence: {
            backups: {
              counts: Record<string, number>;
              latestRuns: Array<{
                id: string;
                assetKey: string;
                tool: string;
                job: string | null;
                externalId: string;
                startedAt: string;
                finishedAt: string | null;
                status: "succeeded" | "failed" | "partial";
                backupType: "full" | "incremental" | "differential" | null;
                sizeBytes: number | null;
                recoveryPointId: string | null;
                recoveryPointAt: string | null;
                encrypted: boolean | null;
                region: string | null;
                message: string | null;
                recordedAt: string;
                /** Who posted it: the token or person, as in the audit trail */
                recordedBy: string;
              }>;
              recentIncidents: Array<{
                id: string;
                assetKey: string;
                kind: "run_failed" | "incremental_missed" | "full_missed";
                summary: string;
                /** The failed run’s start, or the missed window’s deadline */
                beganAt: string;
                openedAt: string;
                closedAt: string | null;
                triggerRunId: string | null;
                recoveryRunId: string | null;
                alerts: Array<{
                  messageId: string;
                  /** The alert when it opened, or the follow-up */
                  purpose: "opened" | "recovered";
                  recipient: string;
                  subject: string;
                  /** Outbox status: pending, sending, sent or failed */
                  status: string;
                  attempts: number;
                  queuedAt: string;
                  sentAt: string | null;
                  lastError: string | null;
                  attemptsLog: Array<{
                    attemptedAt: string;
                    succeeded: boolean;
                    detail: string;
                  }>;
                }>;
              }>;
              /** Retention checked against the latest snapshot listing of each asset */
              retention: {
                met: number;
                notMet: number;
                noListing: number;
                assetsNotMet: Array<{
                  assetKey: string;
                  retention: string;
                  listedAt: string | null;
                  oldestPointAt: string | null;
                  requiredOldestPointAt: string | null;
                }>;
              };
            };
            restoreTests: {
              total: number;
              passed: number;
              failed: number;
              verified: number;
              latest: Array<{
                id: string;
                /** RT-0001 */
                number: string;
                assetKey: string;
                assetName: string;
                backupRunId: string | null;
                startedAt: string;
                finishedAt: string;
                recoveryPointAt: string;
                recoveryPointSource: "backup-run" | "given";
                /** finishedAt − startedAt */
                measuredRtoSeconds: number;
                /** startedAt − recoveryPointAt */
                measuredRpoSeconds: number;
                targetRto: string;
                targetRpo: string;
                targetsSource: string;
                integrityChecks: Array<{
                  check: string;
                  passed: boolean;
                  note: string;
                }>;
                outcome: "pass" | "fail";
                failureReasons: Array<string>;
                notes: string;
                status: "recorded" | "verified";
                performerLabel: string;
                verifiedAt: string | null;
                verifierLabel: string | null;
                signatureId: string | null;
                createdAt: string;
              }>;
            };
            drExercises: {
              total: number;
              latest: Array<{
                id: string;
                /** DR-0001 */
                number: string;
                type: "tabletop" | "live-failover";
                scenario: string;
                startedAt: string;
                finishedAt: string;
                participants: Array<{
                  name: string;
                  /** e.g. incident lead, DBA */
                  role: string;
                }>;
                timeline: Array<{
                  at: string;
                  description: string;
                }>;
                recoveryMeasurements: Array<{
                  /** The asset key or the service name */
                  subject: string;
                  assetKey: string | null;
                  measuredSeconds: number;
                  targetRto: string;
                  met: boolean;
                }>;
                outcome: "passed" | "passed-with-deficiencies" | "failed";
                summary: string;
                status: "completed" | "verified";
                recordedByLabel: string;
                verifiedAt: string | null;
                verifierLabel: string | null;
                signatureId: string | null;
                createdAt: string;
              }>;
            };
            openDeficiencies: Array<{
              id: string;
              /** NC-0001 */
              number: string;
              sourceType: "occurrence" | "restore-test" | "dr-exercise" | "incident" | "manual";
              sourceId: string;
              /** Which finding of the source (DR exercises raise several) */
              sourceItem: string;
              /** Found by a restore test or DR exercise: closed by signature */
              deficiency: boolean;
              title: string;
              description: string;
              /** The requirement (clause, procedure, specification) not met */
              requirementNotMet: string;
              /** What was done to contain it */
              containment: string;
              /** What is done with what did not conform */
              disposition: string;
              /** What it could have affected, and how far */
              impactAssessment: string;
              /** Who raised it by hand; null when a source raised it */
              raisedBy: string | null;
              ownerRole: string;
              ownerUserId: string | null;
              ownerUserLabel: string | null;
              /** Due date in the organisation time zone */
              dueOn: string | null;
              /** Not closed and past the end of its due date */
              overdue: boolean;
              status: "open" | "investigating" | "in_progress" | "resolved" | "closed";
              resolutionNote: string | null;
              resolvedAt: string | null;
              /** The user who resolved it */
              resolvedById: string | null;
              resolvedByLabel: string | null;
              closedByLabel: string | null;
              closureSignatureId: string | null;
              slaOccurrenceId: string | null;
              raisedAt: string;
              closedAt: string | null;
              updatedAt: string;
            }>;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/backup-runs": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Only runs of this asset */
          asset?: string | null;
          /** Runs started at or after this instant */
          from?: string | null;
          /** Runs started before this instant */
          to?: string | null;
          status?: "succeeded" | "failed" | "partial" | null;
          tool?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            assetKey: string;
            tool: string;
            job: string | null;
            externalId: string;
            startedAt: string;
            finishedAt: string | null;
            status: "succeeded" | "failed" | "partial";
            backupType: "full" | "incremental" | "differential" | null;
            sizeBytes: number | null;
            recoveryPointId: string | null;
            recoveryPointAt: string | null;
            encrypted: boolean | null;
            region: string | null;
            message: string | null;
            recordedAt: string;
            /** Who posted it: the token or person, as in the audit trail */
            recordedBy: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: ({
          runs: Array<{
            /** Key of the asset that was backed up */
            asset: string;
            /** The backup tool, e.g. restic or pg_dump */
            tool: string;
            /** The job or schedule name in the tool */
            job?: string | null;
            /** Id of the run in the tool; (tool, externalId) makes re-posting idempotent */
            externalId: string;
            startedAt: string;
            finishedAt?: string | null;
            status: "succeeded" | "failed" | "partial";
            backupType?: "full" | "incremental" | "differential" | null;
            sizeBytes?: number | null;
            /** Snapshot or recovery point id */
            recoveryPointId?: string | null;
            /** Instant of the data captured; defaults to startedAt */
            recoveryPointAt?: string | null;
            encrypted?: boolean | null;
            region?: string | null;
            /** Error text of a failed or partial run */
            message?: string | null;
          }>;
        }) | ({
          /** Key of the asset that was backed up */
          asset: string;
          /** The backup tool, e.g. restic or pg_dump */
          tool: string;
          /** The job or schedule name in the tool */
          job?: string | null;
          /** Id of the run in the tool; (tool, externalId) makes re-posting idempotent */
          externalId: string;
          startedAt: string;
          finishedAt?: string | null;
          status: "succeeded" | "failed" | "partial";
          backupType?: "full" | "incremental" | "differential" | null;
          sizeBytes?: number | null;
          /** Snapshot or recovery point id */
          recoveryPointId?: string | null;
          /** Instant of the data captured; defaults to startedAt */
          recoveryPointAt?: string | null;
          encrypted?: boolean | null;
          region?: string | null;
          /** Error text of a failed or partial run */
          message?: string | null;
        });
      };
      responses: {
        200: {
          /** Runs in the request */
          received: number;
          /** Runs stored by this request */
          created: number;
          /** Runs already stored with the same content (idempotent re-post): not stored again */
          alreadyRecorded: number;
          /** Runs already stored under the same (tool, externalId) with different content */
          conflictCount: number;
          /** The first 100 conflicts; the stored runs are kept unchanged */
          conflicts: Array<{
            /** 0-based position of the run in the request, or in the imported output */
            index: number;
            /** Line of the imported file the run was read from (plumbline NDJSON, restic backup log); null for requests and whole-document formats */
            line: number | null;
            tool: string;
            externalId: string;
            /** The run already stored under this (tool, externalId) */
            storedRunId: string;
            /** Fields whose value differs from the stored run */
            fields: Array<string>;
          }>;
        };
        201: {
          /** Runs in the request */
          received: number;
          /** Runs stored by this request */
          created: number;
          /** Runs already stored with the same content (idempotent re-post): not stored again */
          alreadyRecorded: number;
          /** Runs already stored under the same (tool, externalId) with different content */
          conflictCount: number;
          /** The first 100 conflicts; the stored runs are kept unchanged */
          conflicts: Array<{
            /** 0-based position of the run in the request, or in the imported output */
            index: number;
            /** Line of the imported file the run was read from (plumbline NDJSON, restic backup log); null for requests and whole-document formats */
            line: number | null;
            tool: string;
            externalId: string;
            /** The run already stored under this (tool, externalId) */
            storedRunId: string;
            /** Fields whose value differs from the stored run */
            fields: Array<string>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/backup-runs/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          assetKey: string;
          tool: string;
          job: string | null;
          externalId: string;
          startedAt: string;
          finishedAt: string | null;
          status: "succeeded" | "failed" | "partial";
          backupType: "full" | "incremental" | "differential" | null;
          sizeBytes: number | null;
          recoveryPointId: string | null;
          recoveryPointAt: string | null;
          encrypted: boolean | null;
          region: string | null;
          message: string | null;
          recordedAt: string;
          /** Who posted it: the token or person, as in the audit trail */
          recordedBy: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/backups/status": {
    get: {
      request: {
        query?: {
          /** Evaluate at this instant (default now) */
          at?: string | null;
        };
      };
      responses: {
        200: {
          at: string;
          counts: Record<string, number>;
          items: Array<{
            assetKey: string;
            assetName: string;
            ownerRole: string;
            status: "ok" | "failing" | "missed" | "non_compliant" | "no_evidence";
            policy: {
              source: string;
              incrementalEvery: string | null;
              fullEvery: string | null;
              grace: string;
              retention: string;
              rpo: string;
              rto: string;
              encryptionRequired: boolean;
              offsiteRequired: boolean;
              requiredRegions: Array<string>;
              alertRecipients: Array<string>;
              monitoringSince: string;
            };
            lastSuccessAt: string | null;
            lastFullSuccessAt: string | null;
            windows: Array<{
              kind: "incremental" | "full";
              state: "ok" | "missed" | "not_required";
              lastSuccessAt: string | null;
              /** Last success (or start of monitoring) + frequency + grace */
              dueBy: string | null;
            }>;
            failedRunsLast30Days: number;
            openIncidents: Array<{
              id: string;
              assetKey: string;
              kind: "run_failed" | "incremental_missed" | "full_missed";
              summary: string;
              /** The failed run’s start, or the missed window’s deadline */
              beganAt: string;
              openedAt: string;
              closedAt: string | null;
              triggerRunId: string | null;
              recoveryRunId: string | null;
            }>;
            /** The RPO achieved over the period, computed once (docs/backups-rpo.md) */
            rpoLast30Days: {
              from: string;
              to: string;
              /** no_evidence: no successful recovery point at all by the end of the period */
              state: "met" | "not_met" | "no_evidence";
              /** Largest exposure in the period: the largest gap between consecutive successful recovery points, the first from the latest point before the period, the last to its end (docs/backups-rpo.md); null without evidence */
              achievedMs: number | null;
              /** achievedMs as the web pages and the CLI print it ("3 d 2 h"), or "no evidence" */
              achieved: string;
              targetMs: number;
              /** targetMs printed the same way */
              target: string;
              /** state is met */
              met: boolean;
              /** Successful recovery points inside the period */
              recoveryPoints: number;
              worstGap: {
                from: string;
                to: string;
              } | null;
            };
            encryption: {
              state: "met" | "not_met" | "not_required" | "no_runs";
              unencryptedRuns: number;
            };
            regions: {
              state: "met" | "not_met" | "not_required" | "no_runs";
              requiredRegions: Array<string>;
              coveredRegions: Array<string>;
              missingRegions: Array<string>;
            };
            /** The retention check against the latest snapshot listing (docs/backup-evaluation.md) */
            retention: {
              state: "met" | "not_met" | "no_listing";
              /** The policy retention: an ISO 8601 duration or indefinite */
              retention: string;
              /** The tool whose snapshot listing was read */
              tool: string | null;
              /** When the latest snapshot listing was imported */
              listedAt: string | null;
              /** The oldest restorable point it listed */
              oldestPointAt: string | null;
              pointCount: number | null;
              /** The latest the oldest point may be to meet the retention; null if indefinite */
              requiredOldestPointAt: string | null;
            };
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/backups/assets/{key}": {
    get: {
      request: {
        path: {
          key: string;
        };
        query?: {
          /** Start of the period (default: 30 days before `to`) */
          from?: string | null;
          /** End of the period (default now) */
          to?: string | null;
        };
      };
      responses: {
        200: {
          from: string;
          to: string;
          status: {
            assetKey: string;
            assetName: string;
            ownerRole: string;
            status: "ok" | "failing" | "missed" | "non_compliant" | "no_evidence";
            policy: {
              source: string;
              incrementalEvery: string | null;
              fullEvery: string | null;
              grace: string;
              retention: string;
              rpo: string;
              rto: string;
              encryptionRequired: boolean;
              offsiteRequired: boolean;
              requiredRegions: Array<string>;
              alertRecipients: Array<string>;
              monitoringSince: string;
            };
            lastSuccessAt: string | null;
            lastFullSuccessAt: string | null;
            windows: Array<{
              kind: "incremental" | "full";
              state: "ok" | "missed" | "not_required";
              lastSuccessAt: string | null;
              /** Last success (or start of monitoring) + frequency + grace */
              dueBy: string | null;
            }>;
            failedRunsLast30Days: number;
            openIncidents: Array<{
              id: string;
              assetKey: string;
              kind: "run_failed" | "incremental_missed" | "full_missed";
              summary: string;
              /** The failed run’s start, or the missed window’s deadline */
              beganAt: string;
              openedAt: string;
              closedAt: string | null;
              triggerRunId: string | null;
              recoveryRunId: string | null;
            }>;
            /** The RPO achieved over the period, computed once (docs/backups-rpo.md) */
            rpoLast30Days: {
              from: string;
              to: string;
              /** no_evidence: no successful recovery point at all by the end of the period */
              state: "met" | "not_met" | "no_evidence";
              /** Largest exposure in the period: the largest gap between consecutive successful recovery points, the first from the latest point before the period, the last to its end (docs/backups-rpo.md); null without evidence */
              achievedMs: number | null;
              /** achievedMs as the web pages and the CLI print it ("3 d 2 h"), or "no evidence" */
              achieved: string;
              targetMs: number;
              /** targetMs printed the same way */
              target: string;
              /** state is met */
              met: boolean;
              /** Successful recovery points inside the period */
              recoveryPoints: number;
              worstGap: {
                from: string;
                to: string;
              } | null;
            };
            encryption: {
              state: "met" | "not_met" | "not_required" | "no_runs";
              unencryptedRuns: number;
            };
            regions: {
              state: "met" | "not_met" | "not_required" | "no_runs";
              requiredRegions: Array<string>;
              coveredRegions: Array<string>;
              missingRegions: Array<string>;
            };
            /** The retention check against the latest snapshot listing (docs/backup-evaluation.md) */
            retention: {
              state: "met" | "not_met" | "no_listing";
              /** The policy retention: an ISO 8601 duration or indefinite */
              retention: string;
              /** The tool whose snapshot listing was read */
              tool: string | null;
              /** When the latest snapshot listing was imported */
              listedAt: string | null;
              /** The oldest restorable point it listed */
              oldestPointAt: string | null;
              pointCount: number | null;
              /** The latest the oldest point may be to meet the retention; null if indefinite */
              requiredOldestPointAt: string | null;
            };
          };
          runs: {
            total: number;
            succeeded: number;
            /** Failed and partial runs */
            failed: number;
            /** The period’s runs, newest first (at most 500) */
            items: Array<{
              id: string;
              tool: string;
              job: string | null;
              status: string;
              backupType: string | null;
              startedAt: string;
              finishedAt: string | null;
              recoveryPointAt: string;
              encrypted: boolean | null;
              region: string | null;
              message: string | null;
            }>;
          };
          /** The RPO achieved over the period, computed once (docs/backups-rpo.md) */
          rpo: {
            from: string;
            to: string;
            /** no_evidence: no successful recovery point at all by the end of the period */
            state: "met" | "not_met" | "no_evidence";
            /** Largest exposure in the period: the largest gap between consecutive successful recovery points, the first from the latest point before the period, the last to its end (docs/backups-rpo.md); null without evidence */
            achievedMs: number | null;
            /** achievedMs as the web pages and the CLI print it ("3 d 2 h"), or "no evidence" */
            achieved: string;
            targetMs: number;
            /** targetMs printed the same way */
            target: string;
            /** state is met */
            met: boolean;
            /** Successful recovery points inside the period */
            recoveryPoints: number;
            worstGap: {
              from: string;
              to: string;
            } | null;
          };
          incidents: Array<{
            id: string;
            assetKey: string;
            kind: "run_failed" | "incremental_missed" | "full_missed";
            summary: string;
            /** The failed run’s start, or the missed window’s deadline */
            beganAt: string;
            openedAt: string;
            closedAt: string | null;
            triggerRunId: string | null;
            recoveryRunId: string | null;
            alerts: Array<{
              messageId: string;
              /** The alert when it opened, or the follow-up */
              purpose: "opened" | "recovered";
              recipient: string;
              subject: string;
              /** Outbox status: pending, sending, sent or failed */
              status: string;
              attempts: number;
              queuedAt: string;
              sentAt: string | null;
              lastError: string | null;
              attemptsLog: Array<{
                attemptedAt: string;
                succeeded: boolean;
                detail: string;
              }>;
            }>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/backups/incidents": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          status?: "open" | "closed" | null;
          asset?: string | null;
          /** As it stood at this instant (default now) */
          at?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            assetKey: string;
            kind: "run_failed" | "incremental_missed" | "full_missed";
            summary: string;
            /** The failed run’s start, or the missed window’s deadline */
            beganAt: string;
            openedAt: string;
            closedAt: string | null;
            triggerRunId: string | null;
            recoveryRunId: string | null;
            alerts: Array<{
              messageId: string;
              /** The alert when it opened, or the follow-up */
              purpose: "opened" | "recovered";
              recipient: string;
              subject: string;
              /** Outbox status: pending, sending, sent or failed */
              status: string;
              attempts: number;
              queuedAt: string;
              sentAt: string | null;
              lastError: string | null;
              attemptsLog: Array<{
                attemptedAt: string;
                succeeded: boolean;
                detail: string;
              }>;
            }>;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/backup-policies": {
    get: {
      request: {
        query?: {
          includeArchived?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            /** An incremental (or any) backup at least this often; null when only fulls are taken */
            incrementalEvery: string | null;
            /** A full backup at least this often */
            fullEvery: string | null;
            /** How late a backup may be before the window counts as missed */
            grace: string;
            /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
            retention: (string) | ("indefinite");
            /** Recovery point objective: most data that may be lost */
            rpo: string;
            /** Recovery time objective: longest a restore may take */
            rto: string;
            encryptionRequired: boolean;
            /** A copy away from the primary site is required */
            offsiteRequired: boolean;
            requiredRegions: Array<string>;
            /** Told about failed runs and missed windows, besides the asset owner role */
            alertRecipients: Array<string>;
            id: string;
            name: string;
            /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
            scope: ({
              kind: "asset";
              asset: string;
            }) | ({
              kind: "tag";
              tag: string;
            }) | ({
              kind: "category";
              category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
            });
            version: number;
            createdAt: string;
            updatedAt: string;
            archivedAt: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          name: string;
          /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
          scope: ({
            kind: "asset";
            asset: string;
          }) | ({
            kind: "tag";
            tag: string;
          }) | ({
            kind: "category";
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          });
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery?: string | null;
          /** A full backup at least this often */
          fullEvery?: string | null;
          /** How late a backup may be before the window counts as missed */
          grace?: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention?: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo?: string;
          /** Recovery time objective: longest a restore may take */
          rto?: string;
          encryptionRequired?: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired?: boolean;
          requiredRegions?: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients?: Array<string>;
        };
      };
      responses: {
        201: {
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery: string | null;
          /** A full backup at least this often */
          fullEvery: string | null;
          /** How late a backup may be before the window counts as missed */
          grace: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo: string;
          /** Recovery time objective: longest a restore may take */
          rto: string;
          encryptionRequired: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired: boolean;
          requiredRegions: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients: Array<string>;
          id: string;
          name: string;
          /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
          scope: ({
            kind: "asset";
            asset: string;
          }) | ({
            kind: "tag";
            tag: string;
          }) | ({
            kind: "category";
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          });
          version: number;
          createdAt: string;
          updatedAt: string;
          archivedAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/backup-policies/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery: string | null;
          /** A full backup at least this often */
          fullEvery: string | null;
          /** How late a backup may be before the window counts as missed */
          grace: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo: string;
          /** Recovery time objective: longest a restore may take */
          rto: string;
          encryptionRequired: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired: boolean;
          requiredRegions: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients: Array<string>;
          id: string;
          name: string;
          /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
          scope: ({
            kind: "asset";
            asset: string;
          }) | ({
            kind: "tag";
            tag: string;
          }) | ({
            kind: "category";
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          });
          version: number;
          createdAt: string;
          updatedAt: string;
          archivedAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          name?: string;
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery?: string | null;
          /** A full backup at least this often */
          fullEvery?: string | null;
          /** How late a backup may be before the window counts as missed */
          grace?: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention?: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo?: string;
          /** Recovery time objective: longest a restore may take */
          rto?: string;
          encryptionRequired?: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired?: boolean;
          requiredRegions?: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients?: Array<string>;
          /** The version the change was made against; a stale one is refused (409) */
          expectedVersion: number;
        };
      };
      responses: {
        200: {
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery: string | null;
          /** A full backup at least this often */
          fullEvery: string | null;
          /** How late a backup may be before the window counts as missed */
          grace: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo: string;
          /** Recovery time objective: longest a restore may take */
          rto: string;
          encryptionRequired: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired: boolean;
          requiredRegions: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients: Array<string>;
          id: string;
          name: string;
          /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
          scope: ({
            kind: "asset";
            asset: string;
          }) | ({
            kind: "tag";
            tag: string;
          }) | ({
            kind: "category";
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          });
          version: number;
          createdAt: string;
          updatedAt: string;
          archivedAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/backup-policies/{id}/archive": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          expectedVersion?: number;
        };
      };
      responses: {
        200: {
          /** An incremental (or any) backup at least this often; null when only fulls are taken */
          incrementalEvery: string | null;
          /** A full backup at least this often */
          fullEvery: string | null;
          /** How late a backup may be before the window counts as missed */
          grace: string;
          /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
          retention: (string) | ("indefinite");
          /** Recovery point objective: most data that may be lost */
          rpo: string;
          /** Recovery time objective: longest a restore may take */
          rto: string;
          encryptionRequired: boolean;
          /** A copy away from the primary site is required */
          offsiteRequired: boolean;
          requiredRegions: Array<string>;
          /** Told about failed runs and missed windows, besides the asset owner role */
          alertRecipients: Array<string>;
          id: string;
          name: string;
          /** { kind: asset, asset: KEY } | { kind: tag, tag } | { kind: category, category } */
          scope: ({
            kind: "asset";
            asset: string;
          }) | ({
            kind: "tag";
            tag: string;
          }) | ({
            kind: "category";
            category: "facility" | "equipment" | "transport" | "cloud-service" | "server" | "database" | "storage" | "network" | "application" | "saas" | "endpoint" | "other";
          });
          version: number;
          createdAt: string;
          updatedAt: string;
          archivedAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/assets/{key}/backup-policy": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          assetKey: string;
          /** asset > tag > category > default (from the SOP) > none (no backup required) */
          source: "asset" | "tag" | "category" | "default" | "none";
          /** The stored policy applied; null for a default */
          policyId: string | null;
          policyName: string | null;
          /** The tag or category that matched, or the default applied (production-data, configuration) */
          matched: string | null;
          /** Null when no backup is required */
          settings: {
            /** An incremental (or any) backup at least this often; null when only fulls are taken */
            incrementalEvery: string | null;
            /** A full backup at least this often */
            fullEvery: string | null;
            /** How late a backup may be before the window counts as missed */
            grace: string;
            /** How long backups must be kept: an ISO 8601 duration, or indefinite (never pruned) */
            retention: (string) | ("indefinite");
            /** Recovery point objective: most data that may be lost */
            rpo: string;
            /** Recovery time objective: longest a restore may take */
            rto: string;
            encryptionRequired: boolean;
            /** A copy away from the primary site is required */
            offsiteRequired: boolean;
            requiredRegions: Array<string>;
            /** Told about failed runs and missed windows, besides the asset owner role */
            alertRecipients: Array<string>;
          } | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/processes/{key}/walkthrough": {
    get: {
      request: {
        path: {
          key: string;
        };
        query: {
          /** First day of the period (organisation time zone) */
          from: string;
          /** Last day of the period, inclusive */
          to: string;
          /** html: a self-contained printable page */
          format?: "json" | "html" | null;
        };
      };
      responses: {
        200: ({
          process: {
            key: string;
            name: string;
            description: string;
            ownerRole: string;
            affectsConformity: boolean;
          };
          from: string;
          to: string;
          timeZone: string;
          periodStart: string;
          periodEnd: string;
          /** The instant statuses were evaluated at: period end, or now */
          asOf: string;
          generatedAt: string;
          dependencies: Array<{
            asset: {
              key: string;
              name: string;
              category: string;
              criticality: string;
              ownerRole: string;
              lifecycleStatus: string;
              thirdPartyManaged: boolean;
            };
            conformityImpact: string;
            controlMethod: string;
            systemOfRecord: string;
            supplier: {
              key: string;
              name: string;
              certifications: Array<{
                name: string;
                expiresOn: string | null;
                validAtPeriodEnd: boolean;
              }>;
            } | null;
            /** Occurrences due in the period */
            maintenance: Array<{
              controlKey: string;
              controlTitle: string;
              periodKey: string;
              dueAt: string;
              /** At the end of the period, or now if earlier */
              status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
              completedAt: string | null;
              performer: string | null;
              verifiedAt: string | null;
              verifier: string | null;
              evidenceCount: number;
              exceptions: Array<"missed" | "late" | "unverified">;
              /** Satisfied by late evidence: an automatic source reported, after the deadline, a fact from inside the window (docs/occurrences.md). Not an exception; shown so nothing is rewritten silently */
              lateEvidence: boolean;
              /** A change-control occurrence (listed under changes too) */
              changeControl: boolean;
            }>;
            /** Audit entries of the asset in the period */
            changes: Array<{
              at: string;
              actor: string;
              /** The audit action, e.g. asset.updated */
              action: string;
            }>;
            /** Change records affecting the asset, requested, implemented or verified in the period */
            changeRecords: Array<{
              number: string;
              title: string;
              type: string;
              status: string;
              requestedAt: string;
              approvedAt: string | null;
              implementedAt: string | null;
              verifiedAt: string | null;
              approvedBeforeImplementation: boolean | null;
              verifiedWithin48h: boolean | null;
            }>;
            /** Open at some time in the period */
            nonconformances: Array<{
              number: string;
              title: string;
              sourceType: string;
              deficiency: boolean;
              status: string;
              raisedAt: string;
              closedAt: string | null;
              /** Not closed by the end of the period */
              openAtPeriodEnd: boolean;
            }>;
            /** Incidents affecting the asset, open at some time in the period, as at its end */
            incidents: Array<{
              number: string;
              title: string;
              severity: string;
              detectedAt: string;
              statusAtEnd: string;
              /** The signed conformity decision, if made by the end */
              decision: string | null;
              /** Decided by its due instant; false when undecided past it; null while pending */
              decisionOnTime: boolean | null;
              nonconformance: string | null;
            }>;
            /** Null when no backup policy applies to the asset */
            backups: {
              /** Where the asset’s backup policy comes from */
              policySource: string;
              runs: {
                total: number;
                succeeded: number;
                failed: number;
              };
              /** Last successful run ending in the period */
              lastSuccessAt: string | null;
              incidents: Array<{
                kind: string;
                summary: string;
                openedAt: string;
                closedAt: string | null;
              }>;
              restoreTests: Array<{
                number: string;
                startedAt: string;
                outcome: string;
                status: string;
                performer: string;
                verifier: string | null;
              }>;
              drExercises: Array<{
                number: string;
                type: string;
                startedAt: string;
                outcome: string;
                status: string;
                verifier: string | null;
              }>;
            } | null;
            gaps: Array<{
              kind: "no_evidence" | "overdue_occurrence" | "missed_occurrence" | "unverified_closeout" | "third_party_without_service_evidence" | "backup_without_success" | "open_nonconformance" | "undecided_incident";
              assetKey: string;
              /** The record concerned: control/period, NC-0001, RT-0001, a supplier key… */
              reference: string;
              /** What is missing, in plain language */
              message: string;
            }>;
          }>;
          /** Every dependency’s gaps, in matrix order */
          gaps: Array<{
            kind: "no_evidence" | "overdue_occurrence" | "missed_occurrence" | "unverified_closeout" | "third_party_without_service_evidence" | "backup_without_success" | "open_nonconformance" | "undecided_incident";
            assetKey: string;
            /** The record concerned: control/period, NC-0001, RT-0001, a supplier key… */
            reference: string;
            /** What is missing, in plain language */
            message: string;
          }>;
        }) | (string);
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/certificates": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Only certificates whose notAfter is within this many days from now (expired ones included) */
          expiringWithinDays?: number | string | null;
          /** Only certificates recorded for this asset */
          asset?: string | null;
          /** Also list certificates replaced by a newer one for the same names */
          includeSuperseded?: "true" | "false" | boolean | null;
          /** Also list CA certificates (intermediates and roots) */
          includeCa?: "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** SHA-256 of the DER, colon-separated hex */
            fingerprintSha256: string;
            subject: string;
            subjectAltNames: Array<string>;
            issuer: string;
            serialNumber: string;
            notBefore: string;
            notAfter: string;
            /** Whole days from now until notAfter (negative once expired) */
            daysLeft: number;
            keyType: string;
            keySize: number | null;
            isCa: boolean;
            assetKey: string | null;
            source: "import" | "probe";
            supersededById: string | null;
            recordedAt: string;
            recordedBy: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/certificates/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** SHA-256 of the DER, colon-separated hex */
          fingerprintSha256: string;
          subject: string;
          subjectAltNames: Array<string>;
          issuer: string;
          serialNumber: string;
          notBefore: string;
          notAfter: string;
          /** Whole days from now until notAfter (negative once expired) */
          daysLeft: number;
          keyType: string;
          keySize: number | null;
          isCa: boolean;
          assetKey: string | null;
          source: "import" | "probe";
          supersededById: string | null;
          recordedAt: string;
          recordedBy: string;
          pem: string;
          endpoints: Array<{
            id: string;
            host: string;
            port: number;
          }>;
          renewals: Array<{
            assetKey: string;
            occurrenceId: string;
            openedAt: string;
            /** The renewal is due by then: the certificate’s notAfter */
            dueAt: string;
            /** The renewal occurrence’s status now (docs/occurrences.md) */
            status: "upcoming" | "due" | "in_progress" | "done" | "verified" | "overdue" | "missed" | "not_applicable";
            renewedByCertificateId: string | null;
            renewedAt: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/tls-endpoints": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            host: string;
            port: number;
            assetKey: string | null;
            currentCertificateId: string | null;
            lastProbedAt: string | null;
            lastProbe: {
              probedAt: string;
              outcome: "ok" | "legacy_protocol_accepted" | "legacy_only" | "refused_below_tls12" | "unreachable";
              finding: boolean;
              protocol: string | null;
              cipher: string | null;
              detail: string;
            } | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          host: string;
          port?: number;
          /** The asset that serves it */
          asset?: string;
        };
      };
      responses: {
        201: {
          id: string;
          host: string;
          port: number;
          assetKey: string | null;
          currentCertificateId: string | null;
          lastProbedAt: string | null;
          lastProbe: {
            probedAt: string;
            outcome: "ok" | "legacy_protocol_accepted" | "legacy_only" | "refused_below_tls12" | "unreachable";
            finding: boolean;
            protocol: string | null;
            cipher: string | null;
            detail: string;
          } | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/tls-endpoints/{id}/probe": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          endpointId: string;
          host: string;
          port: number;
          outcome: "ok" | "legacy_protocol_accepted" | "legacy_only" | "refused_below_tls12" | "unreachable";
          finding: boolean;
          protocol: string | null;
          cipher: string | null;
          leafCertificateId: string | null;
          detail: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/alerts": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** true: only alerts that map to no asset */
          unmapped?: "true" | "false" | boolean | null;
          status?: "firing" | "resolved" | null;
          /** Asset key */
          asset?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            source: "alertmanager" | "grafana";
            fingerprint: string;
            /** The alertname label */
            name: string;
            severity: string | null;
            status: "firing" | "resolved";
            startsAt: string;
            endsAt: string | null;
            labels: Record<string, string>;
            annotations: Record<string, string>;
            generatorUrl: string;
            /** The asset it maps to; null when unmapped */
            assetKey: string | null;
            /** The label that mapped it, e.g. instance */
            mappedBy: string | null;
            /** The rule that decided what the alert is for */
            rule: string;
            action: "open-incident" | "evidence";
            incidentId: string | null;
            firstDeliveryId: string;
            lastDeliveryId: string;
            receivedAt: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/alerts/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          source: "alertmanager" | "grafana";
          fingerprint: string;
          /** The alertname label */
          name: string;
          severity: string | null;
          status: "firing" | "resolved";
          startsAt: string;
          endsAt: string | null;
          labels: Record<string, string>;
          annotations: Record<string, string>;
          generatorUrl: string;
          /** The asset it maps to; null when unmapped */
          assetKey: string | null;
          /** The label that mapped it, e.g. instance */
          mappedBy: string | null;
          /** The rule that decided what the alert is for */
          rule: string;
          action: "open-incident" | "evidence";
          incidentId: string | null;
          firstDeliveryId: string;
          lastDeliveryId: string;
          receivedAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/alert-deliveries/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          format: "alertmanager" | "grafana";
          sha256: string;
          alertCount: number;
          receivedAt: string;
          receivedBy: string;
          /** The body exactly as received: evidence, to be shown as text, never as markup */
          body: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/incidents": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          status?: "open" | "mitigated" | "resolved" | "closed" | null;
          /** true: not closed */
          open?: "true" | "false" | boolean | null;
          severity?: "critical" | "major" | "minor" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            number: string;
            title: string;
            severity: "critical" | "major" | "minor";
            status: "open" | "mitigated" | "resolved" | "closed";
            detectedAt: string;
            detectionSource: "alert" | "backup-incident" | "manual";
            sourceId: string | null;
            assets: Array<{
              key: string;
              name: string;
            }>;
            /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
            processes: Array<{
              key: string;
              name: string;
              affectsConformity: boolean;
            }>;
            responders: Array<string>;
            postIncidentReview: string;
            openedAt: string;
            openedBy: string;
            mitigatedAt: string | null;
            resolvedAt: string | null;
            closedAt: string | null;
            /** When the conformity decision is due (24 hours) */
            decisionDueAt: string | null;
            decision: {
              outcome: "no-impact" | "impact";
              rationale: string;
              decidedAt: string;
              decidedBy: string;
              signatureId: string;
              nonconformanceId: string | null;
              onTime: boolean;
            } | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          title: string;
          severity: "critical" | "major" | "minor";
          /** When it was detected; default now */
          detectedAt?: string;
          /** Affected asset keys */
          assets?: Array<string>;
          responders?: Array<string>;
          /** First timeline entry */
          note?: string;
        };
      };
      responses: {
        201: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/incidents/escalate-backup-incident": {
    post: {
      request: {
        body: {
          /** The backup incident (missed window, failed run) to escalate */
          backupIncidentId: string;
          severity?: "critical" | "major" | "minor";
          title?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        201: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/incidents/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/incidents/{id}/timeline": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          text: string;
          /** When it happened; default now */
          at?: string;
        };
      };
      responses: {
        201: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/incidents/{id}/transition": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          to: "open" | "mitigated" | "resolved" | "closed";
          note?: string;
          /** The post-incident review; required to close */
          postIncidentReview?: string;
          responders?: Array<string>;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/incidents/{id}/decision": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          outcome: "no-impact" | "impact";
          rationale: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          severity: "critical" | "major" | "minor";
          status: "open" | "mitigated" | "resolved" | "closed";
          detectedAt: string;
          detectionSource: "alert" | "backup-incident" | "manual";
          sourceId: string | null;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          responders: Array<string>;
          postIncidentReview: string;
          openedAt: string;
          openedBy: string;
          mitigatedAt: string | null;
          resolvedAt: string | null;
          closedAt: string | null;
          /** When the conformity decision is due (24 hours) */
          decisionDueAt: string | null;
          decision: {
            outcome: "no-impact" | "impact";
            rationale: string;
            decidedAt: string;
            decidedBy: string;
            signatureId: string;
            nonconformanceId: string | null;
            onTime: boolean;
          } | null;
          timeline: Array<{
            id: string;
            at: string;
            kind: "opened" | "note" | "status" | "decision" | "alert";
            text: string;
            recordedBy: string;
            recordedAt: string;
          }>;
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            transition: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            addTimelineEntry: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/on-call": {
    get: {
      request: {
        query: {
          month: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            month: string;
            person: string;
            position: "primary" | "backup";
            from: string;
            to: string;
            recordedBy: string;
            recordedAt: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          month: string;
          person: string;
          position: "primary" | "backup";
          from: string;
          to: string;
        };
      };
      responses: {
        201: {
          id: string;
          month: string;
          person: string;
          position: "primary" | "backup";
          from: string;
          to: string;
          recordedBy: string;
          recordedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          status?: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled" | null;
          type?: "standard" | "normal" | "emergency" | null;
          /** Only changes affecting this asset key */
          asset?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            number: string;
            title: string;
            description: string;
            type: "standard" | "normal" | "emergency";
            risk: "low" | "medium" | "high";
            conformityImpact: string;
            testSummary: string;
            rollbackPlan: string;
            status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
            source: "manual" | "github-pull-request";
            /** The pull request URL, for a change from GitHub */
            sourceRef: string | null;
            plannedStart: string | null;
            plannedEnd: string | null;
            requester: string;
            requestedAt: string;
            assets: Array<{
              key: string;
              name: string;
            }>;
            /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
            processes: Array<{
              key: string;
              name: string;
              affectsConformity: boolean;
            }>;
            approval: {
              at: string;
              by: string;
              signatureId: string;
            } | null;
            implementedAt: string | null;
            implementedBy: string | null;
            /** Implementation; for an emergency change, the end of its retrospective approval time */
            approvalDueAt: string | null;
            verification: {
              at: string;
              by: string;
              signatureId: string;
              outcome: "as-intended" | "rolled-back";
              note: string;
            } | null;
            /** 48 hours after implementation */
            verificationDueAt: string | null;
            /** From the timestamps; null until it can be told */
            approvedBeforeImplementation: boolean | null;
            /** From the timestamps; null until it can be told */
            verifiedWithin48h: boolean | null;
            /** When it was rejected or cancelled */
            closedAt: string | null;
            closedBy: string | null;
            closingNote: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          title: string;
          description: string;
          /** standard, normal or emergency (may be approved afterwards) */
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          /** How the change could affect product or service conformity */
          conformityImpact: string;
          /** How it was tested; attach the test evidence files to the change */
          testSummary?: string;
          rollbackPlan: string;
          /** Affected asset keys */
          assets: Array<string>;
          /** Start of the planned window */
          plannedStart?: string;
          /** End of the planned window */
          plannedEnd?: string;
        };
      };
      responses: {
        201: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/events": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** true: only production deployments without an approved change */
          flagged?: "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: Record<string, never>;
      responses: {
        200: {
          /** Null when the event was ignored */
          deliveryId: string | null;
          kind: "pull_request" | "deployment_status" | "deploy" | null;
          /** The delivery id was received before: nothing changed */
          alreadyRecorded: boolean;
          /** Why the event records nothing (a pull request closed unmerged, a pending deployment) */
          ignored: string | null;
          event: {
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          } | null;
        };
        201: {
          /** Null when the event was ignored */
          deliveryId: string | null;
          kind: "pull_request" | "deployment_status" | "deploy" | null;
          /** The delivery id was received before: nothing changed */
          alreadyRecorded: boolean;
          /** Why the event records nothing (a pull request closed unmerged, a pending deployment) */
          ignored: string | null;
          event: {
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          } | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/changes/{id}/approve": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}/implement": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}/verify": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          /** as-intended, or rolled-back when the change misbehaved */
          outcome: "as-intended" | "rolled-back";
          /** What was checked, or why it was rolled back */
          note: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}/reject": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** Why */
          note: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}/cancel": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** Why */
          note: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          title: string;
          description: string;
          type: "standard" | "normal" | "emergency";
          risk: "low" | "medium" | "high";
          conformityImpact: string;
          testSummary: string;
          rollbackPlan: string;
          status: "requested" | "approved" | "implemented" | "verified" | "rejected" | "cancelled";
          source: "manual" | "github-pull-request";
          /** The pull request URL, for a change from GitHub */
          sourceRef: string | null;
          plannedStart: string | null;
          plannedEnd: string | null;
          requester: string;
          requestedAt: string;
          assets: Array<{
            key: string;
            name: string;
          }>;
          /** Processes that depend on an affected asset (process-to-infrastructure matrix) */
          processes: Array<{
            key: string;
            name: string;
            affectsConformity: boolean;
          }>;
          approval: {
            at: string;
            by: string;
            signatureId: string;
          } | null;
          implementedAt: string | null;
          implementedBy: string | null;
          /** Implementation; for an emergency change, the end of its retrospective approval time */
          approvalDueAt: string | null;
          verification: {
            at: string;
            by: string;
            signatureId: string;
            outcome: "as-intended" | "rolled-back";
            note: string;
          } | null;
          /** 48 hours after implementation */
          verificationDueAt: string | null;
          /** From the timestamps; null until it can be told */
          approvedBeforeImplementation: boolean | null;
          /** From the timestamps; null until it can be told */
          verifiedWithin48h: boolean | null;
          /** When it was rejected or cancelled */
          closedAt: string | null;
          closedBy: string | null;
          closingNote: string | null;
          /** Test evidence files */
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          /** Delivery events linked to the change */
          events: Array<{
            id: string;
            deliveryId: string;
            kind: "pull_request" | "deployment_status" | "deploy";
            repository: string;
            environment: string | null;
            /** merged, or the deployment state (success, failure…) */
            state: string;
            /** The pull request URL or the deployed commit */
            reference: string;
            summary: string;
            occurredAt: string;
            change: {
              id: string;
              number: string;
            } | null;
            /** Keys of the assets the event was mapped to */
            assets: Array<string>;
            /** A successful deployment to a production asset */
            production: boolean;
            /** A production deployment without an approved change covering it */
            flagged: boolean;
            flagReason: string | null;
            receivedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            implement: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verify: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            cancel: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/findings": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Findings of this asset */
          asset?: string | null;
          severity?: "critical" | "high" | "medium" | "low" | "negligible" | "unknown" | null;
          status?: "open" | "accepted" | "fixed" | null;
          /** true: open findings past their SLA deadline; false: all others */
          overdue?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            assetKey: string;
            vulnerabilityId: string;
            packageName: string;
            installedVersion: string;
            /** The scanner that last reported it */
            scanner: string;
            severity: "critical" | "high" | "medium" | "low" | "negligible" | "unknown";
            fixAvailable: boolean;
            fixedVersion: string | null;
            title: string;
            target: string;
            firstSeenAt: string;
            lastSeenAt: string;
            fixedAt: string | null;
            /** Set at first detection from the severity; null for negligible findings */
            slaDueAt: string | null;
            status: "open" | "accepted" | "fixed";
            /** Open (not fixed, no exception in force) and past its deadline */
            overdue: boolean;
            acceptedUntil: string | null;
            slaOccurrenceId: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/findings/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          assetKey: string;
          vulnerabilityId: string;
          packageName: string;
          installedVersion: string;
          /** The scanner that last reported it */
          scanner: string;
          severity: "critical" | "high" | "medium" | "low" | "negligible" | "unknown";
          fixAvailable: boolean;
          fixedVersion: string | null;
          title: string;
          target: string;
          firstSeenAt: string;
          lastSeenAt: string;
          fixedAt: string | null;
          /** Set at first detection from the severity; null for negligible findings */
          slaDueAt: string | null;
          status: "open" | "accepted" | "fixed";
          /** Open (not fixed, no exception in force) and past its deadline */
          overdue: boolean;
          acceptedUntil: string | null;
          slaOccurrenceId: string | null;
          exceptions: Array<{
            id: string;
            findingId: string;
            reason: string;
            expiresAt: string;
            status: "requested" | "approved";
            expired: boolean;
            requestedBy: string;
            requestedAt: string;
            approvedBy: string | null;
            approvedAt: string | null;
            signatureId: string | null;
            abilities: {
              approve: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
            };
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/findings/{id}/exceptions": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** Why the finding is accepted for now */
          reason: string;
          /** When the acceptance ends and the SLA clock applies again */
          expiresAt: string;
        };
      };
      responses: {
        201: {
          id: string;
          assetKey: string;
          vulnerabilityId: string;
          packageName: string;
          installedVersion: string;
          /** The scanner that last reported it */
          scanner: string;
          severity: "critical" | "high" | "medium" | "low" | "negligible" | "unknown";
          fixAvailable: boolean;
          fixedVersion: string | null;
          title: string;
          target: string;
          firstSeenAt: string;
          lastSeenAt: string;
          fixedAt: string | null;
          /** Set at first detection from the severity; null for negligible findings */
          slaDueAt: string | null;
          status: "open" | "accepted" | "fixed";
          /** Open (not fixed, no exception in force) and past its deadline */
          overdue: boolean;
          acceptedUntil: string | null;
          slaOccurrenceId: string | null;
          exceptions: Array<{
            id: string;
            findingId: string;
            reason: string;
            expiresAt: string;
            status: "requested" | "approved";
            expired: boolean;
            requestedBy: string;
            requestedAt: string;
            approvedBy: string | null;
            approvedAt: string | null;
            signatureId: string | null;
            abilities: {
              approve: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
            };
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/findings/{id}/exceptions/{exceptionId}/approve": {
    post: {
      request: {
        path: {
          id: string;
          exceptionId: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          assetKey: string;
          vulnerabilityId: string;
          packageName: string;
          installedVersion: string;
          /** The scanner that last reported it */
          scanner: string;
          severity: "critical" | "high" | "medium" | "low" | "negligible" | "unknown";
          fixAvailable: boolean;
          fixedVersion: string | null;
          title: string;
          target: string;
          firstSeenAt: string;
          lastSeenAt: string;
          fixedAt: string | null;
          /** Set at first detection from the severity; null for negligible findings */
          slaDueAt: string | null;
          status: "open" | "accepted" | "fixed";
          /** Open (not fixed, no exception in force) and past its deadline */
          overdue: boolean;
          acceptedUntil: string | null;
          slaOccurrenceId: string | null;
          exceptions: Array<{
            id: string;
            findingId: string;
            reason: string;
            expiresAt: string;
            status: "requested" | "approved";
            expired: boolean;
            requestedBy: string;
            requestedAt: string;
            approvedBy: string | null;
            approvedAt: string | null;
            signatureId: string | null;
            abilities: {
              approve: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
            };
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/people": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          status?: "active" | "left" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** SCIM userName; the e-mail for people imported from CSV */
            userName: string;
            email: string;
            name: string;
            department: string;
            /** Job role */
            jobTitle: string;
            managerEmail: string | null;
            status: "active" | "left";
            startDate: string | null;
            endDate: string | null;
            /** When the person left: the revocation clocks start here */
            leftAt: string | null;
            externalId: string | null;
            source: "csv" | "scim";
            createdAt: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/people/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** SCIM userName; the e-mail for people imported from CSV */
          userName: string;
          email: string;
          name: string;
          department: string;
          /** Job role */
          jobTitle: string;
          managerEmail: string | null;
          status: "active" | "left";
          startDate: string | null;
          endDate: string | null;
          /** When the person left: the revocation clocks start here */
          leftAt: string | null;
          externalId: string | null;
          source: "csv" | "scim";
          createdAt: string;
          updatedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/accounts": {
    get: {
      request: {
        query: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset: string;
          /** Also list accounts that have disappeared */
          includeRemoved?: "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            username: string;
            email: string | null;
            personId: string | null;
            personEmail: string | null;
            roles: Array<string>;
            privileged: boolean;
            mfaEnabled: boolean | null;
            disabled: boolean;
            lastLoginAt: string | null;
            firstSeenAt: string;
            lastSeenAt: string;
            disabledSince: string | null;
            removedAt: string | null;
            flags: {
              privilegedWithoutMfa: boolean;
              /** No approved access request for this person and system */
              unrequested: boolean;
              leaverStillActive: boolean;
            };
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/people/{id}/revocation-clocks": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            reason: "leaver" | "mover";
            asset: string;
            username: string;
            startedAt: string;
            dueAt: string;
            /** When the first snapshot showed the account revoked */
            stoppedAt: string | null;
            outcome: "met" | "missed" | null;
            occurrenceId: string | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/access-requests": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
          status?: "requested" | "approved" | "granted" | "rejected" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            /** E-mail of the person the access is for */
            person: string;
            asset: string;
            role: string;
            justification: string;
            status: "requested" | "approved" | "granted" | "rejected";
            requestedBy: string;
            requestedAt: string;
            approvedBy: string | null;
            approvedAt: string | null;
            approvalSignatureId: string | null;
            grantedBy: string | null;
            grantedAt: string | null;
            rejectedBy: string | null;
            rejectedAt: string | null;
            rejectionReason: string | null;
            rejectionSignatureId: string | null;
            abilities: {
              approve: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
              /** Same rule as approving: a second person, while requested */
              reject: {
                allowed: boolean;
                /** Why not, in words a person can act on; null when allowed or ruled out by the role */
                reason: string | null;
              };
            };
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          person: string;
          /** The system access is requested to */
          asset: string;
          role: string;
          justification: string;
        };
      };
      responses: {
        201: {
          id: string;
          /** E-mail of the person the access is for */
          person: string;
          asset: string;
          role: string;
          justification: string;
          status: "requested" | "approved" | "granted" | "rejected";
          requestedBy: string;
          requestedAt: string;
          approvedBy: string | null;
          approvedAt: string | null;
          approvalSignatureId: string | null;
          grantedBy: string | null;
          grantedAt: string | null;
          rejectedBy: string | null;
          rejectedAt: string | null;
          rejectionReason: string | null;
          rejectionSignatureId: string | null;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Same rule as approving: a second person, while requested */
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-requests/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** E-mail of the person the access is for */
          person: string;
          asset: string;
          role: string;
          justification: string;
          status: "requested" | "approved" | "granted" | "rejected";
          requestedBy: string;
          requestedAt: string;
          approvedBy: string | null;
          approvedAt: string | null;
          approvalSignatureId: string | null;
          grantedBy: string | null;
          grantedAt: string | null;
          rejectedBy: string | null;
          rejectedAt: string | null;
          rejectionReason: string | null;
          rejectionSignatureId: string | null;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Same rule as approving: a second person, while requested */
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/access-requests/{id}/approve": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** E-mail of the person the access is for */
          person: string;
          asset: string;
          role: string;
          justification: string;
          status: "requested" | "approved" | "granted" | "rejected";
          requestedBy: string;
          requestedAt: string;
          approvedBy: string | null;
          approvedAt: string | null;
          approvalSignatureId: string | null;
          grantedBy: string | null;
          grantedAt: string | null;
          rejectedBy: string | null;
          rejectedAt: string | null;
          rejectionReason: string | null;
          rejectionSignatureId: string | null;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Same rule as approving: a second person, while requested */
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-requests/{id}/reject": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          reason: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** E-mail of the person the access is for */
          person: string;
          asset: string;
          role: string;
          justification: string;
          status: "requested" | "approved" | "granted" | "rejected";
          requestedBy: string;
          requestedAt: string;
          approvedBy: string | null;
          approvedAt: string | null;
          approvalSignatureId: string | null;
          grantedBy: string | null;
          grantedAt: string | null;
          rejectedBy: string | null;
          rejectedAt: string | null;
          rejectionReason: string | null;
          rejectionSignatureId: string | null;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Same rule as approving: a second person, while requested */
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-requests/{id}/grant": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          /** E-mail of the person the access is for */
          person: string;
          asset: string;
          role: string;
          justification: string;
          status: "requested" | "approved" | "granted" | "rejected";
          requestedBy: string;
          requestedAt: string;
          approvedBy: string | null;
          approvedAt: string | null;
          approvalSignatureId: string | null;
          grantedBy: string | null;
          grantedAt: string | null;
          rejectedBy: string | null;
          rejectedAt: string | null;
          rejectionReason: string | null;
          rejectionSignatureId: string | null;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            /** Same rule as approving: a second person, while requested */
            reject: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-reviews": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
          /** The quarter reviewed, e.g. 2026-Q4 */
          quarter?: string | null;
          status?: "open" | "signed" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            asset: string;
            assetName: string;
            quarter: string;
            status: "open" | "signed";
            /** The asset’s owner: person if named, otherwise role */
            owner: string;
            delegates: Array<string>;
            /** The snapshot whose accounts are reviewed */
            snapshotTakenAt: string;
            startedBy: string;
            startedAt: string;
            signedBy: string | null;
            signedAt: string | null;
            signatureId: string | null;
            /** The quarter’s occurrence the signature satisfied */
            occurrenceId: string | null;
            progress: {
              total: number;
              pending: number;
              keep: number;
              revoke: number;
              change: number;
              /** Revoke or change decisions no later snapshot has shown carried out yet */
              outstanding: number;
            };
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** The system whose accounts are reviewed */
          asset: string;
          /** The quarter reviewed, e.g. 2026-Q4; default: the current quarter */
          quarter?: string;
          /** People who may decide and sign besides the system owner */
          delegates?: Array<string>;
        };
      };
      responses: {
        201: {
          id: string;
          asset: string;
          assetName: string;
          quarter: string;
          status: "open" | "signed";
          /** The asset’s owner: person if named, otherwise role */
          owner: string;
          delegates: Array<string>;
          /** The snapshot whose accounts are reviewed */
          snapshotTakenAt: string;
          startedBy: string;
          startedAt: string;
          signedBy: string | null;
          signedAt: string | null;
          signatureId: string | null;
          /** The quarter’s occurrence the signature satisfied */
          occurrenceId: string | null;
          progress: {
            total: number;
            pending: number;
            keep: number;
            revoke: number;
            change: number;
            /** Revoke or change decisions no later snapshot has shown carried out yet */
            outstanding: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-reviews/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          asset: string;
          assetName: string;
          quarter: string;
          status: "open" | "signed";
          /** The asset’s owner: person if named, otherwise role */
          owner: string;
          delegates: Array<string>;
          /** The snapshot whose accounts are reviewed */
          snapshotTakenAt: string;
          startedBy: string;
          startedAt: string;
          signedBy: string | null;
          signedAt: string | null;
          signatureId: string | null;
          /** The quarter’s occurrence the signature satisfied */
          occurrenceId: string | null;
          progress: {
            total: number;
            pending: number;
            keep: number;
            revoke: number;
            change: number;
            /** Revoke or change decisions no later snapshot has shown carried out yet */
            outstanding: number;
          };
          abilities: {
            decide: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/access-reviews/{id}/items": {
    get: {
      request: {
        path: {
          id: string;
        };
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Only items with this decision (pending: none yet) */
          decision?: "keep" | "revoke" | "change" | "pending" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            username: string;
            personEmail: string | null;
            roles: Array<string>;
            privileged: boolean;
            mfaEnabled: boolean | null;
            disabled: boolean;
            lastLoginAt: string | null;
            decision: "keep" | "revoke" | "change" | null;
            comment: string;
            decidedBy: string | null;
            decidedAt: string | null;
            /** For revoke: when a snapshot first showed the account disabled or removed; for change: its roles changed */
            carriedOutAt: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/access-reviews/{id}/decisions": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          decision: "keep" | "revoke" | "change";
          comment: string;
          /** The accounts decided (their usernames in the campaign) */
          usernames?: Array<string>;
          /** Decide every account that has no decision yet */
          allPending?: true;
        };
      };
      responses: {
        200: {
          /** Items this request decided (or re-decided) */
          decided: number;
          progress: {
            total: number;
            pending: number;
            keep: number;
            revoke: number;
            change: number;
            /** Revoke or change decisions no later snapshot has shown carried out yet */
            outstanding: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/access-reviews/{id}/sign": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          asset: string;
          assetName: string;
          quarter: string;
          status: "open" | "signed";
          /** The asset’s owner: person if named, otherwise role */
          owner: string;
          delegates: Array<string>;
          /** The snapshot whose accounts are reviewed */
          snapshotTakenAt: string;
          startedBy: string;
          startedAt: string;
          signedBy: string | null;
          signedAt: string | null;
          signatureId: string | null;
          /** The quarter’s occurrence the signature satisfied */
          occurrenceId: string | null;
          progress: {
            total: number;
            pending: number;
            keep: number;
            revoke: number;
            change: number;
            /** Revoke or change decisions no later snapshot has shown carried out yet */
            outstanding: number;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** The latest version's status */
          status?: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            key: string;
            title: string;
            owner: string;
            /** The latest version */
            version: number;
            /** The latest version's status */
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            effectiveVersion: number | null;
            contentSha256: string;
            reviewDueOn: string;
            /** Quiz training without questions: read-and-acknowledge until questions are attached */
            quizMissing: boolean;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/import": {
    post: {
      request: {
        body: {
          /** The whole file: YAML front matter between --- lines, then the Markdown text */
          markdown: string;
          /** The sibling <file>.quiz.yaml: pass_mark and questions with options and answer */
          quizYaml?: string;
          /** For a file with status approved: the importer signs that the approval was given outside Plumbline; without it the version enters review */
          attestApproval?: {
            /** Where and when it was approved */
            note: string;
            password?: string;
            totpCode?: string;
            /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
            signingProof?: string;
          };
        };
      };
      responses: {
        200: {
          received: number;
          /** 1 when a new version was recorded */
          created: number;
          /** 1 when the same content is already the latest version */
          alreadyRecorded: number;
          key: string;
          version: number;
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          contentSha256: string;
          /** Reviewer or approver names matching no role, person or group: map them in the settings */
          unmappedNames: Array<string>;
          /** What the import decided, in words */
          notes: Array<string>;
        };
        201: {
          received: number;
          /** 1 when a new version was recorded */
          created: number;
          /** 1 when the same content is already the latest version */
          alreadyRecorded: number;
          key: string;
          version: number;
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          contentSha256: string;
          /** Reviewer or approver names matching no role, person or group: map them in the settings */
          unmappedNames: Array<string>;
          /** What the import decided, in words */
          notes: Array<string>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/signer-mappings": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          items: Array<{
            name: string;
            emails: Array<string>;
            mappedBy: string;
            mappedAt: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/signer-mappings/{name}": {
    put: {
      request: {
        path: {
          name: string;
        };
        body: {
          /** The people the name stands for; empty removes it */
          emails: Array<string>;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            emails: Array<string>;
            mappedBy: string;
            mappedAt: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/{key}": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/body": {
    get: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
      };
      responses: {
        200: {
          version: number;
          markdown: string;
          /** The Markdown rendered to HTML, every text escaped */
          html: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/printable": {
    get: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
      };
      responses: {
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/sign": {
    post: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
        body: {
          meaning: "reviewed" | "approved";
          /** The reviewer or approver name signed for; default every name the signer answers to */
          name?: string;
          note?: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/transition": {
    post: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
        body: {
          /** Submit a draft for review, or retire the version */
          to: "in_review" | "retired";
          note?: string;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/quiz": {
    put: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
        body: {
          /** Per cent of the questions to answer correctly */
          pass_mark?: number;
          questions: Array<{
            question: string;
            options: Array<string>;
            /** The correct option, as written */
            answer: string;
          }>;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/{key}/versions/{version}/periodic-review": {
    post: {
      request: {
        path: {
          key: string;
          version: number | string;
        };
        body: {
          /** What was reviewed and why no change is needed */
          note: string;
          /** The next periodic review; default one year after today */
          nextReviewDueOn?: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/documents/{key}/links": {
    post: {
      request: {
        path: {
          key: string;
        };
        body: {
          kind: "requirement" | "control";
          /** e.g. iso13485:4.2.4 or a control key */
          key: string;
        };
      };
      responses: {
        200: {
          id: string;
          key: string;
          title: string;
          owner: string;
          /** The latest version */
          version: number;
          /** The latest version's status */
          status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
          effectiveVersion: number | null;
          contentSha256: string;
          reviewDueOn: string;
          /** Quiz training without questions: read-and-acknowledge until questions are attached */
          quizMissing: boolean;
          updatedAt: string;
          /** The latest version */
          current: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          };
          effective: {
            id: string;
            version: number;
            status: "draft" | "in_review" | "approved" | "effective" | "superseded" | "retired";
            title: string;
            author: string;
            reviewers: Array<string>;
            approvers: Array<string>;
            training: {
              requiredDepartments: Array<string>;
              mode: "acknowledge" | "quiz";
              dueDays: number;
            } | null;
            /** Every field as written in the file */
            frontMatter: Record<string, unknown>;
            /** Fields Plumbline keeps but does not act on */
            unknownFields: Record<string, unknown>;
            contentSha256: string;
            effectiveDate: string | null;
            reviewDueOn: string;
            quiz: {
              passMark: number;
              questionCount: number;
            } | null;
            quizMissing: boolean;
            importedAt: string;
            importedBy: string;
            approvedAt: string | null;
            effectiveAt: string | null;
            supersededAt: string | null;
            retiredAt: string | null;
            /** The importer signed that the approval was given outside Plumbline */
            approvalAttested: {
              signatureId: string;
              signerLabel: string;
              note: string;
              signedAt: string;
            } | null;
            signoffs: Array<{
              kind: "reviewed" | "approved";
              name: string;
              signatureId: string;
              signerLabel: string;
              signedAt: string;
            }>;
            reviewsOutstanding: Array<string>;
            approvalsOutstanding: Array<string>;
            unmappedNames: Array<string>;
          } | null;
          history: Array<{
            kind: string;
            version: number | null;
            text: string;
            at: string;
            by: string;
          }>;
          links: Array<{
            kind: "requirement" | "control";
            key: string;
          }>;
          /** The review occurrences opened 30 days before each review date (newest first), and the signed "reviewed, no change" reviews */
          periodicReview: {
            occurrences: Array<{
              occurrenceId: string;
              version: number;
              reviewDueOn: string;
              openedAt: string;
              metAt: string | null;
              metBy: "new-version" | "reviewed" | null;
            }>;
            reviews: Array<{
              version: number;
              /** The review date this review answered */
              reviewDueOn: string;
              nextReviewDueOn: string;
              note: string;
              signatureId: string;
              signerLabel: string;
              reviewedAt: string;
            }>;
          };
          abilities: {
            review: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
            approve: {
              allowed: boolean;
              names: Array<string>;
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/training": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** true: open training past its due date on an effective version */
          overdue?: "true" | "false" | boolean | null;
          document?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            person: {
              email: string;
              name: string;
            };
            /** The document id, e.g. SOP-018 */
            document: string;
            version: number;
            title: string;
            /** effective, or superseded once a newer version took effect */
            versionStatus: string;
            /** quiz only when the version has questions; read-and-acknowledge otherwise */
            mode: "acknowledge" | "quiz";
            /** Quiz training whose version has no questions yet */
            quizMissing: boolean;
            assignedAt: string;
            dueAt: string;
            completedAt: string | null;
            score: number | null;
            state: "open" | "overdue" | "completed";
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/my/training": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** true: open training past its due date on an effective version */
          overdue?: "true" | "false" | boolean | null;
          document?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            person: {
              email: string;
              name: string;
            };
            /** The document id, e.g. SOP-018 */
            document: string;
            version: number;
            title: string;
            /** effective, or superseded once a newer version took effect */
            versionStatus: string;
            /** quiz only when the version has questions; read-and-acknowledge otherwise */
            mode: "acknowledge" | "quiz";
            /** Quiz training whose version has no questions yet */
            quizMissing: boolean;
            assignedAt: string;
            dueAt: string;
            completedAt: string | null;
            score: number | null;
            state: "open" | "overdue" | "completed";
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/my/training/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          person: {
            email: string;
            name: string;
          };
          /** The document id, e.g. SOP-018 */
          document: string;
          version: number;
          title: string;
          /** effective, or superseded once a newer version took effect */
          versionStatus: string;
          /** quiz only when the version has questions; read-and-acknowledge otherwise */
          mode: "acknowledge" | "quiz";
          /** Quiz training whose version has no questions yet */
          quizMissing: boolean;
          assignedAt: string;
          dueAt: string;
          completedAt: string | null;
          score: number | null;
          state: "open" | "overdue" | "completed";
          quiz: {
            passMark: number;
            questions: Array<{
              text: string;
              options: Array<string>;
            }>;
          } | null;
          attempts: Array<{
            score: number;
            passed: boolean;
            at: string;
          }>;
          /** A quiz attempt reached the pass mark (true when there is no quiz) */
          passed: boolean;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/my/training/{id}/quiz-attempts": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** The index of the chosen option, one per question in order */
          answers: Array<number>;
        };
      };
      responses: {
        200: {
          score: number;
          passed: boolean;
          passMark: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/my/training/{id}/acknowledge": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          person: {
            email: string;
            name: string;
          };
          /** The document id, e.g. SOP-018 */
          document: string;
          version: number;
          title: string;
          /** effective, or superseded once a newer version took effect */
          versionStatus: string;
          /** quiz only when the version has questions; read-and-acknowledge otherwise */
          mode: "acknowledge" | "quiz";
          /** Quiz training whose version has no questions yet */
          quizMissing: boolean;
          assignedAt: string;
          dueAt: string;
          completedAt: string | null;
          score: number | null;
          state: "open" | "overdue" | "completed";
          quiz: {
            passMark: number;
            questions: Array<{
              text: string;
              options: Array<string>;
            }>;
          } | null;
          attempts: Array<{
            score: number;
            passed: boolean;
            at: string;
          }>;
          /** A quiz attempt reached the pass mark (true when there is no quiz) */
          passed: boolean;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/provisioning-requests": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
          status?: "requested" | "approved" | "provisioning" | "verified" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            number: string;
            asset: {
              key: string;
              name: string;
              lifecycleStatus: string;
            };
            status: "requested" | "approved" | "provisioning" | "verified";
            purpose: string;
            requirements: string;
            securityConsiderations: string;
            configurationReference: string;
            requestedAt: string;
            requestedBy: string;
            approvedAt: string | null;
            approvedBy: string | null;
            approvalSignatureId: string | null;
            startedAt: string | null;
            implementedBy: string | null;
            verifiedAt: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          /** Key of the asset to provision (usually `requested`) */
          asset: string;
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          acceptanceCriteria: Array<string>;
          /** IaC path, module, version or baseline to build from */
          configurationReference: string;
        };
      };
      responses: {
        201: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "requested" | "approved" | "provisioning" | "verified";
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          configurationReference: string;
          requestedAt: string;
          requestedBy: string;
          approvedAt: string | null;
          approvedBy: string | null;
          approvalSignatureId: string | null;
          startedAt: string | null;
          implementedBy: string | null;
          verifiedAt: string | null;
          acceptanceCriteria: Array<{
            position: number;
            criterion: string;
            observation: string | null;
            verifiedAt: string | null;
            verifiedBy: string | null;
            signatureId: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            start: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verifyCriteria: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/provisioning-requests/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "requested" | "approved" | "provisioning" | "verified";
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          configurationReference: string;
          requestedAt: string;
          requestedBy: string;
          approvedAt: string | null;
          approvedBy: string | null;
          approvalSignatureId: string | null;
          startedAt: string | null;
          implementedBy: string | null;
          verifiedAt: string | null;
          acceptanceCriteria: Array<{
            position: number;
            criterion: string;
            observation: string | null;
            verifiedAt: string | null;
            verifiedBy: string | null;
            signatureId: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            start: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verifyCriteria: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/provisioning-requests/{id}/approval": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          note?: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "requested" | "approved" | "provisioning" | "verified";
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          configurationReference: string;
          requestedAt: string;
          requestedBy: string;
          approvedAt: string | null;
          approvedBy: string | null;
          approvalSignatureId: string | null;
          startedAt: string | null;
          implementedBy: string | null;
          verifiedAt: string | null;
          acceptanceCriteria: Array<{
            position: number;
            criterion: string;
            observation: string | null;
            verifiedAt: string | null;
            verifiedBy: string | null;
            signatureId: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            start: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verifyCriteria: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/provisioning-requests/{id}/start": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "requested" | "approved" | "provisioning" | "verified";
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          configurationReference: string;
          requestedAt: string;
          requestedBy: string;
          approvedAt: string | null;
          approvedBy: string | null;
          approvalSignatureId: string | null;
          startedAt: string | null;
          implementedBy: string | null;
          verifiedAt: string | null;
          acceptanceCriteria: Array<{
            position: number;
            criterion: string;
            observation: string | null;
            verifiedAt: string | null;
            verifiedBy: string | null;
            signatureId: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            start: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verifyCriteria: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/provisioning-requests/{id}/criteria/{position}/verification": {
    post: {
      request: {
        path: {
          id: string;
          position: number | string;
        };
        body: {
          /** What was checked and what was seen */
          observation: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "requested" | "approved" | "provisioning" | "verified";
          purpose: string;
          requirements: string;
          securityConsiderations: string;
          configurationReference: string;
          requestedAt: string;
          requestedBy: string;
          approvedAt: string | null;
          approvedBy: string | null;
          approvalSignatureId: string | null;
          startedAt: string | null;
          implementedBy: string | null;
          verifiedAt: string | null;
          acceptanceCriteria: Array<{
            position: number;
            criterion: string;
            observation: string | null;
            verifiedAt: string | null;
            verifiedBy: string | null;
            signatureId: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            approve: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            start: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            verifyCriteria: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/decommissioning-records": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          asset?: string | null;
          status?: "draft" | "signed" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            number: string;
            asset: {
              key: string;
              name: string;
              lifecycleStatus: string;
            };
            status: "draft" | "signed";
            retentionDecision: string;
            dataDisposition: "migrated" | "archived" | "nothing-retained";
            dataLocation: string;
            sanitisationMethod: "clear" | "purge" | "destroy";
            sanitisationReference: string;
            accessRemoved: boolean;
            dnsRemoved: boolean;
            certificatesRemoved: boolean;
            monitoringRemoved: boolean;
            shutDownAt: string;
            recordedAt: string;
            recordedBy: string;
            signedAt: string | null;
            signedBy: string | null;
            signatureId: string | null;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        body: {
          asset: string;
          /** The retention review: which records the system holds, how long each must be kept, what is kept */
          retentionDecision: string;
          dataDisposition: "migrated" | "archived" | "nothing-retained";
          /** Where migrated or archived data now lives; required unless nothing is retained */
          dataLocation?: string;
          /** NIST SP 800-88: clear, purge or destroy */
          sanitisationMethod: "clear" | "purge" | "destroy";
          /** Certificate of sanitisation or destruction, or the ticket holding it */
          sanitisationReference?: string;
          accessRemoved?: boolean;
          dnsRemoved?: boolean;
          certificatesRemoved?: boolean;
          monitoringRemoved?: boolean;
          /** When it was shut down; default now */
          shutDownAt?: string;
        };
      };
      responses: {
        201: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "draft" | "signed";
          retentionDecision: string;
          dataDisposition: "migrated" | "archived" | "nothing-retained";
          dataLocation: string;
          sanitisationMethod: "clear" | "purge" | "destroy";
          sanitisationReference: string;
          accessRemoved: boolean;
          dnsRemoved: boolean;
          certificatesRemoved: boolean;
          monitoringRemoved: boolean;
          shutDownAt: string;
          recordedAt: string;
          recordedBy: string;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          missing: Array<string>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/decommissioning-records/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "draft" | "signed";
          retentionDecision: string;
          dataDisposition: "migrated" | "archived" | "nothing-retained";
          dataLocation: string;
          sanitisationMethod: "clear" | "purge" | "destroy";
          sanitisationReference: string;
          accessRemoved: boolean;
          dnsRemoved: boolean;
          certificatesRemoved: boolean;
          monitoringRemoved: boolean;
          shutDownAt: string;
          recordedAt: string;
          recordedBy: string;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          missing: Array<string>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          /** The retention review: which records the system holds, how long each must be kept, what is kept */
          retentionDecision?: string;
          dataDisposition?: "migrated" | "archived" | "nothing-retained";
          /** Where migrated or archived data now lives; required unless nothing is retained */
          dataLocation?: string;
          /** NIST SP 800-88: clear, purge or destroy */
          sanitisationMethod?: "clear" | "purge" | "destroy";
          /** Certificate of sanitisation or destruction, or the ticket holding it */
          sanitisationReference?: string;
          accessRemoved?: boolean;
          dnsRemoved?: boolean;
          certificatesRemoved?: boolean;
          monitoringRemoved?: boolean;
          /** When it was shut down; default now */
          shutDownAt?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "draft" | "signed";
          retentionDecision: string;
          dataDisposition: "migrated" | "archived" | "nothing-retained";
          dataLocation: string;
          sanitisationMethod: "clear" | "purge" | "destroy";
          sanitisationReference: string;
          accessRemoved: boolean;
          dnsRemoved: boolean;
          certificatesRemoved: boolean;
          monitoringRemoved: boolean;
          shutDownAt: string;
          recordedAt: string;
          recordedBy: string;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          missing: Array<string>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/decommissioning-records/{id}/signature": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          note?: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          id: string;
          number: string;
          asset: {
            key: string;
            name: string;
            lifecycleStatus: string;
          };
          status: "draft" | "signed";
          retentionDecision: string;
          dataDisposition: "migrated" | "archived" | "nothing-retained";
          dataLocation: string;
          sanitisationMethod: "clear" | "purge" | "destroy";
          sanitisationReference: string;
          accessRemoved: boolean;
          dnsRemoved: boolean;
          certificatesRemoved: boolean;
          monitoringRemoved: boolean;
          shutDownAt: string;
          recordedAt: string;
          recordedBy: string;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          missing: Array<string>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          abilities: {
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            attachEvidence: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews": {
    get: {
      request: {
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
          /** Only this supplier */
          supplier?: string | null;
          status?: "draft" | "signed" | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
            /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
            reportTitle: string;
            /** First day the report covers */
            periodFrom: string | null;
            /** Last day the report covers */
            periodTo: string | null;
            opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
            /** Exceptions the report notes; empty when none */
            exceptions: string;
            /** The day a bridge letter extends the report's assurance to, when there is one */
            bridgeLetterThrough: string | null;
            /** The reviewer's findings */
            findings: string;
            nextReviewDue: string | null;
            id: string;
            supplier: {
              key: string;
              name: string;
            };
            status: "draft" | "signed";
            decision: "approved" | "approved_with_conditions" | "not_approved" | null;
            conditions: string;
            cuecCount: number;
            cuecsChecked: number;
            signedAt: string | null;
            signedBy: string | null;
            signatureId: string | null;
            createdAt: string;
            createdBy: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/suppliers/{key}/reviews": {
    get: {
      request: {
        path: {
          key: string;
        };
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
            /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
            reportTitle: string;
            /** First day the report covers */
            periodFrom: string | null;
            /** Last day the report covers */
            periodTo: string | null;
            opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
            /** Exceptions the report notes; empty when none */
            exceptions: string;
            /** The day a bridge letter extends the report's assurance to, when there is one */
            bridgeLetterThrough: string | null;
            /** The reviewer's findings */
            findings: string;
            nextReviewDue: string | null;
            id: string;
            supplier: {
              key: string;
              name: string;
            };
            status: "draft" | "signed";
            decision: "approved" | "approved_with_conditions" | "not_approved" | null;
            conditions: string;
            cuecCount: number;
            cuecsChecked: number;
            signedAt: string | null;
            signedBy: string | null;
            signatureId: string | null;
            createdAt: string;
            createdBy: string;
            updatedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        path: {
          key: string;
        };
        body: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom?: string | null;
          /** Last day the report covers */
          periodTo?: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions?: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough?: string | null;
          /** The reviewer's findings */
          findings?: string;
          nextReviewDue?: string | null;
          /** The complementary user-entity controls the report names, one text each */
          cuecs?: Array<string>;
        };
      };
      responses: {
        201: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews/{id}": {
    get: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        200: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    patch: {
      request: {
        path: {
          id: string;
        };
        body: {
          reportKind?: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle?: string;
          /** First day the report covers */
          periodFrom?: string | null;
          /** Last day the report covers */
          periodTo?: string | null;
          opinion?: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions?: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough?: string | null;
          /** The reviewer's findings */
          findings?: string;
          nextReviewDue?: string | null;
        };
      };
      responses: {
        200: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews/{id}/cuecs": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          text: string;
        };
      };
      responses: {
        201: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews/{id}/cuecs/{position}": {
    patch: {
      request: {
        path: {
          id: string;
          position: number | string;
        };
        body: {
          /** Whether the organisation operates this control */
          inPlace: boolean;
          /** How it is operated, or what is missing */
          comment?: string;
        };
      };
      responses: {
        200: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews/{id}/sign": {
    post: {
      request: {
        path: {
          id: string;
        };
        body: {
          decision: "approved" | "approved_with_conditions" | "not_approved";
          /** Required when the decision is approved_with_conditions */
          conditions?: string;
          /** When the supplier is reviewed next */
          nextReviewDue: string;
          note?: string;
          password?: string;
          totpCode?: string;
          /** Single sign-on accounts only: the proof of a fresh sign-in at the provider, from GET /api/v1/auth/sso/reauthenticate (instead of a password or code) */
          signingProof?: string;
        };
      };
      responses: {
        200: {
          reportKind: "soc2-type-1" | "soc2-type-2" | "iso-certificate" | "other";
          /** e.g. "SOC 2 Type II, 1 Jan – 31 Dec 2026" */
          reportTitle: string;
          /** First day the report covers */
          periodFrom: string | null;
          /** Last day the report covers */
          periodTo: string | null;
          opinion: "unqualified" | "qualified" | "adverse" | "disclaimer" | "not-applicable";
          /** Exceptions the report notes; empty when none */
          exceptions: string;
          /** The day a bridge letter extends the report's assurance to, when there is one */
          bridgeLetterThrough: string | null;
          /** The reviewer's findings */
          findings: string;
          nextReviewDue: string | null;
          id: string;
          supplier: {
            key: string;
            name: string;
          };
          status: "draft" | "signed";
          decision: "approved" | "approved_with_conditions" | "not_approved" | null;
          conditions: string;
          cuecCount: number;
          cuecsChecked: number;
          signedAt: string | null;
          signedBy: string | null;
          signatureId: string | null;
          createdAt: string;
          createdBy: string;
          updatedAt: string;
          cuecs: Array<{
            position: number;
            text: string;
            /** null until checked */
            inPlace: boolean | null;
            comment: string;
            checkedBy: string | null;
            checkedAt: string | null;
          }>;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          signature: {
            signerLabel: string;
            signerRole: string;
            meaning: string;
            method: string;
            recordSha256: string;
            signedAt: string;
          } | null;
          abilities: {
            edit: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
            sign: {
              allowed: boolean;
              /** Why not, in words a person can act on; null when allowed or ruled out by the role */
              reason: string | null;
            };
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/suppliers/{key}/certificates": {
    get: {
      request: {
        path: {
          key: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            expiresOn: string | null;
            expired: boolean;
            /** The latest renewal occurrence opened for this certification */
            renewal: {
              occurrenceId: string;
              /** The expiry the renewal was opened for */
              expiresOn: string;
              openedAt: string;
              renewedAt: string | null;
              renewedExpiresOn: string | null;
            } | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        path: {
          key: string;
        };
        body: {
          /** e.g. SOC 2 Type II, ISO/IEC 27001 */
          name: string;
          /** The new certificate or report expires at the end of this day */
          expiresOn: string;
          note?: string;
        };
      };
      responses: {
        200: {
          items: Array<{
            name: string;
            expiresOn: string | null;
            expired: boolean;
            /** The latest renewal occurrence opened for this certification */
            renewal: {
              occurrenceId: string;
              /** The expiry the renewal was opened for */
              expiresOn: string;
              openedAt: string;
              renewedAt: string | null;
              renewedExpiresOn: string | null;
            } | null;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/suppliers/{key}/timeline": {
    get: {
      request: {
        path: {
          key: string;
        };
        query?: {
          /** Rows per page, 1 to 1000 */
          limit?: number | string | null;
          /** nextCursor of the previous page; omit for the first page */
          cursor?: string | null;
        };
      };
      responses: {
        200: {
          items: Array<{
            id: string;
            kind: "service-report" | "incident" | "certificate" | "review" | "note";
            at: string;
            title: string;
            detail: string;
            incidentId: string | null;
            reviewId: string | null;
            evidence: Array<{
              id: string;
              filename: string;
              contentType: string;
              sizeBytes: number;
              sha256: string;
              uploadedBy: string;
              uploadedAt: string;
            }>;
            recordedBy: string;
            recordedAt: string;
          }>;
          /** Pass as cursor for the next page; null on the last page */
          nextCursor: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: {
        path: {
          key: string;
        };
        body: {
          kind: "service-report" | "incident" | "note";
          title: string;
          detail?: string;
          /** When it happened; default now */
          at?: string;
          /** The incident, for kind incident */
          incidentId?: string;
        };
      };
      responses: {
        201: {
          id: string;
          kind: "service-report" | "incident" | "certificate" | "review" | "note";
          at: string;
          title: string;
          detail: string;
          incidentId: string | null;
          reviewId: string | null;
          evidence: Array<{
            id: string;
            filename: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedBy: string;
            uploadedAt: string;
          }>;
          recordedBy: string;
          recordedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/search": {
    get: {
      request: {
        query: {
          /** What to look for: a key, a name or title, words of a description, a tag, an e-mail, a work order, nonconformance or incident number */
          q: string;
          /** Results to answer, 1 to 20 */
          limit?: number | string | null;
        };
      };
      responses: {
        200: {
          /** Best matches first, at most `limit` */
          items: Array<{
            kind: "asset" | "supplier" | "process" | "control" | "requirement" | "work-order" | "nonconformance" | "incident" | "document" | "person" | "user";
            /** The record id (a UUID) */
            id: string;
            /** The key its page is addressed by (assets, suppliers, processes, controls, documents; a requirement's framework); null otherwise */
            key: string | null;
            /** Its name or title */
            title: string;
            /** A second line: the key, number, e-mail, tags, framework or status */
            detail: string;
            /** How it matched: exact, prefix, word start or contains */
            match: "exact" | "prefix" | "word" | "contains";
          }>;
          /** True when more records than `limit` match: refine the words */
          more: boolean;
          limit: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/calendar/feed": {
    get: {
      request: Record<string, never>;
      responses: {
        200: {
          /** Whether the person has a feed URL that works */
          inUse: boolean;
          /** First characters of the secret in the URL, to recognise it; null without a feed */
          prefix: string | null;
          createdAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        500: ErrorBody;
      };
    };
    post: {
      request: Record<string, never>;
      responses: {
        201: {
          /** The feed URL to subscribe to; shown this once, only a hash of its secret is kept */
          url: string;
          feed: {
            /** Whether the person has a feed URL that works */
            inUse: boolean;
            /** First characters of the secret in the URL, to recognise it; null without a feed */
            prefix: string | null;
            createdAt: string | null;
          };
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
    delete: {
      request: Record<string, never>;
      responses: {
        200: {
          /** Whether the person has a feed URL that works */
          inUse: boolean;
          /** First characters of the secret in the URL, to recognise it; null without a feed */
          prefix: string | null;
          createdAt: string | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/calendar/feeds/{token}": {
    get: {
      request: {
        path: {
          /** The secret of the feed URL */
          token: string;
        };
      };
      responses: {
        400: ErrorBody;
        404: ErrorBody;
        500: ErrorBody;
      };
    };
  };
  "/assets/import": {
    post: {
      request: {
        query?: {
          dryRun?: "0" | "1" | "true" | "false" | boolean | null;
          partial?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          dryRun: boolean;
          partial: boolean;
          rows: number;
          created: number;
          updated: number;
          unchanged: number;
          skipped: number;
          errors: Array<{
            line: number;
            column: string | null;
            message: string;
          }>;
          written: boolean;
        };
        400: {
          dryRun: boolean;
          partial: boolean;
          rows: number;
          created: number;
          updated: number;
          unchanged: number;
          skipped: number;
          errors: Array<{
            line: number;
            column: string | null;
            message: string;
          }>;
          written: boolean;
        };
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/work-orders/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/capa-actions/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/restore-tests/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/dr-exercises/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/backup-runs/import": {
    post: {
      request: {
        query: {
          /** Which tool output the body holds */
          format: "plumbline" | "restic" | "pgbackrest" | "aws-backup" | "velero";
          /** Asset for runs whose output names none and matches no configuration reference */
          asset?: string | null;
          /** Parse, resolve and count, store nothing */
          dryRun?: "0" | "1" | "true" | "false" | boolean | null;
          /** Accept output that holds no runs (empty, whitespace only, []); refused with a 400 otherwise */
          allowEmpty?: "0" | "1" | "true" | "false" | boolean | null;
        };
      };
      responses: {
        200: {
          /** Runs in the request */
          received: number;
          /** Runs stored by this request */
          created: number;
          /** Runs already stored with the same content (idempotent re-post): not stored again */
          alreadyRecorded: number;
          /** Runs already stored under the same (tool, externalId) with different content */
          conflictCount: number;
          /** The first 100 conflicts; the stored runs are kept unchanged */
          conflicts: Array<{
            /** 0-based position of the run in the request, or in the imported output */
            index: number;
            /** Line of the imported file the run was read from (plumbline NDJSON, restic backup log); null for requests and whole-document formats */
            line: number | null;
            tool: string;
            externalId: string;
            /** The run already stored under this (tool, externalId) */
            storedRunId: string;
            /** Fields whose value differs from the stored run */
            fields: Array<string>;
          }>;
          format: "plumbline" | "restic" | "pgbackrest" | "aws-backup" | "velero";
          /** True when nothing was stored: the counts say what would have been */
          dryRun: boolean;
        };
        201: {
          /** Runs in the request */
          received: number;
          /** Runs stored by this request */
          created: number;
          /** Runs already stored with the same content (idempotent re-post): not stored again */
          alreadyRecorded: number;
          /** Runs already stored under the same (tool, externalId) with different content */
          conflictCount: number;
          /** The first 100 conflicts; the stored runs are kept unchanged */
          conflicts: Array<{
            /** 0-based position of the run in the request, or in the imported output */
            index: number;
            /** Line of the imported file the run was read from (plumbline NDJSON, restic backup log); null for requests and whole-document formats */
            line: number | null;
            tool: string;
            externalId: string;
            /** The run already stored under this (tool, externalId) */
            storedRunId: string;
            /** Fields whose value differs from the stored run */
            fields: Array<string>;
          }>;
          format: "plumbline" | "restic" | "pgbackrest" | "aws-backup" | "velero";
          /** True when nothing was stored: the counts say what would have been */
          dryRun: boolean;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/certificates/import": {
    post: {
      request: {
        query?: {
          /** The asset the certificates are deployed on */
          asset?: string | null;
        };
      };
      responses: {
        200: {
          /** Certificates in the file */
          received: number;
          created: number;
          /** Certificates already stored (same fingerprint) */
          alreadyRecorded: number;
          certificates: Array<{
            id: string;
            fingerprintSha256: string;
            subject: string;
            created: boolean;
          }>;
          renewalsCompleted: number;
        };
        201: {
          /** Certificates in the file */
          received: number;
          created: number;
          /** Certificates already stored (same fingerprint) */
          alreadyRecorded: number;
          certificates: Array<{
            id: string;
            fingerprintSha256: string;
            subject: string;
            created: boolean;
          }>;
          renewalsCompleted: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/alerts/import": {
    post: {
      request: {
        query: {
          /** Which tool sent the body */
          format: "alertmanager" | "grafana";
          /** Label names that map an alert to an asset, in order (default asset,instance,job) */
          assetLabels?: string | null;
        };
      };
      responses: {
        200: {
          format: "alertmanager" | "grafana";
          /** The stored webhook body (the same id when it was delivered again) */
          deliveryId: string;
          /** Alerts in the body */
          received: number;
          /** Alerts recorded for the first time */
          created: number;
          /** Alerts recorded before as firing, now resolved */
          resolved: number;
          /** Alerts already recorded as they are now */
          alreadyRecorded: number;
          /** New alerts that name no known asset (kept, listed) */
          unmapped: number;
          /** Incidents the rules opened for new alerts */
          incidentsOpened: Array<string>;
        };
        201: {
          format: "alertmanager" | "grafana";
          /** The stored webhook body (the same id when it was delivered again) */
          deliveryId: string;
          /** Alerts in the body */
          received: number;
          /** Alerts recorded for the first time */
          created: number;
          /** Alerts recorded before as firing, now resolved */
          resolved: number;
          /** Alerts already recorded as they are now */
          alreadyRecorded: number;
          /** New alerts that name no known asset (kept, listed) */
          unmapped: number;
          /** Incidents the rules opened for new alerts */
          incidentsOpened: Array<string>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/changes/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/scans/import": {
    post: {
      request: {
        query: {
          /** Which scanner output the body holds */
          format: "trivy" | "grype" | "sarif";
          /** The asset scanned; without it, the report’s artifact or target name is matched against asset keys, tags and configuration references */
          asset?: string | null;
        };
      };
      responses: {
        200: {
          /** Findings in the report */
          received: number;
          /** Findings recorded for the first time */
          created: number;
          /** Findings seen before (their last-seen time moves), or the same report imported again */
          alreadyRecorded: number;
          /** Open findings this scan no longer shows: fixed at its time */
          fixed: number;
          /** Findings fixed earlier that this scan shows again */
          reopened: number;
          format: "trivy" | "grype" | "sarif";
          scanner: string;
          assetKey: string;
          scanId: string;
          scannedAt: string;
        };
        201: {
          /** Findings in the report */
          received: number;
          /** Findings recorded for the first time */
          created: number;
          /** Findings seen before (their last-seen time moves), or the same report imported again */
          alreadyRecorded: number;
          /** Open findings this scan no longer shows: fixed at its time */
          fixed: number;
          /** Findings fixed earlier that this scan shows again */
          reopened: number;
          format: "trivy" | "grype" | "sarif";
          scanner: string;
          assetKey: string;
          scanId: string;
          scannedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/people/import": {
    post: {
      request: Record<string, never>;
      responses: {
        200: {
          /** Rows read */
          received: number;
          created: number;
          updated: number;
          /** Rows identical to the stored person */
          alreadyRecorded: number;
          /** People who left with this import */
          left: number;
          /** People whose job role or department changed */
          roleChanged: number;
          /** Revocation clocks started on their accounts */
          clocksStarted: number;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/accounts/import": {
    post: {
      request: {
        query: {
          /** The system (asset) the listing comes from */
          asset: string;
          /** csv or aws-iam-credential-report */
          format: "csv" | "aws-iam-credential-report";
          /** When the listing was taken (for an IAM report, its GeneratedTime); default: when it is imported */
          takenAt?: string | null;
        };
      };
      responses: {
        200: {
          asset: string;
          format: "csv" | "aws-iam-credential-report";
          /** The snapshot time every change of this import is recorded at */
          takenAt: string;
          /** Accounts in the listing */
          received: number;
          /** Accounts seen for the first time */
          created: number;
          /** Accounts whose state changed */
          updated: number;
          /** Accounts exactly as the previous snapshot showed */
          alreadyRecorded: number;
          /** Accounts missing from this listing, recorded as removed */
          removed: number;
          /** False when this very snapshot was already imported */
          snapshotRecorded: boolean;
          /** Revocation clocks this snapshot stopped */
          clocksStopped: number;
          /** Enabled privileged accounts without MFA: the MFA control fails */
          privilegedWithoutMfa: Array<string>;
          /** Whether the MFA control occurrence covering the snapshot was met; null: none */
          mfaOccurrenceSatisfied: boolean | null;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/provisioning-requests/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/decommissioning-records/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/register/sync/terraform": {
    post: {
      request: {
        query?: {
          /** false (default): report the drift only; true: also create the missing assets as requested */
          apply?: "true" | "false" | boolean | null;
          /** Environment of the assets an apply creates */
          environment?: "production" | "staging" | "development" | "corporate" | null;
          /** Owner role of the assets an apply creates */
          ownerRole?: "engineering" | "security" | "quality" | "admin" | null;
        };
      };
      responses: {
        200: {
          dryRun: boolean;
          /** Whether assets were created (an apply with something to create) */
          applied: boolean;
          state: {
            terraformVersion: string;
            serial: number;
            lineage: string;
          };
          /** Managed resource instances in the state */
          resources: number;
          /** Data sources: read by Terraform, not managed */
          dataSourcesSkipped: number;
          /** Assets created as requested (0 on a dry run) */
          created: number;
          matched: Array<{
            address: string;
            asset: string;
            matchedBy: "configuration-reference" | "tag";
            lifecycleStatus: string;
          }>;
          resourcesWithoutAsset: Array<{
            address: string;
            type: string;
            /** The key an apply gives the new asset */
            proposedKey: string;
          }>;
          assetsWithoutResource: Array<{
            key: string;
            name: string;
            configurationReference: string;
          }>;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-reviews/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
  "/supplier-events/{id}/evidence": {
    post: {
      request: {
        path: {
          id: string;
        };
      };
      responses: {
        201: {
          id: string;
          filename: string;
          contentType: string;
          sizeBytes: number;
          sha256: string;
          uploadedBy: string;
          uploadedAt: string;
        };
        400: ErrorBody;
        401: ErrorBody;
        403: ErrorBody;
        404: ErrorBody;
        409: ErrorBody;
        413: ErrorBody;
        500: ErrorBody;
        507: ErrorBody;
      };
    };
  };
}
