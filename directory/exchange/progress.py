"""A progress bar for imports run on a terminal."""

import sys


def progress_bar(stream=sys.stderr, width=30):
    """A progress callback drawing a bar on a terminal, or nothing elsewhere."""
    if not stream.isatty():
        return None

    def draw(done, total):
        if total and (done == total or done % 100 == 0):
            filled = width * done // total
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                stream.write("\n")
            stream.flush()

    return draw
