"""doorgroei's models, one module per topic; everything is importable from doorgroei.models."""
