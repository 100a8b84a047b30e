"""A fork server: imports the modules a pipeline's scripts use once, then forks one process per node
that runs the harness (cursus_lab_harness.main) as a cold ``python cursus_lab_harness.py SPEC REPORT``.

Started by cursus-lab as ``python cursus_lab_fork_server.py RUN_DIR`` (the folder only names the server
in process lists) with
  fd 0  commands, one JSON object a line: preload (at start, and again whenever a node of the run
        imported modules not loaded yet), run (at once, or after a running child's exit), go (a queued
        run need wait no longer), cancel, stop
  fd 1  frames to cursus-lab: child id (u32), kind (u8), payload length (u32), big-endian, then the payload
  fd 2  the server's own diagnostics
  fd 3  a pipe only cursus-lab holds the other end of: its end of file means cursus-lab is gone
Node cannot receive file descriptors over a socket, so each child writes into pipes the server made, and
the server relays them in frames under the child's id; it reports each child's start and end the same way.

Started with nothing to preload, it launches cold nodes instead (a run request with ``exec``): each child
execs the node's command in a fresh process, so cursus-lab, whose memory is much larger, forks nothing.

After each preloaded module the server checks that forking is still safe (cursus_lab_fork_safety); when it
is not, every node runs cold with the reason. Under bwrap (the production entry) each child makes its
node's sandbox first (cursus_lab_node_view) and reports a refusal instead of starting when it cannot.
"""

import gc
import importlib
import json
import os
import select
import selectors
import signal
import struct
import sys
import time

import cursus_lab_reaper as reaper
from cursus_lab_fork_child import become_node, exec_node
from cursus_lab_fork_safety import stray_threads

OUT, ERR, STARTED, EXITED, CLOSED, REFUSED, READY = 1, 2, 3, 4, 5, 6, 7
HEADER = struct.Struct(">IBI")
WATCH_FD = 3
CHUNK = 65536
#: How long a finished child's pipes are still read: a grandchild holding them open does not hold the child.
DRAIN_SECONDS = 0.3


def send(fd, child, kind, payload=b""):
    data = HEADER.pack(child, kind, len(payload)) + payload
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def send_json(fd, child, kind, value):
    send(fd, child, kind, json.dumps(value).encode())


class Starting:
    """A child forked but not yet ready: it is still taking its own session and making its sandbox."""

    def __init__(self, ident, pid, token, ready_r, out_r, err_r):
        self.ident, self.pid, self.token = ident, pid, token
        self.ready_r, self.out_r, self.err_r = ready_r, out_r, err_r


class Child:
    def __init__(self, ident, pid, token, out_r, err_r, pidfd):
        self.ident, self.pid, self.token = ident, pid, token
        self.pipes = {out_r: OUT, err_r: ERR}
        self.pidfd = pidfd
        self.ended = False
        self.drain_until = None


