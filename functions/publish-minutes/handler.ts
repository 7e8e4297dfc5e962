import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { actions, outbox, audit } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { documents } from '../shared/runtime/builders/documents';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { minutesRef } from '../extract-actions/schema';
import { makePublishMinutes } from './publish-minutes';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, documents, outbox, sendOnce, links, clock, config, audit });

export const handler = taskHandler(minutesRef, (input) => makePublishMinutes(ports())(input));
