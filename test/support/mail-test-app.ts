import { afterAll, beforeAll } from 'vitest';
import type { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { SmtpTestServer, type ReceivedEmail } from './smtp-test-server.js';
import { createTestApp, type TestApp } from './test-app.js';

/** The public URL links in the e-mails of a mail test app start with. */
export const MAIL_TEST_PUBLIC_URL = 'https://plumbline.example.test';

/**
 * A test app whose mail goes to an SMTP test server, started before the describe block's tests
 * and closed after them (call it inside `describe`), with an admin's token and what the outbox
 * delivered to someone.
 */
export function mailTestApp(clock: FixedClock) {
  const smtp = new SmtpTestServer();
  const state: { app?: TestApp; admin?: string } = {};
  beforeAll(async () => {
    await smtp.start();
    state.app = await createTestApp({
      clock,
      env: {
        PLUMBLINE_SMTP_URL: smtp.url,
        PLUMBLINE_PUBLIC_URL: MAIL_TEST_PUBLIC_URL,
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
      },
    });
    state.admin = await state.app.tokenFor('admin');
  });
  afterAll(async () => {
    await state.app?.close();
    await smtp.stop();
  });
  return {
    app: (): TestApp => state.app!,
    adminToken: (): string => state.admin!,
    /** Delivers the outbox, then answers every e-mail received so far addressed to `email`. */
    mailsTo: async (email: string): Promise<ReceivedEmail[]> => {
      await deliverOutbox(state.app!.ctx);
      return smtp.received.filter((mail) => mail.to.includes(email));
    },
  };
}
