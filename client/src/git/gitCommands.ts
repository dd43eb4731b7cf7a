import { basename } from 'node:path';
import * as vscode from 'vscode';
import { notify } from '../notices';
import { systemClock } from '../../../api/src/clock';
import { commandTarget } from '../commandTarget';
import { loadCore } from '../lazy';
import type { LiveData } from '../liveData';
import { confirmAndSync } from '../sync';
import type { FileStates } from '../state/fileStates';
import { wordsOf } from '../state/summary';
import type { GitStandings } from './gitStandings';
import { describeGitAccess } from './standingLabels';
import { runLoop, type LoopOutcome, type LoopSteps } from './loop';
import type { Refusal } from './steps';
import { plural } from '../l10n/plural';
import { waitForPushMs, type PushWatch } from './pushWatch';

const short = (commit: string | undefined): string => (commit ?? '').slice(0, 7);


/** A progress notification that appears with the first step that needs one (not under the commit-message prompt). */
function lazyProgress(): { report(message: string): void; signal: AbortSignal; end(): void } {
  const controller = new AbortController();
  // VS Code calls the task a moment later: reports and the end wait for it, so none is lost and no second one opens.
  let started: Promise<{ progress: vscode.Progress<{ message?: string }>; finish: () => void }> | undefined;
  let ended = false;
  return {
    signal: controller.signal,
    report(message) {
      if (ended) return;
      started ??= new Promise((ready) => {
        void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Tinyforge', cancellable: true }, (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return new Promise<void>((finish) => ready({ progress, finish }));
        });
      });
      void started.then(({ progress }) => progress.report({ message }));
    },
    end() {
      ended = true;
      void started?.then(({ finish }) => finish());
    },
  };
}

/** One sentence for a refusal, saying what was left as it was. */
function describeRefusal(refusal: Refusal, file: string, branch: string, workload: string): string {
  switch (refusal.kind) {
    case 'untrusted':
      return vscode.l10n.t('Tinyforge does not commit or push in Restricted Mode. Trust this workspace first.');
    case 'busy':
      return refusal.operation === 'merge' ? vscode.l10n.t('A merge is in progress: finish or abort it first. Nothing was committed or pushed.') : vscode.l10n.t('A rebase is in progress: finish or abort it first. Nothing was committed or pushed.');
    case 'detached':
      return vscode.l10n.t('HEAD is detached: check out {0} first. Nothing was committed or pushed.', branch);
    case 'other-branch':
      return vscode.l10n.t('This checkout is on {0}, but {1} reads {2}: switch to {2} first. Nothing was committed or pushed.', refusal.local, workload, refusal.workload);
    case 'other-staged':
      return vscode.l10n.t('Other files are staged: {0}. Commit or unstage them first; Tinyforge commits {1} alone and never takes them along. Nothing was committed.', refusal.files.join(', '), file);
    case 'commit-failed':
      return vscode.l10n.t('The commit failed: {0}', refusal.detail);
    case 'behind':
      return plural(refusal.behind, { one: '{0} commit on {1} is not here: pull first. Nothing was pushed.', other: '{0} commits on {1} are not here: pull first. Nothing was pushed.' }, refusal.upstream);
    case 'no-remote':
      return vscode.l10n.t('The repository has no remote to push {0} to. Nothing was pushed.', branch);
    case 'push-rejected':
      return vscode.l10n.t('The push of {0} was rejected: the remote has commits you do not have. Pull first, then push again (Tinyforge never force-pushes). Nothing was synced. Git said: {1}', branch, refusal.detail);
    case 'push-failed':
      return vscode.l10n.t('The push of {0} failed: {1}. Nothing was synced.', branch, refusal.detail);
    case 'not-seen':
      return refusal.seen
        ? vscode.l10n.t('Tinyforge still reports {0} as the head of {1} after {2} s, not the pushed {3}. Nothing was synced; refresh later, then Sync.', short(refusal.seen), branch, Math.round(refusal.waitedMs / 1000), short(refusal.pushed))
        : vscode.l10n.t('Tinyforge did not report the pushed {0} as the head of {1} within {2} s{3}. Nothing was synced; refresh later, then Sync.', short(refusal.pushed), branch, Math.round(refusal.waitedMs / 1000), refusal.lastError ? ` (${refusal.lastError})` : '');
    case 'cancelled':
      return vscode.l10n.t('Pushed {0}; Tinyforge has not reported it yet. Nothing was synced.', short(refusal.pushed));
  }
}

