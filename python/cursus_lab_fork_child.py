"""The forked side of the fork server (cursus_lab_fork_server.py): what turns a copy of the server into
a node's own process, as a cold ``python cursus_lab_harness.py SPEC REPORT`` would be: its own session,
streams, folder, environment, signal handlers, sys.argv and sys.path, fresh random state, then the harness.
A production-entry node first makes its sandbox (cursus_lab_node_view); if the kernel refuses a step, it
says which on the ready pipe instead of starting, and cursus-lab runs the node cold.
"""

import json
import os
import signal
import sys

import cursus_lab_harness as harness
import cursus_lab_node_view as node_view

OWNER = b"CURSUS_LAB_OWNER="
#: The interpreter's own paths, before any preloaded module could add to them: a cold run starts with these.
START_PATH = list(sys.path)


def carry_token(token):
    """Writes the node's token over the placeholder in this process's original environment block.

    /proc/PID/environ shows the block a process was exec'd with, not os.environ: without this, a child
    the script forks and detaches (setsid) would carry no token and escape the sweep. Forked descendants
    copy the block, so they carry the token too; exec'd ones get it from os.environ.
    """
    with open("/proc/self/environ", "rb") as handle:
        block = handle.read()
    found = 0 if block.startswith(OWNER) else block.find(b"\0" + OWNER) + 1
    if found == 0 and not block.startswith(OWNER):
        return
    start = found + len(OWNER)
    value = token.encode()
    if block.index(b"\0", start) - start != len(value):
        return
    with open("/proc/self/stat", "rb") as handle:
        stat = handle.read()
    # Field 50 of stat (the 48th after the command name) is where the environment block starts.
    env_start = int(stat[stat.rindex(b")") + 2:].split()[47])
    with open("/proc/self/mem", "r+b", buffering=0) as mem:
        mem.seek(env_start + start)
        mem.write(value)


def reseed():
    """Siblings forked from one server must not share random sequences: each draws fresh entropy as a cold process does.

    The random module reseeds itself after a fork; numpy's global state does not.
    """
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed()


def own_session(out_w, err_w, server_fds):
    """A session of its own, stdin empty, stdout and stderr on the node's pipes, nothing of the server's open."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    for fd in server_fds | {devnull, out_w, err_w}:
        try:
            os.close(fd)
        except OSError:
            pass


def become_node(request, out_w, err_w, ready_w, server_fds):
    """In the forked child: the node's own session, sandbox, streams, folder and environment, then the harness.

    The sandbox comes after setsid, so a kill of the node's group reaches it once it is reported started,
    and before the token is written, so a child that refused leaves nothing the sweep must find.
    """
    code = 1
    try:
        own_session(out_w, err_w, server_fds)
        env = request["env"]
        try:
            if request.get("view") is not None:
                node_view.enter(request["view"])
            # Only a server under bwrap, run by anyone but root, holds capabilities a cold node would not.
            if os.getuid() != 0 and node_view.holds_capabilities():
                node_view.drop_capabilities()
        except node_view.ViewFailed as failed:
            os.write(ready_w, b"0" + json.dumps(failed.report).encode())
            os._exit(1)
        carry_token(env.get("CURSUS_LAB_OWNER", ""))
        os.write(ready_w, b"1")
        os.close(ready_w)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(env)
        if "tempfile" in sys.modules:
            sys.modules["tempfile"].tempdir = None
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # As a cold `python HARNESS SPEC REPORT` has it.
        sys.argv = list(request["argv"])
        sys.path[:] = START_PATH
        reseed()
        code = harness.main()
        # What a cold interpreter does on its way out: wait for the script's threads, run atexit handlers.
        threading = sys.modules.get("threading")
        if threading is not None:
            threading._shutdown()
        import atexit

        atexit._run_exitfuncs()
    except BaseException:  # noqa: BLE001 - whatever breaks here must end this child, never return into the server loop
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                pass
        os._exit(code if isinstance(code, int) else 1)


def exec_node(request, out_w, err_w, ready_w, server_fds):
    """In the forked child: a fresh process for a cold node, as a spawn from cursus-lab would make it.

    Its own session and streams, the node's folder and environment, every signal at its default (Python
    ignores SIGPIPE and SIGXFSZ, and an exec keeps what is ignored), then exec. The ready pipe closes on
    exec, which tells the server the node started; a failed exec says why on it instead.
    """
    try:
        own_session(out_w, err_w, server_fds)
        for number in signal.valid_signals():
            if number not in (signal.SIGKILL, signal.SIGSTOP) and signal.getsignal(number) != signal.SIG_DFL:
                signal.signal(number, signal.SIG_DFL)
        argv = request["argv"]
        os.chdir(request["cwd"])
        # Looked up in the node's own PATH, as a spawn with an environment looks its command up.
        os.execvpe(argv[0], argv, request["env"])
    except OSError as error:
        os.write(ready_w, b"0" + json.dumps({"call": "exec", "path": error.filename, "error": error.strerror}).encode())
    finally:
        os._exit(127)

