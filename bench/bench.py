"""Time tinynet against NumPy, as users run it (make bench).

1. The lesson as whole processes, start-up included: ``python3 tinynet.py``
   (and ``pypy3 tinynet.py`` where pypy3 is on the PATH) against
   ``python3 bench/numpy_reference.py``, a NumPy program with the tutorial's
   shape and work, or against any script given with --against (such as the
   tutorial's own code saved from its page).  The runs alternate, NumPy then
   tinynet, a pair per interpreter in each round; each pair gives a ratio,
   and the report is the median ratio with its range.  The NumPy side runs
   without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE in its environment: some
   machines export them, and they change NumPy's speed.
2. Per iteration, in this process, in processor time: 2-h-1 networks of 15
   to 1500 points and 4 to 64 hidden neurons, tinynet's
   ``NeuralNetwork.train`` against the same steps on NumPy arrays, from the
   same starting weights.
3. Your own data: examples/wine.csv with the settings for your own data.

Options: --quick (small counts, to check the script works), --no-numpy
(time tinynet alone), --processes N (pairs of whole runs; 0 skips them),
--against SCRIPT, --python EXE (run tinynet on EXE; repeatable),
--tinynet FILE (time another copy of tinynet.py), --no-workloads.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

import tinynet  # noqa: E402

with open(os.path.join(ROOT, "redblue.json"), encoding="utf-8") as _file:
    TUTORIAL = json.load(_file)   # the lesson's data: inputs, and labels 0 and 1
WORKLOADS = [(15, 4), (15, 16), (15, 64), (150, 4), (150, 16), (150, 64),
             (1500, 4), (1500, 16), (1500, 64)]
NUMPY_UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

try:
    import resource
except ImportError:  # not on Windows: wall-clock times only
    resource = None


def dataset(points):
    """The tutorial's 15 points, or that many random points with a boundary like theirs."""
    if points == 15:
        return TUTORIAL["inputs"], [[label] for label in TUTORIAL["labels"]]
    rng = tinynet.numpy_like_random(7)
    inputs = [[6 * rng.random() - 3, 6 * rng.random() - 3] for _ in range(points)]
    return inputs, [[int(x - 0.5 * y > 0.3)] for x, y in inputs]


def time_tinynet(inputs, targets, hidden, iterations):
    """Return the processor seconds tinynet's lesson step takes for one workload."""
    tinynet.seed(1)
    network = tinynet.NeuralNetwork(tinynet.Layer(2, hidden), tinynet.Layer(hidden, 1))
    start = time.process_time()
    network.train(inputs, targets, iterations)
    return time.process_time() - start


def time_numpy(reference, numpy, inputs, targets, hidden, iterations):
    """Return the processor seconds the NumPy reference takes for one workload."""
    numpy.random.seed(1)
    network = reference.TwoLayerNetwork(reference.Weights(2, hidden), reference.Weights(hidden, 1))
    rows, columns = numpy.array(inputs, dtype=float), numpy.array(targets, dtype=float)
    start = time.process_time()
    network.train(rows, columns, iterations, progress=False)
    return time.process_time() - start


def workloads(numpy, quick):
    """Print microseconds per iteration of tinynet (and NumPy) on each workload."""
    reference = None
    if numpy:
        import numpy_reference as reference
    budget = 2e4 if quick else 3e6   # points x weights x iterations per timing
    repeats = 1 if quick else 5
    print(f"Per iteration, full-batch training of a 2-h-1 network in this process; processor "
          f"time, best of {repeats} timing{'s' * (repeats > 1)}.")
    header = f"{'points':>6} {'hidden':>6} {'weights':>7} {'iterations':>10} " \
             f"{'tinynet us/it':>13} {'ns/(point*weight)':>17}"
    print(header + (f" {'NumPy us/it':>11} {'ratio':>6}" if numpy else ""))
    for points, hidden in WORKLOADS:
        inputs, targets = dataset(points)
        weights = 3 * hidden
        iterations = max(5, min(20000, int(budget / (points * weights))))
        ours = min(time_tinynet(inputs, targets, hidden, iterations) for _ in range(repeats))
        per_iteration = ours / iterations * 1e6
        line = (f"{points:6d} {hidden:6d} {weights:7d} {iterations:10d} {per_iteration:13.1f} "
                f"{per_iteration * 1000 / (points * weights):17.1f}")
        if numpy:
            theirs = min(time_numpy(reference, numpy, inputs, targets, hidden, iterations)
                         for _ in range(repeats))
            line += f" {theirs / iterations * 1e6:11.1f} {ours / theirs:6.2f}"
        print(line, flush=True)


def describe(python):
    """Return the name and version of the Python at ``python``, such as 'CPython 3.11.7'."""
    code = ("import platform, sys; v = getattr(sys, 'pypy_version_info', None); "
            "print(platform.python_implementation(), platform.python_version(), "
            "'' if v is None else 'PyPy %d.%d.%d' % v[:3])")
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    if done.returncode:
        sys.exit(f"bench: error: {python} does not run: {done.stderr.strip()[-200:]}")
    name, version, *pypy = done.stdout.split()
    return f"{' '.join(pypy)} (Python {version})" if pypy else f"{name} {version}"


