import * as vscode from 'vscode';

/** The English forms of a message with a count in it: `{0}` is the count, `{1}`… the other arguments. */
export interface PluralForms {
  one: string;
  other: string;
}

/**
 * A message with a count, in its real plural form for the display language: English one/other, Russian
 * one/few/many (Intl.PluralRules). The English form is the message and the category its comment, so each category
 * is its own key in l10n/bundle.l10n.ru.json (`<message>/plural:few`), translated in the form that language needs.
 */
// One PluralRules per display language: building one loads locale data, and the view's badge asks on every change.
const rulesByLanguage = new Map<string, Intl.PluralRules>();

export function plural(count: number, forms: PluralForms, ...args: Array<string | number>): string {
  const language = vscode.env.language;
  let rules = rulesByLanguage.get(language);
  if (!rules) rulesByLanguage.set(language, (rules = new Intl.PluralRules(language)));
  const category = rules.select(count);
  return vscode.l10n.t({ message: category === 'one' ? forms.one : forms.other, args: [count, ...args], comment: [`plural:${category}`] });
}

/** The first `max` drift entries of a server's list, and the words for the rest: a server's list has no bound of its own. */
export function firstFields<T>(items: readonly T[], max: number): { shown: readonly T[]; more?: string } {
  if (items.length <= max) return { shown: items };
  return { shown: items.slice(0, max), more: plural(items.length - max, { one: '… and {0} more field', other: '… and {0} more fields' }) };
}
