# tinynet: make help lists the targets.
PYTHON ?= python3
VENV   := .venv

# The tests need pytest; where the Python at hand lacks it, make a local
# virtual environment with pytest in it, so a new machine needs only python3.
HAVE_PYTEST := $(shell $(PYTHON) -c "import pytest" 2>/dev/null && echo yes)
ifeq ($(HAVE_PYTEST),yes)
TEST_PYTHON := $(PYTHON)
TEST_NEEDS  :=
else
TEST_PYTHON := $(VENV)/bin/python
TEST_NEEDS  := $(VENV)/bin/python
endif

.PHONY: help run test bench bench-accuracy test-browser test-micropython test-notebook clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

run:  ## run the tutorial's lesson
	$(PYTHON) tinynet.py

test: $(TEST_NEEDS)  ## run the tests and the docstring examples
	$(TEST_PYTHON) -m pytest -q -p no:cacheprovider --doctest-modules tinynet.py test_tinynet.py

bench:  ## time tinynet against NumPy, whole runs alternating (needs NumPy; PyPy too if installed)
	$(PYTHON) bench/bench.py

# Checks with tools tinynet never needs, each kept in an ignored folder of its own:
# Pyodide and MicroPython (WebAssembly, from npm) run under Node; nbclient and
# ipykernel in a virtual environment.
NODE_TOOLS    := .node
PYODIDE       := $(NODE_TOOLS)/node_modules/pyodide
MICROPYTHON   := $(NODE_TOOLS)/node_modules/@micropython/micropython-webassembly-pyscript
NOTEBOOK_VENV := .venv-notebook

test-browser: $(PYODIDE)/pyodide.mjs  ## the lesson and an iris fit in Pyodide, against CPython
	node .ci/pyodide.mjs $(PYODIDE) $(PYTHON)

test-micropython: $(MICROPYTHON)/micropython.mjs  ## an exported .py model in MicroPython, against tinynet
	node .ci/micropython.mjs $(MICROPYTHON) $(PYTHON)

test-notebook: $(NOTEBOOK_VENV)/installed  ## run examples/pictures.ipynb; its pictures must be SVG
	$(NOTEBOOK_VENV)/bin/python .ci/notebook.py

$(PYODIDE)/pyodide.mjs:
	npm install --prefix $(NODE_TOOLS) --no-audit --no-fund pyodide@314.0.7

$(MICROPYTHON)/micropython.mjs:
	npm install --prefix $(NODE_TOOLS) --no-audit --no-fund \
		@micropython/micropython-webassembly-pyscript@1.27.0

$(NOTEBOOK_VENV)/installed:
	$(PYTHON) -m venv $(NOTEBOOK_VENV)
	$(NOTEBOOK_VENV)/bin/python -m pip install --quiet nbclient ipykernel
	touch $@

bench-accuracy:  ## held-out accuracy against scikit-learn's MLP (own virtual environment)
	$(PYTHON) bench/accuracy.py

clean:  ## remove the local virtual environments, tools and caches
	rm -rf $(VENV) $(NOTEBOOK_VENV) bench/.venv-accuracy $(NODE_TOOLS) __pycache__ bench/__pycache__

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet pytest
