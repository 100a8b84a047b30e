import { join } from "node:path";
import { z } from "zod";
import { readJsonIf } from "./atomic-json.js";

/** What the Python harness writes on its side channel, never on the script's stdout. */
export const harnessReportSchema = z.object({
  status: z.enum(["ok", "exception", "exit"]),
  type: z.string().optional(),
  message: z.string().optional(),
  exitCode: z.number().int().optional(),
  /** Through main(): the exception came while the script was imported, before main() was called. */
  atImport: z.boolean().optional(),
  cpuMs: z.number().nonnegative().optional(),
  peakRssKb: z.number().nonnegative().optional(),
  /** Interpreter modules the script imported (stdlib, site-packages): what a fork server can preload. */
  modules: z.array(z.string()).optional(),
});
export type HarnessReport = z.infer<typeof harnessReportSchema>;

export const readHarnessReport = (nodeDir: string): HarnessReport | undefined => readJsonIf(join(nodeDir, "harness-report.json"), harnessReportSchema);
