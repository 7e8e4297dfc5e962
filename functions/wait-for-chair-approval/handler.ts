import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, waits, workflow, documents, outbox, sendOnce, links, clock, config, interests, wire } from '../shared/runtime/deps';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForChairApproval } from './wait-for-chair-approval';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, workflow, documents, outbox, sendOnce, links, clock, config, interests });

export const handler = taskHandler(callbackInput, (input) => makeWaitForChairApproval(ports())(input));
