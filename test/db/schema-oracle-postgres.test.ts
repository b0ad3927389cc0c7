// suites/schema-oracle.ts against a throwaway PostgreSQL cluster (harness.ts).
import { backendForThisFile } from './backends';
import { schemaOracleSuite } from './suites/schema-oracle';

schemaOracleSuite(backendForThisFile('postgres'));
