import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, wire } from '../shared/runtime/wire';
import { actions, audit } from '../shared/runtime/builders/records';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeCloseCycle } from './close-cycle';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, sendOnce, clock, audit });

export const handler = taskHandler(cycleRef, (input) => makeCloseCycle(ports())(input));
