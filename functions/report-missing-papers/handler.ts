import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, wire } from '../shared/runtime/wire';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { cycleRef } from '../shared/domain/validate';
import { makeReportMissingPapers } from './report-missing-papers';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, sendOnce });

export const handler = taskHandler(cycleRef, (input) => makeReportMissingPapers(ports())(input));
