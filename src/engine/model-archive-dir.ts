import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { execa } from "execa";
import { z } from "zod";
import { MODEL_ARCHIVE } from "../specs/model-archive.js";
import { readJsonIf, writeJsonAtomic } from "./atomic-json.js";
import type { Store } from "./store.js";

const recordSchema = z.object({ digest: z.string() });

/**
 * The folder a processing input fed from a training job's model reads: model.tar.gz of the model's
 * files, at the archive's root, as SageMaker uploads /opt/ml/model. Made once per content (the source
 * folder's digest) under `<store>/.archives/`, published by one rename like a store entry, and
 * byte-stable (names sorted, owners and times zeroed, gzip without a time stamp): an unchanged model
 * gives an unchanged input, so the steps after it are reused.
 */
export async function modelArchiveDir(store: Pick<Store, "storeDir" | "memo" | "discard">, source: string, sourceDigest: string): Promise<string> {
  const { storeDir } = store;
  const target = join(storeDir, ".archives", createHash("sha256").update(sourceDigest).digest("hex").slice(0, 32));
  // The archive's own digest, recorded beside it when it was made: main() reads this very folder, and a
  // script that unpacks into its input (as evaluation scripts do in SageMaker's copy) changes it.
  const recorded = `${target}.json`;
  if (existsSync(join(target, MODEL_ARCHIVE))) {
    if (readJsonIf(recorded, recordSchema)?.digest === (await store.memo.path(target))) return target;
    store.discard(target);
  }
  // Made in the trash, which a run killed meanwhile leaves to the next run to empty.
  const temp = join(storeDir, ".trash", `${Date.now()}-${randomBytes(6).toString("hex")}`);
  mkdirSync(temp, { recursive: true });
  const entries = readdirSync(source).sort();
  const names = entries.length === 0 ? ["--files-from=/dev/null"] : ["--", ...entries];
  const tar = execa("tar", ["--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner", "-C", source, "-cf", "-", ...names], { buffer: false, stdin: "ignore", stderr: "pipe" });
  await Promise.all([pipeline(tar.stdout!, createGzip(), createWriteStream(join(temp, MODEL_ARCHIVE))), tar]);
  mkdirSync(join(storeDir, ".archives"), { recursive: true });
  try {
    renameSync(temp, target);
  } catch (error) {
    // Another run published the same archive first: it is the same bytes, and the copy stays in the trash.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
  }
  writeJsonAtomic(recorded, { digest: await store.memo.path(target) });
  return target;
}
