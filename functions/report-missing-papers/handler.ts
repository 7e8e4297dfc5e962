import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, sendOnce, wire } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeReportMissingPapers } from './report-missing-papers';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, sendOnce });

export const handler = taskHandler(cycleRef, (input) => makeReportMissingPapers(ports())(input));
