import { taskHandler } from '../shared/runtime/task';
import { cycles, wire } from '../shared/runtime/wire';
import { documents } from '../shared/runtime/builders/documents';
import { minutesRef } from './schema';
import { makeExtractActions } from './extract-actions';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ cycles, documents });

export const handler = taskHandler(minutesRef, (input) => makeExtractActions(ports())(input));
