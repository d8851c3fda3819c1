// Runs the benchmark cases, the baseline and (with --soak) the soak run in the wasm build of this crate, in Node,
// and prints one tab-separated line per result in the native runner's format (see src/bin/scalelab-bench.rs):
//   case <index> <requests> <events> <wall_s> <trace hash>      best of --runs
//   baseline <requests> <events> <wall_s>
//   soak <sim_s> <requests> <heap_bytes>
//   sweep <runs> <events> <wall_s> <knee_per_s>                best of --runs
// Usage: node run-wasm.mjs <module.wasm> [--quick] [--runs N] [--soak SECONDS]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const file = args[0];
const quick = args.includes('--quick');
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = flag('--runs', quick ? 1 : 5);
const soakSeconds = flag('--soak', 0);
const baselineSeconds = flag('--baseline-seconds', quick ? 20 : 1000);

const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const x = instance.exports;

const best = (run) => {
  let top = null;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const requests = run();
    const wall = (performance.now() - t0) / 1000;
    const events = x.bench_last_events();
    if (top === null || wall < top.wall) top = { requests, events, wall };
  }
  return top;
};

if (soakSeconds > 0) {
  x.soak_start(50000);
  const every = Math.max(1, Math.floor(soakSeconds / 12));
  let first = null;
  for (let s = every; s <= soakSeconds; s += every) {
    const requests = x.soak_step(s);
    if (requests < 0) {
      console.error(`soak: invariant broken by ${s} s`);
      process.exit(1);
    }
    console.log(['soak', s, requests, x.memory.buffer.byteLength].join('\t'));
    first ??= x.memory.buffer.byteLength;
  }
  // Linear memory never shrinks: any growth after the first checkpoint (past warm-up) would show here.
  const last = x.memory.buffer.byteLength;
  if (last > first + first / 10 + (1 << 20)) {
    console.error(`soak: wasm memory grew from ${first} to ${last} bytes`);
    process.exit(1);
  }
} else {
  const hex = (v) => (v >>> 0).toString(16).padStart(8, '0');
  for (let i = 0; i < x.bench_case_count(); i++) {
    const r = best(() => x.bench_run_case(i, quick ? 1 : 0));
    const hash = hex(x.bench_last_hash_hi()) + hex(x.bench_last_hash_lo());
    console.log(['case', i, r.requests, r.events, r.wall.toFixed(4), hash].join('\t'));
  }
  const sweep = best(() => x.bench_run_sweep(quick ? 1 : 0));
  // best() reports the return value as `requests`: here the knee's arrival rate.
  console.log(['sweep', x.bench_sweep_runs(), sweep.events, sweep.wall.toFixed(4), sweep.requests].join('\t'));
  const b = best(() => x.bench_run_baseline(baselineSeconds));
  console.log(['baseline', b.requests, b.events, b.wall.toFixed(4)].join('\t'));
  console.log(['heap', x.memory.buffer.byteLength].join('\t'));
}
