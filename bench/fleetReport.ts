// The view's openings in code-server: their goals and their table.
import type { Budget } from './budget';
import type { ViewOpening } from './fleet';
import { median } from './stats';

const ms = (value: number): string => `${Math.round(value)} ms`;
const ratio = (value: number): string => `${value.toFixed(2)}×`;

/**
 * Against the floor (bench/jobFloorExtension: the same two requests, then two rows; in a fresh editor after each of
 * ours), medians: first groups ≤ 1.5× the floor's, the list sent → its groups on screen ≤ 2× the floor's.
 */
export function viewOpeningBudgets(openings: readonly ViewOpening[]): Budget[] {
  const goal = (what: string, limit: number, ours: number[], floor: number[]): Budget => {
    const [oursMedian, floorMedian] = [median(ours), median(floor)];
    return {
      what,
      limit: `median ≤ ${limit}× the floor's`,
      measured: `${ratio(oursMedian / floorMedian)} (${ms(oursMedian)} against ${ms(floorMedian)}; ours ${ms(Math.min(...ours))} to ${ms(Math.max(...ours))})`,
      pass: oursMedian <= limit * floorMedian,
    };
  };
  return [
    goal('Tinyforge view opened → first groups drawn (code-server, each opening in a fresh editor)', 1.5, openings.map((opening) => opening.firstGroupsMs), openings.map((opening) => opening.floorFirstGroupsMs)),
    goal('the workload list sent → its groups on screen (transport, parsing, grouping, first render)', 2, openings.map((opening) => opening.listToGroupsMs), openings.map((opening) => opening.floorListToGroupsMs)),
  ];
}

/** One row per opening. */
export function viewOpeningSection(openings: readonly ViewOpening[]): string[] {
  return [
    'Each opening of the view in a fresh code-server (fresh profile, the extension not yet active), from the click on its icon; the list\'s time is when the dev server printed its request line, as the answer went out:',
    '',
    '| Opening | click → list sent | list sent → first groups on screen | click → first groups on screen | the floor: list → groups | the floor: click → groups |',
    '|---:|---:|---:|---:|---:|---:|',
    ...openings.map((opening, index) => `| ${index + 1} | ${ms(opening.listAnsweredMs)} | ${ms(opening.listToGroupsMs)} | ${ms(opening.firstGroupsMs)} | ${ms(opening.floorListToGroupsMs)} | ${ms(opening.floorFirstGroupsMs)} |`),
    '',
    'The floor is `bench/jobFloorExtension`, alone in a fresh editor after each of our openings: a view in its own activity-bar container, activated when shown, that sends `GET /api/me` and `GET /api/workloads` together and shows two rows worded as our group rows are; nothing else.',
    '',
    'Where the list → groups time goes, from traces with timestamps written by the extension host (not part of this bench). On 2026-12-06, 10 openings: the list\'s 750 KB reached the extension host 2–6 ms after the dev server sent them; ' +
      'reading, checking and grouping 2,000 workloads took 5–7 ms; the view told VS Code at once (1 ms); VS Code asked for the rows 7–11 ms later and had them on screen 16–30 ms after that. ' +
      'On 2026-12-07, the same VM about 3× slower (a bare `node -e 0` 64 ms against 22), 15 openings, 8 of them with the API client\'s timestamps: the answer\'s headers came 0–207 ms after the dev server\'s line and its body 8–64 ms later; decoding and `JSON.parse` took 3–30 ms, ' +
      'the token check and checking 2,000 workloads 25–115 ms (27–42 ms run cold in a plain Node), the model and the redraw 3–19 ms; VS Code asked for the rows 33–295 ms later and had them on screen 18–194 ms after that. ' +
      'It was 241–333 ms before 2026-12-06: VS Code draws a tree\'s change only after 200 ms without another (the first of a burst at once), and the view had changed its message just before the list came (and, in a workspace with no Tinyforge file, handed the view over to the extension\'s body), so the list\'s drawing waited; ' +
      'now nothing is sent while the tree is empty, and the 300 state requests start only once VS Code has asked for the rows.',
    '',
    ...slowOpenings(openings),
  ];
}

/** The openings over twice their floor's list → groups (this run does not trace where their time went). */
function slowOpenings(openings: readonly ViewOpening[]): string[] {
  const slow = openings.filter((opening) => opening.listToGroupsMs > 2 * opening.floorListToGroupsMs);
  if (!slow.length) return [];
  return [
    `**Over twice the floor\'s:** ${slow.map((opening) => `opening ${openings.indexOf(opening) + 1} (${ms(opening.listToGroupsMs)}, its floor ${ms(opening.floorListToGroupsMs)})`).join(', ')}. ` +
      'This run traced none of them: where such time went in the traced openings is above, by date.',
    '',
  ];
}
