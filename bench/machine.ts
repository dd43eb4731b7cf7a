import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** Where and when the bench ran, and how much else the machine was doing meanwhile. */
export interface Machine {
  date: string;
  nproc: string;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** Share (0–1) of all CPUs' time during the timed rounds that went to processes other than the bench and its two servers, or to the hypervisor. */
  otherCpuShare: number;
}

/** Busy and total ticks of all CPUs since boot, from the first line of `/proc/stat`. */
function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** User plus system ticks a process has used, from `/proc/<pid>/stat` (same unit as `/proc/stat`). */
function processTicks(pid: number | 'self'): number {
  // The command name in parentheses may hold spaces; the fields after it are fixed.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Starts measuring how much CPU went elsewhere than this process and `pids`; call the result to stop and read the share. */
export function startCpuMeter(pids: readonly number[]): () => number {
  const ours = () => processTicks('self') + pids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const machineStart = machineTicks();
  const oursStart = ours();
  return () => {
    const machineEnd = machineTicks();
    const total = machineEnd.total - machineStart.total;
    const other = machineEnd.busy - machineStart.busy - (ours() - oursStart);
    return total > 0 ? Math.max(0, other / total) : 0;
  };
}

/** Describes this machine (`nproc`, `node --version`, CPU, memory) with the given share of CPU used by others. */
export function describeMachine(otherCpuShare: number): Machine {
  return {
    date: `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    otherCpuShare,
  };
}
