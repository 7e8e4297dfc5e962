import fs from 'node:fs';
import { ASL_PATH } from '../runtime/asl';

type Json = Record<string, unknown>;

/** A Task state of the ASL, and whether it waits for a task token (a person resumes it through a link). */
export interface TaskState {
  name: string;
  callback: boolean;
}

function collect(states: Record<string, Json>, into: TaskState[]): void {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') into.push({ name, callback: String(state.Resource).endsWith('.waitForTaskToken') });
    for (const branch of (state.Branches as Json[] | undefined) ?? []) collect(branch.States as Record<string, Json>, into);
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (processor) collect(processor.States as Record<string, Json>, into);
  }
}

/**
 * Every Task state of the cycle's ASL, read from the file at run time (Parallel branches and Map
 * processors included), in the file's order: the harness injects into each, never into a list kept by hand.
 */
export function taskStates(file = ASL_PATH): TaskState[] {
  const definition = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  const tasks: TaskState[] = [];
  collect(definition.States as Record<string, Json>, tasks);
  return tasks;
}
