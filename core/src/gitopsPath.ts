/**
 * Why a `gitops_path` is refused (contract section 3: absolute, `..` segments, backslashes, NUL, not .yml/.yaml), or
 * undefined. The dev server refuses such a PUT; the extension refuses to create a file at such a path.
 */
export function gitopsPathProblem(path: string): string | undefined {
  if (path.trim() === '') return 'the path is empty';
  if (path.includes('\0')) return 'the path contains a NUL character';
  if (path.includes('\\')) return 'the path contains a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path must be relative to the repository root';
  if (path.split('/').some((segment) => segment === '..')) return 'the path must not contain .. segments';
  if (!/\.ya?ml$/.test(path)) return 'the path must end in .yml or .yaml';
  return undefined;
}
