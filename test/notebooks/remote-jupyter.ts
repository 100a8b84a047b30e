import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { root } from "../kernel/project.js";

/** The port Jupyter seems to have from inside the browser's namespace; outside it is only a Unix socket. */
export const PAGE_PORT = 8888;

export interface RemoteJupyter {
  readonly url: string;
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * Classic Notebook listening on a Unix socket only, with the project-local kernel. Nothing on this
 * machine's 127.0.0.1 serves it, so a page that reaches the kernel must do it through Jupyter.
 */
export async function startClassicNotebook(dir: string, env: Record<string, string> = {}): Promise<RemoteJupyter> {
  const socket = join(dir, "jupyter.sock");
  const token = "remote-browser-test";
  const child: ChildProcess = spawn(
    "jupyter",
    ["notebook", "--allow-root", "--no-browser", `--sock=${socket}`, `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`, "--NotebookApp.open_browser=False"],
    {
      cwd: dir,
      env: { ...process.env, JUPYTER_PATH: join(root, ".jupyter", "share", "jupyter"), JUPYTER_RUNTIME_DIR: join(dir, "runtime"), JUPYTER_CONFIG_DIR: join(dir, "config"), ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) {
    child.kill();
    throw new Error(`jupyter notebook did not start:\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${PAGE_PORT}`,
    token,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Debian's Chromium in its own network namespace (`unshare --net`), where 127.0.0.1 is not this machine's:
 * only a forwarder to Jupyter's socket listens there. Playwright drives it over inherited pipes, which
 * cross the namespace.
 */
export function launchRemoteChromium(dir: string): Promise<Browser> {
  const wrapper = join(dir, "chromium-in-netns.sh");
  const forward = join(root, "test", "notebooks", "socket-forward.mjs");
  writeFileSync(
    wrapper,
    [
      "#!/bin/sh",
      // The forwarder must not hold Playwright's pipes (fds 3 and 4) open after the browser exits.
      `exec unshare --net sh -c 'ip link set lo up && { ${JSON.stringify(process.execPath)} ${JSON.stringify(forward)} ${PAGE_PORT} ${JSON.stringify(join(dir, "jupyter.sock"))} $$ 3>&- 4>&- & } && sleep 0.3 && exec /usr/bin/chromium "$@"' sh "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(wrapper, 0o755);
  return chromium.launch({
    executablePath: wrapper,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
