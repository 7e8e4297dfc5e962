import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, actions, sendOnce, clock, audit, wire } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeCloseCycle } from './close-cycle';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, sendOnce, clock, audit });

export const handler = taskHandler(cycleRef, (input) => makeCloseCycle(ports())(input));
