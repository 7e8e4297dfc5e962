import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import { makeSendAgendaCall } from './send-agenda-call';

export const handler = taskHandler(cycleRef, (input) => makeSendAgendaCall(deps())(input));
