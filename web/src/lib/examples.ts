/** @module The example profiles shipped in examples/*.yaml, bundled as text so the UI can open them without a server. */

const texts = import.meta.glob('../../../examples/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export type ExampleProfile = { id: string; text: string };

/**
 * The bundled examples, sorted by id (the file name without `.yaml`).
 * @example
 * listExamples().find((example) => example.id === 'close-call');
 */
export function listExamples(): ExampleProfile[] {
  return Object.entries(texts)
    .map(([path, text]) => ({ id: path.replace(/^.*\//, '').replace(/\.yaml$/, ''), text }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
