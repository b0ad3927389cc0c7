// suites/schema-oracle.ts against the embedded PGlite database.
import { backendForThisFile } from './backends';
import { schemaOracleSuite } from './suites/schema-oracle';

schemaOracleSuite(backendForThisFile('pglite'));
