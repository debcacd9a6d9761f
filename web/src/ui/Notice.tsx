import { Text } from '@chakra-ui/react';
import { useState } from 'react';
import { messageFor } from './errors.ts';

export type NoticeState = { ok: boolean; text: string } | null;

/** A notice and the way to run an action under it: the notice clears, and a failure is told in words. */
export function useNoticedAction() {
  const [notice, setNotice] = useState<NoticeState>(null);
  const attempt = async (work: () => Promise<void>) => {
    setNotice(null);
    try {
      await work();
    } catch (err) {
      setNotice({ ok: false, text: messageFor(err) });
    }
  };
  return { notice, setNotice, attempt };
}

/** Success is announced politely, failure as an alert, both in words. */
export function Notice({ notice }: { notice: NoticeState }) {
  if (!notice) return null;
  return <Text role={notice.ok ? 'status' : 'alert'} color={notice.ok ? 'fg.success' : 'fg.error'} fontWeight="medium">{notice.text}</Text>;
}
