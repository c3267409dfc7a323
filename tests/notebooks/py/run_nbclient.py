"""Executes one notebook with Jupyter's nbclient and the replab kernel, in place (the caller
passes a temp copy). nbclient raises on any error output except in cells tagged
raises-exception; we also re-check the saved outputs. Exit 0 on success, 1 with the error.

usage: /usr/bin/python3 run_nbclient.py NOTEBOOK [CELL_TIMEOUT_S]
"""
import os
import sys

import nbformat
from nbclient import NotebookClient


def main():
    path = sys.argv[1]
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="replab", timeout=timeout, startup_timeout=120,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    try:
        client.execute()
    finally:
        nbformat.write(nb, path)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                print(f"cell {i}: error output {out.ename}: {out.evalue}", file=sys.stderr)
                sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
