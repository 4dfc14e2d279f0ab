"""Import and export of the directory as CSV (Open Referral HSDS names) or a JSON datapackage.

A folder holds up to three files: ``taxonomies.csv``, ``organizations.csv`` and
``services.csv`` (see DESIGN.md, "Directory data exchange"; their columns are defined once,
in ``columns.py``). An import reads them (``reading.py``), checks each row and then each entry
built from it by the models' own rules, as the admin does (``validating.py``), and writes in
bulk (``writing.py``), leaving a revision and a log entry in each changed entry's history
(``trail.py``). Each problem names its file, row and column, and one problem means nothing is
imported. Rows sharing an ``id`` in several locales are translations of one entry;
re-importing updates entries by ``id``, except those with an editor's unpublished changes.
"""

from .exporting import export_directory, export_rows
from .progress import progress_bar
from .reading import ImportFailed, Problem
from .writing import Report, import_directory

__all__ = [
    "ImportFailed",
    "Problem",
    "Report",
    "export_directory",
    "export_rows",
    "import_directory",
    "progress_bar",
]
