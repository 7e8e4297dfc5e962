import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, wire } from '../shared/runtime/wire';
import { documents } from '../shared/runtime/builders/documents';
import { cycleRef } from '../shared/domain/validate';
import { makeBuildBoardPack } from './build-board-pack';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, documents, clock });

export const handler = taskHandler(cycleRef, (input) => makeBuildBoardPack(ports())(input));
