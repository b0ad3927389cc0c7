import { factsOf, hasUnknownEffects } from '../migration/fact-sites';
import { describeObject } from '../sql/describe';
import { isMet, obligationsOf, type Obligation } from '../symmetry';
import type { RuleDefinition } from './types';

export const downgradeNotSymmetric: RuleDefinition = {
  meta: {
    id: 'downgrade-not-symmetric',
    defaultSeverity: 'warning',
    summary: 'An object the upgrade creates, drops or renames that the downgrade does not undo',
    fix: 'never',
    scope: 'file',
  },
  check({ file, report }) {
    const down = file.downgrade;
    // An empty or missing downgrade is missing-downgrade's finding; SQL we cannot read might undo anything.
    if (!file.upgrade || !down || down.bodyKind !== 'statements' || hasUnknownEffects(down)) return;
    const downFacts = factsOf(down);
    for (const obligation of obligationsOf(file.upgrade)) {
      if (!isMet(obligation, downFacts)) report({ message: messageFor(obligation), range: obligation.site.fact.range });
    }
  },
};

function messageFor(o: Obligation): string {
  const what = describeObject(o.object);
  switch (o.need) {
    case 'drop':
      return `The upgrade creates ${what} but the downgrade does not drop it`;
    case 'recreate':
      return `The upgrade drops ${what} but the downgrade does not recreate it`;
    case 'rename-back':
      return `The upgrade renames ${describeObject({ ...o.object, name: o.from })} to "${o.object.name}" but the downgrade does not rename it back`;
  }
}
