// Two fixes to what npm installed, each applied once and only to the text it expects.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

// tslab type-checks notebook cells with node10 resolution, which ignores `exports`: give vega-lite a `types` entry.

const file = "node_modules/vega-lite/package.json";
if (existsSync(file)) {
  const pkg = JSON.parse(readFileSync(file, "utf8"));
  if (pkg.types === undefined) {
    pkg.types = "./build/index.d.ts";
    writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  }
}

// tslab runs TypeScript's watch program on a fake clock that holds one timer and throws on a second
// ("Unexpected pending rebuildTimer"). TypeScript sets a second one of its own when a folder it watches
// for failed module lookups changes (a node_modules made beside the notebook, a workspace written there),
// and the next cell then failed. Every pending timer now runs, in order, where tslab ran its one.
const converter = "node_modules/tslab/dist/converter.js";
const MARK = "cursus-lab: every pending timer";
const ONE_TIMER = `    let rebuildTimer = null;
    sys.setTimeout = (callback) => {
        // TypeScript compier implements debouncing using a timer.
        // It clears a timer when a new change is notified before the timer
        // is fired and it starts rebuilding sources.
        //
        // In this converter, it often happens when notifyUpdateSrc and
        // notifyUpdateDecls are called in sequence.
        if (rebuildTimer) {
            throw new Error("Unexpected pending rebuildTimer");
        }
        rebuildTimer = {
            callback: () => {
                callback();
                rebuildTimer = null;
            },
        };
        return rebuildTimer;
    };
    sys.clearTimeout = (timeoutId) => {
        if (rebuildTimer === timeoutId) {
            rebuildTimer = null;
            return;
        }
        throw new Error("clearing unexpected tiemr");
    };`;
const EVERY_TIMER = `    // ${MARK} runs, in order, where tslab runs its rebuild timer (scripts/postinstall.js).
    let pendingTimers = [];
    let rebuildTimer = null;
    const runPendingTimers = {
        callback: () => {
            while (pendingTimers.length > 0) pendingTimers.shift().callback();
            rebuildTimer = null;
        },
    };
    sys.setTimeout = (callback) => {
        const timer = { callback };
        pendingTimers.push(timer);
        rebuildTimer = runPendingTimers;
        return timer;
    };
    sys.clearTimeout = (timeoutId) => {
        pendingTimers = pendingTimers.filter((timer) => timer !== timeoutId);
        if (pendingTimers.length === 0) rebuildTimer = null;
    };`;
if (existsSync(converter)) {
  const text = readFileSync(converter, "utf8");
  if (text.includes(ONE_TIMER)) writeFileSync(converter, text.replace(ONE_TIMER, EVERY_TIMER));
  else if (!text.includes(MARK)) process.stderr.write(`postinstall: ${converter} is not the tslab it expects; its timer fix is not applied\n`);
}
