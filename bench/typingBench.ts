// Real typing on our server and the do-nothing floor: every typing script (`typingScripts.ts`) typed back to back,
// and with 100 ms between a server's keystrokes, as a person types.
import type { LspSubject } from './lspSubject';
import { summarize, type Summary } from './stats';
import { profileTypingCore, type TypingCoreProfile } from './typingProfile';
import { typingScripts, type TypingScript } from './typingScripts';
import { openScript, typeScript } from './typingSubject';

/** Passes over each script per server, back to back. */
const backToBackPasses = 30;
/** Passes over each script per server with a person's pace between keystrokes. */
const pacedPasses = 10;
/** Between one server's keystrokes in the paced passes, ms. */
export const personGapMs = 100;
/** Quiet after each back-to-back pass, ms. */
const settleMs = 50;

/** One mode of one script: our times against the floor's, ms. */
export interface TypingPair {
  ours: Summary;
  floor: Summary;
}

/** What one typing script measured. */
export interface TypingFigures {
  name: string;
  label: string;
  keystrokes: number;
  /** Keystrokes whose text our server found a problem in (the intermediate texts that are not valid). */
  invalidTexts: number;
  backToBack: TypingPair;
  paced: TypingPair;
  /** The same texts in process: what yaml's stages and our whole lint cost, hot. */
  core: TypingCoreProfile;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Back to back: whole passes, the server that goes first alternating. */
async function backToBack(ours: LspSubject, floor: LspSubject, script: TypingScript): Promise<{ ours: number[]; floor: number[]; invalidTexts: number }> {
  const samples = { ours: [] as number[], floor: [] as number[], invalidTexts: 0 };
  for (let pass = -2; pass < backToBackPasses; pass++) {
    const order = pass % 2 === 0 ? ([['ours', ours], ['floor', floor]] as const) : ([['floor', floor], ['ours', ours]] as const);
    for (const [name, subject] of order) {
      const { ms, withFindings } = await typeScript(subject, script, 0);
      if (pass >= 0) samples[name].push(...ms);
      if (name === 'ours') samples.invalidTexts = withFindings;
      await pause(settleMs);
    }
  }
  return samples;
}

/**
 * A person's pace: the two servers' keystrokes alternate, half a gap apart, so each server gets `personGapMs` between
 * its own keystrokes and both see the same machine.
 */
async function paced(ours: LspSubject, floor: LspSubject, script: TypingScript): Promise<{ ours: number[]; floor: number[] }> {
  const samples = { ours: [] as number[], floor: [] as number[] };
  const half = personGapMs / 2;
  for (let pass = -1; pass < pacedPasses; pass++) {
    const first = pass % 2 === 0 ? ours : floor;
    const second = first === ours ? floor : ours;
    for (let key = 0; key < script.keystrokes.length; key++) {
      for (const subject of [first, second]) {
        await pause(half);
        const single: TypingScript = { ...script, keystrokes: [script.keystrokes[key]] };
        const { ms } = await typeScript(subject, single, 0);
        if (pass >= 0) samples[subject === ours ? 'ours' : 'floor'].push(...ms);
      }
    }
  }
  return samples;
}

/** Types every script on both servers, both ways; the servers must pull diagnostics. */
export async function measureRealTyping(ours: LspSubject, floor: LspSubject): Promise<TypingFigures[]> {
  const figures: TypingFigures[] = [];
  for (const script of typingScripts()) {
    await openScript(ours, script);
    await openScript(floor, script);
    const fast = await backToBack(ours, floor, script);
    const slow = await paced(ours, floor, script);
    figures.push({
      name: script.name,
      label: script.label,
      keystrokes: script.keystrokes.length,
      invalidTexts: fast.invalidTexts,
      backToBack: { ours: summarize(fast.ours), floor: summarize(fast.floor) },
      paced: { ours: summarize(slow.ours), floor: summarize(slow.floor) },
      core: profileTypingCore(script),
    });
  }
  return figures;
}
