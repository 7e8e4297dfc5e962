import type { AddressInfo } from 'node:net';
import server from 'aws-ses-v2-local';
import type { Email } from 'aws-ses-v2-local/dist/store';
import type { RunningEmulator } from './local-aws';
import { LOOPBACK } from './local-aws';

/** One email as the SES emulator stored it (`at` is epoch seconds). */
export type MailboxEmail = Email;

/**
 * Starts aws-ses-v2-local on a free loopback port. It accepts SESv2 SendEmail and keeps every message
 * in memory, readable with {@link fetchMailbox}.
 *
 * Its store is a module-level singleton: two emulators started in one process share one mailbox, and
 * stopping one does not empty it. Call {@link clearMailbox} between tests that count messages.
 */
export async function startSes(): Promise<RunningEmulator> {
  const http = await server({ host: LOOPBACK, port: 0 });
  const { port } = http.address() as AddressInfo;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep sockets alive; without this close() waits for them to time out.
        http.closeAllConnections();
      }),
  };
}

/** Every email the emulator has received, oldest first. */
export async function fetchMailbox(endpoint: string): Promise<MailboxEmail[]> {
  const response = await fetch(new URL('/store', endpoint));
  if (!response.ok) throw new Error(`SES emulator mailbox: HTTP ${response.status}`);
  const body = (await response.json()) as { emails: MailboxEmail[] };
  return body.emails;
}

/** Empties the emulator's mailbox (and its templates). */
export async function clearMailbox(endpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', endpoint), { method: 'POST' });
  if (!response.ok) throw new Error(`SES emulator clear-store: HTTP ${response.status}`);
}
