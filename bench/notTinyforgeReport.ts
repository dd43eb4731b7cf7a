// The part of the report on a workspace with no Tinyforge file: its goals and its figures.
import type { Budget } from './budget';
import type { NotTinyforgeFigures } from './notTinyforge';
import { median } from './stats';


/** No server, no request, and activation within 15 ms (the median of the runs, as VS Code reports it). */
export function notTinyforgeBudgets(figures: NotTinyforgeFigures): Budget[] {
  const where = `a workspace of ${figures.files} Kubernetes YAML files and no Tinyforge file (code-server, ${figures.activationMs.length} fresh starts)`;
  return [
    { what: `${where}: language server started`, limit: 'never', measured: `in ${figures.serverStarted} of ${figures.activationMs.length} starts`, pass: figures.serverStarted === 0 },
    { what: `${where}: API requests`, limit: '0', measured: String(figures.requests), pass: figures.requests === 0 },
    {
      what: `${where}: our activation as VS Code reports it (code loading + activate call), median`,
      limit: '≤ 15 ms',
      measured: `${median(figures.activationMs)} ms (each start: ${figures.activationMs.join(', ')} ms; a do-nothing extension on the same event: ${figures.floorActivationMs.join(', ')} ms)`,
      pass: median(figures.activationMs) <= 15,
    },
  ];
}
