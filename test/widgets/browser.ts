import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium with the flags that keep it quiet and offline (TOOLCHAIN.md); never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    // Playwright gives every launch a fresh temporary profile (--user-data-dir) of its own.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
