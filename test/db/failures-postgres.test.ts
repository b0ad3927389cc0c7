// suites/failures.ts against a throwaway PostgreSQL cluster (harness.ts).
import { backendForThisFile } from './backends';
import { failuresSuite } from './suites/failures';

failuresSuite(backendForThisFile('postgres'));
