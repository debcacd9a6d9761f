import { ApolloProvider } from '@apollo/client/react';
import { ChakraProvider } from '@chakra-ui/react';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createApolloClient } from './app/apollo.ts';
import { refreshSession } from './app/auth-fetch.ts';
import { startColorMode } from './app/color-mode.ts';
import { startI18n } from './app/i18n.ts';
import { router } from './app/router.tsx';
import { forgetStoredTokens } from './app/session.ts';
import { DEFAULT_BRAND, brandSystem } from './app/theme.ts';

const client = createApolloClient();
const system = brandSystem(DEFAULT_BRAND);
startColorMode();
forgetStoredTokens();

/**
 * On load, the person's language is loaded and a stored refresh token restores the session, both before any page
 * decides whether to ask for sign-in.
 */
function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void Promise.allSettled([startI18n(), refreshSession()]).finally(() => setReady(true));
  }, []);
  if (!ready) return null;
  return (
    <ApolloProvider client={client}>
      <ChakraProvider value={system}>
        <RouterProvider router={router} />
      </ChakraProvider>
    </ApolloProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
