// Where users read about the tool and each rule: defined once in common/ (the client links verify's problems too).
export { INFORMATION_URI, ruleDocsUrl } from '../../../../../common/docs-url';
