import type { Check } from './check';
import { inboundMx, inboundRuleSet, senderIdentity, sendingAccount } from './mail-checks';
import { alarmSubscription, appHealth, bucket, localCloud, stackOutputs, stateMachine, table } from './stack-checks';

/** Every check `cycle doctor` runs, in the order it reports them: reaching the target first, then what sends and receives mail. */
export const CHECKS: readonly Check[] = [
  localCloud,
  stackOutputs,
  appHealth,
  table,
  bucket,
  stateMachine,
  sendingAccount,
  senderIdentity,
  inboundRuleSet,
  inboundMx,
  alarmSubscription,
];
