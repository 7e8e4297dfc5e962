import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { outbox, interests } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { documents } from '../shared/runtime/builders/documents';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeSendSupplementaryCirculation } from './send-supplementary-circulation';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, documents, outbox, sendOnce, links, clock, config, interests });

export const handler = taskHandler(cycleRef, (input) => makeSendSupplementaryCirculation(ports())(input));
