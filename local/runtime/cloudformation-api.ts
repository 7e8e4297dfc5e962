import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { STACK_NAME, STACK_OUTPUTS, type StackOutput } from '../../infra/stack-outputs';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './asl';

const XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * The stack's outputs as the deployed stack would give them for this local cloud: each output of
 * infra/stack-outputs.ts whose variable the local cloud sets, with that variable's value.
 */
export function localStackOutputs(env: Record<string, string | undefined>): Partial<Record<StackOutput, string>> {
  const outputs: Partial<Record<StackOutput, string>> = {};
  for (const [key, variable] of Object.entries(STACK_OUTPUTS) as [StackOutput, string][]) {
    const value = env[variable];
    if (value) outputs[key] = value;
  }
  return outputs;
}

/** A running stand-in: the `AWS_ENDPOINT_URL_CLOUDFORMATION` to give a client, and how to stop it. */
export interface LocalCloudFormation {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The one CloudFormation call the app makes: `DescribeStacks` (awsQuery: a url-encoded POST, an XML
 * answer), which `cycle --aws` sends to find the deployed stack. It answers for {@link STACK_NAME}, with
 * `outputs()` read at each call, so the local cloud stands in for a deployed stack and the CLI's --aws
 * path runs unchanged against it. Any other stack does not exist, as in AWS.
 */
export async function startLocalCloudFormation(outputs: () => Partial<Record<StackOutput, string>>): Promise<LocalCloudFormation> {
  const stackId = `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stack/${STACK_NAME}/00000000-0000-0000-0000-000000000000`;
  const created = new Date().toISOString();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const requestId = `local-${Date.now()}`;
      const reply = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
      };
      const error = (code: string, message: string) =>
        reply(
          400,
          `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
      const action = form.get('Action');
      if (action !== 'DescribeStacks') return error('InvalidAction', `The local cloud answers DescribeStacks only, not ${action ?? 'nothing'}.`);
      const name = form.get('StackName') ?? STACK_NAME;
      if (name !== STACK_NAME && name !== stackId) return error('ValidationError', `Stack with id ${name} does not exist`);
      const members = Object.entries(outputs())
        .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${escapeXml(String(value))}</OutputValue></member>`)
        .join('');
      return reply(
        200,
        `<DescribeStacksResponse xmlns="${XMLNS}"><DescribeStacksResult><Stacks><member>` +
          `<StackId>${stackId}</StackId><StackName>${STACK_NAME}</StackName><CreationTime>${created}</CreationTime>` +
          `<StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs>` +
          `</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
