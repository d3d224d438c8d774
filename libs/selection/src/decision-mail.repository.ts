import { Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '@ideas-lab/platform';

/** A dead SMTP server fails a send in seconds, not minutes (the retry is the next release). */
function withTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, ms] of [
    ['connectionTimeout', '5000'],
    ['greetingTimeout', '5000'],
    ['socketTimeout', '10000'],
  ]) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, ms);
  }
  return url.toString();
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends mail through SMTP (`SMTP_URL`); without it, mail is only rendered (nodemailer's JSON
 * transport), so development shows what would be sent and sends nothing.
 */
@Injectable()
export class DecisionMailRepository {
  private readonly transport: Transporter;
  readonly kind: 'smtp' | 'preview';

  constructor(private readonly config: AppConfig) {
    this.kind = config.smtpUrl ? 'smtp' : 'preview';
    this.transport = config.smtpUrl
      ? nodemailer.createTransport(withTimeouts(config.smtpUrl))
      : nodemailer.createTransport({ jsonTransport: true });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: `Ideas Lab <no-reply@${new URL(this.config.publicUrl).hostname}>`,
      ...mail,
    });
  }
}
