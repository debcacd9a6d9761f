import nodemailer from 'nodemailer';
import type { MailTransport } from './mail.service.ts';

/** SMTP through nodemailer, from an `smtp://` or `smtps://` URL (credentials and options in the URL). */
export function smtpTransport(url: string): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId });
    },
    close: () => transporter.close(),
  };
}
