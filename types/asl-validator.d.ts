declare module 'asl-validator' {
  /** Validates an Amazon States Language definition against its JSON schema and path rules. */
  export default function validate(definition: unknown): { isValid: boolean; errors: unknown[] };
}
