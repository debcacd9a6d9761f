import { Navigate, createBrowserRouter } from 'react-router';
import { SignInPage, SignUpPage } from '../modules/auth/SignInPage.tsx';
import { guarded, lazyPage } from './guard.tsx';
import { RequireSession } from './Shell.tsx';
import { useSession } from './session.ts';

const WalletPage = guarded('token:read', () => import('../modules/wallet/WalletPage.tsx'));
const ExplorerPage = guarded('chain:read', () => import('../modules/explorer/ExplorerPage.tsx'));
const IssuancePage = guarded('token:issue', () => import('../modules/issuance/IssuancePage.tsx'));
const MembersPage = guarded('members:read', () => import('../modules/members/MembersPage.tsx'));
const ApiKeysPage = guarded('apikeys:manage', () => import('../modules/api-keys/ApiKeysPage.tsx'));
const SecurityPage = lazyPage(() => import('../modules/security/SecurityPage.tsx'));
const OrganizationsPage = lazyPage(() => import('../modules/organizations/OrganizationsPage.tsx'));

/** Where a signed-in person lands: their wallet, or creating an organisation when they have none yet. */
function Home() {
  const { claims } = useSession();
  return <Navigate to={claims?.org ? '/wallet' : '/organizations/new'} replace />;
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <Home /> },
      { path: 'wallet', element: <WalletPage /> },
      { path: 'explorer', element: <ExplorerPage /> },
      { path: 'issuance', element: <IssuancePage /> },
      { path: 'members', element: <MembersPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'security', element: <SecurityPage /> },
      { path: 'organizations/new', element: <OrganizationsPage /> },
    ],
  },
]);
