"""Run examples/pictures.ipynb as Jupyter would, and check its pictures show as SVG.

    .venv-notebook/bin/python .ci/notebook.py    (make test-notebook makes that
                                                      environment and runs it)

Needs nbclient and ipykernel, which tinynet never does: they live in their
own virtual environment.
"""

import os
import sys

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOK = os.path.join(HERE, "examples", "pictures.ipynb")

# The last line of each cell with a picture, and a piece of that picture's SVG.
PICTURES = {"model": '<line class="weight"',
            "tinynet.DecisionMap(model, data)": '<path class="boundary"',
            "model.report": "<title>tinynet training: "}


def main():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}}).execute()
    shown = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.splitlines()[-1] in PICTURES:
            results = [output for output in cell.outputs if output.output_type == "execute_result"]
            shown[cell.source.splitlines()[-1]] = results[0].data if results else {}
    failed = False
    for line, piece in PICTURES.items():
        svg = shown.get(line, {}).get("image/svg+xml", "")
        if piece in svg and svg.lstrip().startswith("<svg"):
            print(f"{line}: shown as SVG ({len(svg):,} characters)")
        else:
            print(f"{line}: not shown as SVG; its output: {shown.get(line)!r:.300}",
                  file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
