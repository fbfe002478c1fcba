import { appendFileSync } from 'node:fs';
import { and, asc, eq, sql } from 'drizzle-orm';
import { notifications, type Database, type Tx } from '@lianxin/db';
import { maskPhone } from '@lianxin/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { safeError } from '../../security/log-redaction.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';

/** SMS texts; `{name}` placeholders come from the notification's params. */
export const smsTemplates = {
  otp: '【连心】您的登录验证码为 {code}，5 分钟内有效，请勿告诉他人。',
  application_code: '【连心】您的入会申请验证码为 {code}，5 分钟内有效，请勿告诉他人。',
  application_approved: '【连心】您的入会申请（{reference}）已通过，会员服务卡号 {cardNumber}。现在可以用本手机号登录连心，查看电子会员卡。',
  /** to the phone on the membership record, when someone applies with the ID number of an active member */
  application_already_member: '【连心】有人用您的身份证号提交了入会申请（{reference}）。您已是{union}的会员，无需再次申请；如工作单位变动，请联系所在工会办理组织关系转接。如非本人操作，请忽略。',
  /** to the phone of the pending application, when the same ID number applies again from another phone */
  application_pending_elsewhere: '【连心】有人用另一手机号以您的身份证号再次提交了入会申请，未重复受理；您的申请（{reference}）仍在审核中。如非本人操作，请联系{union}。',
  application_rejected: '【连心】您的入会申请（{reference}）未通过：{reason}',
  transfer_approved: '【连心】您的会员组织关系已转入 {union}。',
  /** 机制二: to the requester of a service request (限时办结 notices) */
  request_received: '【连心】您的诉求（编号 {id}）已由{union}受理，将于 {dueOn} 前办结。',
  /** to a requester without an account: `{link}` is the H5 follow page `/m/follow/<token>`, to find the request again */
  request_received_guest: '【连心】您的诉求（编号 {id}）已由{union}受理，将于 {dueOn} 前办结。查看进度请打开 {link}',
  request_extended: '【连心】您的诉求（编号 {id}）经单位负责人批准延期 {days} 个工作日，将于 {dueOn} 前办结。原因：{reason}',
  request_code: '【连心】您提交诉求的验证码为 {code}，5 分钟内有效，请勿告诉他人。',
  /** `{link}` is the H5 rating page `/m/rate/<token>`: rate 1–5 without signing in, once, until 未评价 closes it */
  request_resolved: '【连心】您的诉求（编号 {id}）已办结：{result}。请打开 {link} 评价（1–5 分）。',
} as const;
export type SmsTemplate = keyof typeof smsTemplates;

/** The text of an SMS; a `link` param holding an H5 path gets the deployment's public origin in front (PUBLIC_ORIGIN). */
export function renderSms(template: SmsTemplate, params: Record<string, string>, origin = ''): string {
  return smsTemplates[template].replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key] ?? '';
    return key === 'link' && value.startsWith('/') ? `${origin}${value}` : value;
  });
}

/** Where an SMS goes. The default writes to the server log; an SMS gateway plugs in here. */
export interface SmsTransport {
  send(phone: string, text: string, message: { template: SmsTemplate; params: Record<string, string> }): Promise<void>;
}

export class LogSmsTransport implements SmsTransport {
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(phone: string, text: string): Promise<void> {
    this.log.info({ to: maskPhone(phone) }, `SMS ${text}`);
  }
}

/** Appends each SMS as a JSON line (local development and browser tests read codes from it). */
export class FileSmsTransport implements SmsTransport {
  constructor(private readonly path: string) {}
  async send(phone: string, text: string, message: { template: SmsTemplate; params: Record<string, string> }): Promise<void> {
    appendFileSync(this.path, JSON.stringify({ phone, text, ...message, at: new Date().toISOString() }) + '\n', { mode: 0o600 });
  }
}

/** Keeps messages in memory (API tests). */
export class MemorySmsTransport implements SmsTransport {
  readonly sent: { phone: string; text: string; template: SmsTemplate; params: Record<string, string> }[] = [];
  async send(phone: string, text: string, message: { template: SmsTemplate; params: Record<string, string> }): Promise<void> {
    this.sent.push({ phone, text, ...message });
  }
}

/** Writes a notification inside the caller's transaction; it is delivered after commit. */
export async function enqueueSms(tx: Database | Tx, cipher: PiiCipher, phone: string, template: SmsTemplate, params: Record<string, string>) {
  await tx.insert(notifications).values({ channel: 'sms', recipientEnc: cipher.encrypt(phone), template, params });
}

/** Delivers pending notifications, oldest first; failures stay pending (up to 5 attempts). */
export async function deliverPending(db: Database, cipher: PiiCipher, transport: SmsTransport, log: FastifyBaseLogger, origin = ''): Promise<number> {
  const pending = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.status, 'pending')))
    .orderBy(asc(notifications.id))
    .limit(100);
  for (const n of pending) {
    const template = n.template as SmsTemplate;
    try {
      await transport.send(cipher.decrypt(n.recipientEnc), renderSms(template, n.params, origin), { template, params: n.params });
      await db.update(notifications).set({ status: 'sent', sentAt: sql`now()`, attempts: n.attempts + 1 }).where(eq(notifications.id, n.id));
    } catch (error) {
      log.warn({ err: error, notification: n.id }, 'SMS delivery failed');
      await db
        .update(notifications)
        // a gateway's error may quote the number: keep what the log would keep
        .set({ attempts: n.attempts + 1, lastError: String(safeError(error).message), status: n.attempts + 1 >= 5 ? 'failed' : 'pending' })
        .where(eq(notifications.id, n.id));
    }
  }
  return pending.length;
}
