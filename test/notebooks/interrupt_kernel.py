"""Runs one cell in the project's tslab kernel, presses Interrupt (as Jupyter's button does) once a file
appears, then checks that the kernel still runs a cell. Prints one JSON line for the test to read.

usage: interrupt_kernel.py KERNEL_NAME CELL_FILE WAIT_FOR_FILE
"""
import json
import os
import sys
import threading
import time

from jupyter_client.manager import start_new_kernel


def run_cell(client, source):
    """The reply status and the outputs (text/plain of displays, stream text) of one cell."""
    outputs = []

    def hook(msg):
        content = msg["content"]
        if msg["msg_type"] == "stream":
            outputs.append(content["text"])
        elif msg["msg_type"] in ("display_data", "update_display_data", "execute_result"):
            outputs.append(content["data"].get("text/plain", ""))

    reply = client.execute_interactive(source, output_hook=hook, timeout=30)
    return {"status": reply["content"]["status"], "outputs": outputs}


def drain_late_outputs(client, seconds):
    """Display updates and text the kernel sends after the interrupted cell's reply, whichever cell they name."""
    late = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            msg = client.get_iopub_msg(timeout=0.2)
        except Exception:
            continue
        if msg["msg_type"] == "stream":
            late.append({"type": "stream", "text": msg["content"]["text"]})
        elif msg["msg_type"] in ("display_data", "update_display_data"):
            late.append({"type": msg["msg_type"], "text": msg["content"]["data"].get("text/plain", "")})
    return late


def main():
    kernel_name, cell_file, wait_for = sys.argv[1:4]
    with open(cell_file) as handle:
        source = handle.read()
    manager, client = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
    pressed = {}

    def press_interrupt_when_ready():
        deadline = time.monotonic() + 60
        while not os.path.exists(wait_for) and time.monotonic() < deadline:
            time.sleep(0.1)
        pressed["at"] = time.monotonic()
        manager.interrupt_kernel()

    try:
        presser = threading.Thread(target=press_interrupt_when_ready)
        presser.start()
        cell = run_cell(client, source)
        cell["secondsAfterInterrupt"] = round(time.monotonic() - pressed.get("at", time.monotonic()), 3)
        presser.join()
        cell["late"] = drain_late_outputs(client, 4.0)
        # tslab drops requests that arrive within 200 ms of a failed cell.
        time.sleep(0.5)
        after = run_cell(client, '"kernel still " + "answers"')
        print(json.dumps({"cell": cell, "after": after}))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
