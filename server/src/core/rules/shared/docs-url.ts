// Where users read about the tool and each rule: SARIF metadata, diagnostic links in the editor.
export const INFORMATION_URI = 'https://github.com/alembic-tools/alembic-migrations';

/** The rule's page, docs/rules/<id>.md: derived here only, the registry puts it in every rule's meta. */
export function ruleDocsUrl(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${ruleId}.md`;
}
