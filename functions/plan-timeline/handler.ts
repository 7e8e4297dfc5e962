import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makePlanTimeline } from './plan-timeline';

export const handler = taskHandler(cycleRef, (input) => makePlanTimeline(deps())(input));
