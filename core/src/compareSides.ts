import { applyEdits, useLiveValuesEdit } from './fixes';
import { lintText } from './lint';
import { liveFindings, type LiveSnapshot } from './live';
import type { Locale } from './messages';

/**
 * The live side of "Compare with Live": the given text (the file in the editor, or the branch head's) with every
 * managed, declared field that drifts set to its live value, or removed where live does not set it. Comments, layout,
 * fields Sync ignores and fields the text omits stay as they are, so the diff against the text shows what Sync would
 * change and nothing else. A text that does not parse is returned as it is: nothing drifts in it.
 */
export function liveSideOf(text: string, snapshot: LiveSnapshot, locale: Locale = 'en'): string {
  const lint = lintText(text, locale);
  const edit = useLiveValuesEdit(lint.parsed, liveFindings(lint, snapshot, locale));
  return edit ? applyEdits(text, [edit]) : text;
}
