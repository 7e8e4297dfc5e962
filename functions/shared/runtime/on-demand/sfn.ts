import { SFNClient } from '@aws-sdk/client-sfn';
import { SfnWorkflow } from '../../adapters/sfn/sfn-workflow';
import { once } from '../clients';
import { requireEnv } from '../env';
import { traced } from '../tracing';

/*
 * Loaded by its builder (runtime/builders/) with `import()` on a function's first call to the state machine: a link page
 * resumes a wait only when its form is answered, never to show it.
 */

/** The Step Functions client. */
export const sfn = /* @__PURE__ */ once(() => traced(new SFNClient({})));

/** The workflow on STATE_MACHINE_ARN (read when starting, so resuming needs no ARN). */
export const makeWorkflow = (): SfnWorkflow => new SfnWorkflow(sfn(), () => requireEnv('STATE_MACHINE_ARN'));
