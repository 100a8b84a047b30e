import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { MimeBundle } from "../src/views/mime-bundle.js";

/**
 * The one place that talks to tslab. `tslab.display.raw` sends one MIME type per message, so bundles go
 * through tslab's internal writer, which takes a whole `display_data` (and `update_display_data` when
 * `update` is true). The writer is re-read on every call: tslab swaps it at the start of each cell.
 */
interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}
type WriteDisplayData = (data: DisplayData, update: boolean) => void;

const require = createRequire(import.meta.url);

function writer(): WriteDisplayData {
  let jupyter: { lastWriteDisplayData: WriteDisplayData | null };
  try {
    jupyter = require("tslab/dist/jupyter") as typeof jupyter;
  } catch (error) {
    throw new Error("cursus-lab/kernel displays outputs through tslab, which is not installed here (npm install tslab).", { cause: error });
  }
  if (jupyter.lastWriteDisplayData === null) {
    throw new Error("cursus-lab/kernel can display outputs only inside a tslab notebook cell; elsewhere use the views in cursus-lab directly.");
  }
  return jupyter.lastWriteDisplayData;
}

function write(bundle: MimeBundle, displayId: string | undefined, update: boolean): void {
  writer()({ data: { ...bundle }, metadata: {}, transient: displayId === undefined ? {} : { display_id: displayId } }, update);
}

/** Shows a bundle as one cell output. */
export function display(bundle: MimeBundle): void {
  write(bundle, undefined, false);
}

/** One output that later calls replace in place (Jupyter's display_id), e.g. live run progress. */
export class LiveDisplay {
  private readonly id = randomBytes(8).toString("hex");
  private shown = false;

  show(bundle: MimeBundle): void {
    write(bundle, this.id, this.shown);
    this.shown = true;
  }
}
