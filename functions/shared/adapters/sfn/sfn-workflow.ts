import { SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand, StopExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { NotWaitingError, RetryableError } from '../../domain/errors';
import type { ExecutionInput } from '../../domain/states';
import type { Workflow } from '../../ports';
import { mapSdkError, mapSdkErrors } from '../errors';

const NOT_WAITING = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

/** The cycle's state machine through the Step Functions API (the local cloud serves the same API). */
export class SfnWorkflow implements Workflow {
  constructor(
    private readonly client: SFNClient,
    /** Read when starting, so functions that only resume callbacks need no state machine ARN. */
    private readonly stateMachineArn: () => string,
  ) {
    mapSdkErrors(client);
  }

  async start(name: string, input: ExecutionInput): Promise<string> {
    const out = await this.call(() =>
      this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn(), name, input: JSON.stringify(input) })),
    );
    if (!out.executionArn) throw new RetryableError('Step Functions returned no execution ARN');
    return out.executionArn;
  }

  async stop(executionArn: string, cause: string): Promise<void> {
    await this.call(() => this.client.send(new StopExecutionCommand({ executionArn, cause }))).catch((err: unknown) => {
      if ((err as { name?: string }).name !== 'ExecutionDoesNotExist') throw err;
    });
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await this.call(() => this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    await this.call(() => this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      if (NOT_WAITING.has(name)) {
        throw new NotWaitingError('The cycle is no longer waiting for this answer.', { cause: err });
      }
      throw mapSdkError(err);
    }
  }
}
