"""Edit forms for developments, sources, key figures, the profile and new dossiers."""
