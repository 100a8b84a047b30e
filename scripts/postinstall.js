// tslab type-checks notebook cells with node10 resolution, which ignores `exports`: give vega-lite a `types` entry.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const file = "node_modules/vega-lite/package.json";
if (existsSync(file)) {
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  if (pkg.types === undefined) {
    pkg.types = "./build/index.d.ts";
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  }
}
