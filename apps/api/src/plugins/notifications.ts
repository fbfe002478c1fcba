import type { FastifyInstance } from 'fastify';
import { deliverPending, FileSmsTransport, LogSmsTransport, type SmsTransport } from '../features/notifications/outbox.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** deliver what the outbox holds now (called after a transaction that enqueued messages) */
    flushNotifications(): Promise<void>;
    smsTransport: SmsTransport;
  }
}

/** `SMS_TRANSPORT=file:/path` writes messages to a file; the default writes them to the server log. */
export function smsTransportFromEnv(app: FastifyInstance, setting: string | undefined): SmsTransport {
  if (setting?.startsWith('file:')) return new FileSmsTransport(setting.slice(5));
  return new LogSmsTransport(app.log);
}

/** Outbox delivery: right after a write that enqueued something; the notifications feature's job retries. */
export function registerNotifications(app: FastifyInstance, transport: SmsTransport): void {
  let running: Promise<void> = Promise.resolve();
  const flush = () => {
    // one delivery run at a time, in order
    running = running
      .then(async () => {
        while ((await deliverPending(app.db, app.cipher, transport, app.log, app.config.publicOrigin)) === 100);
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'notification delivery failed'));
    return running;
  };
  app.decorate('smsTransport', transport);
  app.decorate('flushNotifications', flush);
  app.addHook('onClose', async () => {
    await running;
  });
}
