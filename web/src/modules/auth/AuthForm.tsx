import { Box, Button, Field, Flex, Heading, Input, Stack, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Preferences } from '../../app/Preferences.tsx';

export interface AuthField {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly autoComplete: string;
}

/** One accessible form layout for sign-in, sign-up and the second step, with the language and theme switches. */
export function AuthForm(props: {
  title: string;
  fields: readonly AuthField[];
  submitLabel: string;
  error: string | null;
  /** Problems with one field, shown next to it; the first one gets the focus. */
  fieldErrors?: Readonly<Record<string, string>>;
  busy: boolean;
  onSubmit: (values: Record<string, string>) => void;
  footer?: ReactNode;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (props.fieldErrors && Object.keys(props.fieldErrors).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [props.fieldErrors]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(values);
  };
  return (
    <Box as="main" maxW="sm" mx="auto" mt={{ base: 6, md: 16 }} px={4}>
      <Flex justify="end" mb={{ base: 6, md: 8 }}><Preferences /></Flex>
      <Heading as="h1" size="xl" mb={6}>{props.title}</Heading>
      <form onSubmit={submit} noValidate ref={formRef}>
        <Stack gap={4}>
          {props.fields.map((f) => (
            <Field.Root key={f.name} required invalid={Boolean(props.fieldErrors?.[f.name])}>
              <Field.Label>{f.label}</Field.Label>
              <Input name={f.name} type={f.type} autoComplete={f.autoComplete} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} />
              <Field.ErrorText>{props.fieldErrors?.[f.name]}</Field.ErrorText>
            </Field.Root>
          ))}
          {props.error && <Text role="alert" color="fg.error">{props.error}</Text>}
          <Button type="submit" colorPalette="brand" loading={props.busy}>{props.submitLabel}</Button>
          {props.footer}
        </Stack>
      </form>
    </Box>
  );
}
