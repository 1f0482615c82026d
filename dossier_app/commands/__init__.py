"""Command-line subcommands: check, format, export."""
