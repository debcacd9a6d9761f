import { useEffect, useRef, useState } from 'react';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * A form's own messages, each next to its field: after a failed submit the first field with a message gets the
 * focus, so a keyboard or screen-reader user lands on it.
 */
export function useFieldErrors<F extends string>() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrorsState] = useState<FieldErrors<F>>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  const setErrors = (next: FieldErrors<F>) => {
    setErrorsState(next);
    if (Object.values(next).some(Boolean)) setAttempt((n) => n + 1);
  };
  return { formRef, errors, setErrors };
}
