"""A node's sandbox, made by a process the fork server forked, before it becomes the node.

cursus-lab plans a node's view once (src/engine/sandbox-plan.ts): an ordered list of binds, each a host
path shown at a path of the node (its private /tmp, the store read-only, /opt replaced by a folder of
ours, the container paths). A cold node gets it from bubblewrap; a forked one performs the same list
here, in a mount namespace of its own, so its parent and its siblings see none of it. The fork server
runs under bwrap with CAP_SYS_ADMIN, the one capability unshare(CLONE_NEWNS) and mount(2) ask for.

Python 3.11 has no os.unshare or os.mount: both go through libc by ctypes, loaded once by the server.
"""

import ctypes
import os
import re

CLONE_NEWNS = 0x20000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC = 32, 1024, 2048, 4096, 16384
MS_PRIVATE, MS_RELATIME = 1 << 18, 1 << 21
#: statvfs flags a read-only remount must keep: in a user namespace the kernel refuses to clear them.
KEPT = ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC), (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME))

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p)


PR_CAPBSET_DROP, CAPABILITY_VERSION_3 = 24, 0x20080522


class CapabilityHeader(ctypes.Structure):
    _fields_ = (("version", ctypes.c_uint32), ("pid", ctypes.c_int))


class CapabilitySet(ctypes.Structure):
    _fields_ = (("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32))


class ViewFailed(Exception):
    """A step the kernel refused: the node then runs cold, in bubblewrap, with this as the reason."""

    def __init__(self, call, path, error):
        super().__init__(call, path, error)
        self.report = {"call": call, "path": path, "error": error}


def check(call, path, result):
    if result != 0:
        raise ViewFailed(call, path, os.strerror(ctypes.get_errno()))


def mount(call, source, target, flags):
    check(call, target, libc.mount(source if source is None else source.encode(), target.encode(), None, flags, None))


def enter(binds):
    """Makes this process's own mount namespace hold the plan's binds, in order."""
    check("unshare(CLONE_NEWNS)", None, libc.unshare(CLONE_NEWNS))
    # Private all the way down: nothing mounted here reaches the server's namespace, nor the host's.
    mount("mount --make-rprivate", None, "/", MS_REC | MS_PRIVATE)
    # Every source is opened before the first bind, as bubblewrap reads them: a later bind may cover one
    # (the private /tmp covers the host's /tmp, whose folders are shown again on top of it). They are
    # opened after unshare because the kernel binds only from mounts of the caller's own namespace.
    sources = []
    try:
        for bind in binds:
            try:
                sources.append(os.open(bind["from"], os.O_PATH | os.O_CLOEXEC))
            except OSError as error:
                raise ViewFailed("open", bind["from"], error.strerror) from None
        for bind, fd in zip(binds, sources):
            target = bind["to"]
            mount_point(fd, target)
            mount("mount --bind", f"/proc/self/fd/{fd}", target, MS_BIND | MS_REC)
            if not bind["writable"]:
                for point in [target, *submounts(target)]:
                    read_only(point)
    finally:
        for fd in sources:
            os.close(fd)


def mount_point(fd, target):
    """As bubblewrap does: a missing folder (or, for a file, an empty file) where the bind lands."""
    if os.path.lexists(target):
        return
    try:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            os.makedirs(target, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
    except OSError as error:
        raise ViewFailed("mkdir", target, error.strerror) from None


def read_only(point):
    flags = os.statvfs(point).f_flag
    kept = sum(ms for st, ms in KEPT if flags & st)
    mount("mount -o remount,bind,ro", None, point, MS_BIND | MS_REMOUNT | MS_RDONLY | kept)


def submounts(target):
    """Mounts below a read-only bind: bubblewrap makes them read-only too."""
    prefix = target.rstrip("/") + "/"
    with open("/proc/self/mountinfo", encoding="utf-8") as handle:
        points = [re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4]) for line in handle]
    return [p for p in points if p.startswith(prefix)]


def holds_capabilities():
    with open("/proc/self/status", encoding="ascii") as handle:
        return any(line.startswith("CapEff:") and int(line.split()[1], 16) != 0 for line in handle)


def drop_capabilities():
    """What bubblewrap leaves a cold node run by anyone but root: no capability at all.

    The server holds CAP_SYS_ADMIN (and CAP_SETPCAP, to empty the bounding set) only so its children can
    make their sandboxes; a script that kept it could unmount its read-only inputs. As root a cold node
    keeps root's capabilities, so a warm one does too.
    """
    with open("/proc/sys/kernel/cap_last_cap", encoding="ascii") as handle:
        last = int(handle.read())
    for capability in range(last + 1):
        check("prctl(PR_CAPBSET_DROP)", None, libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0))
    check("capset", None, libc.capset(ctypes.byref(CapabilityHeader(CAPABILITY_VERSION_3, 0)), (CapabilitySet * 2)()))
