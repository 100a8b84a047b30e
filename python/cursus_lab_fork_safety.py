"""Whether a fork server may still fork after a preloaded module (cursus_lab_fork_server.py).

A fork copies only the calling thread, so a lock held by another thread stays locked in the child
forever. After each preloaded module that left threads running, the server forks a probe child that
exits at once, then counts its own threads again (/proc/self/task). OpenBLAS, which numpy starts a pool
of at import, stops that pool in its own fork handler (pthread_atfork) and restarts it lazily, so it
passes; a thread no fork handler stopped fails the rule, and then every node runs cold with the reason.
"""

import os


def thread_count():
    return len(os.listdir("/proc/self/task"))


def stray_threads():
    """Threads a fork would strand (see the module's note), as names; empty when forking is safe."""
    if thread_count() == 1:
        return []
    probe = os.fork()
    if probe == 0:
        os._exit(0)
    os.waitpid(probe, 0)
    if thread_count() == 1:
        return []
    import threading

    named = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    return named or [f"{thread_count() - 1} native thread(s)"]
