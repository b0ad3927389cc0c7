// suites/commands.ts against the embedded PGlite database, one per fresh database.
import { backendForThisFile } from './backends';
import { commandsSuite } from './suites/commands';

commandsSuite(backendForThisFile('pglite'));
