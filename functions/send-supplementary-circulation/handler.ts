import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, documents, outbox, sendOnce, links, clock, config, interests, wire } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeSendSupplementaryCirculation } from './send-supplementary-circulation';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, documents, outbox, sendOnce, links, clock, config, interests });

export const handler = taskHandler(cycleRef, (input) => makeSendSupplementaryCirculation(ports())(input));
