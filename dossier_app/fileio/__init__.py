"""File I/O beside the domain: reading, validating and writing dossier files (no Qt)."""
