#!/usr/bin/env node
// Sums test counts over forge's summary line and dotnet's TRX files, and prints one closing line
// "N passed, N failed, N skipped". Exits non-zero when a suite reported nothing (it did not run).
'use strict';
const fs = require('fs');
const path = require('path');

const [forgeLog, trxDir] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0, problems = [];

const forge = fs.existsSync(forgeLog) ? fs.readFileSync(forgeLog, 'utf8') : '';
const m = /(\d+) tests passed, (\d+) failed, (\d+) skipped/.exec(forge);
if (m) { passed += +m[1]; failed += +m[2]; skipped += +m[3]; } else { problems.push('forge printed no test summary'); }

const trx = fs.existsSync(trxDir) ? fs.readdirSync(trxDir).filter((f) => f.endsWith('.trx')) : [];
if (trx.length === 0) problems.push('dotnet test wrote no TRX results');
for (const file of trx) {
  const text = fs.readFileSync(path.join(trxDir, file), 'utf8');
  const counters = /<Counters\b([^>]*)\/?>/.exec(text);
  if (!counters) { problems.push(`${file}: no counters`); continue; }
  const attr = (name) => +((new RegExp(`\\b${name}="(\\d+)"`).exec(counters[1]) || [0, 0])[1]);
  passed += attr('passed');
  failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
  skipped += attr('notExecuted');
}
for (const p of problems) console.error(`test summary: ${p}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
