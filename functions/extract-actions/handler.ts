import { taskHandler } from '../shared/runtime/task';
import { cycles, documents, wire } from '../shared/runtime/deps';
import { minutesRef } from './schema';
import { makeExtractActions } from './extract-actions';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ cycles, documents });

export const handler = taskHandler(minutesRef, (input) => makeExtractActions(ports())(input));
