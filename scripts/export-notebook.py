"""Executes a notebook with the project's tslab kernel and exports it to HTML.

Run through scripts/export-notebook.sh, which points Jupyter at the project-local kernel. Cells run one by
one; the first failing cell stops the run and its error text (tslab reports errors on stderr, not as an
`error` output) is printed. With --allow-errors the run goes on, after a pause: tslab drops requests that
arrive within 200 ms of a failure. The last stdout line is a JSON summary (cell timings) for tests.
"""
import argparse
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

# The forms carry the kernel session's token; an export outlives the session, so it keeps no token.
TOKEN = re.compile(r'data-token="[0-9a-f]{16,}"')


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


def scrub(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                html = data["text/html"]
                data["text/html"] = TOKEN.sub('data-token=""', html if isinstance(html, str) else "".join(html))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--html", type=Path, help="write the executed notebook as HTML here")
    parser.add_argument("--executed", type=Path, help="write the executed notebook (.ipynb) here")
    parser.add_argument("--kernel", default="cursus-lab")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--allow-errors", action="store_true", help="run every cell even after a failure")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    started = time.monotonic()
    timings, failures = execute(nb, args.notebook.resolve(), args.kernel, args.timeout, args.allow_errors)
    scrub(nb)
    if args.executed:
        args.executed.parent.mkdir(parents=True, exist_ok=True)
        args.executed.write_text(nbformat.writes(nb), encoding="utf-8")
    if args.html:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter().from_notebook_node(nb)
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(body, encoding="utf-8")
    total = round(time.monotonic() - started, 3)
    print(json.dumps({"notebook": str(args.notebook), "seconds": total, "cells": timings, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
