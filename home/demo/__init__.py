"""Demo content of a fictional district's integration network."""
