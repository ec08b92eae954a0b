/** @module Errors as data: a user's mistake (exit 2) versus our bug (exit 1). The CLI maps them to exit codes in one place. */

/** One problem found in a user's input, with the field path, what was expected and what was found. */
export type InputProblem = {
  path: string;
  expected: string;
  found: string;
  message: string;
  suggestion?: string | undefined;
};

/** Bad input from the user: shown as a message, never as a stack trace; exit code 2. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly problems: InputProblem[];
  constructor(message: string, problems: InputProblem[] = []) {
    super(message);
    this.problems = problems;
  }

  /**
   * Recognised by its shape, not its class: the built CLI and the built server are separate bundles, each with its
   * own copy of this class, and a server error (a port in use) must still be the user's, exit 2.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      value instanceof Error &&
      value.name === 'UserError' &&
      Array.isArray((value as { problems?: unknown }).problems)
    );
  }
}

/** A bug of ours: exit code 1. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}
