import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { outbox, interests } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeCirculatePapers } from './circulate-papers';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, outbox, sendOnce, links, clock, config, interests });

export const handler = taskHandler(cycleRef, (input) => makeCirculatePapers(ports())(input));
