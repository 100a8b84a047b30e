"""Executes a notebook with the project's tslab kernel and exports it to HTML.

Run through scripts/export-notebook.sh, which points Jupyter at the project-local kernel. Cells run one by
one; the first failing cell stops the run and its error text (tslab reports errors on stderr, not as an
`error` output) is printed. With --allow-errors the run goes on, after a pause: tslab drops requests that
arrive within 200 ms of a failure. The last stdout line is a JSON summary (cell timings) for tests.

An export documents a run from scratch: the kernel gets an empty temporary workspace (CURSUS_LAB_WORKSPACE),
never the project's .cursus-lab cache, so nothing shows as reused from someone's earlier work. The page is
titled by the notebook's first heading, loads nothing from this machine (nbconvert's file:// require.js
and MathJax references are dropped), and shows paths relative to the project.
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

# The forms carry the kernel session's token; an export outlives the session, so it keeps no token.
TOKEN = re.compile(r'data-token="[0-9a-f]{16,}"')
# nbconvert 6.5 points these at Debian's copies on the exporting machine: dead links once published.
LOCAL_SCRIPT = re.compile(r'<script\b[^>]*\bsrc="file://[^"]*"[^>]*>\s*</script>\s*')
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cell_errors(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")


def execute(nb, path, kernel, timeout, allow_errors):
    replies = {}
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, resources={"metadata": {"path": str(path.parent)}})
    # An aborted cell (tslab drops requests right after a failure) raises nothing: watch the reply status.
    client.on_cell_executed = lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, (execute_reply or {}).get("content", {}).get("status"))
    # Counted per cell, so a test can see that live progress was redrawn in place (update_display_data).
    messages = {}
    process = client.process_message

    def counting(msg, cell, cell_index):
        kinds = messages.setdefault(cell_index, {})
        kinds[msg["msg_type"]] = kinds.get(msg["msg_type"], 0) + 1
        return process(msg, cell, cell_index)

    client.process_message = counting
    timings, failures = [], []
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        count = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            started = time.monotonic()
            failed = False
            try:
                client.execute_cell(cell, index, execution_count=count)
            except (CellExecutionError, CellTimeoutError) as error:
                failed = True
                detail = cell_errors(cell) or str(error)
            if not failed and replies.get(index) == "abort":
                failed = True
                detail = "the kernel did not run this cell (it aborted the request)"
            seconds = round(time.monotonic() - started, 3)
            timings.append({"cell": index, "seconds": seconds, "ok": not failed, "messages": messages.get(index, {})})
            print(f"cell {index}: {'failed' if failed else 'ok'} in {seconds:.2f} s", file=sys.stderr)
            if failed:
                failures.append({"cell": index, "source": cell.source, "error": detail})
                print(f"--- cell {index} failed ---\n{cell.source}\n--- error ---\n{detail}", file=sys.stderr)
                if not allow_errors:
                    break
                time.sleep(0.5)
    return timings, failures


def path_scrubber(workspace):
    """Project paths become relative, the export's throwaway workspace becomes <workspace>."""
    pairs = sorted([(str(PROJECT_ROOT) + os.sep, ""), (str(workspace) + os.sep, "<workspace>/")], key=lambda p: -len(p[0]))
    exact = {str(PROJECT_ROOT): ".", str(workspace): "<workspace>"}

    def scrub_text(text):
        if text in exact:
            return exact[text]
        for before, after in pairs:
            text = text.replace(before, after)
        # A path quoted whole at the end of a sentence or attribute, without its trailing separator.
        for before, after in exact.items():
            text = re.sub(re.escape(before) + r"(?![\w./-])", after, text)
        return text

    return scrub_text


def scrub_value(value, scrub_text):
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, list):
        return [scrub_value(v, scrub_text) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, scrub_text) for k, v in value.items()}
    return value


def scrub(nb, workspace):
    scrub_text = path_scrubber(workspace)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output["text"] = scrub_value(output["text"], scrub_text)
            data = output.get("data", {})
            for mime in list(data):
                if not mime.startswith("image/") or mime == "image/svg+xml":
                    data[mime] = scrub_value(data[mime], scrub_text)
            if "text/html" in data:
                html = data["text/html"]
                data["text/html"] = TOKEN.sub('data-token=""', html if isinstance(html, str) else "".join(html))


def first_heading(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = HEADING.search(cell.source)
            if found:
                # The page title is plain text: drop inline markup (`code`, **bold**, [links](...)).
                return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", found.group(1)).replace("`", "").replace("**", "").replace("__", "")
    return fallback


def fresh_workspace(given):
    """A workspace with nothing in it, so every node of the export really runs; (path, remove afterwards)."""
    if given is None:
        return Path(tempfile.mkdtemp(prefix="cursus-lab-export-")).resolve(), True
    path = given.resolve()
    if path.exists() and any(path.iterdir()):
        sys.exit(f"export-notebook: --workspace {given} is not empty; an export runs from scratch: give an empty or missing folder")
    path.mkdir(parents=True, exist_ok=True)
    return path, False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--html", type=Path, help="write the executed notebook as HTML here")
    parser.add_argument("--executed", type=Path, help="write the executed notebook (.ipynb) here")
    parser.add_argument("--kernel", default="cursus-lab")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--allow-errors", action="store_true", help="run every cell even after a failure")
    parser.add_argument("--workspace", type=Path, help="run in this empty folder and keep it (default: a temporary one, removed afterwards)")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    workspace, remove = fresh_workspace(args.workspace)
    # The kernel inherits this environment; an inherited CURSUS_LAB_WORKSPACE would reuse an old cache.
    os.environ["CURSUS_LAB_WORKSPACE"] = str(workspace)
    started = time.monotonic()
    try:
        timings, failures = execute(nb, args.notebook.resolve(), args.kernel, args.timeout, args.allow_errors)
    finally:
        if remove:
            shutil.rmtree(workspace, ignore_errors=True)
    scrub(nb, workspace)
    if args.executed:
        args.executed.parent.mkdir(parents=True, exist_ok=True)
        args.executed.write_text(nbformat.writes(nb), encoding="utf-8")
    if args.html:
        from nbconvert import HTMLExporter

        title = first_heading(nb, args.notebook.stem)
        body, _ = HTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
        body = LOCAL_SCRIPT.sub("", body)
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(body, encoding="utf-8")
    total = round(time.monotonic() - started, 3)
    print(json.dumps({"notebook": str(args.notebook), "seconds": total, "cells": timings, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