class Server:
    def __init__(self, frames_fd, commands_fd):
        self.frames = frames_fd
        self.commands = commands_fd
        self.selector = selectors.DefaultSelector()
        self.selector.register(commands_fd, selectors.EVENT_READ, "commands")
        self.selector.register(WATCH_FD, selectors.EVENT_READ, "watch")
        self.pending_text = b""
        self.preload = []
        self.attempted = set()
        self.loaded, self.failed = [], []
        self.unsafe = None if hasattr(os, "pidfd_open") else "this Python cannot watch forked processes (no os.pidfd_open)"
        self.ready_sent = False
        self.queue = []
        self.children = {}
        self.starting = {}

    def server_fds(self):
        # The watch pipe is the server's own: a node never reads it.
        fds = {self.frames, self.commands, self.selector.fileno(), WATCH_FD}
        for child in self.children.values():
            fds |= set(child.pipes)
            if child.pidfd is not None:
                fds.add(child.pidfd)
        for starting in self.starting.values():
            fds |= {starting.ready_r, starting.out_r, starting.err_r}
        return fds

    def serve(self):
        try:
            while True:
                timeout = 0 if self.preload else self.next_deadline()
                for key, _ in self.selector.select(timeout):
                    # An event of this batch whose descriptor an earlier one closed (a reap reads and
                    # closes its child's pipes) is stale; its number may even belong to another pipe now.
                    if self.selector.get_map().get(key.fd) is not key:
                        continue
                    if not self.handle(key.data, key.fd):
                        return
                self.preload_one()
                self.start_runnable()
                self.expire_drains()
        finally:
            self.kill_all()

    def handle(self, what, fd):
        if what == "watch":
            return bool(os.read(fd, 4096))
        if what == "commands":
            data = os.read(fd, CHUNK)
            if not data:
                return False
            self.pending_text += data
            while b"\n" in self.pending_text:
                line, self.pending_text = self.pending_text.split(b"\n", 1)
                if line.strip() and not self.command(json.loads(line)):
                    return False
            return True
        child, kind = what
        if kind == "ready":
            self.started(child)
        elif kind == "pid":
            self.reap(child)
        else:
            self.relay(child, fd, kind)
        return True

    def command(self, message):
        op = message["op"]
        if op == "preload":
            self.preload += [m for m in message["modules"] if m not in self.attempted and m not in self.preload]
        elif op == "run":
            self.queue.append(message)
        elif op == "cancel":
            # Stopped before it was forked: it ends as a killed process would, with nothing written.
            kept = [r for r in self.queue if r["id"] != message["id"]]
            if len(kept) < len(self.queue):
                self.queue = kept
                send_json(self.frames, message["id"], EXITED, {"code": None, "signal": int(signal.SIGKILL)})
                send(self.frames, message["id"], CLOSED)
        elif op == "go":
            # Another slot came free first: it need not wait for the child it was queued behind.
            for request in self.queue:
                if request["id"] == message["id"]:
                    request["after"] = None
        elif op == "stop":
            return False
        return True

    def preload_one(self):
        if self.preload and self.unsafe is None:
            name = self.preload.pop(0)
            self.attempted.add(name)
            try:
                importlib.import_module(name)
                self.loaded.append(name)
            except BaseException as error:  # noqa: BLE001 - a module that cannot load here is imported by the script itself
                self.failed.append({"module": name, "error": f"{type(error).__name__}: {error}"})
            stray = stray_threads()
            if stray:
                self.unsafe = f"importing {name} left threads running that a fork cannot copy ({', '.join(stray)})"
        if not self.preload and not self.ready_sent:
            self.ready_sent = True
            send_json(self.frames, 0, READY, {"loaded": self.loaded, "failed": self.failed, "unsafe": self.unsafe})

    def start_runnable(self):
        waiting = []
        for request in self.queue:
            if self.unsafe is not None:
                send_json(self.frames, request["id"], REFUSED, {"why": self.unsafe})
            elif self.waits(request):
                waiting.append(request)
            else:
                self.fork(request)
        self.queue = waiting

    def waits(self, request):
        """A node waits for the modules its script is known to import. One whose script never ran in this
        workspace waits for all the server was asked to import (what earlier nodes imported): scripts of
        one pipeline mostly import the same libraries. A node queued behind another (``after``) waits
        until that one's process exited: it takes over its slot the moment it is free, before cursus-lab
        has settled the node that ended."""
        after = self.children.get(request.get("after"))
        if after is not None and not after.ended:
            return True
        needs = request.get("needs")
        return bool(self.preload) if needs is None else any(m in self.preload for m in needs)

    def fork(self, request):
        ident = request["id"]
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        ready_r, ready_w = os.pipe()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        fds = self.server_fds() | {out_r, err_r, ready_r}
        # Python's collector writes into every object it visits: in a child, a full collection over the
        # server's objects would copy each of their pages. Frozen, the child's collector never visits
        # them; the server's own collector takes them back, so its cyclic garbage is still freed.
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            (exec_node if request.get("exec") else become_node)(request, out_w, err_w, ready_w, fds)
        gc.unfreeze()
        for fd in (out_w, err_w, ready_w):
            os.close(fd)
        # Its start is reported once the child leads its own session (and stands in its sandbox), so
        # cursus-lab's first kill of the group reaches it. That wait is the child's, not the server's: the
        # server forks the next node meanwhile, as making a sandbox takes a child some milliseconds.
        starting = Starting(ident, pid, request["env"].get("CURSUS_LAB_OWNER", ""), ready_r, out_r, err_r)
        self.starting[ready_r] = starting
        self.selector.register(ready_r, selectors.EVENT_READ, (starting, "ready"))

    def started(self, starting):
        said = os.read(starting.ready_r, 1)
        self.selector.unregister(starting.ready_r)
        del self.starting[starting.ready_r]
        if said == b"0":
            self.refuse_sandbox(starting.ident, starting.pid, starting.ready_r, (starting.out_r, starting.err_r))
            return
        os.close(starting.ready_r)
        child = Child(starting.ident, starting.pid, starting.token, starting.out_r, starting.err_r, os.pidfd_open(starting.pid))
        self.children[starting.ident] = child
        for fd, kind in child.pipes.items():
            os.set_blocking(fd, False)
            self.selector.register(fd, selectors.EVENT_READ, (child, kind))
        self.selector.register(child.pidfd, selectors.EVENT_READ, (child, "pid"))
        send_json(self.frames, starting.ident, STARTED, {"pid": starting.pid})

    def refuse_sandbox(self, ident, pid, ready_r, pipes):
        """Nothing of the child reached cursus-lab yet: it is reaped here, and the node runs cold."""
        report = b""
        while True:
            chunk = os.read(ready_r, CHUNK)
            if not chunk:
                break
            report += chunk
        os.waitpid(pid, 0)
        for fd in (ready_r, *pipes):
            os.close(fd)
        send_json(self.frames, ident, REFUSED, {"sandbox": json.loads(report or b"null")})

    def relay(self, child, fd, kind):
        try:
            data = os.read(fd, CHUNK)
        except BlockingIOError:
            return
        if data:
            send(self.frames, child.ident, kind, data)
            return
        self.close_pipe(child, fd)

    def close_pipe(self, child, fd):
        self.selector.unregister(fd)
        os.close(fd)
        del child.pipes[fd]
        if not child.pipes and child.ended:
            self.forget(child)

    def reap(self, child):
        _, status = os.waitpid(child.pid, 0)
        self.selector.unregister(child.pidfd)
        os.close(child.pidfd)
        child.pidfd = None
        # What the child wrote before it ended comes before its end.
        for fd, kind in list(child.pipes.items()):
            while fd in child.pipes:
                try:
                    data = os.read(fd, CHUNK)
                except BlockingIOError:
                    break
                if not data:
                    self.close_pipe(child, fd)
                    break
                send(self.frames, child.ident, kind, data)
        code = os.waitstatus_to_exitcode(status)
        send_json(self.frames, child.ident, EXITED, {"code": code if code >= 0 else None, "signal": -code if code < 0 else None})
        child.ended = True
        if not child.pipes:
            self.forget(child)
        else:
            child.drain_until = time.monotonic() + DRAIN_SECONDS

    def forget(self, child):
        self.children.pop(child.ident, None)
        send(self.frames, child.ident, CLOSED)

    def next_deadline(self):
        deadlines = [c.drain_until for c in self.children.values() if c.drain_until is not None]
        if not deadlines:
            return None
        return max(0, min(deadlines) - time.monotonic())

    def expire_drains(self):
        now = time.monotonic()
        for child in list(self.children.values()):
            if child.drain_until is not None and child.drain_until <= now:
                for fd in list(child.pipes):
                    self.close_pipe(child, fd)
                if child.ident in self.children:
                    self.forget(child)

    def kill_all(self):
        """On the way out (cursus-lab gone, stopped, or this server failing): no child outlives it."""
        # A child still starting may not lead its own group yet: it is killed by pid as well.
        groups = [c.pid for c in self.children.values() if c.pidfd is not None] + [c.pid for c in self.starting.values()]
        kills = [(os.killpg, pid) for pid in groups] + [(os.kill, c.pid) for c in self.starting.values()]
        for child in [*self.children.values(), *self.starting.values()]:
            kills += [(os.kill, pid) for pid in (reaper.owned_processes(child.token) if child.token else [])]
        for kill, pid in kills:
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass


def die_with_parent():
    """Has the kernel kill this server when cursus-lab ends. The loop that watches fd 3 runs only between
    imports, and a module may take long to import, or never return; the nodes are the watcher's to kill."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # cursus-lab may have ended before that: nothing is ever written to fd 3, so readable means its end.
    if select.select([WATCH_FD], [], [], 0)[0]:
        sys.exit(0)


def main():
    die_with_parent()
    # Frames and commands move to private descriptors: a module that prints while it is preloaded writes
    # to the diagnostics, and one that reads stdin reads nothing, as a cold script's stdin is /dev/null.
    frames = os.dup(1)
    commands = os.dup(0)
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    Server(frames, commands).serve()


if __name__ == "__main__":
    main()
