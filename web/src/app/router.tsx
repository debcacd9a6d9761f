import { Navigate, createBrowserRouter } from 'react-router';
import { SignInPage, SignUpPage } from '../modules/auth/SignInPage.tsx';
import { guarded } from './guard.tsx';
import { RequireSession } from './Shell.tsx';

const WalletPage = guarded('token:read', () => import('../modules/wallet/WalletPage.tsx'));
const ExplorerPage = guarded('chain:read', () => import('../modules/explorer/ExplorerPage.tsx'));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/wallet" replace /> },
      { path: 'wallet', element: <WalletPage /> },
      { path: 'explorer', element: <ExplorerPage /> },
    ],
  },
]);
