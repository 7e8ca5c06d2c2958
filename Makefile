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

.PHONY: help run test bench bench-accuracy clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 8

run:  ## run the tutorial's lesson
	$(PYTHON) tinynet.py

test: $(TEST_NEEDS)  ## run the tests and the docstring examples
	$(TEST_PYTHON) -m pytest -q -p no:cacheprovider --doctest-modules tinynet.py test_tinynet.py

bench:  ## time training against the NumPy reference, where NumPy is installed
	$(PYTHON) bench/bench.py

bench-accuracy:  ## held-out accuracy against scikit-learn's MLP (own virtual environment)
	$(PYTHON) bench/accuracy.py

clean:  ## remove the local virtual environments and caches
	rm -rf $(VENV) bench/.venv-accuracy __pycache__ bench/__pycache__

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet pytest
