import { declaredFields, renderValue } from './drift';
import { parseConfig } from './parse';

/**
 * The fields whose values differ between two versions of a file, as a commit message names them:
 * `port 8080 → 3000, max_instances 2 → 4` (the leaf's own key; `∅` for a field one side does not declare).
 * Only fields each version declares validly count, as drift counts them; empty when no value changed.
 */
export function describeFieldChanges(before: string | undefined, after: string): string {
  const old = before === undefined ? new Map() : declaredFields(parseConfig(before));
  const now = declaredFields(parseConfig(after));
  const changes: string[] = [];
  for (const field of new Set([...now.keys(), ...old.keys()])) {
    const from = old.has(field) ? renderValue(old.get(field)!.value) : undefined;
    const to = now.has(field) ? renderValue(now.get(field)!.value) : undefined;
    if (from === to) continue;
    changes.push(`${field.slice(field.lastIndexOf('.') + 1)} ${from ?? '∅'} → ${to ?? '∅'}`);
  }
  return changes.join(', ');
}