/** The closing sentence of a flow: what it did, and what it left as it was. */
function describeOutcome(outcome: LoopOutcome, steps: LoopSteps, names: { file: string; branch: string; workload: string }): { text: string; level: 'info' | 'warning' } | undefined {
  const { file, branch, workload } = names;
  switch (outcome.kind) {
    case 'not-saved':
      return { text: vscode.l10n.t('{0} was not saved, so nothing was committed.', file), level: 'warning' };
    case 'refused': {
      const before = outcome.progress.committed && !outcome.progress.pushed ? `${vscode.l10n.t('Committed {0}.', short(outcome.progress.committed))} ` : '';
      return { text: before + describeRefusal(outcome.refusal, file, branch, workload), level: 'warning' };
    }
    case 'cancelled': {
      const { committed, pushed } = outcome.progress;
      const text = {
        message: vscode.l10n.t('Cancelled: nothing was committed.'),
        commit: vscode.l10n.t('Cancelled after the commit: {0} is committed; nothing was pushed.', short(committed)),
        push: vscode.l10n.t('Cancelled after the push: {0} is on {1}; nothing was synced.', short(pushed), branch),
        wait: vscode.l10n.t('Cancelled: {0} is pushed; Tinyforge has not reported it yet, and nothing was synced.', short(pushed)),
        sync: vscode.l10n.t('Not synced: Tinyforge reports {0}, the pushed commit; Sync it when you are ready.', short(pushed ?? committed)),
      }[outcome.at];
      return { text, level: 'info' };
    }
    case 'done': {
      const { committed, pushed } = outcome.progress;
      if (outcome.needsAdmin) return { text: vscode.l10n.t('Pushed {0} to {1}, and Tinyforge reports it. Sync needs an admin: ask one to sync {2}.', short(pushed), branch, workload), level: 'info' };
      // A Sync speaks for itself ("now in sync", or why not).
      if (steps.sync) return undefined;
      if (steps.push) {
        if (outcome.progress.alreadyPushed) return { text: vscode.l10n.t('Nothing to push: {0} is on the remote already ({1}).', branch, short(pushed)), level: 'info' };
        return { text: committed ? vscode.l10n.t('Committed and pushed {0} ({1}).', branch, short(pushed)) : vscode.l10n.t('Pushed {0} ({1}).', branch, short(pushed)), level: 'info' };
      }
      return { text: committed ? vscode.l10n.t('Committed {0}; not pushed yet.', short(committed)) : vscode.l10n.t('{0} has nothing to commit.', file), level: 'info' };
    }
  }
}