def run(command, env=None):
    """Run a command to the end, its output thrown away; return (wall, CPU) seconds."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"bench: error: {command[1]} failed with exit status {done.returncode}")
    return wall, _children_cpu() - cpu_before


def _children_cpu():
    """The user and system seconds of the finished children so far (0 without ``resource``)."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def whole_runs(pairs, names, script, against, warm_up):
    """Time alternating whole runs; return {python: [(NumPy wall, CPU, tinynet wall, CPU)]}.

    ``names`` maps each Python to run tinynet on to its name for the report.
    """
    numpy_env = {key: value for key, value in os.environ.items() if key not in NUMPY_UNSET}
    numpy_side = [sys.executable, against]
    results = {python: [] for python in names}
    for number in range(-warm_up, pairs):
        for python in names:
            numpy_times = run(numpy_side, numpy_env)
            tinynet_times = run([python, script])
            if number < 0:
                continue  # the warm-up round: files into the cache, not counted
            results[python].append(numpy_times + tinynet_times)
            cpu = f", CPU {tinynet_times[1] / numpy_times[1]:.2f}" if numpy_times[1] > 0 else ""
            print(f"  pair {number + 1} {names[python]}: NumPy {numpy_times[0]:.2f} s, tinynet "
                  f"{tinynet_times[0]:.2f} s, ratio {tinynet_times[0] / numpy_times[0]:.2f}{cpu}",
                  flush=True)
    return results


def summary(times):
    """Return the median and range of the wall and CPU ratios of some pairs, as a sentence."""
    def spread(ratios):
        return (f"{statistics.median(ratios):.2f} ({min(ratios):.2f} to {max(ratios):.2f})")
    walls = [tinynet_wall / numpy_wall for numpy_wall, _, tinynet_wall, _ in times]
    text = (f"{spread(walls)} in wall time over {len(times)} pair{'s' * (len(times) > 1)}; "
            f"tinynet {statistics.median(row[2] for row in times):.2f} s, "
            f"NumPy {statistics.median(row[0] for row in times):.2f} s")
    if resource is not None and all(row[1] > 0 for row in times):
        text += f"; in CPU time {spread([row[3] / row[1] for row in times])}"
    return text


def own_data(python, quick):
    """Train on examples/wine.csv with the settings for your own data; print time and accuracy."""
    wine = os.path.join(ROOT, "examples", "wine.csv")
    start = time.perf_counter()
    done = subprocess.run([python, os.path.join(ROOT, "tinynet.py"), "--data", wine,
                           "--holdout", "0.3", "--quiet"] + ["--iterations", "5"] * quick,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"bench: error: training on {wine} failed: {done.stderr.strip()}")
    lines = done.stdout.splitlines()
    accuracy = next(line for line in lines if line.startswith("accuracy: "))
    print(f"Your own data: examples/wine.csv (178 rows, 13 inputs, 3 classes), 30% held out: "
          f"{seconds:.1f} s, held-out {accuracy}\n  {lines[0]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts: check that it works")
    parser.add_argument("--no-numpy", action="store_true", help="time tinynet alone")
    parser.add_argument("--processes", type=int, default=7, metavar="N",
                        help="pairs of whole runs for each Python (default: 7; 0 skips them)")
    parser.add_argument("--against", metavar="SCRIPT",
                        help="the NumPy script to time whole runs against "
                             "(default: bench/numpy_reference.py)")
    parser.add_argument("--python", metavar="EXE", action="append",
                        help="run tinynet on this Python; repeatable (default: this Python, "
                             "and pypy3 where it is on the PATH)")
    parser.add_argument("--tinynet", metavar="FILE",
                        help="the copy of tinynet.py to run whole (default: the one beside bench/)")
    parser.add_argument("--no-workloads", action="store_true",
                        help="leave out the per-iteration workloads")
    args = parser.parse_args(argv)
    against = args.against or os.path.join(HERE, "numpy_reference.py")
    args.tinynet_name = args.tinynet or "tinynet.py"
    args.tinynet = args.tinynet or os.path.join(ROOT, "tinynet.py")
    for option, path in (("--against", against), ("--tinynet", args.tinynet)):
        if not os.path.isfile(path):
            parser.error(f"{option}: no such file: {path!r}")
    numpy = None
    if not args.no_numpy:
        try:
            import numpy
        except ImportError:
            numpy = None
    cpus = os.cpu_count()
    print(f"tinynet {tinynet.__version__}, {time.strftime('%Y-%m-%d')}, {cpus} "
          f"CPU{'s' * (cpus != 1)}, {platform.machine()}; this Python: "
          f"{platform.python_implementation()} {platform.python_version()}"
          + (f", NumPy {numpy.__version__}" if numpy else
             "; NumPy not available: timing tinynet alone"), flush=True)
    if numpy and args.processes > 0:
        pythons = args.python or [sys.executable] + [shutil.which("pypy3")] * bool(
            shutil.which("pypy3"))
        names = {python: describe(python) for python in pythons}
        print(f"The lesson as whole processes, alternating: {args.tinynet_name} against "
              f"{args.against or 'bench/numpy_reference.py'} on {describe(sys.executable)}, "
              f"without {' or '.join(NUMPY_UNSET)}:", flush=True)
        results = whole_runs(1 if args.quick else args.processes, names, args.tinynet, against,
                             warm_up=0 if args.quick else 1)
        for python in names:
            print(f"tinynet on {names[python]} / NumPy: {summary(results[python])}")
        if not args.python and not shutil.which("pypy3"):
            print("PyPy: pypy3 is not on the PATH, so tinynet was not timed on it; install "
                  "PyPy (on Debian: apt-get install pypy3) and run make bench again.")
    if not args.no_workloads:
        workloads(numpy, args.quick)
    own_data(sys.executable, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
