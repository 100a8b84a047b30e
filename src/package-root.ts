import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The installed package's root folder (holds `catalog/` and the Python harness), from src/ or dist/ alike. */
export const packageRoot: string = join(dirname(fileURLToPath(import.meta.url)), "..");
