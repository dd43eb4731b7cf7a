import * as vscode from 'vscode';
import type { LiveSnapshot } from '../../../core/src/index';
import type { GitAccess } from './gitExtension';
import type { Standing } from './standing';
import { plural } from '../l10n/plural';

/** How the CodeLens, the status item and the hover show where a file stands, and the step that moves it on. */
export interface StandingLabel {
  text: string;
  icon: string;
  detail: string;
  next?: { title: string; command: string };
}

const short = (commit: string | undefined): string => (commit ?? '').slice(0, 7);

/** The one place a standing becomes words, an icon and a next step. */
export function labelStanding(standing: Standing, snapshot: LiveSnapshot): StandingLabel {
  const admin = snapshot.role === 'admin';
  const onward = admin ? { title: vscode.l10n.t('Commit, Push and Sync'), command: 'tinyforge.commitPushSync' } : { title: vscode.l10n.t('Commit and Push'), command: 'tinyforge.commitPush' };
  const branch = snapshot.branch;
  switch (standing.kind) {
    case 'not-committed':
      return { text: vscode.l10n.t('Not committed'), icon: 'git-commit', detail: vscode.l10n.t('The file differs from HEAD: Tinyforge reads what is pushed to {0}, not this.', branch), next: onward };
    case 'not-pushed':
      return {
        text: standing.ahead === undefined ? vscode.l10n.t('Committed, not pushed') : vscode.l10n.t('Committed, not pushed ({0} ahead)', standing.ahead),
        icon: 'cloud-upload',
        detail: standing.ahead === undefined ? vscode.l10n.t('{0} has no upstream yet: push it, and Tinyforge can read it.', branch) : plural(standing.ahead, { one: '{0} commit on {1} is not pushed: Tinyforge does not have it.', other: '{0} commits on {1} are not pushed: Tinyforge does not have them.' }, branch),
        next: onward,
      };
    case 'behind':
      return { text: vscode.l10n.t('Behind ({0})', standing.behind), icon: 'arrow-down', detail: plural(standing.behind, { one: '{0} commit on {1} is not here: pull first, or the push is refused.', other: '{0} commits on {1} are not here: pull first, or the push is refused.' }, standing.upstream), next: { title: vscode.l10n.t('Pull'), command: 'git.pull' } };
    case 'waiting':
      return {
        text: standing.seen ? vscode.l10n.t('Pushed {0}, Tinyforge still sees {1}', short(standing.pushed), short(standing.seen)) : vscode.l10n.t('Pushed {0}, Tinyforge does not see it yet', short(standing.pushed)),
        icon: 'watch',
        detail: vscode.l10n.t('Tinyforge reads {0} from the git provider; it has not reported {1} yet.', branch, short(standing.pushed)),
        next: { title: vscode.l10n.t('Refresh'), command: 'tinyforge.refresh' },
      };
    case 'ready':
      return {
        text: vscode.l10n.t('Ready to Sync {0}', short(standing.commit)),
        icon: 'rocket',
        detail: vscode.l10n.t('Tinyforge reports {0}@{1}, the commit you have; Sync applies it.', branch, short(standing.commit)),
        next: admin ? { title: vscode.l10n.t('Sync'), command: 'tinyforge.sync' } : undefined,
      };
    case 'applied':
      return { text: vscode.l10n.t('Pushed {0}', short(standing.commit)), icon: 'check-all', detail: vscode.l10n.t('Tinyforge reports {0}@{1}, the commit you have, and the live config matches it.', branch, short(standing.commit)) };
    case 'pushed':
      return { text: vscode.l10n.t('Pushed {0}', short(standing.commit)), icon: 'check', detail: vscode.l10n.t('GitOps is off for {0}: Tinyforge does not read this file.', snapshot.workloadName) };
    case 'other-branch':
      return { text: vscode.l10n.t('On another branch ({0})', standing.local), icon: 'git-branch', detail: vscode.l10n.t('This checkout is on {0}; {1} reads {2}.', standing.local, snapshot.workloadName, standing.workload) };
    case 'detached':
      return { text: vscode.l10n.t('Detached HEAD'), icon: 'git-branch', detail: vscode.l10n.t('HEAD is not on a branch; {0} reads {1}.', snapshot.workloadName, branch) };
    case 'busy':
      return standing.operation === 'merge'
        ? { text: vscode.l10n.t('Merge in progress'), icon: 'git-merge', detail: vscode.l10n.t('Finish or abort the merge before committing.') }
        : { text: vscode.l10n.t('Rebase in progress'), icon: 'git-merge', detail: vscode.l10n.t('Finish or abort the rebase before committing.') };
  }
}

/** Why there is no standing to show: the Git extension is absent or disabled. */
export function describeGitAccess(access: Exclude<GitAccess, { kind: 'ready' }>): string {
  return access.kind === 'disabled'
    ? vscode.l10n.t('Git is disabled in VS Code (git.enabled): commit and push from elsewhere; everything else works.')
    : vscode.l10n.t('The Git extension is not available: commit and push from elsewhere; everything else works.');
}
