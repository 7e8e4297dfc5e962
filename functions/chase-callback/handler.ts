import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, telemetry, wire } from '../shared/runtime/wire';
import { waits, interests } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { chaseInput } from './schema';
import { makeChaseCallback } from './chase-callback';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, links, sendOnce, clock, config, telemetry, interests });

export const handler = taskHandler(chaseInput, (input) => makeChaseCallback(ports())(input));
