// Peer benchmark: parse-prometheus-text-format on the same file as the Dashboard benchmark.
// Node exposes no per-operation allocation counter, so only throughput is reported.
'use strict';
const fs = require('fs');
const parse = require('parse-prometheus-text-format');

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench.js <file>');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text, 'utf8');
const families = parse(text);
const samples = families.reduce((n, f) => n + f.metrics.reduce((m, x) =>
  m + (x.buckets ? Object.keys(x.buckets).length + 2 : x.quantiles ? Object.keys(x.quantiles).length + 2 : 1), 0), 0);

// Warm up, then time for about five seconds.
for (let i = 0; i < 200; i++) parse(text);
let iterations = 0;
const start = process.hrtime.bigint();
let elapsed = 0n;
while (elapsed < 5_000_000_000n) {
  for (let i = 0; i < 50; i++) parse(text);
  iterations += 50;
  elapsed = process.hrtime.bigint() - start;
}
const usPerOp = Number(elapsed) / iterations / 1e3;
const mbPerS = bytes / (usPerOp / 1e6) / 1e6;
console.log(`parse-prometheus-text-format: ${families.length} families, ${samples} samples, ${bytes} bytes; ` +
  `${iterations} iterations, ${usPerOp.toFixed(1)} us/op, ${mbPerS.toFixed(1)} MB/s`);
