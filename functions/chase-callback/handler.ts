import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, waits, links, clock, config, telemetry, interests, wire } from '../shared/runtime/wire';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { chaseInput } from './schema';
import { makeChaseCallback } from './chase-callback';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, waits, links, sendOnce, clock, config, telemetry, interests });

export const handler = taskHandler(chaseInput, (input) => makeChaseCallback(ports())(input));
