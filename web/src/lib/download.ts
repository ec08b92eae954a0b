/** @module Save text produced in the browser (YAML, reports) as a file download. */

/**
 * Offer `text` as a file named `fileName`.
 * @example
 * downloadText('gorust.yaml', yamlText, 'application/yaml');
 */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Keep only http(s) links from data, so a `javascript:` URL can never reach an href.
 * @example
 * safeHref('javascript:alert(1)'); // undefined
 */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
