import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeSendActionReminders } from './send-action-reminders';

export const handler = taskHandler(cycleRef, (input) => makeSendActionReminders(deps())(input));
