# make report:     builds the example's HTML + Word report into out/
# make test:       runs the whole suite (lint, import floors, types, unit, BDD features, browser, docx)
# make catalogues: extracts the words to translate, updates every language's .po, compiles the .mo
# Both create .venv and install the Debian packages they need when run as root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
AS_OF  ?= 2022-12-31
OUT    ?= out
# The tests need Chromium (browser tests), LibreOffice with its Python bridge and poppler (they
# check the .docx, draw its charts and make the PDF report), the DejaVu fonts and Liberation Sans
# (LibreOffice's Arial). Making an HTML or Word report needs none of them: its Word charts are
# native charts that Word draws itself, and the HTML embeds plotly.js; `--format pdf` needs
# LibreOffice and python3-uno.
DEB_PACKAGES := chromium libreoffice-writer-nogui python3-uno poppler-utils fonts-dejavu-core \
  fonts-liberation2
report benchmark: DEB_PACKAGES :=

# Word catalogues (docs/translating.md): one kpitrack.po per language, compiled to kpitrack.mo.
LOCALE := src/kpitrack/i18n/locale
POT    := $(LOCALE)/kpitrack.pot

.PHONY: report test lint typecheck unit system-deps benchmark mutation catalogues clean

report: system-deps $(VENV)/.installed
	$(BIN)/kpitrack validate .
	$(BIN)/kpitrack status . --as-of $(AS_OF)
	$(BIN)/kpitrack report . --as-of $(AS_OF) --lang nl --format html,docx --out $(OUT)
	$(BIN)/kpitrack report . --as-of $(AS_OF) --lang en --format html,docx --out $(OUT)

test: system-deps $(VENV)/.dev-installed lint typecheck
	$(BIN)/pytest -q

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests features benchmarks
	$(BIN)/ruff format --check src tests features benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

benchmark: system-deps $(VENV)/.installed
	benchmarks/run --write

# Mutation testing of the status rule and the row checker (minutes; not part of make test).
# Survivors are listed in tests/mutation/survivors.md.
mutation: $(VENV)/.dev-installed
	rm -rf mutants
	$(BIN)/mutmut run > /dev/null || true
	$(BIN)/mutmut results

catalogues: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -o $(POT).new --add-comments=TRANSLATORS: --no-location \
	  --project=kpitrack --version=$$($(BIN)/python -c 'import kpitrack; print(kpitrack.__version__)') \
	  --copyright-holder="the kpitrack authors" .
	@# Keep the template as it is when only its creation date would change.
	@if diff -q -I '^"POT-Creation-Date: ' $(POT) $(POT).new >/dev/null 2>&1; \
	  then rm $(POT).new; else mv $(POT).new $(POT); fi
	$(BIN)/pybabel update -i $(POT) -d $(LOCALE) -D kpitrack --ignore-pot-creation-date --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D kpitrack --statistics

$(VENV)/.venv-created:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kpitrack needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: install the Debian package python3-venv (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.venv-created
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.venv-created
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

system-deps:
	@missing=""; \
	for pkg in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	$(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "kpitrack needs these Debian packages:$$missing"; \
	    echo "install them with: sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache mutants
