# `make run` and `make test` do all the set-up on a fresh machine and are quick when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PREFIX ?= $(HOME)/.local
APP := dist/integration-journal/integration-journal

.PHONY: run test lint bench screenshots dist install uninstall check-wheels clean venv-python

# A .venv made by a Python older than 3.11 (or one whose Python has gone) is rebuilt, not reused.
venv-python:
	@if [ -d $(VENV) ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
		echo "make: $(VENV) was made by an unsupported or missing Python; making it again"; \
		rm -rf $(VENV); \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "make: $(PYTHON) is $$($(PYTHON) --version 2>&1); Integration Journal needs Python 3.11 or newer."; \
		echo "      Try: make PYTHON=python3.12 (or python3.11, python3.13)"; exit 1; }

$(STAMP): pyproject.toml | venv-python
	@echo "make: setting up $(VENV) (first time: a minute or two, mostly Qt)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar on --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e '.[test,dev]'
	touch $(STAMP)

run: venv-python $(STAMP)
	$(BIN)/integration-journal $(ARGS)

test: venv-python $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: venv-python $(STAMP)
	$(BIN)/ruff check app ui tests benchmarks scripts
	$(BIN)/ruff format --check app ui tests benchmarks scripts
	$(BIN)/mypy app ui

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py
	PYTHONPATH=. QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_growth.py

# The frozen app (PyInstaller, build.spec): dist/integration-journal/ on Linux and Windows,
# dist/Integration Journal.app on macOS.
BUILD_STAMP := $(VENV)/.installed-build

$(BUILD_STAMP): $(STAMP)
	$(BIN)/python -m pip install --progress-bar on -e '.[test,dev,build]'
	touch $(BUILD_STAMP)

dist: venv-python $(BUILD_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/integration-journal

# Linux: the frozen app, its launcher, menu entry and icons in ~/.local (PREFIX=… elsewhere).
install:
	@test -x $(APP) || $(MAKE) dist
	$(PYTHON) scripts/desktop_install.py install --prefix "$(PREFIX)" dist/integration-journal

uninstall:
	$(PYTHON) scripts/desktop_install.py uninstall --prefix "$(PREFIX)"

# Needs PyPI; not part of CI. Every runtime dependency's lower bound, as wheels, everywhere.
check-wheels: $(STAMP)
	$(BIN)/python scripts/check_wheels.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/print_screenshots.py
	rm -rf docs/screenshots/first-hour
	FIRST_HOUR_SHOTS=docs/screenshots/first-hour QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/ui/shell/test_first_hour.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
