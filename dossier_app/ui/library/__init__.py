"""The library: the dossiers of one folder, as a model and the panel that shows it."""
