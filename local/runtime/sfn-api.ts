import type { IncomingMessage, ServerResponse } from 'node:http';
import { NamedError, type LocalStepFunctions } from './local-step-functions';

type Json = Record<string, unknown>;

/**
 * The part of the Step Functions API (awsJson1_0, `X-Amz-Target: AWSStepFunctions.<Op>`) the app uses,
 * served by the local runner. Handlers and the CLI keep their real SFNClient; only
 * AWS_ENDPOINT_URL_SFN differs.
 */
export async function handleSfnApi(sfn: LocalStepFunctions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const op = target.replace(/^AWSStepFunctions\./, '');
  const body = await readJson(req);
  try {
    const out = operate(sfn, op, body);
    send(res, 200, out);
  } catch (err) {
    const name = err instanceof NamedError ? err.name : 'InvalidParameterValue';
    send(res, 400, { __type: name, message: (err as Error).message });
  }
}

function operate(sfn: LocalStepFunctions, op: string, body: Json): Json {
  switch (op) {
    case 'StartExecution': {
      if (body.stateMachineArn !== sfn.stateMachineArn) throw new NamedError('StateMachineDoesNotExist', `No state machine ${String(body.stateMachineArn)}`);
      const input = JSON.parse(String(body.input ?? '{}')) as Json;
      const execution = sfn.startExecution(input, typeof body.name === 'string' ? body.name : undefined);
      return { executionArn: execution.executionArn, startDate: Date.parse(execution.startDate) / 1000 };
    }
    case 'StopExecution': {
      const e = sfn.stopExecution(String(body.executionArn));
      if (!e) throw new NamedError('ExecutionDoesNotExist', `No execution ${String(body.executionArn)}`);
      return { stopDate: Date.parse(e.stopDate ?? e.startDate) / 1000 };
    }
    case 'SendTaskSuccess':
      sfn.sendTaskSuccess(String(body.taskToken), JSON.parse(String(body.output ?? '{}')));
      return {};
    case 'SendTaskFailure':
      sfn.sendTaskFailure(String(body.taskToken), String(body.error ?? 'Error'), String(body.cause ?? ''));
      return {};
    case 'DescribeStateMachine': {
      // Asked by `cycle doctor`, locally and with --aws against this cloud standing in for a stack.
      if (body.stateMachineArn !== sfn.stateMachineArn) throw new NamedError('StateMachineDoesNotExist', `No state machine ${String(body.stateMachineArn)}`);
      return { stateMachineArn: sfn.stateMachineArn, name: sfn.stateMachineArn.split(':').pop(), status: 'ACTIVE', type: 'STANDARD' };
    }
    case 'DescribeExecution': {
      const e = sfn.describe(String(body.executionArn));
      if (!e) throw new NamedError('ExecutionDoesNotExist', `No execution ${String(body.executionArn)}`);
      return {
        executionArn: e.executionArn,
        stateMachineArn: sfn.stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: Date.parse(e.startDate) / 1000,
        ...(e.stopDate ? { stopDate: Date.parse(e.stopDate) / 1000 } : {}),
        input: JSON.stringify(e.input),
        ...(e.output !== undefined ? { output: JSON.stringify(e.output) } : {}),
        ...(e.error ? { error: e.error, cause: e.cause } : {}),
      };
    }
    case 'GetExecutionHistory': {
      const e = sfn.describe(String(body.executionArn));
      if (!e) throw new NamedError('ExecutionDoesNotExist', `No execution ${String(body.executionArn)}`);
      const events = e.events.map((ev, i) => ({
        id: i + 1,
        timestamp: Date.parse(ev.at) / 1000,
        type: ev.type,
        ...(ev.state && ev.type === 'StateEntered' ? { stateEnteredEventDetails: { name: ev.state } } : {}),
        ...(ev.state && ev.type === 'StateExited' ? { stateExitedEventDetails: { name: ev.state } } : {}),
        ...(ev.error ? { executionFailedEventDetails: { error: ev.error, cause: ev.cause } } : {}),
      }));
      if (body.reverseOrder) events.reverse();
      const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? body.maxResults : events.length;
      return { events: events.slice(0, max) };
    }
    default:
      throw new NamedError('UnknownOperationException', `The local Step Functions API does not implement ${op}.`);
  }
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Json) : {};
}

function send(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}
