"""The one writer of replab's generated notebooks (the scripts under tests/*/notebooks/ and
tests/*/notebook-sources/ import it): nbformat 4.5 through Debian's python3-nbformat, validated,
with the replab kernel's metadata, empty outputs and stable cell ids (NAME-NN), so that rerunning a
generator writes the same file.

Cells are (kind, source) or (kind, source, tags); kind is "code", "md" or "markdown". Leading and
trailing blank lines of a source are dropped.
"""
import os
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
METADATA = {
    "kernelspec": {"name": "replab", "display_name": "TypeScript (replab)", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts"},
}


def notebook(name, cells):
    """The nbformat notebook for `cells`; ids are `name`-00, -01, …"""
    out = []
    for i, cell in enumerate(cells):
        kind, source = cell[0], cell[1].strip("\n")
        tags = cell[2] if len(cell) > 2 and cell[2] else None
        make = new_code_cell if kind == "code" else new_markdown_cell
        if kind not in ("code", "md", "markdown"):
            raise ValueError(f"{name}: cell {i} has kind {kind!r}; use 'code' or 'md'")
        c = make(source, id=f"{name}-{i:02d}")
        if tags:
            c.metadata["tags"] = list(tags)
        out.append(c)
    book = new_notebook(cells=out, metadata=METADATA)
    nbformat.validate(book)
    return book


def write(name, cells, path=None):
    """Writes notebooks/NAME.ipynb (or `path`) and says so."""
    path = path or os.path.join(ROOT, "notebooks", name + ".ipynb")
    nbformat.write(notebook(name, cells), path)
    print("wrote", os.path.relpath(path, ROOT))
