// Where users read about the tool and each rule: SARIF metadata, diagnostic links in the editor.
export const INFORMATION_URI = 'https://github.com/alembic-tools/alembic-migrations';

export function ruleDocsUrl(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${ruleId}.md`;
}
