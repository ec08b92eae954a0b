/** @module The knowledge base's file names: which file under `kb/` holds each part. No schema here, so reading the files loads none. */

/** The file each part of the knowledge base lives in, under `kb/`. */
export const KB_FILES = {
  criteria: 'criteria.yaml',
  claims: 'claims.yaml',
  evidence: 'evidence.yaml',
  projects: 'projects.yaml',
  caveats: 'caveats.yaml',
  tips: 'tips.yaml',
  checklist: 'checklist.yaml',
  weights: 'weights.yaml',
  boundaries: 'boundaries.yaml',
  parameters: 'parameters.yaml',
} as const;
