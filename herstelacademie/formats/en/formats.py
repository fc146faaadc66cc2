# English month abbreviations are capitalised: "M" (see herstelacademie/formats).
KORTE_DATUM_FORMAT = "j M"  # 5 Dec
KORTE_DATUM_JAAR_FORMAT = "j M Y"  # 5 Dec 2026
KORTE_DATUM_TIJD_FORMAT = "j M Y, H:i"  # 5 Dec 2026, 14:30
KORTE_DAG_DATUM_FORMAT = "D j M"  # Sat 5 Dec
KORTE_MAAND_JAAR_FORMAT = "M Y"  # Dec 2026
