#!/usr/bin/env node
import { existsSync } from "node:fs";

// The bundle loads in a fraction of the time of dist/cli's hundreds of modules (scripts/bundle-cli.js).
const entry = new URL("../dist/cli-bundle/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("cursus-lab is not built yet: run `npm run build` (or `npm run setup`) in its folder.\n");
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
