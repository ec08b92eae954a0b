/** @module Types of the build-time data modules made by web/build/prebuilt-data.ts. */
declare module 'virtual:gorust/kb' {
  const kb: import('../../src/core/index.ts').KnowledgeBase;
  export default kb;
}

declare module 'virtual:gorust/examples' {
  const examples: { id: string; profile: import('../../src/core/index.ts').Profile }[];
  export default examples;
}
