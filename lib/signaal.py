"""Signal words: text that may mean someone is in danger right now.

Nothing that contains them is ever blocked or removed. Its writer immediately sees where
to find help (templates/_hulp_nu.html); a community post also goes to the moderation
queue for a supportive response (nazorg/moderatie.py).

Built for how people write on a bad day, in Dutch and English: the text is first
normalised (lower case, accents stripped, apostrophes dropped, other punctuation made a
space, sentence ends kept as " . " so a phrase never spans two sentences). Then it is
matched against word starts and compounds (zelfmoordgedachten, suicidaal) and against
phrasings with a few words in between ("dat ik er niet meer wil zijn", "een eind aan
mijn leven maken"). A false alarm only shows a help box, a miss can cost a life: when in
doubt a pattern catches. lib/signaal_corpus.txt measures both sides
(`manage.py crisiscorpus`).
"""

import re
import unicodedata

# Up to n words in between, never across a sentence end (" . " is not a word).
_TUSSEN = {n: rf"(?:\w+\s+){{0,{n}}}" for n in range(1, 6)}


def _t(n: int) -> str:
    return _TUSSEN[n]


_ZELF = r"(?:mezelf|mijzelf|mn\s+zelf|mijn\s+zelf|zichzelf|jezelf)"
_ME = rf"(?:{_ZELF}|me|mij)"
_WIL = r"(?:wil|wilt|wilde|wilden|willen|wou|wouden|wel|liever|graag)"
_DOEN_AAN = r"(?:aandoen|aandoe|aandeed|aangedaan|aan\s+(?:te\s+)?doen)"
_SPRINGEN = r"(?:springen|spring|springt|sprong|sprongen|gesprongen|te\s+springen)"
_MAKEN = r"(?:maken|maak|maakt|maakte|gemaakt|te\s+maken)"
_PILLEN = (
    r"(?:pillen|pilletjes|medicijnen|medicatie|tabletten|slaappillen|oxazepam|meds|pills|tablets)"
)
# "dood" that is only a figure of speech: "me dood vervelen", "doodlachen", "doodmoe".
_NIET_FIGUURLIJK = r"(?!\s+(?:vervel\w*|verveel\w*|lach\w*|schrik\w*|schrok\w*|moe|ziek|werk\w*))"

