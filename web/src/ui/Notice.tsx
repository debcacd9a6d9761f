import { Text } from '@chakra-ui/react';

export type NoticeState = { ok: boolean; text: string } | null;

/** Success is announced politely, failure as an alert, both in words. */
export function Notice({ notice }: { notice: NoticeState }) {
  if (!notice) return null;
  return <Text role={notice.ok ? 'status' : 'alert'} color={notice.ok ? 'fg.success' : 'fg.error'} fontWeight="medium">{notice.text}</Text>;
}
