import fs from 'node:fs';
import path from 'node:path';
import { TASK_FUNCTIONS } from '../../functions/catalog';

export const ASL_PATH = path.join(__dirname, '..', '..', 'statemachines', 'meeting-cycle.asl.json');
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'eu-west-2';
const WAIT_RESOURCE = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:local-virtual-wait`;
/** Under Node's 2^31 ms timer limit, so the library's real timer for a callback never fires first. */
const REAL_TIMER_CEILING_SECONDS = 2_000_000;

export const localFunctionArn = (id: string): string => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:meeting-cycle-${id}`;

type Json = Record<string, unknown>;

/** How the local runner must drive one state of the ASL. */
export type LocalStatePlan =
  { kind: 'task'; functionDir: string } | { kind: 'callback'; functionDir: string; timeoutSeconds: number } | { kind: 'wait'; timestampPath: string };

/** The parameter a callback with TimeoutSecondsPath carries its timeout in, locally only: the library reads no such path. */
export const LOCAL_TIMEOUT_PARAMETER = 'LocalTimeoutSeconds';

export interface LocalDefinition {
  definition: Json;
  plans: Map<string, LocalStatePlan>;
}

/**
 * Loads the one ASL file and adapts it, in memory only, for the local runner: substitutions become
 * local ARNs; each Wait becomes a Task whose local handler resolves on the virtual clock; each callback
 * keeps its timeout on the virtual clock instead of a real timer. The file on disk is never changed.
 */
export function loadLocalDefinition(file = ASL_PATH): LocalDefinition {
  const raw = fs.readFileSync(file, 'utf8');
  const byArn = new Map<string, string>();
  const substituted = raw.replace(/\$\{([A-Za-z0-9]+)\}/g, (_m, name: string) => {
    const spec = TASK_FUNCTIONS.find((f) => f.substitution === name);
    if (!spec) throw new Error(`The ASL uses \${${name}}, which no function in functions/catalog.ts provides.`);
    const arn = localFunctionArn(spec.id);
    byArn.set(arn, spec.dir);
    return arn;
  });
  const definition = JSON.parse(substituted) as Json;
  delete definition.TimeoutSeconds;
  const plans = new Map<string, LocalStatePlan>();
  adaptStates(definition.States as Record<string, Json>, byArn, plans);
  return { definition, plans };
}

function adaptStates(states: Record<string, Json>, byArn: Map<string, string>, plans: Map<string, LocalStatePlan>): void {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Wait') {
      const timestampPath = state.TimestampPath;
      if (typeof timestampPath !== 'string') {
        throw new Error(`Wait state ${name} must use TimestampPath (the timeline drives every wait).`);
      }
      plans.set(name, { kind: 'wait', timestampPath });
      states[name] = {
        Type: 'Task',
        Comment: state.Comment,
        Resource: WAIT_RESOURCE,
        ResultPath: null,
        TimeoutSeconds: REAL_TIMER_CEILING_SECONDS,
        ...(state.Next ? { Next: state.Next } : { End: true }),
      };
      continue;
    }
    if (state.Type !== 'Task') {
      for (const branch of (state.Branches as Json[] | undefined) ?? []) adaptStates(branch.States as Record<string, Json>, byArn, plans);
      const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
      if (processor) adaptStates(processor.States as Record<string, Json>, byArn, plans);
      continue;
    }
    const resource = String(state.Resource);
    if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
      const fnArn = String((state.Parameters as Json | undefined)?.FunctionName);
      const dir = byArn.get(fnArn);
      if (!dir) throw new Error(`Task ${name} invokes ${fnArn}, which is not a catalogued function.`);
      if (resource.endsWith('.waitForTaskToken')) {
        plans.set(name, { kind: 'callback', functionDir: dir, timeoutSeconds: Number(state.TimeoutSeconds) });
        if (typeof state.TimeoutSecondsPath === 'string') {
          state.Parameters = { ...(state.Parameters as Json), [`${LOCAL_TIMEOUT_PARAMETER}.$`]: state.TimeoutSecondsPath };
          delete state.TimeoutSecondsPath;
        }
        state.TimeoutSeconds = REAL_TIMER_CEILING_SECONDS;
      } else {
        plans.set(name, { kind: 'task', functionDir: dir });
      }
      continue;
    }
    const dir = byArn.get(resource);
    if (!dir) throw new Error(`Task ${name} uses resource ${resource}, which is not a catalogued function.`);
    plans.set(name, { kind: 'task', functionDir: dir });
  }
}

/** Reads a simple `$.a.b` JSONPath from a state's input. */
export function readPath(input: unknown, jsonPath: string): unknown {
  if (!jsonPath.startsWith('$')) throw new Error(`Unsupported path ${jsonPath}`);
  return jsonPath
    .slice(1)
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Json)[key] : undefined), input);
}
