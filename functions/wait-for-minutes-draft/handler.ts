import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, waits, outbox, links, clock, config, wire } from '../shared/runtime/wire';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { workflow } from '../shared/runtime/builders/workflow';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForMinutesDraft } from './wait-for-minutes-draft';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, workflow, outbox, sendOnce, links, clock, config });

export const handler = taskHandler(callbackInput, (input) => makeWaitForMinutesDraft(ports())(input));
