import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { actions, outbox } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeNotifyActionOwners } from './notify-action-owners';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, outbox, sendOnce, links, clock, config });

export const handler = taskHandler(cycleRef, (input) => makeNotifyActionOwners(ports())(input));
