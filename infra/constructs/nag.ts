import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The cdk-nag 3 finding id for an IAM5 wildcard on `<resource ARN><suffix>`, e.g. `/*` for a bucket's
 * objects. cdk-nag 3 acknowledges each finding by its exact id, which embeds the resource's logical id;
 * computing it keeps the acknowledgement tied to that one resource instead of a hand-copied hash.
 */
export function iam5WildcardFinding(resource: IConstruct, suffix: string): string {
  const cfn = resource.node.defaultChild as CfnElement | undefined;
  if (!cfn) throw new Error(`${resource.node.path} has no CloudFormation resource to name in an IAM5 finding`);
  const stack = Stack.of(cfn);
  const logicalId: unknown = stack.resolve(stack.getLogicalId(cfn));
  return `AwsSolutions-IAM5[Resource::<${String(logicalId)}.Arn>${suffix}]`;
}

/**
 * A string as cdk-nag names it in a finding id: references to pseudo parameters and resources become
 * `<AWS::Region>`, `<LogicalId>`, `<LogicalId.Arn>`, and joins are joined.
 */
export function nagNotation(stack: Stack, value: string): string {
  const render = (part: unknown): string => {
    if (typeof part === 'string') return part;
    const token = part as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
    if (token.Ref) return `<${token.Ref}>`;
    if (token['Fn::GetAtt']) return `<${token['Fn::GetAtt'].join('.')}>`;
    if (token['Fn::Join']) return token['Fn::Join'][1].map(render).join(token['Fn::Join'][0]);
    throw new Error(`Cannot name ${JSON.stringify(part)} as cdk-nag does`);
  };
  return render(stack.resolve(value));
}
