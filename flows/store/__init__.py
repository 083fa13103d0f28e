"""The raw and clean zones: listing and reading inputs, atomic writes, what is unchanged."""
