import { Box, Button, HStack, Heading, Stack, Text } from '@chakra-ui/react';
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../app/i18n.ts';
import { Notice, type NoticeState } from './Notice.tsx';

/**
 * The second look before money moves: what will happen, in a sentence, and what it leaves. The heading takes the
 * focus, so the Enter that opened the review cannot also confirm it.
 */
export function Review(props: {
  question: string;
  details: ReactNode;
  confirmLabel: string;
  busy: boolean;
  notice: NoticeState;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Box as="section" aria-labelledby="review-heading" borderWidth="2px" borderColor="brand.solid" borderRadius="md" p={4} maxW="lg">
      <Stack gap={3}>
        <Text fontSize="sm" fontWeight="semibold">{t('review.title')}</Text>
        <Heading as="h3" id="review-heading" size="md" tabIndex={-1} ref={heading}>{props.question}</Heading>
        {props.details}
        <Notice notice={props.notice} />
        <HStack gap={3}>
          <Button type="button" colorPalette="brand" loading={props.busy} onClick={props.onConfirm}>{props.confirmLabel}</Button>
          <Button type="button" variant="outline" onClick={props.onBack}>{t('review.back')}</Button>
        </HStack>
      </Stack>
    </Box>
  );
}
