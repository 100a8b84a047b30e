// CI reads a plain "N passed, N failed" closing line; vitest does not print one. Lint or typecheck
// failures count as one failure each way so a red check never reads as green.
import { existsSync, readFileSync } from "node:fs";

const [file, checks] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (file !== undefined && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
} else {
  failed = 1;
}
if (checks !== undefined && checks !== "0" && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
