import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, wire } from '../shared/runtime/wire';
import { actions } from '../shared/runtime/builders/records';
import { cycleRef } from '../shared/domain/validate';
import { makeBuildDraftAgenda } from './build-draft-agenda';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, clock });

export const handler = taskHandler(cycleRef, (input) => makeBuildDraftAgenda(ports())(input));
