import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, telemetry, wire } from '../shared/runtime/wire';
import { audit } from '../shared/runtime/builders/records';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { failureInput } from './schema';
import { makeRecordFailure } from './record-failure';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, sendOnce, clock, telemetry, audit });

export const handler = taskHandler(failureInput, (input) => makeRecordFailure(ports())(input));
