// Where a V8 CPU profile's time went, as text: self time per function and per package, and
// inclusive time per function (a function counted once per sample however deep it recurses).
//
//   node tests/load/support/profile-summary.mjs PROFILE.cpuprofile [--windows FILE] [--pid PID]
//        [--connect | --broadcast] [--top N]
//
// --windows FILE: only the samples inside the windows bench:live appended to BENCH_WINDOWS_FILE
// (monotonic µs, as the profile's timestamps), of the process --pid (the profile file's name
// carries it: CPU.<date>.<time>.<pid>.…), and of the connect windows (--connect) or the
// broadcast windows (--broadcast) only. Profiles taken under load blame whatever ran when the
// process was descheduled: compare A/B CPU figures (bench:live connect-N) before believing one.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!file) {
  process.stderr.write(
    'usage: profile-summary.mjs PROFILE.cpuprofile [--windows FILE] [--top N]\n',
  );
  process.exit(2);
}
const top = Number(option('--top') ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const pid = Number(option('--pid') ?? /\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(basename(file))?.[1]);
const windowsFile = option('--windows');
const windows = windowsFile
  ? readFileSync(windowsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((w) => !pid || w.pid === pid)
      .filter((w) =>
        args.includes('--connect') ? w.connect : args.includes('--broadcast') ? !w.connect : true,
      )
  : null;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

const where = (frame) => {
  const url = frame.url ?? '';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/((?:libs|apps)\/[^/]+)/.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:')) return 'node';
  return url ? basename(url) : `(${frame.functionName || 'program'})`;
};
const nameOf = (frame) =>
  `${frame.functionName || '(anonymous)'} ${where(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;

const self = new Map();
const inclusive = new Map();
const byPackage = new Map();
let total = 0;
let at = profile.startTime;
const inWindow = (t) => !windows || windows.some((w) => t >= w.fromUs && t <= w.toUs);
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  at += dt;
  // A sample's time is the interval up to the next one.
  const ms = (profile.timeDeltas[i + 1] ?? dt) / 1000;
  if (!inWindow(at)) continue;
  const node = nodes.get(profile.samples[i]);
  if (!node) continue;
  const frame = node.callFrame;
  if (frame.functionName === '(idle)') continue;
  total += ms;
  self.set(nameOf(frame), (self.get(nameOf(frame)) ?? 0) + ms);
  byPackage.set(where(frame), (byPackage.get(where(frame)) ?? 0) + ms);
  const seen = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const name = nameOf(nodes.get(id).callFrame);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
}

const table = (title, map) => {
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(`\n${title}\n`);
  for (const [name, ms] of rows)
    process.stdout.write(
      `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}\n`,
    );
};
process.stdout.write(
  `${file}: ${total.toFixed(0)} ms of CPU samples${windows ? ` in ${windows.length} windows` : ''} (idle left out)\n`,
);
table('Self time by package', byPackage);
table('Self time by function', self);
table('Inclusive time by function', inclusive);
