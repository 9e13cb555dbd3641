#!/usr/bin/env node
// Sums test counts over forge's closing line and dotnet test's per-assembly summaries, and prints one
// closing line "N passed, N failed, N skipped". Fails when a suite reported nothing (it did not run)
// or fewer .NET test assemblies reported than there are test projects.
'use strict';
const fs = require('fs');

const [forgeLog, dotnetLog, expectedAssemblies] = process.argv.slice(2);
const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
let passed = 0, failed = 0, skipped = 0;
const problems = [];

// forge: "Ran 3 test suites in 1.2s (...): 42 tests passed, 0 failed, 0 skipped (42 total tests)"
const forge = /(\d+) tests passed, (\d+) failed, (\d+) skipped/.exec(read(forgeLog));
if (forge) { passed += +forge[1]; failed += +forge[2]; skipped += +forge[3]; }
else problems.push('forge printed no test summary');

// dotnet test (VSTest): "Passed!  - Failed:     0, Passed:   231, Skipped:     0, Total:   231, ... - X.Tests.dll (net10.0)"
const line = /(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+),\s+Total:\s+\d+.*?-\s+(\S+\.dll)/g;
const seen = new Set();
for (const m of read(dotnetLog).matchAll(line)) {
  failed += +m[1]; passed += +m[2]; skipped += +m[3]; seen.add(m[4]);
}
if (expectedAssemblies && seen.size < +expectedAssemblies) {
  problems.push(`only ${seen.size} of ${expectedAssemblies} .NET test assemblies reported results`);
  failed += +expectedAssemblies - seen.size;
}
for (const p of problems) console.error(`test summary: ${p}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(problems.length > 0 || failed > 0 ? 1 : 0);
