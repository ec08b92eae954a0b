/** @module A box that scrolls its (wide) table sideways on a narrow screen instead of widening the page; focusable, so keyboard users can scroll it too. */
import type { ReactNode } from 'react';

/**
 * @example
 * <ScrollBox><table>...</table></ScrollBox>
 */
export function ScrollBox({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus for keyboard scrolling (WCAG 2.1.1)
    <div className="table-scroll" tabIndex={0}>
      {children}
    </div>
  );
}
