import type { Logger } from '@etika/kit';
import type { MailService } from './mail/mail.service.ts';
import type { WebhookWorker } from './webhook/webhook.worker.ts';

export interface Workers {
  /** Runs a pass now (after an event or a replay) instead of at the next tick. */
  kick(): void;
  stop(): Promise<void>;
}

/** The mail and webhook senders, on a timer; one pass at a time, and a kick during a pass runs another after it. */
export function startWorkers(mail: MailService, webhooks: WebhookWorker, intervalMs: number, logger: Logger): Workers {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async () => {
    await webhooks.runDue().catch((err: unknown) => logger.error({ err }, 'webhook pass failed'));
    await mail.sendDue().catch((err: unknown) => logger.error({ err }, 'mail pass failed'));
  };
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const tick = () => {
    void run().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  if (intervalMs > 0) timer = setTimeout(tick, 0);
  return {
    kick: () => {
      if (intervalMs > 0 && !stopped) void run();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
