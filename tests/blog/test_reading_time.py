"""Reading time counts the words of the language being read, at that language's speed."""

from blog.reading_time import reading_minutes, word_count


def test_words_are_counted_in_every_script():
    assert word_count("Die Arbeitsgruppe Wohnen trifft sich am 3. März.") == 8
    assert word_count("تلتقي مجموعة العمل المعنية بالسكن في الثالث من مارس.") == 9
    assert word_count("Робоча група з питань житла зустрічається 3 березня.") == 8
    assert word_count("Geflüchtete Frauen – ein Mentoring-Programm, Schritt für Schritt.") == 7


def test_minutes_follow_the_reading_speed_of_the_language():
    assert reading_minutes("Wort " * 1790, "de") == 10  # 179 words per minute
    assert reading_minutes("word " * 2280, "en") == 10  # 228 words per minute
    assert reading_minutes("كلمة " * 1380, "ar") == 10  # 138 words per minute
    assert reading_minutes("слово " * 1840, "uk") == 10  # read like Russian, 184
    assert reading_minutes("کلمه " * 1380, "fa") == 10  # read like Arabic, 138
    assert reading_minutes("", "de") == 1
    assert reading_minutes("Wort " * 1791, "de") == 11  # a started minute counts
