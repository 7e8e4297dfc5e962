import { dynamo } from '../../functions/shared/runtime/clients';
import { s3 } from '../../functions/shared/runtime/on-demand/s3';
import { ses } from '../../functions/shared/runtime/on-demand/ses';
import { sfn } from '../../functions/shared/runtime/on-demand/sfn';
import { startLocalCloud, type LocalCloud } from '../cloud';
import { FaultInjector, type MiddlewareClient } from './injector';

export { KIND_LETTERS, FaultInjector, type FaultKind } from './injector';
export { runHarness, summaryLine, type HarnessOptions, type HarnessReport, type Injection } from './harness';

/**
 * A local cloud for the fault harness: no demo board (each run seeds its own), the injector around
 * every invocation and in the SDK clients the handlers share (built here, once the cloud has set their
 * endpoints).
 */
export async function startFaultCloud(): Promise<{ cloud: LocalCloud; injector: FaultInjector }> {
  const injector = new FaultInjector();
  // The harness counts faults, not the send rate: a quota high enough that no run waits for it.
  const cloud = await startLocalCloud({ seed: false, clockStart: new Date('2011-01-04T09:00:00Z'), aroundInvoke: injector.aroundInvoke, maxSendRate: 1000 });
  injector.install(...([dynamo(), s3(), ses(), sfn()] as unknown as MiddlewareClient[]));
  return { cloud, injector };
}
