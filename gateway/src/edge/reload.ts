import { readFile } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from '@etika/kit';

export interface SupergraphWatch {
  close(): void;
}

/**
 * Watches the supergraph file (polling, so an atomic rename by a deploy is seen like an edit) and hands each new
 * text to `apply`, one at a time. A text that does not build is logged and the gateway keeps serving the one it
 * has: a bad deploy never takes the gateway down. Each text is tried once, however many times the file's stat changes.
 */
export function watchSupergraph(
  path: string,
  current: string,
  apply: (sdl: string) => Promise<void>,
  logger: Logger,
  onReload: (ok: boolean) => void,
  intervalMs = 1_000,
): SupergraphWatch {
  // the last text tried, applied or refused: one write can change the file's stat more than once (truncated, then
  // written), and a text already refused is not refused, logged and counted again
  let tried = current;
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = running.then(async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        logger.warn({ err, path }, 'the supergraph file cannot be read; keeping the current one');
        return;
      }
      if (text === tried || !text.trim()) return;
      tried = text;
      try {
        await apply(text);
        onReload(true);
        logger.info({ path }, 'supergraph reloaded');
      } catch (err) {
        onReload(false);
        logger.error({ err, path }, 'the new supergraph does not build; keeping the current one');
      }
    });
  };
  watchFile(path, { interval: intervalMs, persistent: false }, check);
  return { close: () => unwatchFile(path, check) };
}
