"""Command-line verbs (check, format, export), and what they share: ``output`` (exit codes,
printing, broken pipes, JSON) and ``inputs`` (paths, folders, standard input)."""
