#!/usr/bin/env node
// Launcher for the engine's command line: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../native-models/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
