// Where users read about the tool, each rule and verify's problems: SARIF metadata, the diagnostics' links in the
// editor (the server's for rules, the client's for verify).
export const INFORMATION_URI = 'https://github.com/alembic-tools/alembic-migrations';

/** The rule's page, docs/rules/<id>.md: the registry puts it in every rule's meta. */
export function ruleDocsUrl(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${ruleId}.md`;
}

/** verify's page, at the section of a problem's code (verify-json.ts's VerifyCode). */
export function verifyDocsUrl(code: string): string {
  return `${INFORMATION_URI}/blob/main/docs/verify.md#${code}`;
}
