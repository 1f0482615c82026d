"""Dossier: company dossiers for analysts, in plain YAML files."""

__version__ = "0.1.0"
