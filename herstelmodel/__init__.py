"""Six-step reflections, herkenningsmomenten and "Mijn verhaal" (arrives with its own issue)."""
