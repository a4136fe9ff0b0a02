import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** The port through which e-mail leaves Plumbline. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string; response: string }>;
}

/** Real SMTP delivery with bounded timeouts, so a hanging server cannot stall the outbox. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  return {
    async send(email) {
      const info = await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
      });
      return { messageId: info.messageId, response: info.response };
    },
  };
}
