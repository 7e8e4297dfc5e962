import { taskHandler } from '../shared/runtime/task';
import { cycles, telemetry, clock, wire } from '../shared/runtime/wire';
import { audit } from '../shared/runtime/builders/records';
import { cycleRef } from '../shared/domain/validate';
import { makePlanTimeline } from './plan-timeline';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ cycles, telemetry, audit, clock });

export const handler = taskHandler(cycleRef, (input) => makePlanTimeline(ports())(input));
