"""Time tinynet against a NumPy reference: ``make bench``.

1. For each workload (points x hidden neurons of a 2-h-1 network) it trains
   tinynet and, where NumPy can be imported, the NumPy reference in
   numpy_reference.py on the same data from the same starting weights, and
   reports microseconds per iteration, nanoseconds per point-weight (flat
   if the cost grows as points x weights) and the ratio.
2. It times the lesson as whole processes, alternating: ``python3 tinynet.py
   --quiet`` against ``python3 bench/numpy_reference.py`` (or any script
   given with --against, such as the tutorial's own code saved from its
   page), and the same on PyPy where ``pypy3`` is on the PATH, and reports
   the median of the ratios.
3. It trains on the largest shipped data set, examples/wine.csv, with the
   settings for your own data, and reports the time and held-out accuracy.

Options: --quick (small counts, to check the script works), --no-numpy
(time tinynet alone), --processes N (alternating whole runs; 0 skips them),
--against SCRIPT (the script to time the whole run against).
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import tinynet  # noqa: E402

TUTORIAL = tinynet.load_dataset(os.path.join(os.path.dirname(HERE), "redblue.json"))
WORKLOADS = [(15, 4), (15, 16), (15, 64), (150, 4), (150, 16), (150, 64),
             (1500, 4), (1500, 16), (1500, 64)]


def dataset(points):
    """The tutorial's 15 points, or that many random points with a boundary like theirs."""
    if points == 15:
        return TUTORIAL.inputs, [row[0] for row in TUTORIAL.targets()]
    rng = tinynet.numpy_like_random(7)
    inputs = [[6 * rng.random() - 3, 6 * rng.random() - 3] for _ in range(points)]
    return inputs, [int(x - 0.5 * y > 0.3) for x, y in inputs]


def time_tinynet(inputs, labels, hidden, iterations, rate):
    """Return (seconds, trained network) for tinynet on one workload."""
    rng = tinynet.numpy_like_random(1)
    network = tinynet.NeuralNetwork(tinynet.Layer(2, hidden, rng=rng), tinynet.Layer(hidden, 1, rng=rng))
    start = time.perf_counter()
    network.train(inputs, labels, iterations, learning_rate=rate)
    return time.perf_counter() - start, network


def time_numpy(reference, numpy, inputs, labels, hidden, iterations, rate):
    """Return (seconds, weights) for the NumPy reference on one workload."""
    x = numpy.array(inputs, dtype=float)
    y = numpy.array([[label] for label in labels], dtype=float)
    hidden_weights, output_weights = reference.starting_weights(2, hidden)
    start = time.perf_counter()
    reference.train(x, y, hidden_weights, output_weights, iterations, rate)
    return time.perf_counter() - start, (hidden_weights, output_weights)


def whole_runs(count, python, against, tinynet_python=None):
    """Return the ratios tinynet / NumPy of alternating whole-process runs of the tutorial."""
    commands = ([python, against],
                [tinynet_python or python, os.path.join(os.path.dirname(HERE), "tinynet.py"),
                 "--quiet"])
    ratios = []
    for run in range(count):
        seconds = []
        for command in commands:
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL)
            seconds.append(time.perf_counter() - start)
            if done.returncode:
                sys.exit(f"bench: error: {command[1]} failed with exit status {done.returncode}")
        ratios.append(seconds[1] / seconds[0])
        print(f"  run {run + 1}: NumPy {seconds[0]:.2f} s, tinynet {seconds[1]:.2f} s, "
              f"ratio {ratios[-1]:.2f}", flush=True)
    return ratios


def own_data(python, quick):
    """Train on examples/wine.csv with the settings for your own data; print time and accuracy."""
    wine = os.path.join(os.path.dirname(HERE), "examples", "wine.csv")
    start = time.perf_counter()
    done = subprocess.run([python, os.path.join(os.path.dirname(HERE), "tinynet.py"), "--data",
                           wine, "--holdout", "0.3", "--quiet"] + ["--iterations", "5"] * quick,
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
    parser.add_argument("--processes", type=int, default=7,
                        help="alternating whole runs of the tutorial (default: 7; 0 skips)")
    parser.add_argument("--against", metavar="SCRIPT",
                        help="the script to time the whole run against "
                             "(default: bench/numpy_reference.py)")
    args = parser.parse_args(argv)
    if args.against is None:
        args.against = os.path.join(HERE, "numpy_reference.py")
        against_name = "bench/numpy_reference.py"
    elif not os.path.isfile(args.against):
        parser.error(f"--against: no such file: {args.against!r}")
    else:
        against_name = args.against
    numpy = reference = None
    if not args.no_numpy:
        try:
            import numpy
            import numpy_reference as reference
        except ImportError:
            numpy = None
    budget = 2e4 if args.quick else 3e6   # points x weights x iterations per timing
    repeats = 1 if args.quick else 5
    cpus = os.cpu_count()
    print(f"tinynet {tinynet.__version__} on {platform.python_implementation()} "
          f"{platform.python_version()}, {cpus} CPU{'s' * (cpus != 1)}, {platform.machine()}"
          + (f"; NumPy {numpy.__version__}" if numpy else
             "; NumPy not available: timing tinynet alone"))
    print("Full-batch training of a 2-h-1 sigmoid network; best of "
          f"{repeats} timing{'s' * (repeats > 1)}.")
    header = f"{'points':>6} {'hidden':>6} {'weights':>7} {'iterations':>10} {'tinynet us/it':>13} " \
             f"{'ns/(point*weight)':>17}"
    print(header + (f" {'NumPy us/it':>11} {'ratio':>6}" if numpy else ""))
    for points, hidden in WORKLOADS:
        inputs, labels = dataset(points)
        weights = 3 * hidden
        iterations = max(5, min(20000, int(budget / (points * weights))))
        rate = 15 / points  # the tutorial's step per point, whatever the number of points
        ours = min(time_tinynet(inputs, labels, hidden, iterations, rate)[0] for _ in range(repeats))
        per_iteration = ours / iterations * 1e6
        line = (f"{points:6d} {hidden:6d} {weights:7d} {iterations:10d} {per_iteration:13.1f} "
                f"{per_iteration * 1000 / (points * weights):17.1f}")
        if numpy:
            theirs = min(time_numpy(reference, numpy, inputs, labels, hidden, iterations, rate)[0]
                         for _ in range(repeats))
            line += f" {theirs / iterations * 1e6:11.1f} {ours / theirs:6.2f}"
        print(line, flush=True)
    if numpy and args.processes > 0:
        pypy = shutil.which("pypy3")
        for name, python in (("CPython", sys.executable), ("PyPy", pypy)):
            if python is None:
                print("PyPy: pypy3 is not on the PATH, so tinynet was not timed on it; install "
                      "PyPy (on Debian: apt-get install pypy3) and run make bench again.")
                continue
            print(f"The lesson's whole run as processes (100000 iterations, with start-up), "
                  f"alternating, tinynet on {name} against {against_name} on CPython:")
            ratios = whole_runs(1 if args.quick else args.processes, sys.executable, args.against,
                                python)
            print(f"Median ratio tinynet on {name} / NumPy: {statistics.median(ratios):.2f}",
                  flush=True)
        if against_name == "bench/numpy_reference.py":
            print("The reference leaves out the tutorial's classes and method calls, so it runs\n"
                  "about a tenth faster than the tutorial's script: to time the whole run against\n"
                  "that script itself, save its code and give it with --against SCRIPT.")
    own_data(sys.executable, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