/** Registers Commit, Push and Sync; Commit and Push; Commit File; Push Branch. */
export function registerGitCommands(context: vscode.ExtensionContext, liveData: LiveData, standings: GitStandings, states: FileStates, output: vscode.LogOutputChannel, pushWatch: PushWatch): void {
  const run = async (steps: LoopSteps, uriArgument?: unknown): Promise<void> => {
    const document = await commandTarget(uriArgument);
    if (!document) return;
    const file = basename(document.uri.fsPath);
    const access = await standings.gitAccess();
    if (access.kind !== 'ready') {
      void notify('warning', describeGitAccess(access));
      return;
    }
    const known = liveData.stateOf(document.uri);
    const state = known?.kind === 'live' ? known : await liveData.refresh(document, { current: true });
    if (state.kind === 'not-linked' && state.binding.kind === 'unmatched' && state.binding.reason === 'other-branch') {
      const { workload, localBranch } = state.binding;
      const branch = workload.source_config.branch ?? '';
      const refusal: Refusal = localBranch ? { kind: 'other-branch', local: localBranch, workload: branch } : { kind: 'detached' };
      void notify('warning', describeRefusal(refusal, file, branch, workload.name));
      return;
    }
    if (state.kind !== 'live') {
      void notify('warning', vscode.l10n.t('Committing and pushing need live data for this file (to know the branch its workload reads); the Tinyforge status item says what is missing.'));
      return;
    }
    const repository = access.api.getRepository(document.uri);
    if (!repository) {
      void notify('warning', vscode.l10n.t('{0} is in no repository the Git extension has open.', vscode.workspace.asRelativePath(document.uri)));
      return;
    }
    const { snapshot } = state;
    const progress = lazyProgress();
    const outcome = await runLoop(
      {
        context: { repository, filePath: document.uri.fsPath, workloadBranch: snapshot.branch },
        trusted: vscode.workspace.isTrusted,
        save: async () => !document.isDirty || (await document.save()),
        texts: async () => ({ head: await repository.show('HEAD', document.uri.fsPath).catch(() => undefined), now: document.getText() }),
        askMessage: (prefill) =>
          Promise.resolve(
            vscode.window.showInputBox({
              title: vscode.l10n.t('Commit {0}', vscode.workspace.asRelativePath(document.uri)),
              prompt: vscode.l10n.t('The commit message (only this file is committed)'),
              value: prefill,
              ignoreFocusOut: true,
              validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter a commit message.')),
            }),
          ),
        look: () => liveData.branchHeadOf(snapshot.workloadId),
        sync: async (commit) => {
          progress.end();
          const after = await liveData.refresh(document, { current: true });
          if (after.kind !== 'live') return 'failed';
          return confirmAndSync(liveData, {
            url: after.url,
            snapshot: after.snapshot,
            document,
            expectedCommit: commit,
            shownAs: wordsOf(states.of(document)),
            refetch: async () => {
              const again = await liveData.refresh(document, { current: true });
              return again.kind === 'live' ? again.snapshot : undefined;
            },
          });
        },
        isAdmin: snapshot.role === 'admin',
        boundMs: waitForPushMs(),
        clock: systemClock,
        signal: progress.signal,
        onStep: (step, detail) => {
          output.info(`${file}: ${step}${detail ? ` ${detail}` : ''}`);
          // This command looks for its own push: the push watch does not look for it a second time.
          if (step === 'wait' && detail) pushWatch.claim(snapshot.workloadId, detail);
          progress.report(
            {
              commit: vscode.l10n.t('Committing {0}…', file),
              push: vscode.l10n.t('Pushing {0}…', detail ?? snapshot.branch),
              wait: vscode.l10n.t('Waiting for Tinyforge to see {0}…', short(detail)),
              sync: vscode.l10n.t('Syncing…'),
            }[step],
          );
        },
        describeChanges: (head, now) => loadCore().describeFieldChanges(head, now),
      },
      steps,
    );
    // A push alone is looked for by the push watch, as any push is; this command's own wait has ended.
    progress.end();
    output.info(`${file}: ${JSON.stringify(outcome)}`);
    const closing = describeOutcome(outcome, steps, { file, branch: snapshot.branch, workload: snapshot.workloadName });
    if (closing) void (closing.level === 'warning' ? notify('warning', closing.text) : notify('info', closing.text));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tinyforge.commitPushSync', (uri?: unknown) => run({ commit: true, push: true, sync: true }, uri)),
    vscode.commands.registerCommand('tinyforge.commitPush', (uri?: unknown) => run({ commit: true, push: true, sync: false }, uri)),
    vscode.commands.registerCommand('tinyforge.commitFile', (uri?: unknown) => run({ commit: true, push: false, sync: false }, uri)),
    vscode.commands.registerCommand('tinyforge.pushBranch', (uri?: unknown) => run({ commit: false, push: true, sync: false }, uri)),
  );
}
