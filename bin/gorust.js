#!/usr/bin/env node
// CommonJS (bin/package.json): Node starts no ES module loader for the CLI's start-up. See src/cli/start.ts.
require('../dist/cli/main.cjs');
