/** @module RFC 9457 problem details: every API error is `application/problem+json` with a type, a title, the status, a detail and, for bad input, one entry per problem with its field path. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
// A namespace import lets the bundler keep only the parts of zod in use (a named `z` keeps all of it).
import * as z from 'zod';
import type { InputProblem } from '../core/index.ts';

/** One problem in the request, as the CLI reports it: field path, what was expected, what was found. */
export const problemEntrySchema = z.object({
  path: z.string().meta({
    description:
      'field path in the request body: team.go in a profile posted to /api/decide, profile.team.go in a save request; or (root) / (body) / (query) seed / (path) id',
  }),
  expected: z.string(),
  found: z.string(),
  message: z.string(),
  suggestion: z.string().optional().meta({ description: 'a did-you-mean for a misspelt key or value' }),
});

export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: 'a URI naming the kind of problem, e.g. urn:gorust:problem:invalid-profile' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().meta({ description: 'the request path' }),
    errors: z.array(problemEntrySchema).optional(),
  })
  .meta({ description: 'RFC 9457 problem details' });

export type Problem = z.output<typeof problemSchema>;

/** The kinds of problem the API reports; the type URI is `urn:gorust:problem:<kind>`. */
export const PROBLEM_KINDS = {
  'invalid-json': 'Malformed JSON',
  'invalid-profile': 'Invalid profile',
  'invalid-request': 'Invalid request',
  'unsupported-media-type': 'Unsupported media type',
  'payload-too-large': 'Request body too large',
  unauthorized: 'Token required',
  'forbidden-origin': 'Cross-origin request refused',
  'forbidden-host': 'Unknown Host header',
  'not-found': 'Not found',
  'method-not-allowed': 'Method not allowed',
  'request-timeout': 'Request timeout',
  'headers-too-large': 'Request headers too large',
  unavailable: 'Server busy',
  stopping: 'Server stopping',
  'damaged-record': 'Damaged saved decision',
  internal: 'Internal error',
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The text of a problem+json body, for the places that answer without a Hono context (the socket server's own
 * errors in serve.ts); `problem()` sends the same body.
 * @example
 * problemText(431, 'headers-too-large', 'the request line and headers are larger than 16 KiB');
 */
export function problemText(
  status: number,
  kind: ProblemKind,
  detail: string,
  instance?: string,
  errors?: readonly InputProblem[],
): string {
  const body: Problem = {
    type: `urn:gorust:problem:${kind}`,
    title: PROBLEM_KINDS[kind],
    status,
    detail,
    ...(instance === undefined ? {} : { instance }),
    ...(errors && errors.length > 0
      ? {
          errors: errors.map((e) => ({
            path: e.path,
            expected: e.expected,
            found: e.found,
            message: e.message,
            ...(e.suggestion === undefined ? {} : { suggestion: e.suggestion }),
          })),
        }
      : {}),
  };
  return JSON.stringify(body);
}

/**
 * Send a problem+json response.
 * @example
 * return problem(c, 404, 'not-found', 'no saved decision with id 7');
 */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  kind: ProblemKind,
  detail: string,
  errors?: readonly InputProblem[],
): Response {
  return c.body(problemText(status, kind, detail, c.req.path, errors), status, {
    'content-type': PROBLEM_CONTENT_TYPE,
  });
}

/**
 * An error a handler throws to answer with a problem (caught by the app's error handler).
 * @example
 * throw new ProblemError(400, 'invalid-request', 'seed must be a whole number', [...]);
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  readonly status: ContentfulStatusCode;
  readonly kind: ProblemKind;
  readonly errors: InputProblem[];
  constructor(status: ContentfulStatusCode, kind: ProblemKind, detail: string, errors: InputProblem[] = []) {
    super(detail);
    this.status = status;
    this.kind = kind;
    this.errors = errors;
  }
}
