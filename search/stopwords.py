"""Words that carry no meaning in a search: articles, pronouns, prepositions, question
words, auxiliaries, in the seven languages of the site.

Every word of a query is optional and matches as the beginning of words, so a
question in a full sentence ("wo finde ich eine Wohnung", "where can I learn
German") would otherwise find every text with "ich" or "ein..." in it. The
function words of the language a text is in are dropped however they are typed
("fur", "اين"); those of the other languages too, where they are written as
their list writes them: a German function word typed on the Persian site is
dropped, but the Turkish "iş" (work) is not the English "is", although both
fold to "is". The verbs of asking for something ("finden", "suchen", "find", "bulmak",
"arıyorum") say nothing of what is sought and go too ("suchen" would find
"Suchtberatung"); the noun "Suche" stays, a part of "Wohnungssuche".
"""

import re
import unicodedata

from .text import words

FUNCTION_WORDS = {
    "de": (
        "der die das den dem des ein eine einer eines einem einen und oder aber in im ins "
        "an am auf aus bei mit nach von vom zu zum zur für fur über um unter vor bis durch "
        "ich du er sie es wir ihr mich mir dich dir uns euch sich mein meine dein deine "
        "ist sind bin bist war waren sein habe hast hat haben kann kannst können muss "
        "möchte mochte will wo wie was wer wann warum welche welcher gibt es gibt man "
        "nicht kein keine auch noch nur so sehr hier da dort bitte finde finden suchen brauche "
        "bekomme"
    ),
    "en": (
        "the a an and or but in on at to from for of with by about into over under "
        "i you he she it we they me my your our their him her us them "
        "is are am was were be been have has had do does did can could will would "
        "should may might must where how what who when why which there here "
        "not no any some this that these those please find get need want"
    ),
    "ar": (
        "في من إلى الى على عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن أنا انا "
        "أنت انت كيف أين اين ماذا ما متى لماذا هل و أو او لا لم لن قد كان يكون أريد اريد "
        "يمكن عند لدي بعد قبل"
    ),
    "uk": (
        "і й та а але або в у на з із зі до від для про за по під над при через "
        "я ти він вона воно ми ви вони мене мені мій моя моє мої ваш ваша наш "
        "є був була було були бути можна може треба потрібно хочу де як що хто коли "
        "чому який яка яке які чи не ні це той та ті тут там"
    ),
    "fa": (
        "و یا از به با در برای تا که این آن اینجا آنجا را هم نیز اما "
        "من تو او ما شما آنها ایشان "
        "است هست هستم هستند بود باشد شد شود کرد کنم کند می میخواهم خواهم توانم میتوانم "
        "کجا چگونه چطور چه چی کی چرا آیا کدام"
    ),
    "ru": (
        "и в во на с со к ко о об от до из у за по для при про под над через без "
        "я ты он она оно мы вы они меня мне мой моя моё мои ваш наш "
        "это этот эта эти тот та те есть был была было были быть можно нужно надо "
        "хочу где как что кто когда почему какой какая какие ли не нет тут там"
    ),
    "tr": (
        "ve veya ile ama de da ki bu şu o bir için gibi kadar "
        "ben sen biz siz onlar beni bana benim bizim "
        "nerede nasıl ne kim neden hangi mi mı mu mü var yok istiyorum arıyorum bulmak lazım"
    ),
}

STOPWORDS = frozenset(word for text in FUNCTION_WORDS.values() for word in words(text))
OWN_STOPWORDS = {code: frozenset(words(text)) for code, text in FUNCTION_WORDS.items()}


def lower(text):
    return unicodedata.normalize("NFC", text).lower()


def written_forms():
    """Folded function word -> the ways the lists write it (lower case)."""
    forms = {}
    for text in FUNCTION_WORDS.values():
        for written in lower(text).split():
            for folded in words(written):
                forms.setdefault(folded, set()).add(written)
    return forms


WRITTEN_FORMS = written_forms()


def is_function_word(word, query, language_code):
    """Whether the folded ``word`` of ``query`` is a function word of the language, or
    of another language and written in ``query`` as that language writes it."""
    if word in OWN_STOPWORDS.get(language_code, ()):
        return True
    return any(
        re.search(rf"(?<!\w){re.escape(written)}(?!\w)", query)
        for written in WRITTEN_FORMS.get(word, ())
    )


def meaningful(query, language_code):
    """The words of ``query`` (in ``language_code``, or typed on its pages) without
    function words, unless it has nothing else."""
    found = words(query)
    lowered = lower(query)
    kept = [word for word in found if not is_function_word(word, lowered, language_code)]
    return " ".join(kept or found)
