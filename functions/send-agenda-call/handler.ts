import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { outbox } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeSendAgendaCall } from './send-agenda-call';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, outbox, sendOnce, links, clock, config });

export const handler = taskHandler(cycleRef, (input) => makeSendAgendaCall(ports())(input));
