// suites/failures.ts against the embedded PGlite database, one per fresh database.
import { backendForThisFile } from './backends';
import { failuresSuite } from './suites/failures';

failuresSuite(backendForThisFile('pglite'));
