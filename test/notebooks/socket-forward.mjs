// Runs inside the browser's network namespace: 127.0.0.1:<port> there leads to a Unix socket that Jupyter
// listens on outside, so the page reaches Jupyter and nothing else of this machine (as a remote browser).
// Exits when the process `watch` (the browser) is gone.
import net from "node:net";
import process from "node:process";
import { setInterval } from "node:timers";
const [port, socket, watch] = process.argv.slice(2);
net
  .createServer((client) => {
    const upstream = net.connect(socket);
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end);
    upstream.on("error", end);
  })
  .listen(Number(port), "127.0.0.1");
setInterval(() => {
  try {
    process.kill(Number(watch), 0);
  } catch {
    process.exit(0);
  }
}, 300);
