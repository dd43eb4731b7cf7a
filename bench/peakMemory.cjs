// Preloaded (`--require`) into a process the bench times: its peak RSS (KiB) and CPU time, written to
// $TINYFORGE_PEAK_MEMORY as it exits.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(process.env.TINYFORGE_PEAK_MEMORY, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
