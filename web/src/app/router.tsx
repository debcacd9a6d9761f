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
const WebhooksPage = guarded('webhooks:manage', () => import('../modules/webhooks/WebhooksPage.tsx'));
const DeliveriesPage = guarded('webhooks:manage', () => import('../modules/webhooks/DeliveriesPage.tsx'));
const NotificationsPage = lazyPage(() => import('../modules/notifications/NotificationsPage.tsx'));
const NotificationPreferencesPage = lazyPage(() => import('../modules/notifications/PreferencesPage.tsx'));
const InvitationsPage = lazyPage(() => import('../modules/auth/InvitationsPage.tsx'));
const CheckMailboxPage = lazyPage(() => import('../modules/auth/CheckMailboxPage.tsx'));
const VerifyEmailPage = lazyPage(() => import('../modules/auth/VerifyEmailPage.tsx'));
const ForgotPasswordPage = lazyPage(() => import('../modules/auth/ForgotPasswordPage.tsx'));
const ResetPasswordPage = lazyPage(() => import('../modules/auth/ResetPasswordPage.tsx'));
const DevMailboxPage = lazyPage(() => import('../modules/auth/DevMailboxPage.tsx'));
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
  { path: '/check-mailbox', element: <CheckMailboxPage /> },
  { path: '/verify-email', element: <VerifyEmailPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/dev/mailbox', element: <DevMailboxPage /> },
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
      { path: 'webhooks', element: <WebhooksPage /> },
      { path: 'webhooks/:id', element: <DeliveriesPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'notifications/preferences', element: <NotificationPreferencesPage /> },
      { path: 'invitations', element: <InvitationsPage /> },
      { path: 'security', element: <SecurityPage /> },
      { path: 'organizations/new', element: <OrganizationsPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
