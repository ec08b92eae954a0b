/** @module Move keyboard focus to a field that the next render creates: after "Add component" the new component's form opens, and its first field takes the focus, so a keyboard user types the name at once. */
import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns `focusLater(id)`: after the following renders, the element with that id (once it exists) gets the focus.
 * @example
 * const focusLater = useFocusLater();
 * <button onClick={() => { add(); focusLater('component-3-name'); }}>Add component</button>
 */
export function useFocusLater(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === null) return;
    const element = document.getElementById(pending.current);
    if (element === null) return; // the parent has not passed the new item down yet: try after the next render
    pending.current = null;
    element.focus();
    // A default name ("Component 2") is selected, so typing replaces it.
    if (element instanceof HTMLInputElement) element.select();
  });
  return useCallback((id: string) => {
    pending.current = id;
  }, []);
}
