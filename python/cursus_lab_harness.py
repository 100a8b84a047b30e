"""Runs one cursus pipeline script in this process and reports back on a side channel.

Called by cursus-lab as ``python cursus_lab_harness.py SPEC_JSON REPORT_JSON``, or by the fork server
(cursus_lab_fork_server.py), which imports this module and calls ``main()`` in each forked child. The
script is loaded by file path (its own folder importable), its env vars are set in ``os.environ`` as
well as passed to ``main``, and the job arguments become an ``argparse.Namespace``. What happened
(status, timings, peak memory, the exception, the modules it imported) goes to REPORT_JSON, never to
stdout, which belongs to the script.

Every node pays for this file's imports before its script starts, so only json, os and sys are
imported up front; the rest is imported where it is used (argparse and importlib.util for main(),
runpy for the production entry, traceback on failure), and main() is found without ast. A script
that needs them imports them anyway.
"""

import json
import os
import sys

#: Report the modules a script imported from the interpreter's own paths, at most this deep
#: (``sklearn.metrics``, not ``sklearn.metrics._ranking``): importing those imports the rest.
MODULE_DEPTH = 2


def compiled(path):
    """The script's code, compiled as its import compiles it, and whether it defines main() at its top level.

    Not by ast, whose import alone costs a cold node milliseconds: a function named main among the
    module's own code objects, and a line that starts `def main(` (only a top-level statement starts
    at column 0). A syntax error is raised before anything runs, as the import would raise it.
    """
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        code = compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as error:
        error.cursus_lab_at_import = True
        raise
    own = any(type(const) is type(code) and const.co_name == "main" for const in code.co_consts)
    return code, own and any(top_level_main(line) for line in source.splitlines())


def top_level_main(line):
    if not line.startswith((b"def ", b"def\t")):
        return False
    rest = line[4:].lstrip(b" \t")
    return rest.startswith(b"main") and rest[4:].lstrip(b" \t").startswith(b"(")


def argv_of(spec):
    argv = [spec["script"]]
    for arg in spec["args"]:
        if not arg.get("off"):
            argv += [arg["flag"]] if arg.get("alone") else [arg["flag"], arg["value"]]
    return argv


def parameter_names(function):
    """The names main() accepts by name; inspect only for what a code object cannot tell (signatures set by hand, partials)."""
    while hasattr(function, "__wrapped__") and not hasattr(function, "__signature__"):
        function = function.__wrapped__
    code = getattr(function, "__code__", None)
    if code is None or hasattr(function, "__signature__"):
        import inspect

        return set(inspect.signature(function).parameters)
    return set(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])


def call_main(spec, code):
    import argparse
    import importlib.util

    script = spec["script"]
    spec_obj = importlib.util.spec_from_file_location("cursus_lab_script", script)
    module = importlib.util.module_from_spec(spec_obj)
    sys.modules["cursus_lab_script"] = module
    try:
        # What the loader's exec_module does with the code it compiles, here compiled once already.
        exec(code, module.__dict__)
    except BaseException as error:
        # Raised before main() was called: the production entry imports the script the same way.
        error.cursus_lab_at_import = True
        raise
    # A switch reads as True when passed and False when left out, as argparse's store_true makes it.
    job_args = argparse.Namespace(**{arg["dest"]: not arg.get("off") if arg.get("alone") else arg["value"] for arg in spec["args"]})
    kwargs = {}
    if "logger" in parameter_names(module.main):
        kwargs["logger"] = lambda message, *rest: print(message, *rest, flush=True)
    module.main(dict(spec["inputs"]), dict(spec["outputs"]), dict(spec["env"]), job_args, **kwargs)


def run(spec):
    script = spec["script"]
    os.environ.update(spec["env"])
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    sys.argv = argv_of(spec)
    # The production entry: the script's own __main__ reads the container paths, mapped by the sandbox.
    if spec.get("entry") != "script":
        code, defines_main = compiled(script)
        if defines_main:
            call_main(spec, code)
            return "main"
    import runpy

    runpy.run_path(script, run_name="__main__")
    return "script"


def script_traceback(error):
    """The traceback from the script's first frame on: the harness's own frames are noise to the user."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    here = os.path.abspath(__file__)
    # The frames before the script's first (the harness's, and runpy's or importlib's frozen ones) go.
    first = next((i for i, f in enumerate(frames) if not f.filename.startswith("<frozen ") and os.path.abspath(f.filename) != here), len(frames))
    kept = [frame for frame in frames[first:] if os.path.abspath(frame.filename) != here]
    lines = ["Traceback (most recent call last):\n"] + traceback.format_list(kept)
    return "".join(lines + traceback.format_exception_only(type(error), error))


def usage():
    import resource

    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = self_usage.ru_utime + self_usage.ru_stime + children.ru_utime + children.ru_stime
    return {"cpuMs": round(cpu * 1000, 1), "peakRssKb": max(self_usage.ru_maxrss, children.ru_maxrss)}


def interpreter_paths():
    """Where the interpreter's own modules live (stdlib, site-packages): sys.path without this folder and PYTHONPATH."""
    user = {os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p != ""}
    here = os.path.dirname(os.path.abspath(__file__))
    return tuple(os.path.join(os.path.abspath(p), "") for p in sys.path if p != "" and os.path.abspath(p) not in user and os.path.abspath(p) != here)


def imported_since(before, roots, script):
    """Modules imported after `before` that came from the interpreter's paths, not from the script's folder: what a fork server can preload."""
    own = os.path.join(os.path.dirname(os.path.abspath(script)), "")
    found = []
    for name, module in list(sys.modules.items()):
        if name in before or name.count(".") >= MODULE_DEPTH or any(part.startswith("_") for part in name.split(".")):
            continue
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if isinstance(origin, str) and origin.startswith(roots) and not origin.startswith(own):
            found.append(name)
    return found


def main():
    before = set(sys.modules)
    roots = interpreter_paths()
    spec_path, report_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    import time

    started = time.monotonic()
    report = {"status": "ok"}
    code = 0
    try:
        report["mode"] = run(spec)
    except SystemExit as stop:
        exit_code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if exit_code != 0:
            report = {"status": "exit", "exitCode": exit_code, "message": f"the script called sys.exit({stop.code!r})"}
            code = exit_code
    except BaseException as error:  # noqa: BLE001 - everything the script raises is its failure to report
        report = {
            "status": "exception",
            "type": type(error).__name__,
            "message": str(error),
            "traceback": script_traceback(error),
        }
        if getattr(error, "cursus_lab_at_import", False):
            report["atImport"] = True
        sys.stderr.write(report["traceback"])
        code = 1
    report["wallMs"] = round((time.monotonic() - started) * 1000, 1)
    report.update(usage())
    report["modules"] = imported_since(before, roots, spec["script"])
    sys.stdout.flush()
    sys.stderr.flush()
    with open(report_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle)
    return code


if __name__ == "__main__":
    sys.exit(main())
