import { compose } from './layout';
import type { EmailBase, RenderedEmail } from './layout';

/** `console-sign-in`: to someone who asked to sign in to the console, with the link that signs them in. */
export interface ConsoleSignInData extends EmailBase {
  signInUrl: string;
  /** How long the link works, in minutes. */
  minutes: number;
}

/** The console's sign-in link: single use, short-lived, and only in the browser that asked for it. */
export function consoleSignInEmail(data: ConsoleSignInData): RenderedEmail {
  return compose(data, {
    subject: 'Your link to sign in to the meeting-cycle console',
    lead: 'Here is the link you asked for to sign in to the meeting-cycle console.',
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Link works for', value: `${data.minutes} minutes, once` },
          { label: 'Open it in', value: 'the same browser where you asked for it' },
        ],
      },
      { type: 'button', label: 'Sign in to the console', url: data.signInUrl },
      {
        type: 'paragraph',
        text: 'If you did not ask to sign in, ignore this email: the link works only in the browser that asked for it, and nothing has changed.',
      },
    ],
  });
}
