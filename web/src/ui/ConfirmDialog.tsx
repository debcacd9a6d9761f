import { Button, Dialog, HStack, Portal, Text } from '@chakra-ui/react';
import { useRef } from 'react';
import { useI18n } from '../app/i18n.ts';

/** Asks before something that cannot simply be taken back, and says what follows. Cancel has the focus. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog.Root open={props.open} role="alertdialog" initialFocusEl={() => cancelRef.current} onOpenChange={(e) => { if (!e.open) props.onCancel(); }}>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            <Dialog.Header><Dialog.Title>{props.title}</Dialog.Title></Dialog.Header>
            <Dialog.Body><Text>{props.body}</Text></Dialog.Body>
            <Dialog.Footer>
              <HStack gap={3}>
                <Button ref={cancelRef} variant="outline" onClick={props.onCancel}>{t('common.cancel')}</Button>
                <Button colorPalette="red" loading={props.busy ?? false} onClick={props.onConfirm}>{props.confirmLabel}</Button>
              </HStack>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}
