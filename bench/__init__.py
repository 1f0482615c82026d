"""The benchmark behind `make bench`: generated dossiers, measured scenarios, the table."""
