# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench mutation screenshots sysdeps clean

# System libraries Qt needs (and poppler-utils for looking at PDFs); installs
# only what is missing, and only where it can (root or sudo).
sysdeps:
	@sh tools/sysdeps.sh

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory sysdeps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Qt's X11 platform plugin: `make run` installs the libraries it links against if missing.
XCB_PLUGIN = $(PY) -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")'

# No folder is passed: the app opens the remembered library, else the bundled dossiers/.
run: $(STAMP)
	@sh tools/sysdeps.sh --gui "$$($(XCB_PLUGIN))"
	$(VENV)/bin/dossier-app

lint: $(STAMP)
	$(VENV)/bin/ruff check dossier_app tests bench tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) bench/run.py

# Mutation testing of domain/ and a few fileio helpers (see [tool.mutmut]); not in CI.
# About ten minutes on two cores. Survivors: `.venv/bin/mutmut results`, then
# `.venv/bin/mutmut show NAME`.
MUTATION_STAMP := $(VENV)/.mutation-installed
$(MUTATION_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,mutation]'
	@touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP)
	rm -rf mutants && mkdir mutants
	$(VENV)/bin/mutmut run --max-children 2 > mutants/run.log 2>&1 || (tail -40 mutants/run.log; false)
	@$(VENV)/bin/mutmut export-cicd-stats > /dev/null
	@$(PY) tools/mutation_score.py

screenshots: $(STAMP)
	@sh tools/sysdeps.sh --office
	$(PY) tools/screenshots.py docs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
