import { onFirstUse } from '../on-first-use';
import type { ConsoleRoute } from '../types';

/** Signing in by emailed link, and out: the console's only public routes, and sign-out. */
export const SIGN_IN_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: '/console/sign-in',
    access: 'public',
    summary: 'Sign in: ask for a link by email',
    handle: onFirstUse(() => import('./sign-in-page'), 'showSignIn'),
  },
  {
    method: 'POST',
    path: '/console/sign-in',
    access: 'public',
    summary: 'Email a sign-in link to an address that may sign in',
    handle: onFirstUse(() => import('./sign-in-page'), 'askForLink'),
  },
  {
    method: 'GET',
    path: '/console/sign-in/:token',
    access: 'public',
    summary: 'A sign-in link: a "Sign in" button only',
    handle: onFirstUse(() => import('./sign-in-link'), 'showLink'),
  },
  {
    method: 'POST',
    path: '/console/sign-in/:token',
    access: 'public',
    summary: 'Sign in with a link, once, from the browser that asked',
    handle: onFirstUse(() => import('./sign-in-link'), 'useLink'),
  },
  {
    method: 'POST',
    path: '/console/sign-out',
    access: 'signed-in',
    summary: 'Sign out here, or everywhere',
    handle: onFirstUse(() => import('./sign-out'), 'signOut'),
  },
];