PATRONEN = [
    # Word starts and compounds (any inflection, with or without a space or typo).
    r"zelf?\s?moor[dt]\w*",  # zelfmoord, zelfmoordgedachten, zelf moord, zelmoord
    r"\bzelf\s?dod\w*",  # zelfdoding, zelfdodingsgedachten
    r"\bsu[iy]?[csz]+[iy]d\w*",  # suicide, suicidaal, suicidale, suiside, sucidal
    r"\bzelf\s?(?:beschadig|verwond|destructi|verminking)\w*",
    r"\bautomutilat\w*",
    r"\bself\s?(?:harm|injur|mutilat|destruct)\w*",
    r"\bover\s?dos\w*",  # overdosis, overdose
    r"\bafscheids\s?brie[fv]\w*",
    r"\bdoods\s?(?:wens|verlang|gedacht)\w*",
    r"\blevensmoe\w*",
    r"\blevenseindekliniek\w*",
    r"\bunaliv\w*",
    r"\bkms\b",
    # Dutch phrasings.
    rf"\ber\s+{_t(2)}niet\s+meer\s+{_t(2)}(?:zijn|te\s+zijn|wezen)\b",
    rf"\bniet\s+(?:meer|langer)\s+{_t(1)}(?:bestaan|leven)\b",
    rf"\b(?:zie|ziet|zag|zagen|zien)\s+{_t(4)}niet\s+meer\s+zitten\b",
    r"\bniet\s+meer\s+(?:zie|zien|ziet|zag|zagen)\s+zitten\b",
    rf"\ber\s+{_t(3)}einde?\s+aan\s+{_t(2)}{_MAKEN}\b",
    rf"\b(?:maak|maakte)\s+(?:ik\s+)?er\s+{_t(3)}einde?\s+aan\b",
    rf"\beinde?\s+aan\s+(?:(?:het|mijn|mn|alles|dit|leven|eigen)\s+){{0,3}}{_MAKEN}\b",
    r"\beinde?\s+aan\s+alles\b",
    rf"\beinde?\s+{_t(2)}aan\s+(?:mijn|mn|het|m\s+n)\s+(?:eigen\s+)?leven\b",
    rf"\bleven\s+{_t(2)}beeindig\w*",
    rf"\bbeeindig\w*\s+{_t(2)}leven\b",
    r"\buit\s+het\s+leven\s+(?:te\s+)?(?:stap\w*|gestapt)",
    r"\b(?:mijn|mn|het)\s+(?:eigen\s+)?leven\s+(?:te\s+)?(?:nemen|neem|nam|genomen)\b",
    rf"\b{_ME}\s+{_t(3)}(?:van\s+kant|om\s+zeep|om\s+het\s+leven|van\s+het\s+leven)\b",
    rf"\b(?:niet|nooit)\s+meer\s+wakker\s+{_t(2)}(?:worden|word|wordt|werd)\b",
    rf"\b{_ZELF}\s+{_t(3)}{_DOEN_AAN}",
    rf"\b(?:me|mij)\s+{_t(1)}(?:iets|wat)\s+{_t(1)}{_DOEN_AAN}",
    rf"\b{_ZELF}\s+{_t(2)}pijn\s+{_t(1)}(?:doen|doe|deed|gedaan)\b",
    rf"\b(?:snij\w*|gesneden|sneed|kras\w*|gekrast|bekras\w*)\s+{_t(3)}(?:{_ZELF}|(?:mijn|mn)\s+(?:arm|armen|pols|polsen|benen|been|huid))\b",
    rf"\b{_ZELF}\s+{_t(3)}(?:snij\w*|gesneden|sneed|te\s+snijden|krassen|kras|gekrast)\b",
    rf"\b(?:mijn|mn)\s+(?:arm|armen|pols|polsen|been|benen|bovenbenen|huid)\s+{_t(2)}(?:gesneden|snij\w*|gekrast|kras\w*|opengehaald)",
    rf"\bpols\w*\s+{_t(2)}(?:door)?(?:snij\w*|gesneden|sneed)",
    rf"\b{_ME}\s+{_t(3)}(?:ophangen|ophang|opgehangen|ophing|op\s+te\s+hangen|verhangen)\b",
    rf"\b(?:hang|hangen|hing)\s+{_t(2)}{_ME}\s+{_t(2)}op\b",
    rf"\bstrop\s+{_t(3)}(?:gekocht|kopen|klaar|hangen|gemaakt)\b",
    rf"\b(?:van|vanaf|af|uit)\s+{_t(3)}(?:brug|flat|dak|balkon|gebouw|toren|raam|viaduct|parkeergarage)\w*\s+{_t(2)}(?:af\s+)?{_SPRINGEN}",
    rf"\b{_SPRINGEN}\s+{_t(2)}(?:van|vanaf|uit)\s+{_t(2)}(?:brug|flat|dak|balkon|gebouw|toren|raam|viaduct)\w*",
    rf"\bvoor\s+{_t(2)}(?:trein|metro|tram|vrachtwagen|auto)\s+{_t(2)}(?:{_SPRINGEN}|gaan\s+liggen|liggen|lopen|stappen)\b",
    rf"\b{_SPRINGEN}\s+{_t(1)}voor\s+{_t(2)}(?:trein|metro|tram|vrachtwagen)\b",
    r"\bonder\s+(?:de|een)\s+trein\b",
    rf"\b{_PILLEN}\s+{_t(3)}(?:sparen|spaar|spaart|gespaard|opsparen|opgespaard|op\s+te\s+sparen|verzamel\w*)\b",
    rf"\b(?:spaar|sparen|spaart|gespaard|opgespaard|opsparen)\s+{_t(3)}{_PILLEN}\b",
    rf"\b(?:alle|al\s+mijn|al\s+mn|doos|doosje|strip|strips|potje|handvol)\s+{_t(2)}{_PILLEN}\s+{_t(3)}(?:slikken|slik|innemen|nemen|neem|ingenomen|geslikt|tegelijk)\b",
    rf"\b{_WIL}\s+{_t(2)}dood(?:\s?gaan)?\b{_NIET_FIGUURLIJK}",
    r"\bdood\s+(?:willen|wil|wilde)\b",
    rf"\b(?:ik|me|mij)\s+{_t(3)}dood\s+(?:te\s+)?zijn\b",
    rf"\bwas\s+ik\s+{_t(1)}dood\b",
    rf"\b(?:wou|wilde|wens\w*|hoop)\s+{_t(2)}dat\s+ik\s+{_t(1)}dood\b",
    rf"\bbeter\s+af\s+(?:zonder\s+mij|als\s+ik\s+{_t(1)}(?:niet|dood|weg))",
    rf"\bniemand\s+(?:zal|zou|gaat)\s+(?:me|mij)\s+{_t(1)}missen\b",
    r"\bgeen\s+uitweg\b",
    r"\buitzichtloos\w*",
    rf"\bleven\s+{_t(3)}geen\s+(?:zin|nut|waarde)\b",
    rf"\bgeen\s+(?:zin|reden|nut)\s+(?:meer\s+)?(?:in|om|voor)\s+{_t(2)}(?:leven|door\s+te\s+gaan)\b",
    rf"\bwaarom\s+{_t(3)}nog\s+{_t(1)}(?:leef|leven)\b",
    r"\bhet\s+leven\s+(?:zo\s+)?moe\b",
    r"\bmoe\s+van\s+het\s+leven\b",
    rf"\bwil\s+{_t(1)}niet\s+meer\s+verder\s*(?:\.|$)",
    r"\bik\s+kan\s+(?:echt\s+|gewoon\s+|bijna\s+)?niet\s+meer\s*(?:\.|$)",
    r"\bik\s+wil\s+(?:echt\s+|gewoon\s+)?niet\s+meer\s*(?:\.|$)",
    r"\bhet\s+hoeft\s+(?:voor\s+mij\s+|van\s+mij\s+)?(?:allemaal\s+|gewoon\s+)?niet\s+meer\b",
    rf"\bdenk\w*\s+{_t(3)}aan\s+de\s+dood\b",
    rf"\bpunt\s+{_t(1)}achter\s+(?:mijn|mn|het)\s+leven\b",
    rf"\ber\s+{_t(2)}punt\s+achter\s+(?:te\s+)?(?:zetten|zet)\b",
    rf"\b{_ZELF}\s+{_t(3)}(?:beschadig\w*|doden|dood\s+te\s+maken|vermoorden)\b",
    r"\btrek\s+(?:het|dit)\s+(?:echt\s+|gewoon\s+)?niet\s+meer\b",
    rf"\b(?:deze\s+)?wereld\s+{_t(1)}(?:verlaten|verlaat)\b",
    rf"\b(?:voor\s+altijd|eeuwig)\s+{_t(1)}(?:slapen|gaan\s+slapen)\b",
    r"\b(?:wil|wou|wilde|zou)\s+(?:(?:gewoon|echt|het|liefst|alleen|maar|nog)\s+){0,3}verdwijnen\b",
    r"\bvoorgoed\s+(?:weg|verdwijnen)\b",
    rf"\beuthanasie\w*\s+{_t(2)}(?:aanvragen|aanvraag|willen|wil)\b",
    rf"\b(?:wil|willen|aanvragen|overweeg\w*)\s+{_t(3)}euthanasie\w*",
    rf"\b113\s+{_t(2)}(?:gebeld|bellen|gechat|chatten|gesprek)\b",
    rf"\b(?:gebeld|bellen|gechat|chatten|belde)\s+{_t(2)}(?:0800\s+)?0?113\b",
    # English phrasings.
    r"\bkill(?:ing|ed)?\s+(?:my\s*self|meself)\b",
    r"\bend(?:ing)?\s+(?:my|it)\s+(?:own\s+)?(?:life|all)\b",
    r"\b(?:going\s+to|gonna|want\s+to|will)\s+end\s+it\b",
    r"\bend(?:ing)?\s+it\s+(?:tonight|today|now|soon)\b",
    rf"\b(?:want|wanted|wish)\s+{_t(2)}(?:it|this|everything)\s+(?:all\s+)?to\s+(?:end|stop)\b",
    r"\btak(?:e|ing)\s+my\s+(?:own\s+)?life\b",
    rf"\b(?:want|wants|wanted|wanna)\s+{_t(2)}(?:to\s+)?die\b",
    rf"\bwish\s+{_t(2)}(?:was|were)\s+dead\b",
    r"\bbetter\s+off\s+(?:dead|without\s+me)\b",
    r"\bhurt(?:ing)?\s+my\s*self\b",
    rf"\bcut(?:ting)?\s+{_t(1)}(?:my\s*self|my\s+wrists?|my\s+arms?)\b",
    r"\bslit\w*\s+(?:my\s+)?wrists?\b",
    r"\bhang(?:ing)?\s+my\s*self\b",
    r"\bjump(?:ing)?\s+(?:off|from|in\s+front\s+of)\s+(?:a|the)\s+(?:bridge|building|roof|train|tower)\b",
    r"\b(?:dont|do\s+not)\s+want\s+to\s+(?:live|exist|be\s+alive|wake\s+up)\b",
    rf"\b(?:dont|do\s+not)\s+want\s+to\s+be\s+here\s+{_t(1)}any\s?(?:more|longer)\b",
    rf"\bno\s+(?:reason|point)\s+{_t(2)}(?:living|live|going\s+on|to\s+go\s+on)\b",
    r"\bnothing\s+(?:left\s+)?to\s+live\s+for\b",
    rf"\b(?:never|not)\s+{_t(1)}wake\s+up\s+again\b",
    rf"\bhope\s+{_t(2)}(?:dont|wont|never|do\s+not)\s+wake\s+up\b",
    r"\bcant\s+go\s+on\b",
    r"\btired\s+of\s+(?:living|life|being\s+alive)\b",
    r"\bsleep\s+forever\b",
    rf"\b(?:saving|stockpil\w*|hoard\w*)\s+{_t(2)}{_PILLEN}\b",
    r"\bgoodbye\s+(?:letter|note)s?\b",
]

