/** @module For tests: a CliIo that collects what a command writes, so a test runs gorust in-process and reads its output. */
import type { CliIo } from './io.ts';

/**
 * A CliIo whose stdout and stderr are collected; `over` sets the terminal, environment and folder.
 * @example
 * const { io, output } = captureIo({ isTTY: false });
 * output().stdout;
 */
export function captureIo(over: Partial<CliIo> = {}): {
  io: CliIo;
  output: () => { stdout: string; stderr: string };
} {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    ...over,
  };
  return { io, output: () => ({ stdout, stderr }) };
}
