import { Spinner, Text } from '@chakra-ui/react';
import { lazy, Suspense, type ComponentType } from 'react';
import type { Scope } from '@etika/schema/permissions';
import { useSession } from './session.ts';

/**
 * A module page that is only downloaded for people allowed to use it: the permission is checked before
 * `React.lazy` is rendered, so without the scope the chunk is never requested.
 */
export function guarded(scope: Scope, load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(load);
  return function GuardedPage() {
    const { can } = useSession();
    if (!can(scope)) return <Text role="alert">You are not allowed to see this page in this organisation.</Text>;
    return (
      <Suspense fallback={<Spinner role="status" aria-label="Loading" />}>
        <Page />
      </Suspense>
    );
  };
}

/** A page every signed-in person may open, still split into its own chunk. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(load);
  return function LazyPage() {
    return (
      <Suspense fallback={<Spinner role="status" aria-label="Loading" />}>
        <Page />
      </Suspense>
    );
  };
}
