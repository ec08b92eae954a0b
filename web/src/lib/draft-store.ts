/** @module The draft outside the page: kept in localStorage so a reload loses nothing, and packed into a link (`#/share/DATA`, the profile as base64url JSON) so it can be sent to a colleague. */
import type { Draft, Priorities } from './draft.ts';

const KEY = 'gorust.draft.v1';

/** What is kept across reloads: the answers, the parts no question covers, and the what-if sliders. */
export type StoredDraft = { draft: Draft; overrides: Priorities };

/**
 * Keep the draft for the next visit (quietly does nothing when storage is off or full).
 * @example
 * storeDraft({ draft, overrides }, window.localStorage);
 */
export function storeDraft(
  value: StoredDraft,
  storage: Pick<Storage, 'setItem'> | undefined = safeStorage(),
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the draft simply is not kept.
  }
}

/**
 * The draft kept by the last visit, or null when there is none or it is unreadable.
 * @example
 * const kept = readStoredDraft(window.localStorage);
 */
export function readStoredDraft(
  storage: Pick<Storage, 'getItem'> | undefined = safeStorage(),
): StoredDraft | null {
  try {
    const text = storage?.getItem(KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<StoredDraft>;
    const draft = value.draft;
    if (
      !draft ||
      typeof draft !== 'object' ||
      typeof draft.answers !== 'object' ||
      typeof draft.extras !== 'object'
    )
      return null;
    const overrides = value.overrides && typeof value.overrides === 'object' ? value.overrides : {};
    return { draft: { answers: draft.answers ?? {}, extras: draft.extras ?? {} }, overrides };
  } catch {
    return null;
  }
}

/**
 * A profile value packed for a link: UTF-8 JSON in base64url (no '/', '+' or '=').
 * @example
 * const href = `#/share/${encodeShare(profile)}`;
 */
export function encodeShare(profile: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(profile));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The profile value of a shared link; throws on a damaged link.
 * @example
 * const value = decodeShare(route.shared);
 */
export function decodeShare(text: string): unknown {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

function safeStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