_PATROON = re.compile("|".join(f"(?:{p})" for p in PATRONEN))
_APOSTROF = re.compile(r"['’`´]")
_ZINSEINDE = re.compile(r"[.!?;:\n]+")
_OVERIG = re.compile(r"[^\w.]+")


def normaliseer(tekst: str) -> str:
    """Lower case, no accents or apostrophes, sentence ends as " . ", single spaces."""
    tekst = unicodedata.normalize("NFKD", str(tekst or "")).lower()
    tekst = "".join(c for c in tekst if not unicodedata.combining(c))
    tekst = _APOSTROF.sub("", tekst).replace("_", " ")
    tekst = _ZINSEINDE.sub(" . ", tekst)
    return " ".join(_OVERIG.sub(" ", tekst).split())


def signaalwoorden_in(tekst: str) -> list[str]:
    """What was found in `tekst` (normalised fragments, each once), in order of appearance."""
    gevonden = []
    for match in _PATROON.finditer(normaliseer(tekst)):
        stuk = match.group(0).strip()
        if stuk not in gevonden:
            gevonden.append(stuk)
    return gevonden


def bevat_signaalwoord(*teksten: str) -> bool:
    """True when any of the texts contains a signal word or phrase."""
    return any(_PATROON.search(normaliseer(tekst)) for tekst in teksten if tekst)
