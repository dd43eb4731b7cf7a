import type { Finding } from './findings';

/**
 * Live findings of an earlier text, moved into the current one while the current one does not parse (a key typed
 * without its colon yet): the texts' common start and end bound the one region that changed; a finding before it
 * stays, one after it moves by the change in length, one that touches it is dropped (that line gets its findings
 * again once it parses). So the other lines keep their drift and fades instead of flickering on every key.
 */
export function carryFindings(findings: readonly Finding[], before: string, after: string): Finding[] {
  if (before === after) return [...findings];
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const changedEnd = before.length - suffix;
  const shift = after.length - before.length;
  const carried: Finding[] = [];
  for (const finding of findings) {
    // Enter at the end of `port: 8080` keeps 8080's drift: the common start runs on past its line break.
    if (finding.span.end < prefix) carried.push(finding);
    else if (finding.span.start > changedEnd) carried.push({ ...finding, span: { start: finding.span.start + shift, end: finding.span.end + shift } });
  }
  return carried;
}
