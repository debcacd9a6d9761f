import { Spinner, Text } from '@chakra-ui/react';
import { lazy, Suspense, type ComponentType } from 'react';
import type { Scope } from '@etika/schema/permissions';
import { Welcome } from '../modules/organizations/WelcomePage.tsx';
import { loadModuleStrings, useI18n } from './i18n.ts';
import { useSession } from './session.ts';

function Loading() {
  const { t } = useI18n();
  return <Spinner role="status" aria-label={t('common.loading')} />;
}

/** A module page's code and its strings, loaded together. */
const withStrings = (load: () => Promise<{ default: ComponentType }>) => () => Promise.all([load(), loadModuleStrings()]).then(([page]) => page);

/**
 * A module page that is only downloaded for people allowed to use it: the permission is checked before
 * `React.lazy` is rendered, so without the scope the chunk is never requested. Without an organisation, the
 * welcome page says how to get one.
 */
export function guarded(scope: Scope, load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(withStrings(load));
  return function GuardedPage() {
    const { t } = useI18n();
    const { claims, can } = useSession();
    if (!claims?.org) return <Welcome />;
    if (!can(scope)) return <Text role="alert">{t('guard.notAllowed')}</Text>;
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}

/** A page every signed-in person may open, still split into its own chunk. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(withStrings(load));
  return function LazyPage() {
    return (
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  };
}
