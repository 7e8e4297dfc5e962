import type { ConsoleRoute } from '../types';
import { SIGN_IN_LINK_ROUTES } from './sign-in-link';
import { SIGN_IN_PAGE_ROUTES } from './sign-in-page';
import { SIGN_OUT_ROUTES } from './sign-out';

/** Signing in by emailed link, and out: the console's only public routes, and sign-out. */
export const SIGN_IN_ROUTES: readonly ConsoleRoute[] = [...SIGN_IN_PAGE_ROUTES, ...SIGN_IN_LINK_ROUTES, ...SIGN_OUT_ROUTES];
