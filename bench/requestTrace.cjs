// Preloaded (`--require`) into a server by `bench/tailProfile.ts`: the wall-clock time and the process's CPU time of
// every stdin chunk's arrival and every stdout write, and every GC pause, written to $TINYFORGE_REQUEST_TRACE at exit.
const { PerformanceObserver, performance } = require('node:perf_hooks');
const { writeFileSync } = require('node:fs');

const trace = { gcs: [], reads: [], writes: [] };
const wallMs = () => performance.timeOrigin + performance.now();
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) trace.gcs.push([performance.timeOrigin + entry.startTime, entry.duration]);
}).observe({ entryTypes: ['gc'] });
// Before the server's own reader: the moment the chunk reaches JavaScript.
process.stdin.prependListener('data', () => trace.reads.push([wallMs(), cpuMs()]));
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => {
  trace.writes.push([wallMs(), cpuMs()]);
  return write(...args);
};
process.on('exit', () => writeFileSync(process.env.TINYFORGE_REQUEST_TRACE, JSON.stringify(trace)));
