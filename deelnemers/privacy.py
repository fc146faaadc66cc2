"""Privacy rules shared by every app that shows figures about people."""

# No count of people below this is shown: with fewer, a figure points at individuals.
MIN_AGGREGATE = 5


def toonbaar(aantal: int) -> bool:
    """Zero reveals nothing about anyone; 1-4 people might be recognisable."""
    return aantal == 0 or aantal >= MIN_AGGREGATE
