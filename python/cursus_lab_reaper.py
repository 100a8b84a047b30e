"""Ends the node processes of a cursus-lab process that died, however it died (SIGKILL included).

Started once per cursus-lab process, in a session of its own, as ``python -S cursus_lab_reaper.py``.
cursus-lab holds the only other end of its stdin and writes one line per change of its node processes:

    start TOKEN          before a node's process starts (its environment carries CURSUS_LAB_OWNER=TOKEN)
    group TOKEN PGID     once it runs, leading its own process group
    end TOKEN            once it ended and cursus-lab itself swept what it left

End of input means cursus-lab is gone: every node still going is killed, its group and every process
carrying its token, daemons that left the group included. One watcher per cursus-lab process, not one
per node: a node's process pays for no extra fork, and no script can reach it by killing or waiting for
its own children.
"""

import os
import signal
import time

#: A process the script forks while the sweep runs is found by the next pass.
PASSES = 3


def owned_processes(token):
    """Processes whose environment carries this node's token: the script's children, daemons included."""
    needle = f"CURSUS_LAB_OWNER={token}\0".encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as handle:
                if needle in handle.read():
                    found.append(int(name))
        except OSError:
            pass
    return found


def read_commands():
    """The nodes still going when the input ends: token -> process group (None before it is known)."""
    live = {}
    pending = b""
    while True:
        data = os.read(0, 65536)
        if not data:
            return live
        pending += data
        *lines, pending = pending.split(b"\n")
        for line in lines:
            op, *args = line.decode().split()
            if op == "start" and len(args) == 1:
                live[args[0]] = None
            elif op == "group" and len(args) == 2:
                live[args[0]] = int(args[1])
            elif op == "end" and len(args) == 1:
                live.pop(args[0], None)


def kill(how, pid):
    try:
        how(pid, signal.SIGKILL)
    except OSError:
        pass


def main():
    # A Ctrl-C in cursus-lab's terminal is cursus-lab's to handle: this process keeps watching.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    live = read_commands()
    for attempt in range(PASSES if live else 0):
        for token, group in live.items():
            if group is not None:
                kill(os.killpg, group)
            for pid in owned_processes(token):
                kill(os.kill, pid)
        if attempt + 1 < PASSES:
            time.sleep(0.05)


if __name__ == "__main__":
    main()
