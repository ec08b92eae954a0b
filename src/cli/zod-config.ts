/** @module zod's one global setting for the CLI, in a module of its own so a command imports zod only when it validates something with it. */
import * as z from 'zod';

/**
 * Turn off zod's compilation of each object schema (new Function), which a one-shot process pays for and never
 * earns back.
 * @example
 * (await import('../zod-config.ts')).configureZodForCli();
 */
export function configureZodForCli(): void {
  z.config({ jitless: true });
}
