import { Navigate, createBrowserRouter } from 'react-router';
import { SignInPage, SignUpPage } from '../modules/auth/SignInPage.tsx';
import { Welcome } from '../modules/organizations/WelcomePage.tsx';
import { guarded, lazyPage } from './guard.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { RequireSession } from './Shell.tsx';
import { useSession } from './session.ts';

const WalletPage = guarded('token:read', () => import('../modules/wallet/WalletPage.tsx'));
const HistoryPage = guarded('token:read', () => import('../modules/wallet/HistoryPage.tsx'));
const TransactionPage = guarded('token:read', () => import('../modules/wallet/TransactionPage.tsx'));
const ExplorerPage = guarded('chain:read', () => import('../modules/explorer/ExplorerPage.tsx'));
const IssuancePage = guarded('token:issue', () => import('../modules/issuance/IssuancePage.tsx'));
const MembersPage = guarded('members:read', () => import('../modules/members/MembersPage.tsx'));
const ApiKeysPage = guarded('apikeys:manage', () => import('../modules/api-keys/ApiKeysPage.tsx'));
const SettingsPage = guarded('org:read', () => import('../modules/organizations/SettingsPage.tsx'));
const BuyPage = guarded('payment:create', () => import('../modules/payments/BuyPage.tsx'));
const MyPaymentsPage = guarded('payment:read', () => import('../modules/payments/MyPaymentsPage.tsx'));
const SalesPage = guarded('payment:manage', () => import('../modules/payments/SalesPage.tsx'));
const PricesPage = guarded('payment:manage', () => import('../modules/payments/PricesPage.tsx'));
const DashboardPage = guarded('analytics:read', () => import('../modules/analytics/DashboardPage.tsx'));
const AuditPage = guarded('audit:read', () => import('../modules/audit/AuditPage.tsx'));
const SecurityPage = lazyPage(() => import('../modules/security/SecurityPage.tsx'));
const OrganizationsPage = lazyPage(() => import('../modules/organizations/OrganizationsPage.tsx'));

/** Where a signed-in person lands: their wallet, or the welcome page when they belong to no organisation yet. */
function Home() {
  const { claims } = useSession();
  return claims?.org ? <Navigate to="/wallet" replace /> : <Welcome />;
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
      { path: 'history', element: <HistoryPage /> },
      { path: 'transactions/:id', element: <TransactionPage /> },
      { path: 'explorer', element: <ExplorerPage /> },
      { path: 'issuance', element: <IssuancePage /> },
      { path: 'members', element: <MembersPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'buy', element: <BuyPage /> },
      { path: 'payments', element: <MyPaymentsPage /> },
      { path: 'sales', element: <SalesPage /> },
      { path: 'prices', element: <PricesPage /> },
      { path: 'analytics', element: <DashboardPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'security', element: <SecurityPage /> },
      { path: 'organizations/new', element: <OrganizationsPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
