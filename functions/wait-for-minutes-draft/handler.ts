import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { waits, outbox } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { workflow } from '../shared/runtime/builders/workflow';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForMinutesDraft } from './wait-for-minutes-draft';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, workflow, outbox, sendOnce, links, clock, config });

export const handler = taskHandler(callbackInput, (input) => makeWaitForMinutesDraft(ports())(input));
