"""Stemming from several threads at once, as gunicorn's threaded workers do."""

import sys
import threading

from search.text import stem, stems

WORDS = " ".join(
    "Wohnungen Beratungsstellen Geflüchtete Kinderbetreuung Integrationskurse Sprechstunden "
    "Begleitungen Anerkennungen Werkstätten Ausbildungsplätze".split()
    * 30
)


def test_threads_stemming_at_once_get_the_same_stems_as_one_thread():
    expected = stems(WORDS, "de")
    outcomes = []

    def stem_repeatedly():
        for _ in range(100):
            stem.cache_clear()  # every word goes through a stemmer, none comes from the memo
            try:
                outcomes.append(stems(WORDS, "de") == expected)
            except Exception as error:  # a shared stemmer fails in many ways
                outcomes.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=stem_repeatedly) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert outcomes == [True] * 400, [outcome for outcome in outcomes if outcome is not True][:3]
