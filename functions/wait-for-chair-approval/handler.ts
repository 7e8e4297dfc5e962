import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { waits, outbox, interests } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { documents } from '../shared/runtime/builders/documents';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { workflow } from '../shared/runtime/builders/workflow';
import { callbackInput } from '../shared/services/callbacks';
import { makeWaitForChairApproval } from './wait-for-chair-approval';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, workflow, documents, outbox, sendOnce, links, clock, config, interests });

export const handler = taskHandler(callbackInput, (input) => makeWaitForChairApproval(ports())(input));
