// suites/commands.ts against a throwaway PostgreSQL cluster (harness.ts).
import { backendForThisFile } from './backends';
import { commandsSuite } from './suites/commands';

commandsSuite(backendForThisFile('postgres'));
