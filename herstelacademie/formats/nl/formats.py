# Dutch month abbreviations are lowercase: "b", never "M" (see herstelacademie/formats).
KORTE_DATUM_FORMAT = "j b"  # 5 dec
KORTE_DATUM_JAAR_FORMAT = "j b Y"  # 5 dec 2026
KORTE_DATUM_TIJD_FORMAT = "j b Y, H:i"  # 5 dec 2026, 14:30
KORTE_DAG_DATUM_FORMAT = "D j b"  # za 5 dec
KORTE_MAAND_JAAR_FORMAT = "b Y"  # dec 2026
