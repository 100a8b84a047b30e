import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Command } from "commander";
import { packageRoot } from "../package-root.js";
import type { CliIo } from "./output.js";

interface KernelInstallFlags {
  readonly user?: boolean;
  readonly sysPrefix?: boolean;
  readonly prefix?: string;
  readonly name?: string;
  readonly displayName?: string;
  readonly project?: string;
}

/** `cursus-lab kernel install`, like `ipykernel install`: the kernel where Jupyter looks, naming no clone. */
export function kernelCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const kernel = program.command("kernel").description("the Jupyter kernel (tslab) for cursus-lab notebooks");
  kernel
    .command("install")
    .description("install the kernel where Jupyter looks (default: the user's Jupyter data folder)")
    .option("--user", "the user's Jupyter data folder (jupyter --data-dir)")
    .option("--sys-prefix", "the share/jupyter folder of the Python that runs Jupyter (a virtualenv or conda env)")
    .option("--prefix <DIR>", "DIR/share/jupyter (then Jupyter needs JUPYTER_PATH=DIR/share/jupyter)")
    .option("--name <NAME>", "the kernel's name (default: cursus-lab)")
    .option("--display-name <TEXT>", "the name Jupyter shows (default: TypeScript (cursus-lab))")
    .option("--project <DIR>", "always start the kernel in DIR; by default it finds the project from the notebook's folder")
    .option("--debug", "show stack traces")
    .action((flags: KernelInstallFlags) => {
      const args = [
        ...(flags.sysPrefix === true ? ["--sys-prefix"] : flags.prefix !== undefined ? ["--prefix", flags.prefix] : ["--user"]),
        ...(flags.name === undefined ? [] : ["--name", flags.name]),
        ...(flags.displayName === undefined ? [] : ["--display-name", flags.displayName]),
        ...(flags.project === undefined ? [] : ["--project", flags.project]),
      ];
      // The installer is a shell script so set-up can run it before anything is built.
      const result = spawnSync("bash", [join(packageRoot, "scripts", "install-kernel.sh"), ...args], { encoding: "utf8" });
      if (result.stdout !== "") io.out(result.stdout);
      if (result.stderr !== "") io.err(result.stderr);
      setExit(result.status ?? 2);
    });
}
