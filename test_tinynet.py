"""Tests for tinynet: run them with ``make test``.

Where a number is compared with a reference, the reference is independent
of tinynet: worked by hand, printed by the tutorial's NumPy script, drawn by
NumPy itself (when it is installed), or estimated by finite differences.
Every subprocess has a timeout and is killed if it overruns.
"""

import io
import json
import math
import os
import random
import signal
import subprocess
import sys
import time

import pytest

import tinynet
from tinynet import Classifier, Dataset, Layer, NeuralNetwork, TinynetError

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "tinynet.py")
REDBLUE = os.path.join(HERE, "redblue.json")
IRIS = os.path.join(HERE, "examples", "iris.csv")
WINE = os.path.join(HERE, "examples", "wine.csv")

# The tutorial's data and the numbers its NumPy script printed, copied from
# its output: the reference tinynet must reproduce.
POINTS = [[0, 0], [0, 1], [0, 2], [-1, 0], [-2, -2], [-2, -1], [-1, -1],
          [1, -1], [1, 0], [1, 1], [2, 0], [3, 0], [0, -3], [0, -2], [2, -2]]
LABELS = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]
STAGE1 = (["-0.16595599", "0.44064899", "-0.99977125", "-0.39533485",
           "-0.70648822", "-0.81532281", "-0.62747958", "-0.30887855"],
          ["-0.20646505", "0.07763347", "-0.16161097", "0.370439"])
STAGE2 = (["-3.97185157", "4.66297249", "-5.25188655", "1.39753303",
           "1.35299999", "-1.57439556", "1.76665557", "-0.71676559"],
          ["-7.20493687", "6.57701463", "-11.30181144", "0.89289527"])
STAGE3 = "0.99942671"
TUTORIAL_NUMBERS = STAGE1[0] + STAGE1[1] + STAGE2[0] + STAGE2[1] + [STAGE3]


def eight(value):
    """Format a number as the tutorial's NumPy printed it: 8 digits, trailing zeros cut."""
    return f"{value:.8f}".rstrip("0")


def flat(matrix):
    return [value for row in matrix for value in row]


def weights(network):
    """Every weight and bias of a network, for comparing two networks exactly."""
    return [(layer.synaptic_weights, layer.bias) for layer in network.layers]


def tutorial_network(seed=1):
    tinynet.seed(seed)
    return NeuralNetwork(Layer(2, 4), Layer(4, 1))


def output_of(network, point):
    return network.forward_propagate(point)[-1][0]


@pytest.fixture(scope="session")
def trained(background):
    """The lesson's trained network and what lesson() printed, from Part 1 run alone."""
    import ast
    status, out, err = background["part1"].wait()
    assert status == 0, err
    printed, rest = out.split("WEIGHTS ")
    weights_line, curve_line = rest.split("\nCURVE ")
    layers = [Layer.from_weights(synaptic_weights) for synaptic_weights in ast.literal_eval(weights_line)]
    return NeuralNetwork(*layers), printed, ast.literal_eval(curve_line)


PART1_RUN = """
reports = []
original_train = NeuralNetwork.train
def train(self, *arguments, **keywords):
    reports.append(original_train(self, *arguments, **keywords))
    return reports[-1]
NeuralNetwork.train = train
network = lesson()
print("WEIGHTS", [layer.synaptic_weights for layer in network.layers])
print("CURVE", reports[0].curve)
"""


class Background:
    """A program started at once and waited for when its result is needed."""

    def __init__(self, *args, cwd=HERE):
        self.process = subprocess.Popen([sys.executable, *args], cwd=cwd, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.result = None

    def wait(self):
        if self.result is None:
            try:
                out, err = self.process.communicate(timeout=300)
            except subprocess.TimeoutExpired:
                self.process.kill()
                out, err = self.process.communicate()
            self.result = (self.process.returncode, out, err)
        return self.result


@pytest.fixture(scope="session", autouse=True)
def background(tmp_path_factory):
    """The two whole runs of the lesson, started first so that they run beside the other tests."""
    folder = tmp_path_factory.mktemp("part1")
    (folder / "part1.py").write_text(lesson_part() + PART1_RUN)
    (folder / "redblue.json").write_text(read_text(REDBLUE))
    runs = {"lesson": Background(SCRIPT), "part1": Background(str(folder / "part1.py"), cwd=folder)}
    yield runs
    for run in runs.values():
        if run.process.poll() is None:
            run.process.kill()
        run.wait()


def run_cli(*args, cwd=HERE, python_flags=(), env=None, timeout=120, script=SCRIPT):
    """Run tinynet.py as a program; return (exit status, stdout, stderr)."""
    done = subprocess.run([sys.executable, *python_flags, script, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def run_main(capsys, *args):
    """Call tinynet.main in-process; return (exit status, stdout, stderr)."""
    status = tinynet.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line_error(status, err, *fragments):
    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("tinynet: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def read_text(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def read_bytes(path):
    with open(path, "rb") as file:
        return file.read()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self):
        return True


def assert_numbers_in_order(out, numbers):
    position = 0
    for number in numbers:
        found = out.find(number, position)
        assert found >= 0, number
        position = found + len(number)


# --------------------------------------------------------------------------
# The list helpers, worked by hand
# --------------------------------------------------------------------------


def test_dot_of_matrices_worked_by_hand():
    a = [[1, 2, 3], [4, 5, 6]]             # 2 x 3
    b = [[7, 8], [9, 10], [11, 12]]        # 3 x 2
    # row 1: 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64
    # row 2: 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154
    assert tinynet.dot(a, b) == [[58, 64], [139, 154]]


@pytest.mark.parametrize("n, k, m", [(15, 2, 4), (15, 4, 1), (15, 1, 4), (2, 15, 4), (4, 15, 1),
                                     (1, 1, 1), (3, 5, 2), (7, 4, 7)])
def test_dot_in_either_order_of_the_sums_equals_the_definition(n, k, m):
    # dot adds the products in an order chosen by the shapes; every order
    # must give the sums written out by their definition.
    rng = random.Random(n * 100 + k * 10 + m)
    a = [[rng.uniform(-2, 2) for _ in range(k)] for _ in range(n)]
    b = [[rng.uniform(-2, 2) for _ in range(m)] for _ in range(k)]
    expected = [[sum(a[i][t] * b[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
    answer = tinynet.dot(a, b)
    assert [len(row) for row in answer] == [m] * n
    assert flat(answer) == pytest.approx(flat(expected), rel=1e-12, abs=1e-12)


def test_dot_of_a_vector_gives_a_vector():
    assert tinynet.dot([2, -3], [[1, 0, 4], [0, 1, 5]]) == [2, -3, -7]


@pytest.mark.parametrize("a, b, shapes", [
    ([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]], r"\(2 x 3\) and \(2 x 2\)"),
    ([], [[1]], r"\(0,\) and \(1 x 1\)"),
    ([[1]], [], r"\(1 x 1\) and \(0,\)"),
    ([[1]], [1], r"\(1 x 1\) and \(1,\)"),
])
def test_dot_rejects_shapes_that_do_not_line_up(a, b, shapes):
    with pytest.raises(TinynetError, match="dot: shapes " + shapes):
        tinynet.dot(a, b)


def test_transpose_worked_by_hand():
    assert tinynet.transpose([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
    assert tinynet.transpose([[1], [2]]) == [[1, 2]]
    assert tinynet.transpose(tinynet.transpose([[1, 2], [3, 4]])) == [[1, 2], [3, 4]]


@pytest.mark.parametrize("bad", [[], [1, 2], None, "ab"])
def test_transpose_needs_rows(bad):
    with pytest.raises(TinynetError, match="transpose needs a non-empty list of rows"):
        tinynet.transpose(bad)


def test_entrywise_helpers_worked_by_hand():
    a, b = [[1, 2], [3, 4]], [[10, 20], [30, 40]]
    assert tinynet.add(a, b) == [[11, 22], [33, 44]]
    assert tinynet.subtract(b, a) == [[9, 18], [27, 36]]
    assert tinynet.multiply(a, b) == [[10, 40], [90, 160]]
    assert tinynet.add(a, [100, 200]) == [[101, 202], [103, 204]]  # a row, to every row
    assert tinynet.multiply(2, a) == [[2, 4], [6, 8]]                # a number, to every entry
    assert tinynet.multiply(2, [1, 2]) == [2, 4]
    assert tinynet.add([1, 2], [3, 4]) == [4, 6]


@pytest.mark.parametrize("a, b", [([[1, 2]], [[1, 2], [3, 4]]), ([[1, 2]], [[1, 2, 3]]),
                                  ([[1, 2]], [1, 2, 3]), ([1, 2], [[1, 2]])])
def test_entrywise_helpers_refuse_shapes_that_differ(a, b):
    for helper in (tinynet.add, tinynet.subtract, tinynet.multiply):
        with pytest.raises(TinynetError, match="shapes .* differ"):
            helper(a, b)


def test_sigmoid_values():
    assert tinynet.sigmoid(0) == 0.5
    assert tinynet.sigmoid(5) == 0.9933071490757153
    assert tinynet.sigmoid(-5) == pytest.approx(1 - 0.9933071490757153, rel=1e-12)
    assert tinynet.sigmoid([[0, 5], [-5, 0]]) == [[0.5, tinynet.sigmoid(5)], [tinynet.sigmoid(-5), 0.5]]
    assert tinynet.sigmoid([0, 0]) == [0.5, 0.5]


def test_sigmoid_never_overflows():
    with pytest.raises(OverflowError):  # the naive formula, for contrast
        1 / (1 + math.exp(1000))
    assert tinynet.sigmoid(1000) == 1.0
    assert 0.0 <= tinynet.sigmoid(-1000) < 1e-300
    assert tinynet.sigmoid([[-1e308, 0, 1e308]]) == [[tinynet.sigmoid(-1000), 0.5, 1.0]]
    assert tinynet.sigmoid(float("inf")) == 1.0
    assert tinynet.sigmoid(float("-inf")) == 0.0


def test_sigmoid_derivative_takes_the_output():
    # The slope at x is sigmoid(x) * (1 - sigmoid(x)); compare with a finite difference.
    for x in (-3.0, -0.5, 0.0, 1.0, 4.0):
        h = 1e-6
        slope = (tinynet.sigmoid(x + h) - tinynet.sigmoid(x - h)) / (2 * h)
        assert tinynet.sigmoid_derivative(tinynet.sigmoid(x)) == pytest.approx(slope, rel=1e-6)
    assert tinynet.sigmoid_derivative([0.5, 0.0, 1.0, 0.9]) == [0.25, 0.0, 0.0, 0.9 * (1 - 0.9)]
    assert tinynet.sigmoid_derivative([[0.5], [0.1]]) == [[0.25], [0.1 * 0.9]]


# --------------------------------------------------------------------------
# Seeding like NumPy
# --------------------------------------------------------------------------


def test_seed_1_draws_numpys_numbers():
    rng = tinynet.numpy_like_random(1)
    assert [rng.random() for _ in range(3)] == [
        0.417022004702574, 0.7203244934421581, 0.00011437481734488664]
    assert random.Random(1).random() != 0.417022004702574  # Python's own seeding differs


@pytest.mark.parametrize("seed", [0, 1, 42, 12345, 2 ** 32 - 1])
def test_seeding_matches_numpy_itself(seed):
    numpy = pytest.importorskip("numpy")
    numpy.random.seed(seed)
    expected = numpy.random.random(700).tolist()  # past 624: the state is regenerated once
    rng = tinynet.numpy_like_random(seed)
    assert [rng.random() for _ in range(700)] == expected


@pytest.mark.parametrize("bad", [-1, 2 ** 32, 1.5, "1", True, None, "huge"])
def test_seed_rejects_what_numpy_rejects(bad):
    bad = 10 ** 5000 if bad == "huge" else bad  # more digits than Python will print
    with pytest.raises(TinynetError, match="seed must be an integer") as caught:
        tinynet.seed(bad)
    assert len(str(caught.value)) < 200


def test_same_seed_same_weights_and_other_seed_other_weights():
    first, again, other = tutorial_network(7), tutorial_network(7), tutorial_network(8)
    assert weights(first) == weights(again) and weights(first) != weights(other)
    tinynet.seed(1)
    Layer(3, 3, rng=tinynet.numpy_like_random(99))  # rng= leaves the module's generator alone
    assert Layer(1, 1).synaptic_weights == [[2 * 0.417022004702574 - 1]]


def test_layer_draws_weights_row_by_row():
    tinynet.seed(1)
    layer = Layer(2, 3)
    draws = tinynet.numpy_like_random(1)
    assert layer.synaptic_weights == [[2 * draws.random() - 1 for _ in range(3)] for _ in range(2)]


# --------------------------------------------------------------------------
# The tutorial, digit for digit, and the one engine that computes it
# --------------------------------------------------------------------------


def test_stage1_weights_are_the_tutorials():
    network = tutorial_network()
    assert [eight(v) for v in flat(network.layer1.synaptic_weights)] == STAGE1[0]
    assert [eight(v) for v in flat(network.layer2.synaptic_weights)] == STAGE1[1]


def test_training_matches_numpy_running_the_tutorials_update():
    numpy = pytest.importorskip("numpy")
    numpy.random.seed(3)
    w1 = 2 * numpy.random.random((2, 4)) - 1
    w2 = 2 * numpy.random.random((4, 1)) - 1
    x, y = numpy.array(POINTS), numpy.array([LABELS]).T
    for _ in range(500):
        h = 1 / (1 + numpy.exp(-x.dot(w1)))
        o = 1 / (1 + numpy.exp(-h.dot(w2)))
        d2 = (y - o) * (o * (1 - o))
        d1 = d2.dot(w2.T) * (h * (1 - h))
        w1 += x.T.dot(d1)
        w2 += h.T.dot(d2)
    network = tutorial_network(3)
    network.train(POINTS, LABELS, 500)
    assert flat(network.layer1.synaptic_weights) == pytest.approx(w1.ravel().tolist(), abs=1e-10)
    assert flat(network.layer2.synaptic_weights) == pytest.approx(w2.ravel().tolist(), abs=1e-10)


def test_one_iteration_is_the_tutorials_lines_computed_independently():
    # The tutorial's train loop body, written out here with plain Python
    # arithmetic (not tinynet's helpers), must equal what iteration does
    # and returns.
    network = tutorial_network(5)
    w1 = [row[:] for row in network.layer1.synaptic_weights]
    w2 = [row[:] for row in network.layer2.synaptic_weights]

    def sig(z):
        return 1 / (1 + math.exp(-z))

    x = [[float(v) for v in point] for point in POINTS]
    y = [[float(label)] for label in LABELS]
    hidden = [[sig(sum(p[k] * w1[k][j] for k in range(2))) for j in range(4)] for p in x]
    output = [[sig(sum(h[k] * w2[k][0] for k in range(4)))] for h in hidden]
    layer2_error = [[t[0] - o[0]] for t, o in zip(y, output)]
    layer2_delta = [[e[0] * o[0] * (1 - o[0])] for e, o in zip(layer2_error, output)]
    layer1_error = [[d[0] * w2[j][0] for j in range(4)] for d in layer2_delta]
    layer1_delta = [[e[j] * h[j] * (1 - h[j]) for j in range(4)]
                    for e, h in zip(layer1_error, hidden)]
    layer1_adjustment = [[sum(x[s][i] * layer1_delta[s][j] for s in range(15)) for j in range(4)]
                         for i in range(2)]
    layer2_adjustment = [[sum(hidden[s][i] * layer2_delta[s][0] for s in range(15))]
                         for i in range(4)]
    step = network.iteration(x, y)
    close = dict(rel=1e-12, abs=1e-15)
    assert flat(step.outputs[0]) == pytest.approx(flat(hidden), **close)
    assert flat(step.outputs[1]) == pytest.approx(flat(output), **close)
    assert flat(step.errors[1]) == pytest.approx(flat(layer2_error), **close)
    assert flat(step.deltas[1]) == pytest.approx(flat(layer2_delta), **close)
    assert flat(step.errors[0]) == pytest.approx(flat(layer1_error), **close)
    assert flat(step.deltas[0]) == pytest.approx(flat(layer1_delta), **close)
    assert flat(step.adjustments[0]) == pytest.approx(flat(layer1_adjustment), **close)
    assert flat(step.adjustments[1]) == pytest.approx(flat(layer2_adjustment), **close)
    assert step.bias_adjustments == [None, None]
    assert flat(network.layer1.synaptic_weights) == pytest.approx(
        [w + a for w, a in zip(flat(w1), flat(layer1_adjustment))], **close)
    assert flat(network.layer2.synaptic_weights) == pytest.approx(
        [w + a for w, a in zip(flat(w2), flat(layer2_adjustment))], **close)


def test_train_is_iteration_repeated():
    by_train, by_hand = tutorial_network(4), tutorial_network(4)
    by_train.train(POINTS, LABELS, 30)
    rows = [[float(v) for v in point] for point in POINTS]
    for _ in range(30):
        by_hand.iteration(rows, [[float(label)] for label in LABELS])
    assert weights(by_train) == weights(by_hand)


def train_tutorial(iterations=200):
    network = tutorial_network()
    network.train(POINTS, LABELS, iterations)
    return weights(network)


@pytest.mark.parametrize("helper, wrong", [
    ("sigmoid_derivative", lambda output: tinynet.multiply(0.5, output)),
    ("sigmoid", lambda x: [[1 / (1 + math.exp(-0.5 * v)) for v in row] for row in x]),
    ("dot", lambda a, b: [[0.5 * v for v in row] for row in TRUE_DOT(a, b)]),
])
def test_tweaking_a_helper_changes_the_training(monkeypatch, helper, wrong):
    # The tutorial invites the learner to tweak things: the helpers a
    # teacher shows are the ones training runs.
    right = train_tutorial()
    monkeypatch.setattr(tinynet, helper, wrong)
    tweaked = train_tutorial()
    assert tweaked != right
    monkeypatch.undo()
    assert train_tutorial() == right


TRUE_DOT = tinynet.dot


def test_a_wrong_sigmoid_derivative_fails_the_gradient_check(monkeypatch, capsys):
    monkeypatch.setattr(tinynet, "sigmoid_derivative", lambda output: tinynet.multiply(
        output, output))  # a slip: o * o instead of o * (1 - o)
    rows = tinynet.gradient_check(tutorial_network(), POINTS, LABELS)
    assert max(row.difference for row in rows) > 0.01
    status, out, _ = run_main(capsys, "--gradcheck")
    assert status == 1
    assert out.splitlines()[-1].startswith("FAILED: ") and "<-- too far apart" in out


def lesson_part():
    """The text of tinynet.py up to where Part 2 begins."""
    with open(SCRIPT, encoding="utf-8") as file:
        text = file.read()
    return text[:text.index("# Part 2.")].rsplit("\n", 2)[0] + "\n"


def test_module_docstring_maps_the_parts_in_order():
    with open(SCRIPT, encoding="utf-8") as file:
        text = file.read()
    headings = [text.index(f"# Part {number}.") for number in range(1, 6)]
    assert headings == sorted(headings)
    for number in range(1, 6):
        assert f"\n{number}. " in tinynet.__doc__
    assert tinynet.__all__ == sorted(tinynet.__all__)


# --------------------------------------------------------------------------
# Training: progress, stopping, divergence, the departures for real data
# --------------------------------------------------------------------------


def test_forward_propagate_worked_by_hand():
    network = NeuralNetwork(Layer.from_weights([[1.0, -1.0], [2.0, 0.0]]),
                            Layer.from_weights([[1.0], [1.0]]))
    hidden_state, output = network.forward_propagate([[1, 1], [0, 0]])
    # sample 1: sums 1*1 + 1*2 = 3 and -1; sample 2: 0 and 0
    assert hidden_state == [[tinynet.sigmoid(3), tinynet.sigmoid(-1)], [0.5, 0.5]]
    assert output == [[tinynet.sigmoid(tinynet.sigmoid(3) + tinynet.sigmoid(-1))],
                      [tinynet.sigmoid(1.0)]]
    assert network.forward_propagate([1, 1]) == (hidden_state[0], output[0])


def test_flat_and_column_outputs_train_the_same():
    flat_labels, column_labels = tutorial_network(), tutorial_network()
    flat_labels.train(POINTS, LABELS, 50)
    column_labels.train(POINTS, [[label] for label in LABELS], 50)
    assert weights(flat_labels) == weights(column_labels)


def squared_error_loss(network, inputs, targets):
    output = network.forward_propagate(inputs)[-1]
    return 0.5 * sum((t - o) ** 2 for t_row, o_row in zip(targets, output) for t, o in zip(t_row, o_row))


def log_loss(network, inputs, targets):
    output = network.forward_propagate(inputs)[-1]
    return -sum(t * math.log(o) + (1 - t) * math.log(1 - o)
                for t_row, o_row in zip(targets, output) for t, o in zip(t_row, o_row))


@pytest.mark.parametrize("loss", ["squared", "log"])
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("sizes", [(2, 3, 2, 1), (7, 6, 5, 2), (1, 9, 1)])
def test_an_iteration_follows_the_finite_difference_gradient(sizes, bias, loss):
    # An iteration's adjustment over the learning rate must be minus the
    # gradient of the loss, estimated here by central differences
    # (tolerance: relative 1e-5).
    rng = tinynet.numpy_like_random(11)
    network = NeuralNetwork(*(Layer(inputs, neurons, bias=bias, rng=rng)
                              for inputs, neurons in zip(sizes, sizes[1:])))
    inputs = [[rng.uniform(-3, 3) for _ in range(sizes[0])] for _ in range(6)]
    targets = [[float(rng.randint(0, 1)) for _ in range(sizes[-1])] for _ in range(6)]
    loss_of = squared_error_loss if loss == "squared" else log_loss
    places = [(layer.synaptic_weights, i, j) for layer in network.layers
              for i in range(len(layer.synaptic_weights))
              for j in range(len(layer.synaptic_weights[0]))]
    if bias:
        places += [([layer.bias], 0, j) for layer in network.layers for j in range(len(layer.bias))]
    numerical, step = [], 1e-6
    for matrix, i, j in places:
        kept = matrix[i][j]
        matrix[i][j] = kept + step
        above = loss_of(network, inputs, targets)
        matrix[i][j] = kept - step
        below = loss_of(network, inputs, targets)
        matrix[i][j] = kept
        numerical.append(-(above - below) / (2 * step))
    iteration = network.iteration(inputs, targets, 0.1, loss=loss)
    updates = [value / 0.1 for adjustment in iteration.adjustments for value in flat(adjustment)]
    if bias:
        updates += [value / 0.1 for adjustment in iteration.bias_adjustments for value in adjustment]
    assert updates == pytest.approx(numerical, rel=1e-5, abs=1e-9)


def test_the_mean_update_does_not_depend_on_the_number_of_rows():
    # The same rows twice over: the summed update doubles, the mean update stays.
    summed, averaged = {}, {}
    for copies in (1, 2):
        for mean, store in ((False, summed), (True, averaged)):
            network = tutorial_network(2)
            step = network.iteration([[float(v) for v in p] for p in POINTS * copies],
                                     [[float(label)] for label in LABELS * copies], 1.0, mean=mean)
            store[copies] = flat(step.adjustments[0])
    assert averaged[2] == pytest.approx(averaged[1], rel=1e-12)
    assert summed[2] == pytest.approx([2 * value for value in summed[1]], rel=1e-12)
    assert averaged[1] == pytest.approx([value / 15 for value in summed[1]], rel=1e-12)


def test_batches_are_shuffled_seeded_and_cover_every_row():
    rng = tinynet.numpy_like_random(3)
    rows = [[float(n)] for n in range(10)]
    batches = tinynet._mini_batches(rows, rows, 4, rng)
    assert [len(inputs) for inputs, _ in batches] == [4, 4, 2]
    seen = [row[0] for inputs, _ in batches for row in inputs]
    assert sorted(seen) == list(range(10)) and seen != list(range(10))
    assert tinynet._mini_batches(rows, rows, 4, tinynet.numpy_like_random(3)) == batches
    a, b = tutorial_network(), tutorial_network()
    for network in (a, b):
        network.train(POINTS, LABELS, 20, batch_size=4, mean=True, rng=tinynet.numpy_like_random(5))
    assert weights(a) == weights(b)


def test_progress_and_the_error_curve():
    seen = []
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 25, progress=lambda i, e, n: seen.append((i, e)))
    assert [i for i, _ in seen] == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25]
    assert [i for i, _ in report.curve] == list(range(26))
    assert set(seen) <= set(report.curve)  # what progress was told is on the curve
    report = tutorial_network().train(POINTS, LABELS, 1000)
    errors = [error for _, error in report.curve]
    assert [i for i, _ in report.curve] == list(range(0, 1000, 5)) + [1000]
    assert errors == sorted(errors, reverse=True)
    assert report.curve[-1] == (1000, report.error) and errors[0] > 0.2 > 0.01 > errors[-1]


def test_until_error_stops_as_soon_as_the_error_is_below():
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 100000, until_error=0.01)
    # The error of the weights before the last iteration fell below 0.01;
    # one iteration earlier it had not.
    assert report.stopped == "the error fell below 0.01" and report.error < 0.01
    errors = []
    for count in (report.iterations - 2, report.iterations - 1):
        again = tutorial_network()
        errors.append(again.train(POINTS, LABELS, count).error)
    assert errors[0] >= 0.01 > errors[1]


def test_patience_stops_when_the_error_stops_falling():
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 100000, patience=20)
    assert report.stopped == "the error has not fallen by 0.0001 in 20 iterations"
    assert report.iterations < 100000


def test_diverging_training_is_detected_and_the_weights_are_kept():
    network = tutorial_network()
    before = weights(network)
    with pytest.raises(TinynetError, match=r"diverged by iteration \d+: .* inf or NaN"):
        network.train([[10 * x for x in point] for point in POINTS], LABELS, 1000,
                      learning_rate=1e308)
    assert weights(network) == before


def test_interrupted_training_keeps_the_old_weights():
    network = tutorial_network()
    before = weights(network)

    def interrupt(iteration, error, network):
        if iteration:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        network.train(POINTS, LABELS, 100, progress=interrupt)
    assert weights(network) == before


def test_huge_weighted_sums_do_not_crash_training():
    network = NeuralNetwork(Layer.from_weights([[1000.0]]), Layer.from_weights([[-1.0]]))
    report = network.train([[-5.0], [5.0]], [0, 1], 5)
    assert math.isfinite(report.error)
    assert 0 <= network.forward_propagate([-5.0])[0][0] < 1e-300


def test_adding_a_layer_just_works():
    tinynet.seed(2)
    network = NeuralNetwork(Layer(2, 5), Layer(5, 3), Layer(3, 1))
    assert network.layer3 is network.layers[2]
    report = network.train(POINTS, LABELS, 3000)
    assert report.error < report.curve[0][1] / 10
    assert all((output_of(network, p) >= 0.5) == label for p, label in zip(POINTS, LABELS))


def test_xor_with_biases_is_learned():
    xor_inputs, xor_labels = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    tinynet.seed(1)
    network = NeuralNetwork(Layer(2, 4, bias=True), Layer(4, 1, bias=True))
    assert network.train(xor_inputs, xor_labels, 5000).error < 0.001
    assert [round(output_of(network, point)) for point in xor_inputs] == xor_labels
    tinynet.seed(1)
    assert Layer(2, 4, bias=True).synaptic_weights == tutorial_network().layer1.synaptic_weights


def test_layers_that_do_not_chain_are_rejected():
    with pytest.raises(TinynetError, match="layer 2 takes 3 inputs per neuron but layer 1 has 4"):
        NeuralNetwork(Layer(2, 4), Layer(3, 1))
    for bad in ((), ([[1.0]],)):
        with pytest.raises(TinynetError, match="a NeuralNetwork needs Layers"):
            NeuralNetwork(*bad)


@pytest.mark.parametrize("args, message", [
    ((2, 0), "number_of_neurons must be a positive integer, got 0"),
    ((0, 4), "number_of_inputs_per_neuron must be a positive integer, got 0"),
    ((2.0, 4), "got 2.0"),
    ((True, 4), "got True"),
    ((2, 1000000000), "a layer would hold 2,000,000,000 numbers, about 64.0 GB"),
])
def test_layer_rejects_bad_sizes(args, message):
    with pytest.raises(TinynetError, match=message):
        Layer(*args)


@pytest.mark.parametrize("kwargs, message", [
    ({"number_of_training_iterations": 0}, "number_of_training_iterations must be a positive"),
    ({"number_of_training_iterations": 2.5}, "got 2.5"),
    ({"learning_rate": float("nan")}, "learning_rate must be a finite number, got nan"),
    ({"learning_rate": "1"}, "learning_rate must be a finite number, got '1'"),
    ({"learning_rate": 10 ** 400}, "learning_rate must be a finite number, got 1000"),
    ({"training_set_outputs": LABELS[:-1]}, "training_set_inputs has 15 rows but training_set_outputs has 14"),
    ({"training_set_inputs": [[0, 0]] * 14 + [[0]]}, r"training_set_inputs row 15: expected 2 numbers"),
    ({"training_set_inputs": [[0, float("inf")]] * 15}, r"row 1: each value must be a finite number, got inf"),
    ({"training_set_inputs": []}, "training_set_inputs must be a non-empty list of rows"),
    ({"training_set_inputs": None}, "training_set_inputs must be a non-empty list of rows, got None"),
    ({"batch_size": 0}, "batch_size must be a positive integer"),
    ({"loss": "cubic"}, "loss must be 'squared' or 'log', got 'cubic'"),
])
def test_train_checks_its_arguments_before_computing(kwargs, message):
    network = tutorial_network()
    before = weights(network)
    arguments = {"training_set_inputs": POINTS, "training_set_outputs": LABELS,
                 "number_of_training_iterations": 10}
    arguments.update(kwargs)
    if "batch_size" in kwargs:  # 0 means "no batches" only on the command line
        arguments["batch_size"] = -1
        message = "batch_size must be a positive integer, got -1"
    with pytest.raises(TinynetError, match=message):
        network.train(**arguments)
    assert weights(network) == before


def test_repr_of_every_class():
    assert repr(Layer(2, 4)) == "Layer(2, 4)"
    assert repr(Layer(2, 4, bias=True)) == "Layer(2, 4, bias=True)"
    assert repr(tutorial_network()) == "NeuralNetwork(Layer(2, 4), Layer(4, 1))"
    assert repr(tinynet.load_dataset(REDBLUE)) == "Dataset(15 rows, 2 inputs, classes ['blue', 'red'])"
    assert repr(TinynetError("x")) == "TinynetError('x')"
    assert repr(tinynet.ProgressLines(10)) == "ProgressLines(10)"
    model = Classifier.fit([[0], [1]], ["a", "b"], iterations=5)
    assert repr(model) == "Classifier(1 inputs, classes ['a', 'b'], hidden [16])"
    area = tinynet.DecisionMap(Classifier.fit(POINTS, LABELS, iterations=2), tinynet.load_dataset(REDBLUE),
                               columns=4, rows=2)
    assert repr(area).startswith("DecisionMap(4 x 2 cells, x ")


# --------------------------------------------------------------------------
# Data: JSON and CSV, labels as people write them
# --------------------------------------------------------------------------


def test_redblue_json_is_the_tutorials_data():
    data = tinynet.load_dataset(REDBLUE)
    assert data.inputs == POINTS and data.classes == ["blue", "red"]
    assert data.labels == [["blue", "red"][label] for label in LABELS]
    assert data.targets() == [[float(label)] for label in LABELS]
    assert data.new_situation == [2, -3]


def dataset_json(**changes):
    data = {"label_names": ["blue", "red"], "inputs": [[0, 0], [1, 1], [2, 2]], "labels": [0, 1, 1]}
    data.update(changes)
    return json.dumps(data)


def test_text_labels_and_three_classes_from_csv(tmp_path):
    path = write(tmp_path, "pets.csv", "weight,height,kind\n4,30,cat\n30,60,dog\n0.1,5,mouse\n"
                                       "5,25,cat\n")
    data = tinynet.load_dataset(path)
    assert data.classes == ["cat", "dog", "mouse"]  # names: in alphabetical order
    assert data.labels == ["cat", "dog", "mouse", "cat"]
    assert data.targets() == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]


def test_number_labels_are_classes_in_numeric_order(tmp_path):
    path = write(tmp_path, "n.csv", "x,label\n1,10\n2,9\n3,10.0\n4,2\n")
    data = tinynet.load_dataset(path)
    assert data.classes == ["2", "9", "10"] and data.labels == ["10", "9", "10", "2"]
    json_path = write(tmp_path, "n.json", json.dumps({"inputs": [[1], [2], [3]], "labels": [2, 0, 1]}))
    assert tinynet.load_dataset(json_path).classes == ["0", "1", "2"]
    named = write(tmp_path, "named.json", json.dumps(
        {"inputs": [[1], [2], [3]], "labels": [2, 0, 1], "label_names": ["low", "mid", "high"]}))
    data = tinynet.load_dataset(named)
    assert data.classes == ["low", "mid", "high"] and data.labels == ["high", "low", "mid"]


def test_a_csv_without_a_header_is_read_as_data(tmp_path):
    data = tinynet.load_dataset(write(tmp_path, "plain.csv", "1,2,yes\n3,4,no\n5,6,yes\n"))
    assert data.inputs == [[1, 2], [3, 4], [5, 6]] and data.labels == ["yes", "no", "yes"]


def test_rows_of_outputs_in_json_are_several_independent_outputs(tmp_path):
    path = write(tmp_path, "two.json", json.dumps(
        {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "labels": [[0, 1], [0, 1], [1, 0], [1, 1]]}))
    data = tinynet.load_dataset(path)
    assert data.multilabel and data.classes == ["output 1", "output 2"]
    assert data.targets() == [[0, 1], [0, 1], [1, 0], [1, 1]]
    model = Classifier.fit(data, iterations=300, patience=None)
    assert model.classify([1, 1]) == ["output 1", "output 2"] and model.classify([0, 0]) == ["output 2"]


BAD_DATA = [
    ("missing.json", None, "missing.json: no such file"),
    ("bad.json", '{"inputs": [[0, 0]], "labels": [0]', "not valid JSON"),
    ("list.json", "[[0, 0]]", "expected a JSON object"),
    ("nokey.json", json.dumps({"inputs": [[0, 0]]}), "missing key 'labels'"),
    ("ragged.json", dataset_json(inputs=[[0, 0], [1, 1, 1], [2, 2]]),
     "inputs row 2: expected 2 numbers, got [1, 1, 1]"),
    ("text.json", dataset_json(inputs=[[0, 0], [1, "a"], [2, 2]]), "inputs row 2: each value must be a finite number, got 'a'"),
    ("nan.json", dataset_json().replace("[2, 2]", "[2, NaN]"), "inputs row 3: each value must be a finite number, got nan"),
    ("inf.json", dataset_json().replace("[2, 2]", "[Infinity, 2]"), "got inf"),
    ("bool.json", dataset_json(inputs=[[0, 0], [1, True], [2, 2]]), "inputs row 2: each value must be a finite number, got True"),
    ("label.json", dataset_json(labels=[0, 2, 1]), "labels row 2: with 2 label_names a label must be 0 to 1, got 2"),
    ("boollabel.json", dataset_json(labels=[0, False, 1], label_names=None), "a label must be a number or a name, got False"),
    ("oneclass.json", dataset_json(labels=[1, 1, 1], label_names=None), "needs two or more different classes, got ['1']"),
    ("empty.json", dataset_json(inputs=[], labels=[]), "inputs must be a non-empty list of rows"),
    ("counts.json", dataset_json(labels=[0, 1]), "3 rows of inputs but 2 labels"),
    ("names.json", dataset_json(label_names=["blue"]), "label_names must be a list of names"),
    ("situation.json", dataset_json(new_situation=[1, 2, 3]), "new_situation row 1: expected 2 numbers"),
    ("short.csv", "x,label\n", "no rows of data"),
    ("header.csv", "label\n1\n", "each row needs at least one input and a label"),
    ("ragged.csv", "x,y,label\n1,2,0\n1,0\n", "line 3: expected 3 values, got ['1', '0']"),
    ("text.csv", "x,y,label\n1,2,0\n1,abc,1\n", "line 3: column 'y': 'abc' is not a finite number"),
    ("nan.csv", "x,y,label\n1,nan,0\n2,1,1\n", "line 2: column 'y': 'nan' is not a finite number"),
    ("oneclass.csv", "x,label\n1,a\n2,a\n", "needs two or more different classes"),
    ("latin1.csv", None, "not UTF-8 text"),
]


@pytest.mark.parametrize("name, text, message", BAD_DATA, ids=[case[0] for case in BAD_DATA])
def test_bad_data_is_one_clear_error(tmp_path, capsys, name, text, message):
    path = str(tmp_path / name)
    if name == "latin1.csv":
        (tmp_path / name).write_bytes("x,label\n1,caf\xe9\n2,b\n".encode("latin-1"))
    elif text is not None:
        write(tmp_path, name, text)
    with pytest.raises(TinynetError) as caught:
        tinynet.load_dataset(path)
    assert message in str(caught.value) and name in str(caught.value)
    status, out, err = run_main(capsys, "--data", path, "--iterations", "10")
    assert_one_line_error(status, err, name, message)
    assert out == ""


def test_bad_data_from_the_command_line_has_no_traceback(tmp_path):
    path = write(tmp_path, "bad.json", dataset_json(inputs=[[0, 0], [1, "a"], [2, 2]]))
    status, out, err = run_cli("--data", path)
    assert_one_line_error(status, err, "bad.json: inputs row 2")


# --------------------------------------------------------------------------
# Your own data: Classifier, scaling, held-out accuracy, the warning
# --------------------------------------------------------------------------


def test_a_classifier_from_rows_and_text_labels_in_one_call():
    data = tinynet.load_dataset(IRIS)
    train, test = tinynet.holdout(data, 0.3)
    model = Classifier.fit(train.inputs, train.labels)
    assert model.classes == ["setosa", "versicolor", "virginica"]
    assert tinynet.accuracy(model.classify(test.inputs), test.labels) >= 0.9
    probabilities = model.predict(test.inputs[0])
    assert len(probabilities) == 3 and sum(probabilities) == pytest.approx(1.0)
    assert model.classify(test.inputs[0]) == model.classes[probabilities.index(max(probabilities))]
    assert model.predict(test.inputs[:2]) == [model.predict(test.inputs[0]), model.predict(test.inputs[1])]
    assert model.report.stopped.startswith("the error has not fallen")


def test_two_classes_have_one_output_and_probabilities_for_both():
    model = Classifier.fit(POINTS, [["blue", "red"][label] for label in LABELS], iterations=300)
    assert model.network.output_size == 1
    p = model.outputs([[2, -3]])[0][0]
    assert model.predict([2, -3]) == [1 - p, p] and model.classify([2, -3]) == "red"


def test_inputs_are_standardised_and_a_constant_column_is_left_alone():
    rows = [[100.0, 5.0, 1.0], [300.0, 5.0, 2.0], [200.0, 5.0, 3.0]]
    means, scales = tinynet._scaling(rows)
    assert means == pytest.approx([200.0, 5.0, 2.0])
    assert scales == pytest.approx([math.sqrt(20000 / 3), 1.0, math.sqrt(2 / 3)])
    model = Classifier.fit(rows, ["a", "b", "a"], iterations=3)
    scaled = model._scaled(rows)
    for column in list(zip(*scaled))[::2]:
        assert sum(column) == pytest.approx(0.0, abs=1e-12)
        assert sum(v * v for v in column) / 3 == pytest.approx(1.0)
    assert [row[1] for row in scaled] == [0.0, 0.0, 0.0]


def test_scaling_is_needed_on_raw_features_and_is_saved_with_the_model(tmp_path):
    data = tinynet.load_dataset(WINE)
    train, test = tinynet.holdout(data, 0.3)
    scaled = Classifier.fit(train, iterations=100)
    raw = Classifier.fit(train, iterations=100, scale=False)
    assert tinynet.accuracy(scaled.classify(test.inputs), test.labels) >= 0.9
    assert tinynet.accuracy(raw.classify(test.inputs), test.labels) < 0.8
    path = str(tmp_path / "wine.json")
    scaled.save(path)
    loaded = Classifier.load(path)
    assert (loaded.means, loaded.scales) == (scaled.means, scaled.scales)
    assert loaded.predict(test.inputs) == scaled.predict(test.inputs)  # bit for bit


def test_holdout_is_seeded_and_stratified():
    data = tinynet.load_dataset(IRIS)
    train, test = tinynet.holdout(data, 0.2, seed=4)
    again_train, again_test = tinynet.holdout(data, 0.2, seed=4)
    assert test.inputs == again_test.inputs and train.labels == again_train.labels
    assert [test.labels.count(name) for name in data.classes] == [10, 10, 10]
    assert len(train.inputs) == 120  # every row on exactly one side:
    assert sorted(train.inputs + test.inputs) == sorted(data.inputs)
    other = tinynet.holdout(data, 0.2, seed=5)[1]
    assert other.inputs != test.inputs
    for fraction in (0, 1, 1.5, "x"):
        with pytest.raises(TinynetError, match="fraction"):
            tinynet.holdout(data, fraction)


def test_accuracy_and_confusion_counts():
    predicted, actual = ["a", "b", "b", "c"], ["a", "b", "a", "c"]
    assert tinynet.accuracy(predicted, actual) == 0.75
    assert tinynet.confusion_matrix(predicted, actual, ["a", "b", "c"]) == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    with pytest.raises(TinynetError, match="label 'd' is not one of the classes"):
        tinynet.confusion_matrix(["d"], ["a"], ["a", "b"])
    with pytest.raises(TinynetError, match="two lists of labels of one length"):
        tinynet.accuracy(["a"], [])


def test_a_model_that_learned_nothing_is_warned_about(tmp_path, capsys):
    rows = [[float(n), float(n % 3)] for n in range(40)]
    labels = ["odd" if n % 2 else "even" for n in range(40)]  # nothing in the inputs says which
    model = Classifier.fit(rows, labels, iterations=30, learning_rate=0.001)
    data = Dataset(rows, labels)
    assert "learned nothing useful" in tinynet.useless_training_warning(model, data)
    good = Classifier.fit(POINTS, LABELS, iterations=200)
    assert tinynet.useless_training_warning(good, Dataset(POINTS, LABELS)) is None
    path = write(tmp_path, "noise.csv", "x,y,label\n" + "".join(
        f"{x},{y},{label}\n" for (x, y), label in zip(rows, labels)))
    status, out, err = run_main(capsys, "--data", path, "--learning-rate", "0.001",
                                "--iterations", "30", "--quiet")
    assert status == 0 and err.startswith("tinynet: warning: the network learned nothing useful")
    assert len(err.splitlines()) == 1 and "try " in err


@pytest.mark.parametrize("bad, message", [
    ({"hidden": 4}, "hidden must be a list of layer sizes"),
    ({"speed": 3}, "unknown setting 'speed'"),
    ({"hidden": [0]}, "number_of_neurons must be a positive integer"),
])
def test_classifier_settings_are_checked(bad, message):
    with pytest.raises(TinynetError, match=message):
        Classifier.fit(POINTS, LABELS, **bad)


# --------------------------------------------------------------------------
# The command line: the lesson, the two recipes, options
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lesson(background):
    """What `python3 tinynet.py` prints in a pipe (run once for all tests)."""
    return background["lesson"].wait()


def test_the_lessons_recipe_through_the_options_gives_the_same_numbers(capsys):
    status, out, _ = run_main(capsys, "--iterations", "3000")  # the options' path
    network = tutorial_network()
    network.train(POINTS, LABELS, 3000)
    shown = io.StringIO()
    network.print_weights(shown)
    assert status == 0 and out.split("Stage 2) New synaptic weights after training:\n")[1].startswith(
        shown.getvalue())
    assert "Training: 10% (iteration 300 of 3000)" in out


def test_runs_without_site_packages_and_imports_only_the_standard_library():
    status, out, err = run_cli("--iterations", "100", "--quiet", python_flags=("-S",))
    assert status == 0, err
    assert out.splitlines()[-1].startswith("[2, -3] [0.")
    code = ("import sys, tinynet; "
            "print(sorted(m for m in sys.modules if m.startswith(('numpy', 'scipy', 'pytest'))))")
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=HERE, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "[]"


def test_help_names_every_option_with_the_lesson_and_your_data_settings(capsys):
    status, out, _ = run_main(capsys, "--help")
    assert status == 0
    text = " ".join(out.split())
    for option in ("--data", "--hidden", "--iterations", "--learning-rate", "--batch-size",
                   "--update", "--loss", "--patience", "--until-error", "--bias", "--no-bias",
                   "--no-scale", "--seed", "--predict", "--test", "--holdout", "--save", "--load",
                   "--quiet", "--plot", "--svg", "--watch", "--explain", "--gradcheck", "--rows",
                   "--version"):
        assert option in text, option
    for settings in ("(lesson: 4; your data: 16)", "(lesson: 1.0; your data: 0.5)",
                     "(lesson: sum; your data: mean)", "(lesson: squared; your data: log)",
                     "(lesson: 0; your data: 32)", "(lesson: 0; your data: 20)"):
        assert settings in text, settings
    status, out, _ = run_main(capsys, "--version")
    assert status == 0 and out.strip() == f"tinynet {tinynet.__version__}"


def test_quiet_prints_results_only(capsys):
    status, out, err = run_main(capsys, "--quiet", "--iterations", "2000")
    assert status == 0 and err == ""
    assert out.splitlines()[0].startswith("Trained 2000 iterations: mean squared error 0.")
    assert out.splitlines()[1].startswith("[2, -3] [0.99") and out.strip().endswith(" red")


def test_predict_is_repeatable_names_the_class_and_takes_negative_numbers(capsys):
    network = tutorial_network()
    network.train(POINTS, LABELS, 2000)
    status, out, _ = run_main(capsys, "--quiet", "--predict", "2", "-3", "--predict", "-2", "1e-3",
                              "--iterations", "2000")
    assert status == 0
    assert out.splitlines()[1:] == [f"[2, -3] [{output_of(network, [2, -3]):.8f}] red",
                                    f"[-2, 0.001] [{output_of(network, [-2, 1e-3]):.8f}] blue"]


def test_your_data_gets_its_own_recipe_and_says_so(capsys):
    status, out, err = run_main(capsys, "--data", IRIS, "--holdout", "0.3")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("Training on " + IRIS + ": 105 rows, 4 inputs, classes setosa, versicolor, "
                        "virginica")
    assert lines[1].startswith("Inputs standardised: each column less its mean")
    assert "Stopped at iteration" in out and "the error has not fallen by 0.0001 in 20 iterations" in out
    held = out[out.index("Held out: 45 rows (0.3 of each class, seed 1):"):]
    assert held.splitlines()[1].startswith("accuracy: 9") and "(rows: the true class;" in held
    assert held.splitlines()[4].split() == ["setosa", "15", "0", "0"]


def test_test_file_and_holdout_report_the_same_accuracy_as_the_library(tmp_path, capsys):
    data = tinynet.load_dataset(IRIS)
    train, test = tinynet.holdout(data, 0.3)
    lines = ["sepal_length,sepal_width,petal_length,petal_width,species"]
    for part, name in ((train, "train.csv"), (test, "test.csv")):
        write(tmp_path, name, "\n".join(lines + [",".join(f"{v:g}" for v in row) + "," + label
                                                 for row, label in zip(part.inputs, part.labels)]))
    model = str(tmp_path / "iris.json")
    status, out, _ = run_main(capsys, "--data", str(tmp_path / "train.csv"), "--test",
                              str(tmp_path / "test.csv"), "--quiet", "--save", model)
    assert status == 0
    expected = Classifier.fit(train)
    report = tinynet.format_results(expected.classify(test.inputs), test.labels, expected.classes)
    assert report in out
    status, loaded_out, _ = run_main(capsys, "--load", model, "--test", str(tmp_path / "test.csv"),
                                     "--quiet")
    assert status == 0 and loaded_out.strip() == report


def test_multiclass_predictions_show_every_class(capsys):
    status, out, _ = run_main(capsys, "--data", IRIS, "--quiet", "--iterations", "60",
                              "--predict", "5.1", "3.5", "1.4", "0.2")
    assert status == 0
    line = out.splitlines()[-1]
    assert line.startswith("[5.1, 3.5, 1.4, 0.2] [") and " setosa (setosa 0.9" in line
    shares = [float(part.split()[-1].rstrip(")")) for part in line.split("(")[1].split(",")]
    assert sum(shares) == pytest.approx(1.0, abs=0.002)


def test_hidden_builds_the_layers_asked_for(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    status, out, _ = run_main(capsys, "--hidden", "8,4", "--iterations", "300", "--save", model)
    assert status == 0
    assert "Layer 3 (1 neuron, with 4 inputs)" in out and "Layer 1 (8 neurons, each with 2 inputs)" in out
    assert repr(Classifier.load(model).network) == \
        "NeuralNetwork(Layer(2, 8), Layer(8, 4), Layer(4, 1))"


def test_options_reach_train(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    run_main(capsys, "--seed", "5", "--iterations", "40", "--learning-rate", "0.5",
             "--batch-size", "4", "--update", "mean", "--loss", "log", "--bias", "--save", model)
    rng = tinynet.numpy_like_random(5)
    expected = NeuralNetwork(Layer(2, 4, bias=True, rng=rng), Layer(4, 1, bias=True, rng=rng))
    expected.train(POINTS, LABELS, 40, 0.5, batch_size=4, mean=True, loss="log", rng=rng)
    assert weights(Classifier.load(model).network) == weights(expected)


def test_until_error_says_where_it_stopped(capsys):
    status, out, _ = run_main(capsys, "--quiet", "--until-error", "0.01")
    report = tutorial_network().train(POINTS, LABELS, 100000, until_error=0.01)
    assert status == 0
    assert out.splitlines()[0] == (f"Stopped at iteration {report.iterations}: the error fell "
                                   f"below 0.01 (mean squared error {report.error:.8f})")


def test_save_then_load_predicts_bit_for_bit(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    status, trained_out, _ = run_main(capsys, "--iterations", "3000", "--bias", "--quiet",
                                      "--save", model, "--predict", "0.1", "0.2")
    assert status == 0
    tinynet.seed(1)
    network = NeuralNetwork(Layer(2, 4, bias=True), Layer(4, 1, bias=True))
    network.train(POINTS, LABELS, 3000)
    loaded = Classifier.load(model)
    for point in POINTS + [[0.1, 0.2], [2, -3], [1e-3, 7.25]]:
        assert loaded.outputs([point])[0][0] == output_of(network, point)  # exactly equal
    assert loaded.classes == ["blue", "red"] and loaded.means is None
    status, loaded_out, _ = run_main(capsys, "--load", model, "--quiet", "--predict", "0.1", "0.2")
    assert status == 0 and loaded_out == trained_out.split("\n", 1)[1]
    with open(model) as file:
        data = json.load(file)
    assert data["input_size"] == 2 and data["layer_sizes"] == [4, 1] and data["bias"] is True
    assert data["classes"] == ["blue", "red"] and data["scaling"] is None
    assert os.listdir(tmp_path) == ["model.json"]  # no temporary file left behind


def model_file(tmp_path, name="model.json", **changes):
    data = Classifier(tutorial_network(), ["blue", "red"]).to_dict()
    data.update(changes)
    return write(tmp_path, name, json.dumps(data))


def test_a_version_1_model_still_loads(tmp_path):
    data = {"format": "tinynet model", "version": 1, "input_size": 2, "layer_sizes": [4, 1],
            "bias": False, "label_names": ["blue", "red"],
            "layers": [{"synaptic_weights": tutorial_network().layer1.synaptic_weights, "bias": None},
                       {"synaptic_weights": tutorial_network().layer2.synaptic_weights, "bias": None}]}
    model = Classifier.load(write(tmp_path, "old.json", json.dumps(data)))
    assert model.classes == ["blue", "red"] and weights(model.network) == weights(tutorial_network())


BAD_MODELS = [
    ({"format": "other"}, "not a tinynet model"),
    ({"version": 9}, "unknown model version 9"),
    ({"layers": []}, "'layers' must be a non-empty list"),
    ({"layers": [{"weights": [[1.0]]}]}, "layer 1: expected an object with 'synaptic_weights'"),
    ({"layers": [{"synaptic_weights": [[1.0, "x"]]}]}, "layer 1: synaptic_weights row 1: each value must be a finite number, got 'x'"),
    ({"layers": [{"synaptic_weights": [[]]}]}, "layer 1: synaptic_weights row 1 is empty"),
    ({"layers": [{"synaptic_weights": [[1.0, 2.0]]}, {"synaptic_weights": [[1.0]]}]},
     "layer 2 takes 1 inputs per neuron but layer 1 has 2 neurons"),
    ({"input_size": 3}, "input_size is 3 but the weights say 2"),
    ({"layer_sizes": [4, 2]}, "layer_sizes is [4, 2] but the weights say [4, 1]"),
    ({"bias": True}, "bias is True but the weights say False"),
    ({"classes": ["blue"]}, "classes must be two or more different names, got ['blue']"),
    ({"classes": ["a", "b", "c"]}, "3 classes need 3 outputs, but the network has 1"),
    ({"classes": "blue"}, "'classes' must be a list of names"),
    ({"scaling": {"means": [0, 0], "scales": [1, 0]}}, "scaling scales must be positive"),
    ({"scaling": {"means": [0], "scales": [1, 1]}}, "scaling means row 1: expected 2 numbers"),
]


@pytest.mark.parametrize("changes, message", BAD_MODELS)
def test_load_checks_shapes_and_types(tmp_path, capsys, changes, message):
    path = model_file(tmp_path, **changes)
    with pytest.raises(TinynetError, match="model.json: "):
        Classifier.load(path)
    status, _, err = run_main(capsys, "--load", path, "--predict", "1", "1")
    assert_one_line_error(status, err, "model.json: ", message)


def test_load_with_nothing_to_classify_says_what_to_give(tmp_path, capsys):
    status, out, err = run_main(capsys, "--load", model_file(tmp_path))
    assert_one_line_error(status, err, "nothing to do with the loaded model: give --predict with 2 numbers")
    status, out, _ = run_main(capsys, "--load", model_file(tmp_path), "--data", REDBLUE, "--quiet")
    assert status == 0 and out.startswith("[2, -3] [0.")  # the data's new_situation


def test_load_refuses_training_options_and_other_data(tmp_path, capsys):
    path = model_file(tmp_path)
    for option in (["--hidden", "3"], ["--batch-size", "3"], ["--no-scale"], ["--seed", "3"]):
        status, _, err = run_main(capsys, "--load", path, *option)
        assert_one_line_error(status, err, f"{option[0]} cannot be used with --load")
    wide = write(tmp_path, "wide.csv", "a,b,c,label\n1,2,3,blue\n3,2,1,red\n")
    status, _, err = run_main(capsys, "--load", path, "--data", wide)
    assert_one_line_error(status, err, "the model takes 2 inputs")
    other = write(tmp_path, "other.csv", "a,b,label\n1,2,cat\n3,2,dog\n")
    status, _, err = run_main(capsys, "--load", path, "--test", other)
    assert_one_line_error(status, err, "other.csv: its classes ['cat', 'dog'] are not the model's")


BAD_OPTIONS = [
    (["--iterations", "ten"], "argument --iterations: expected a positive whole number, got 'ten'"),
    (["--iterations", "0"], "argument --iterations: expected a positive whole number, got '0'"),
    (["--iterations", "-5"], "argument --iterations: expected a positive whole number, got '-5'"),
    (["--hidden", "0"], "argument --hidden: expected layer sizes from 1 to 100000"),
    (["--hidden", "4,,2"], "got '4,,2'"),
    (["--hidden", "1000000000"], "got '1000000000'"),
    (["--learning-rate", "nan"], "argument --learning-rate: expected a positive number, got 'nan'"),
    (["--learning-rate", "-1"], "argument --learning-rate: expected a positive number, got '-1'"),
    (["--seed", "-1"], "argument --seed: expected a whole number from 0 to 4294967295, got '-1'"),
    (["--until-error", "inf"], "argument --until-error: expected a positive number, got 'inf'"),
    (["--holdout", "1"], "argument --holdout: expected a number between 0 and 1, got '1'"),
    (["--batch-size", "-1"], "argument --batch-size: expected a whole number, 0 or more"),
    (["--update", "max"], "argument --update: invalid choice: 'max'"),
    (["--predict", "2"], "--predict takes 2 numbers (one per input), got 1: 2"),
    (["--predict", "1", "2", "3"], "--predict takes 2 numbers (one per input), got 3: 1 2 3"),
    (["--predict", "2", "x"], "argument --predict: expected a number, got 'x'"),
    (["--predict"], "argument --predict: expected at least one argument"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["--rows", "3"], "--rows goes with --explain"),
    (["--watch", "--quiet"], "--watch cannot be used with --quiet"),
    (["--iterations", "9" * 5000], "argument --iterations: expected a positive whole number, got '9999"),
]


@pytest.mark.parametrize("args, message", BAD_OPTIONS, ids=[" ".join(c[0])[:30] for c in BAD_OPTIONS])
def test_bad_options_are_one_clear_error(capsys, args, message):
    status, out, err = run_main(capsys, *args)
    assert_one_line_error(status, err, message)
    assert out == "" and len(err) < 300


@pytest.mark.parametrize("option", ["--data", "--save", "--load", "--svg", "--test"])
def test_an_empty_file_name_is_refused(capsys, option):
    status, out, err = run_main(capsys, option, "")
    assert_one_line_error(status, err, f"argument {option}: expected a file name, got ''")


# --------------------------------------------------------------------------
# Never lose a file, never hang, never crash
# --------------------------------------------------------------------------


def test_an_output_is_never_written_over_an_input(tmp_path, capsys):
    data = write(tmp_path, "data.json", read_text(REDBLUE))
    before = read_bytes(data)
    os.symlink("data.json", tmp_path / "link.json")
    model = model_file(tmp_path)
    model_before = read_bytes(model)
    cases = [["--data", data, "--save", data], ["--data", data, "--svg", data],
             ["--data", str(tmp_path / "link.json"), "--save", data],
             ["--data", data, "--save", str(tmp_path / "link.json")],
             ["--data", data, "--save", str(tmp_path / "." / "data.json")],
             ["--load", model, "--data", data, "--svg", model],
             ["--data", data, "--test", model, "--save", model]]
    for args in cases:
        status, out, err = run_main(capsys, "--iterations", "5", *args) if "--load" not in args \
            else run_main(capsys, *args)
        assert_one_line_error(status, err, "is the input file")
        assert out == ""
    assert read_bytes(data) == before and read_bytes(model) == model_before
    status, _, err = run_main(capsys, "--save", str(tmp_path / "a.x"), "--svg", str(tmp_path / "a.x"))
    assert_one_line_error(status, err, "--save and --svg name the same file")


def test_outputs_go_only_to_regular_files(tmp_path, capsys):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    for target, message in ((os.devnull, "is a device, pipe or socket"),
                            (str(tmp_path / "fifo"), "is a device, pipe or socket"),
                            (str(tmp_path / "folder"), "is a folder, not a file"),
                            (str(tmp_path / "no" / "m.json"), "the folder")):
        for option in ("--save", "--svg"):
            status, out, err = run_main(capsys, "--iterations", "100000000", option, target)
            assert_one_line_error(status, err, message)
            assert out == ""  # found before training
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_replacing_a_model_keeps_its_mode_and_writes_through_a_symlink(tmp_path, capsys):
    model = model_file(tmp_path)
    os.chmod(model, 0o640)
    os.symlink("model.json", tmp_path / "link.json")
    status, _, _ = run_main(capsys, "--iterations", "5", "--quiet", "--save", str(tmp_path / "link.json"))
    assert status == 0
    assert os.path.islink(tmp_path / "link.json")  # the link is kept; its target is replaced
    assert os.stat(model).st_mode & 0o777 == 0o640
    assert Classifier.load(model).report is None and json.loads(read_text(model))["version"] == 2
    long_name = str(tmp_path / ("m" * 240 + ".json"))
    assert run_main(capsys, "--iterations", "5", "--quiet", "--save", long_name)[0] == 0
    assert os.path.exists(long_name)
    assert sorted(os.listdir(tmp_path)) == sorted(["model.json", "link.json", "m" * 240 + ".json"])


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    model = model_file(tmp_path)
    before = read_bytes(model)

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tinynet.os, "replace", broken_replace)
    with pytest.raises(TinynetError, match="model.json: cannot write: No space left on device"):
        Classifier(tutorial_network(9), ["a", "b"]).save(model)
    assert read_bytes(model) == before and os.listdir(tmp_path) == ["model.json"]


SIGNAL_DURING_SAVE = """
import os, signal, sys, tempfile
sys.path.insert(0, {here!r})
import tinynet
where, number = sys.argv[1], getattr(signal, sys.argv[2])
real = {{"mkstemp": tempfile.mkstemp, "fsync": os.fsync, "replace": os.replace}}[where]
def hit(*args, **kwargs):
    if where == "mkstemp":  # the instant the temporary file exists
        answer = real(*args, **kwargs)
        os.kill(os.getpid(), number)
        return answer
    os.kill(os.getpid(), number)
    return real(*args, **kwargs)
setattr(tempfile if where == "mkstemp" else os, where, hit)
sys.exit(tinynet.main(["--iterations", "5", "--quiet", "--save", "model.json"]))
"""


@pytest.mark.parametrize("where", ["mkstemp", "fsync", "replace"])
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_at_any_moment_of_a_save_leaves_the_old_model_and_no_temporary_file(
        tmp_path, where, name):
    model = model_file(tmp_path)
    before = read_bytes(model)
    script = write(tmp_path, "save.py", SIGNAL_DURING_SAVE.format(here=HERE))
    done = subprocess.run([sys.executable, script, where, name], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, preexec_fn=default_ctrl_c)
    assert done.returncode == 128 + getattr(signal, name), done.stderr
    assert sorted(os.listdir(tmp_path)) == ["model.json", "save.py"]
    if where == "replace":  # the signal came as the new model took the old one's place
        assert done.stderr.strip() == "tinynet: interrupted: saved model.json before it"
    else:
        assert done.stderr.strip() == "tinynet: interrupted: nothing saved"
        assert read_bytes(model) == before


def default_ctrl_c():
    """In the child: let Ctrl-C interrupt, even when this suite runs as a background job
    (whose shell ignores SIGINT, and a program started with SIGINT ignored keeps it so)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(path, text, deadline):
    while time.monotonic() < deadline:
        if os.path.exists(path) and text in read_text(path):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_during_training_stops_cleanly_in_a_plain_environment(tmp_path, name):
    # No PYTHONUNBUFFERED: the program must flush its progress itself.
    model = model_file(tmp_path)
    before = read_bytes(model)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    out_path = tmp_path / "out.txt"
    with open(out_path, "w") as out, open(tmp_path / "err.txt", "w") as err:
        process = subprocess.Popen([sys.executable, SCRIPT, "--iterations", "100000000", "--save",
                                    model], stdout=out, stderr=err, env=env,
                                   preexec_fn=default_ctrl_c)
        try:
            assert wait_for(out_path, "Training: 0%", time.monotonic() + 60), "no progress shown"
            process.send_signal(getattr(signal, name))
            process.wait(timeout=60)
        finally:
            process.kill()
            process.wait()
    assert process.returncode == 128 + getattr(signal, name)
    assert read_text(tmp_path / "err.txt") == "tinynet: interrupted: nothing saved\n"
    assert read_bytes(model) == before
    assert sorted(os.listdir(tmp_path)) == ["err.txt", "model.json", "out.txt"]


def test_an_interruption_on_a_terminal_starts_its_own_line(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    calls = []

    def interrupting_train(self, inputs, outputs, iterations, rate, until, progress, *rest):
        progress(0, 0.25, None)
        calls.append(1)
        raise KeyboardInterrupt

    monkeypatch.setattr(tinynet.NeuralNetwork, "train", interrupting_train)
    assert tinynet.main(["--iterations", "1000"]) == 130
    assert calls and stream.getvalue().endswith("\033[K\n")  # the progress line was ended


def test_endless_and_huge_inputs_are_refused(tmp_path, capsys, monkeypatch):
    status, out, err = run_main(capsys, "--data", "/dev/zero")
    assert_one_line_error(status, err, "/dev/zero: larger than 64 MiB, the most tinynet reads as data")
    monkeypatch.setattr(tinynet, "MAX_FILE_BYTES", 100)
    big = write(tmp_path, "big.json", dataset_json(inputs=[[n, n] for n in range(50)], labels=[0, 1] * 25))
    status, _, err = run_main(capsys, "--data", big)
    assert_one_line_error(status, err, "big.json: larger than 0 MiB")
    status, _, err = run_main(capsys, "--load", big, "--predict", "1", "1")
    assert_one_line_error(status, err, "the most tinynet reads as model")


def test_deep_json_and_huge_integers_are_one_line(tmp_path, capsys):
    deep = write(tmp_path, "deep.json", "[" * 100000 + "]" * 100000)
    status, _, err = run_main(capsys, "--data", deep)
    assert_one_line_error(status, err, "deep.json: JSON nested too deeply to read")
    digits = write(tmp_path, "digits.json", dataset_json().replace("[2, 2]", "[2, " + "9" * 5000 + "]"))
    status, _, err = run_main(capsys, "--data", digits)
    assert_one_line_error(status, err, "digits.json: not valid JSON")
    assert len(err) < 300
    huge = write(tmp_path, "huge.json", dataset_json(inputs=[[0, 0], [1, 1], [2, 10 ** 400]]))
    status, _, err = run_main(capsys, "--data", huge)
    assert_one_line_error(status, err, "huge.json: inputs row 3: each value must be a finite number, got 1000")
    assert len(err) < 300
    status, _, err = run_main(capsys, "--load", model_file(tmp_path, input_size=10 ** 400), "--predict", "1", "1")
    assert_one_line_error(status, err, "input_size is 1000")


def test_output_streams_that_fail_give_one_line_and_a_status(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    head = subprocess.run(f"{sys.executable} {SCRIPT} --iterations 20000 | head -1", shell=True,
                          capture_output=True, text=True, timeout=120, env=env,
                          executable="/bin/bash")
    assert head.stdout == "Stage 1) Random starting synaptic weights:\n" and head.stderr == ""
    closed = subprocess.run(f"{sys.executable} {SCRIPT} --iterations 10 >&-; echo $?", shell=True,
                            capture_output=True, text=True, timeout=60, env=env, executable="/bin/bash")
    assert closed.stdout == "2\n" and closed.stderr == "tinynet: error: standard output is closed\n"
    if os.path.exists("/dev/full"):
        full = subprocess.run(f"{sys.executable} {SCRIPT} --iterations 10 > /dev/full; echo $?",
                              shell=True, capture_output=True, text=True, timeout=60, env=env,
                              executable="/bin/bash")
        assert full.stdout == "2\n"
        assert full.stderr == "tinynet: error: cannot write the output: No space left on device\n"


def test_progress_is_flushed_as_it_happens_in_a_pipe(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    # The program writes into a pipe that a reader here drains into a file, so
    # nothing waits on the pipe without a deadline.
    out_path = tmp_path / "out.txt"
    with open(out_path, "w") as out:
        reader = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=out)
    process = subprocess.Popen([sys.executable, SCRIPT, "--iterations", "100000000"], env=env,
                               stdout=reader.stdin, stderr=subprocess.DEVNULL)
    try:
        shown = wait_for(out_path, "Training: 0% (iteration 0 of 100000000)", time.monotonic() + 60)
    finally:
        process.kill()
        process.wait(timeout=60)
        reader.stdin.close()
        reader.wait(timeout=60)
    assert shown, "the first progress line stayed in the program's buffer"


def test_names_the_terminal_cannot_show_are_escaped(tmp_path):
    path = tmp_path / "u.csv"
    path.write_bytes("x,label\n1,caf\u00e9\n5,na\u00efve\n2,caf\u00e9\n".encode())
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    status, out, err = run_cli("--data", str(path), "--quiet", "--iterations", "50", "--predict", "1",
                               env=env)
    assert status == 0 and "Traceback" not in err
    assert out.splitlines()[-1].endswith(" caf\\xe9")


def test_a_newline_or_huge_value_in_an_option_stays_on_one_short_line(capsys):
    for args in (["--data", "bad\nname.json"], ["--predict", "1", "x" * 100000],
                 ["--hidden", "4\n5"], ["--data", "a\rb.csv"], ["--update", "y" * 100000],
                 ["x" * 100000]):
        status, out, err = run_main(capsys, *args)
        assert_one_line_error(status, err)
        assert len(err) < 300 and "\r" not in err


def test_the_lesson_finds_its_data_through_a_symlink(tmp_path):
    os.symlink(SCRIPT, tmp_path / "tinynet")
    status, out, err = run_cli("--iterations", "10", "--quiet", script=str(tmp_path / "tinynet"),
                               cwd=str(tmp_path))
    assert status == 0, err
    assert out.splitlines()[-1].startswith("[2, -3] [")


@pytest.mark.parametrize("call, message", [
    (lambda: tinynet.dot([], []), "dot: shapes"),
    (lambda: tinynet.transpose([]), "transpose needs a non-empty list of rows"),
    (lambda: tinynet.add([[1]], [[1, 2]]), "shapes (1 x 1) and (1 x 2) differ"),
    (lambda: Layer.from_weights([[]]), "synaptic_weights row 1 is empty"),
    (lambda: Layer.from_weights([]), "synaptic_weights must be a non-empty list of rows"),
    (lambda: Layer(1, 0), "number_of_neurons must be a positive integer"),
    (lambda: tinynet.gradient_check(tutorial_network(), POINTS, LABELS, step=0), "step must be"),
    (lambda: tinynet.explain(tutorial_network(), POINTS, LABELS, rows=0), "rows must be a positive"),
    (lambda: tinynet.DecisionMap(Classifier(tutorial_network(), ["a", "b"]),
                                 Dataset(POINTS, LABELS), rows=0), "rows must be a positive"),
    (lambda: tinynet.load_dataset(None), "the data file name must be a non-empty string"),
    (lambda: tinynet.load_dataset("a\0b"), "without NUL"),
    (lambda: tinynet.load_dataset(""), "the data file name must be"),
    (lambda: Classifier.load(""), "the model file name must be"),
    (lambda: tinynet.check_writable(None), "the output file name must be"),
    (lambda: tinynet.write_file("a\0b", "x"), "without NUL"),
    (lambda: tutorial_network().forward_propagate([]), "inputs must be a non-empty list of rows"),
    (lambda: tutorial_network().forward_propagate([1e308, -1e308]) and
     Classifier(NeuralNetwork(Layer.from_weights([[1e308], [1e308]])), ["a", "b"]).predict(
         [1e308, -1e308]), "the inputs are too large"),
    (lambda: tinynet.format_gradient_check([]), "needs at least one row"),
    (lambda: tinynet.error_curve_text([]), "the error curve is empty"),
    (lambda: Dataset([[1]], ["a", "b"]), "labels must be a list of 1 labels"),
    (lambda: tinynet.holdout([1], 0.5), "holdout needs a Dataset"),
])
def test_the_library_raises_only_tinynet_errors(call, message):
    with pytest.raises(TinynetError) as caught:
        call()
    assert message in str(caught.value)


def test_predictions_are_never_nan_on_huge_inputs_or_weights():
    network = NeuralNetwork(Layer.from_weights([[1e300, -1e300], [1e300, 1e300]]),
                            Layer.from_weights([[1e300], [-1e300]]))
    for point in ([1e10, 1e10], [-1e300, 5], [0, 0]):
        try:
            output = network.forward_propagate(point)[-1][0]
        except TinynetError as error:  # or a clear error
            assert "the weighted sums overflow" in str(error)
        else:
            assert 0.0 <= output <= 1.0
    model = Classifier(tutorial_network(), ["blue", "red"])
    for point in ([1e300, -1e300], [-1e300, 1e300]):
        assert all(0.0 <= p <= 1.0 for p in model.predict(point))


def test_data_that_is_all_equal_or_huge_can_be_drawn_or_is_refused(tmp_path, capsys):
    same = write(tmp_path, "same.json", dataset_json(inputs=[[1, 1], [1, 1], [1, 1]]))
    status, out, _ = run_main(capsys, "--data", same, "--plot", "--quiet", "--iterations", "3")
    assert status == 0 and "|" in out
    huge = write(tmp_path, "huge.json", dataset_json(inputs=[[1e305, 1], [-1e305, 1], [0, -1e305]]))
    status, out, err = run_main(capsys, "--data", huge, "--plot", "--quiet", "--iterations", "3")
    assert status in (0, 2) and "Traceback" not in err and "nan" not in out.lower()
    if status == 2:
        assert_one_line_error(status, err)


# --------------------------------------------------------------------------
# Look inside: --explain and --gradcheck, on the iteration train repeats
# --------------------------------------------------------------------------


def shown(matrix, rows=4):
    """The lines explain prints for the first rows of a matrix, brackets cut."""
    text = tinynet.format_matrix(matrix[:rows] if isinstance(matrix[0], list) else matrix)
    return [line.strip().strip("[]") for line in text.splitlines()]


def assert_shows(text, matrix, rows=4):
    for line in shown(matrix, rows):
        assert line in text, line


def test_explain_shows_the_quantities_of_the_iteration_train_runs(capsys):
    status, out, _ = run_main(capsys, "--explain")
    assert status == 0
    network = tutorial_network()
    before1 = [row[:] for row in network.layer1.synaptic_weights]
    step = network.iteration([[float(v) for v in p] for p in POINTS], [[float(v)] for v in LABELS])
    steps = ["Step 1. The inputs", "Step 2. Layer 1 forward", "Step 3. Layer 2 forward",
             "Step 4. The error of layer 2", "Step 5. The delta of layer 2",
             "Step 6. The error sent back to layer 1", "Step 7. The delta of layer 1",
             "Step 8. The adjustments", "Step 9. The new weights"]
    positions = [out.index(step_name) for step_name in steps]
    assert positions == sorted(positions)
    for name in ("training_set_inputs (15 x 2)", "output_from_layer_1 (15 x 4)",
                 "training_set_outputs (15 x 1)", "layer2_error (15 x 1)", "layer1_adjustment (2 x 4)",
                 "layer2_delta = layer2_error * sigmoid_derivative(output_from_layer_2)",
                 "layer1_error = dot(layer2_delta, transpose(layer2.synaptic_weights))",
                 "... 11 more rows]"):
        assert name in out, name
    for matrix in (POINTS, step.outputs[0], step.outputs[1], step.errors[1], step.deltas[1],
                   step.errors[0], step.deltas[0], step.adjustments[0], step.adjustments[1], before1,
                   network.layer1.synaptic_weights, network.layer2.synaptic_weights):
        assert_shows(out, matrix)
    assert max(len(line) for line in out.splitlines()) <= 100


def test_explain_shows_every_row_and_targets_beside_outputs(capsys):
    status, out, _ = run_main(capsys, "--explain", "--rows", "all")
    assert status == 0 and "more rows" not in out
    network = tutorial_network()
    step = network.iteration([[float(v) for v in p] for p in POINTS], [[float(v)] for v in LABELS])
    assert_shows(out, step.deltas[0], rows=15)
    error_step = out[out.index("Step 4."):out.index("Step 5.")]
    first_row = [line for line in error_step.splitlines() if line.strip().startswith("[[")][0]
    assert first_row.split() == ["[[0.50999822]", "[[0.00000000]", "[[-0.50999822]"]


def test_explain_works_for_deeper_networks_with_biases_and_wide_layers(capsys):
    status, out, _ = run_main(capsys, "--explain", "--hidden", "16,4", "--bias")
    assert status == 0
    for name in ("output_from_layer_3 (15 x 1)", "layer3_delta", "layer2_error (15 x 4)",
                 "layer1_delta (15 x 16)", "layer2_bias_adjustment (4,)", "layer1.bias after (16,)"):
        assert name in out, name
    assert " ...]" in out  # the 16 columns did not fit: the first ones, then ...
    assert max(len(line) for line in out.splitlines()) <= 100


def test_explain_shows_the_departures_for_your_data(capsys):
    status, out, _ = run_main(capsys, "--explain", "--data", IRIS)
    assert status == 0
    assert "the mean over the rows, log loss" in " ".join(out.split("\n", 2)[:2])
    assert "layer2_delta = layer2_error\n" in out and "learning_rate / rows * dot(" in out


def test_explain_as_a_library_function_writes_to_a_stream():
    stream = io.StringIO()
    network = tutorial_network()
    text = tinynet.explain(network, POINTS, LABELS, rows=2, file=stream)
    assert stream.getvalue() == text and "... 13 more rows]" in text
    again = tutorial_network()
    again.train(POINTS, LABELS, 1)
    assert weights(network) == weights(again)  # explain trained exactly one iteration


@pytest.mark.parametrize("options", [[], ["--hidden", "8,4"], ["--bias"], ["--data", IRIS]])
def test_gradcheck_passes_on_correct_backprop(capsys, options):
    status, out, _ = run_main(capsys, "--gradcheck", *options)
    assert status == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("Checks backpropagation: each weight's adjustment at learning rate 1")
    assert lines[2].split() == ["weight", "-gradient", "(backprop)", "-gradient", "(numerical)",
                                "relative", "difference"]
    assert lines[-1].startswith("All ") and "weights agree" in lines[-1]
    assert len(lines) - 4 == {0: 12, 2: 20, 1: 17}[len(options)] if options[:1] != ["--data"] \
        else len(lines) - 4 == 20
    if options and options[0] == "--data":
        assert "-sum(target * log(output)" in lines[1]


def test_gradcheck_rows_cover_every_weight_of_a_small_network():
    network = tutorial_network()
    before = weights(network)
    rows = tinynet.gradient_check(network, POINTS, LABELS)
    assert [row.weight for row in rows][:2] == ["layer1.synaptic_weights[0][0]", "layer1.synaptic_weights[0][1]"]
    assert len(rows) == 12 and max(row.difference for row in rows) < tinynet.GRADIENT_TOLERANCE
    assert weights(network) == before  # the check trains a copy
    step = tutorial_network().iteration([[float(v) for v in p] for p in POINTS], [[float(v)] for v in LABELS])
    assert [row.backprop for row in rows] == flat(step.adjustments[0]) + flat(step.adjustments[1])


def test_explain_and_gradcheck_refuse_what_would_do_nothing(capsys):
    for args, message in ((["--gradcheck", "--iterations", "5"], "--iterations cannot be used with --gradcheck"),
                          (["--explain", "--plot"], "--plot cannot be used with --explain (it looks at one"),
                          (["--explain", "--svg", "x.svg"], "--svg cannot be used with --explain"),
                          (["--gradcheck", "--watch"], "--watch cannot be used with --gradcheck"),
                          (["--explain", "--save", "m.json"], "--save cannot be used with --explain"),
                          (["--explain", "--gradcheck"], "not allowed with argument")):
        status, out, err = run_main(capsys, *args)
        assert_one_line_error(status, err, message)
        assert out == ""


# --------------------------------------------------------------------------
# Pictures: the text map, the error curve, the SVG, progress, --watch
# --------------------------------------------------------------------------


def map_rows(text):
    """The map's rows of cells, without the y-axis labels."""
    return [line.split("|", 1)[1] for line in text.splitlines() if "|" in line]


def lesson_model(network):
    return Classifier(network, ["blue", "red"])


def test_text_map_marks_misclassified_points_in_lower_case():
    network = tutorial_network()
    network.train(POINTS, LABELS, 3)  # barely trained: some points on the wrong side
    data = tinynet.load_dataset(REDBLUE)
    area = tinynet.DecisionMap(lesson_model(network), data)
    rows = map_rows(area.text())
    wrong = 0
    for point, label in zip(data.inputs, data.labels):
        row, column = area.cell_of(point)
        right = (output_of(network, point) >= 0.5) == (label == "red")
        assert rows[row][column] == (label[0].upper() if right else label[0])
        wrong += not right
    assert wrong > 0


def test_plot_draws_the_map_and_the_error_curve_plain_in_a_pipe_colour_on_a_terminal(
        monkeypatch, capsys):
    status, out, _ = run_main(capsys, "--plot", "--quiet", "--iterations", "2000")
    assert status == 0 and "\033[" not in out
    assert "B blue, R red (lower case: misclassified)   @ asked" in out
    curve = out[out.index("mean squared error (log scale) against iterations"):]
    report = tutorial_network().train(POINTS, LABELS, 2000)
    assert curve == tinynet.error_curve_text(report.curve) + "\n"
    assert 12 <= curve.count("*") <= len(report.curve)
    assert f"{report.curve[0][1]:.2g}" in curve and curve.rstrip().endswith("2000")
    for no_colour, coloured in (("", True), ("1", False)):
        stream = Terminal()
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setenv("NO_COLOR", no_colour)
        assert tinynet.main(["--plot", "--quiet", "--iterations", "200"]) == 0
        assert ("\033[48;5;" in stream.getvalue()) == coloured


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_progress_on_a_terminal_is_one_line_that_fits_and_keeps_the_first_error(monkeypatch, columns):
    stream = Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setenv("COLUMNS", str(columns))
    assert tinynet.main(["--iterations", "6000"]) == 0
    out = stream.getvalue()
    assert "Training: 10%" not in out  # the pipe's lines are not used
    progress = out[out.index("\r"):out.index("Stage 2)")]
    assert progress.count("\n") == 1 and progress.endswith("\n")
    lines = [part.replace("\033[K", "").rstrip("\n") for part in progress.split("\r") if part]
    assert lines and max(map(len, lines)) < columns
    assert all("error 0.24803012 -> 0." in line for line in lines)
    if columns >= 80:
        assert "| iteration " in lines[1] and "Training complete:" in lines[-1]
    if columns >= 200:
        assert "it/s" in lines[1] and "s left" in lines[1]


def test_svg_for_a_slide(tmp_path, capsys):
    import xml.etree.ElementTree as ElementTree

    picture = str(tmp_path / "map.svg")
    status, out, _ = run_main(capsys, "--iterations", "3", "--svg", picture, "--predict", "2", "-3",
                              "--predict", "-1", "2.5")
    assert status == 0 and f"Wrote the decision map to {picture}" in out
    svg = "{http://www.w3.org/2000/svg}"
    root = ElementTree.parse(picture).getroot()
    assert root.tag == svg + "svg" and root.get("viewBox").startswith("0 0 ")
    circles = root.findall(f"{svg}circle[@class='point']")
    assert len(circles) == 15
    network = tutorial_network()
    network.train(POINTS, LABELS, 3)
    outlined = 0
    for circle, point, label in zip(circles, POINTS, LABELS):
        assert circle.get("fill") == ("#1f4fd1", "#d62728")[label]
        wrong = (output_of(network, point) >= 0.5) != bool(label)
        assert (circle.get("stroke") == "black") == wrong
        outlined += wrong
    assert outlined > 0
    title = root.find(f"{svg}title").text
    assert title.startswith("tinynet 2-4-1, no bias: 3 iterations, mean squared error 0.")
    assert root.find(f"{svg}path[@class='boundary']").get("d").startswith("M")
    asked = root.findall(f"{svg}path[@class='asked']")
    expected = [f"{tinynet._format_point(point)}: {'red' if output_of(network, point) >= 0.5 else 'blue'}"
                for point in ([2, -3], [-1, 2.5])]
    assert [mark.find(f"{svg}title").text for mark in asked] == expected
    texts = [text.text for text in root.iter(f"{svg}text")]
    for words in ("a blue point", "a red point", "misclassified (black ring)", "a point asked about",
                  "output 0.5: the boundary", "chance of red", "input 1", "input 2",
                  "mean squared error while training", "iteration", "error (log scale)"):
        assert words in texts, words
    assert "-3" in texts and "3" in texts and "1" in texts  # ticks on the points' whole numbers
    assert root.find(f"{svg}g[@class='curve']/{svg}polyline") is not None


def test_plot_and_svg_need_two_inputs_and_two_classes(tmp_path, capsys):
    wide = write(tmp_path, "wide.csv", "a,b,c,label\n1,2,3,0\n3,2,1,1\n")
    for option in (["--plot"], ["--svg", str(tmp_path / "map.svg")], ["--watch"]):
        status, out, err = run_main(capsys, "--data", wide, *option)
        assert_one_line_error(status, err, "needs 2 inputs (x and y) and 2 classes", "has 3 inputs")
        assert out == ""  # found before training
        status, out, err = run_main(capsys, "--data", IRIS, *option)
        assert_one_line_error(status, err, "4 inputs and 3 classes")
    assert not os.path.exists(tmp_path / "map.svg")


def test_watch_in_a_pipe_prints_a_few_snapshots(capsys):
    status, out, _ = run_main(capsys, "--watch", "--iterations", "3000")
    assert status == 0
    snapshots = [line for line in out.splitlines() if line.startswith("iteration ")]
    assert [line.split(":")[0] for line in snapshots] == [
        "iteration 0 of 3000", "iteration 1000 of 3000", "iteration 2000 of 3000",
        "iteration 3000 of 3000"]
    assert "Training: " not in out  # the snapshots are the progress
    assert out.count("B blue, R red") == len(snapshots)
    assert snapshots[-1].endswith(f"{tutorial_network().train(POINTS, LABELS, 3000).error:.8f}")


def test_watch_on_a_terminal_redraws_in_place_at_little_cost(monkeypatch):
    # Processor time, not wall time: the machine may be busy with other work.
    stream = Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    start = time.process_time()
    assert tinynet.main(["--watch", "--iterations", "4000", "--seed", "2"]) == 0
    watched = time.process_time() - start
    out = stream.getvalue()
    assert out.count("\033[") > 100 and "\033[25A" in out  # frames drawn over the last one
    assert "iteration 4000 of 4000" in out
    quiet = Terminal()
    monkeypatch.setattr(sys, "stdout", quiet)
    start = time.process_time()
    assert tinynet.main(["--iterations", "4000", "--seed", "2"]) == 0
    plain = time.process_time() - start
    assert watched < 2.0 * plain  # the README gives the measured figure; this only bounds it



@pytest.mark.parametrize("name", sorted(tinynet.GENERATED))
def test_the_data_sets_to_play_with(name, tmp_path, capsys):
    data = tinynet.make_dataset(name)
    _, count, noise = tinynet.GENERATED[name]
    assert len(data.inputs) == 2 * count and data.input_size == 2
    assert [data.labels.count(label) for label in data.classes] == [count, count]
    assert tinynet.make_dataset(name).inputs == data.inputs            # seeded
    assert tinynet.make_dataset(name, seed=2).inputs != data.inputs
    status, out, _ = run_main(capsys, "--data", name, "--quiet", "--iterations", "5")
    assert status == 0 and out.startswith("Trained 5 iterations")
    monkeypatch_dir = tmp_path / name  # a file of that name wins
    monkeypatch_dir.write_text(dataset_json())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert tinynet._data(name).input_size == 2 and len(tinynet._data(name).inputs) == 3
    finally:
        os.chdir(cwd)


def test_the_data_sets_have_their_shapes():
    radius = [math.hypot(x, y) for x, y in tinynet.make_dataset("circles").inputs]
    assert sum(radius[:100]) / 100 == pytest.approx(0.5, abs=0.05)   # the disc
    assert sum(radius[100:]) / 100 == pytest.approx(1.0, abs=0.05)   # the ring
    xor = tinynet.make_dataset("xor")
    same_sign = [x * y > 0 for x, y in xor.inputs]
    assert sum(same_sign[:100]) > 90 and sum(same_sign[100:]) < 10
    with pytest.raises(TinynetError, match="no data set named 'helix'; the ones tinynet makes are xor"):
        tinynet.make_dataset("helix")


# --------------------------------------------------------------------------
# The whole lesson: run in the background at the start, checked at the end
# --------------------------------------------------------------------------


def test_the_lesson_prints_the_tutorials_25_numbers_in_order(lesson):
    status, out, err = lesson
    assert status == 0 and err == ""
    assert_numbers_in_order(out, TUTORIAL_NUMBERS)
    assert "Stage 3) Considering a new situation [2, -3]" in out
    assert out.strip().endswith("The network says red (0 = blue, 1 = red).")
    assert out.count("Training: ") == 10 and "Training complete: 100% (100000 iterations)" in out
    assert "Training: 50% (iteration 50000 of 100000), mean squared error 0.0000" in out


def test_stage2_weights_and_stage3_are_the_tutorials(trained):
    network = trained[0]
    assert [eight(v) for v in flat(network.layer1.synaptic_weights)] == STAGE2[0]
    assert [eight(v) for v in flat(network.layer2.synaptic_weights)] == STAGE2[1]
    hidden_state, output = network.forward_propagate([2, -3])
    assert len(hidden_state) == 4 and eight(output[0]) == STAGE3


def test_the_lesson_function_is_what_python3_tinynet_py_prints(trained, background):
    network, out, _ = trained  # lesson() from Part 1 alone, against the whole program
    program = background["lesson"].wait()[1].splitlines(keepends=True)
    progress = [line for line in program if line.startswith("Training")]
    assert len(progress) == 11  # the command line adds its progress lines, and nothing else
    assert out == "".join(line for line in program if line not in progress)
    assert_numbers_in_order(out, TUTORIAL_NUMBERS)
    assert "Training" not in out and "The network says red (0 = blue, 1 = red)." in out
    assert eight(output_of(network, [2, -3])) == STAGE3


def test_the_lesson_part_comes_first_and_runs_alone(trained):
    import ast
    part = lesson_part()
    ends = {node.name: node.end_lineno for node in ast.walk(ast.parse(part))
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    lesson = ("numpy_like_random", "seed", "transpose", "dot", "add", "subtract", "multiply",
              "sigmoid", "sigmoid_derivative", "Layer", "NeuralNetwork", "lesson")
    assert max(ends[name] for name in lesson) == ends["lesson"] <= 500  # the first pages
    assert ends["train"] < ends["NeuralNetwork"] < ends["lesson"]
    for name in ("def dot(", "def transpose(", "def sigmoid(", "def sigmoid_derivative(",
                 "class Layer", "class NeuralNetwork", "def forward_propagate(", "def iteration(",
                 "def train(", "def print_weights(", "def lesson(", "def numpy_like_random("):
        assert name in part, name
    network, out, _ = trained  # Part 1 alone, then lesson()
    assert_numbers_in_order(out, TUTORIAL_NUMBERS)


def test_print_weights_uses_eight_digits(trained, capsys):
    network = trained[0]
    network.print_weights()
    out = capsys.readouterr().out
    assert "    Layer 1 (4 neurons, each with 2 inputs):" in out
    assert "    Layer 2 (1 neuron, with 4 inputs):" in out
    assert_numbers_in_order(out, STAGE2[0] + STAGE2[1])


def test_text_map_size_points_and_boundary(trained):
    network = trained[0]
    data = tinynet.load_dataset(REDBLUE)
    area = tinynet.DecisionMap(lesson_model(network), data, extra=[[2, -3]])
    rows = map_rows(area.text())
    assert len(rows) == 30 and {len(row) for row in rows} == {60}
    for point, label in zip(data.inputs, data.labels):
        row, column = area.cell_of(point)
        assert rows[row][column] == label[0].upper()
        x, y = area.centre(row, column)
        assert abs(x - point[0]) <= (area.x_max - area.x_min) / 120 + 1e-9  # half a cell
        assert abs(y - point[1]) <= (area.y_max - area.y_min) / 60 + 1e-9
    row, column = area.cell_of([2, -3])
    assert rows[row][column] == "@"
    crossings = 0
    for row_number, row in enumerate(rows):
        for column in range(59):
            left, right = row[column], row[column + 1]
            if left in "-." and right in ":+#" or left == "#" and right in ":+":
                crossings += 1
                for c, char in ((column, left), (column + 1, right)):
                    probability = output_of(network, area.centre(row_number, c))
                    assert (probability >= 0.5) == (char in ":+"), (row_number, c, char)
    assert crossings >= 25  # the boundary runs through (nearly) every row


def test_the_map_has_one_scale_on_both_axes_and_round_ticks(trained):
    area = tinynet.DecisionMap(lesson_model(trained[0]), tinynet.load_dataset(REDBLUE))
    assert area.x_max - area.x_min == pytest.approx(area.y_max - area.y_min)
    assert tinynet._ticks(-3.6, 3.6) == [-3, -2, -1, 0, 1, 2, 3]
    assert tinynet._ticks(0, 1000) == [0, 200, 400, 600, 800, 1000]
    wide = tinynet.DecisionMap(lesson_model(trained[0]), Dataset([[0, 0], [100, 1], [50, 0.5]],
                                                                 ["blue", "red", "red"]))
    assert wide.x_max - wide.x_min > 50 * (wide.y_max - wide.y_min)  # unlike ranges: not squeezed


# --------------------------------------------------------------------------
# The README's and docs/' examples and pasted output are real; the benchmark runs
# --------------------------------------------------------------------------

REFERENCE = os.path.join("docs", "reference.md")
TEACHING = os.path.join("docs", "teaching.md")
SPEED = os.path.join("docs", "speed.md")


def readme_text(name="README.md"):
    with open(os.path.join(HERE, name), encoding="utf-8") as file:
        return file.read()


def readme_blocks(name="README.md"):
    blocks, inside = [], None
    for line in readme_text(name).splitlines():
        if line.startswith("```"):
            if inside is None:
                inside = []
            else:
                blocks.append("\n".join(inside) + "\n")
                inside = None
        elif inside is not None:
            inside.append(line)
    return blocks


def readme_block(first_line, name="README.md"):
    matches = [block for block in readme_blocks(name) if block.startswith(first_line + "\n")]
    assert len(matches) == 1, first_line
    return matches[0][len(first_line) + 1:]


def test_readme_shows_the_lesson_as_it_runs(lesson):
    assert readme_block("$ python3 tinynet.py") == lesson[1]


def test_readme_shows_your_data_as_it_runs(capsys):
    status, out, _ = run_main(capsys, "--data", "examples/iris.csv", "--holdout", "0.3", "--quiet")
    assert status == 0
    assert readme_block("$ python3 tinynet.py --data examples/iris.csv --holdout 0.3 --quiet") == out


def lesson_title(error):
    return f"tinynet 2-4-1, no bias: 100000 iterations, mean squared error {error:.8f}"


def test_readme_shows_the_map_and_curve_as_they_are_drawn(trained):
    network, _, curve = trained
    model = lesson_model(network)
    data = tinynet.load_dataset(REDBLUE)
    expected = (f"Trained 100000 iterations: mean squared error {curve[-1][1]:.8f}\n"
                f"[2, -3] [{output_of(network, [2, -3]):.8f}] red\n"
                + tinynet.DecisionMap(model, data, extra=[[2, -3]]).text()
                + tinynet.error_curve_text(curve) + "\n")
    assert readme_block("$ python3 tinynet.py --quiet --plot", REFERENCE) == expected


def test_readme_picture_is_the_svg_tinynet_writes(trained):
    network, _, curve = trained
    with open(os.path.join(HERE, "docs", "redblue.svg"), encoding="utf-8") as file:
        shipped = file.read()
    picture = tinynet.DecisionMap(lesson_model(network), tinynet.load_dataset(REDBLUE), columns=100,
                                  rows=100, extra=[[2, -3]])
    assert shipped == picture.svg(lesson_title(curve[-1][1]), curve)


def test_a_bigger_network_solves_the_spiral_that_the_tutorials_cannot():
    spiral = tinynet.make_dataset("spiral")
    accuracies = {}
    for hidden in (4, 32):
        model = Classifier.fit(spiral, hidden=[hidden], learning_rate=2, iterations=300, patience=None)
        accuracies[hidden] = tinynet.accuracy(model.classify(spiral.inputs), spiral.labels)
    assert accuracies[4] < 0.75 < 0.9 < accuracies[32]


def test_readme_spiral_pictures_are_what_the_commands_write():
    import xml.etree.ElementTree as ElementTree
    text = readme_text(REFERENCE)
    for sizes, hidden in (("2-4-1", "4"), ("2-32-1", "32")):
        command = (f"$ python3 tinynet.py --data spiral --hidden {hidden} --learning-rate 2 "
                   f"--iterations 1000 --patience 0 --holdout 0.3 --quiet --svg docs/spiral-{sizes}.svg")
        shown = readme_block(command, REFERENCE)
        assert f"![The {sizes} network on the spiral](spiral-{sizes}.svg)" in text
        root = ElementTree.parse(os.path.join(HERE, "docs", f"spiral-{sizes}.svg")).getroot()
        title = root.find("{http://www.w3.org/2000/svg}title").text
        assert title.startswith(f"tinynet {sizes}, biases: 1000 iterations, mean squared error ")
        assert title.split()[-1] == shown.split()[6]  # the error the run printed
        assert len(root.findall("{http://www.w3.org/2000/svg}circle[@class='point']")) == 140


def test_readme_shows_the_gradient_check_as_it_runs():
    rows = tinynet.gradient_check(tutorial_network(), POINTS, LABELS)
    shown_lines = readme_block("$ python3 tinynet.py --gradcheck", REFERENCE).splitlines()
    printed = tinynet.format_gradient_check(rows).splitlines()
    assert shown_lines[:3] == printed[:3] and len(shown_lines) == len(printed)
    for shown_line, printed_line in zip(shown_lines[3:-1], printed[3:-1]):
        # the relative differences are rounding noise: their digits vary
        # between Python versions, so compare all but them exactly
        assert shown_line.split()[:3] == printed_line.split()[:3]
        assert float(shown_line.split()[3]) < 1e-7 and float(printed_line.split()[3]) < 1e-7
    assert shown_lines[-1].startswith("All 12 weights agree") and printed[-1].startswith("All 12")


def test_readme_explain_excerpt_is_cut_from_a_real_run(capsys):
    _, out, _ = run_main(capsys, "--explain")
    for line in readme_block("$ python3 tinynet.py --explain", REFERENCE).splitlines():
        if line != "...":
            assert line in out.splitlines(), line


def test_readme_library_examples_print_what_they_say(tmp_path, monkeypatch, capsys):
    monkeypatch.syspath_prepend(HERE)
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "iris.csv").write_text(read_text(IRIS))
    monkeypatch.chdir(tmp_path)  # the examples write their models here, not beside tinynet.py
    for name in ("README.md", REFERENCE):  # the Classifier in one, the lesson's network in the other
        blocks = readme_blocks(name)
        codes = [block for block in blocks if block.startswith("import tinynet\n")]
        assert len(codes) == 1, name
        for code in codes:
            printed = blocks[blocks.index(code) + 1]
            exec(compile(code, f"{name} example", "exec"), {})
            assert capsys.readouterr().out == printed
    assert os.path.exists(tmp_path / "iris-model.json")


def test_readme_claims_about_the_engine_are_true():
    for name in ("README.md", REFERENCE, TEACHING):
        assert "column engine" not in readme_text(name) and "on columns" not in readme_text(name)
    source = read_text(SCRIPT)
    for gone in ("_forward_columns", "_sigmoid_columns", "_delta_back", "_negated_sums"):
        assert gone not in source  # the column engine's helpers
    assert source.count("def iteration(") == 1 and source.count(".iteration(") == 3


def test_benchmark_runs_with_and_without_numpy():
    script = os.path.join(HERE, "bench", "bench.py")
    for extra in ([], ["--no-numpy"]):
        done = subprocess.run([sys.executable, script, "--quick", "--processes", "0", *extra],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        rows = [line.split() for line in done.stdout.splitlines() if line[:6].strip().isdigit()]
        assert [(int(row[0]), int(row[1])) for row in rows] == [
            (15, 4), (15, 16), (15, 64), (150, 4), (150, 16), (150, 64),
            (1500, 4), (1500, 16), (1500, 64)]
        if extra or "NumPy not available" in done.stdout:
            assert "NumPy not available: timing tinynet alone" in done.stdout
            assert {len(row) for row in rows} == {6}
        else:
            assert {len(row) for row in rows} == {8}
        assert "Your own data: examples/wine.csv (178 rows, 13 inputs, 3 classes)" in done.stdout


def test_benchmark_reports_a_script_to_compare_against_that_is_missing_or_fails(tmp_path):
    script = os.path.join(HERE, "bench", "bench.py")
    done = subprocess.run([sys.executable, script, "--quick", "--against", "missing.py"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "--against: no such file: 'missing.py'" in done.stderr
    failing = tmp_path / "fails.py"
    failing.write_text("raise SystemExit(3)\n")
    done = subprocess.run([sys.executable, script, "--quick", "--processes", "1",
                           "--against", str(failing)], capture_output=True, text=True, timeout=300)
    if "NumPy not available" in done.stdout:
        assert done.returncode == 0  # no NumPy: no whole runs, so the script is never run
    else:
        assert done.returncode == 1
        assert done.stderr.strip().splitlines() == [
            f"bench: error: {failing} failed with exit status 3"]


# -- The README and docs/: short, linked, checked against tinynet (issue #17) ---


def doc_names(text):
    """The names quoted as code in some text: `seed`, `NeuralNetwork.train`, ..."""
    import re
    return re.findall(r"`([A-Za-z_][A-Za-z0-9_.]*)`", text)


def doc_section(text, heading):
    """The text of a section, from its heading to the next heading of its level or above."""
    start = text.index(heading + "\n")
    level = heading.split(" ")[0]
    rest = text[start + len(heading):]
    ends = [rest.index(f"\n{marks} ") for marks in ("#" * n for n in range(1, len(level) + 1))
            if f"\n{marks} " in rest]
    return rest[:min(ends)] if ends else rest


def part1_definitions():
    """{name: ast node} of what Part 1 defines; methods as Class.method."""
    import ast
    found = {}
    for node in ast.parse(lesson_part()).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            found[node.name] = node
            for item in getattr(node, "body", []) if isinstance(node, ast.ClassDef) else []:
                if isinstance(item, ast.FunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    return found


def names_in_code(node):
    """Every name, attribute and argument in a function's code (comments are not code)."""
    import ast
    names = set()
    for part in ast.walk(node):
        names.update([getattr(part, "id", None), getattr(part, "attr", None),
                      getattr(part, "arg", None)])
    return names - {None}


def test_the_readme_is_short_and_every_link_in_the_docs_leads_somewhere():
    import re
    assert len(readme_text().splitlines()) <= 250
    linked = 0
    for name in ("README.md", REFERENCE, TEACHING, SPEED):
        for target, anchor in re.findall(r"\]\(([^)#\s]*)(?:#([^)\s]+))?\)", readme_text(name)):
            assert not target.startswith("http"), target  # no network: links stay in the project
            path = os.path.normpath(os.path.join(os.path.dirname(name), target or
                                                 os.path.basename(name)))
            assert os.path.exists(os.path.join(HERE, path)), (name, target)
            if anchor:
                headings = [re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower())
                            .replace(" ", "-") for line in readme_text(path).splitlines()
                            if line.startswith("#")]
                assert anchor in headings, (name, target, anchor)
            linked += 1
    assert linked >= 15
    for name in (REFERENCE, TEACHING, SPEED):
        assert f"]({name.replace(os.sep, '/')})" in readme_text()  # the README links each page


def help_options():
    """{invocation: default} for every option --help prints ('' where it gives no default)."""
    import re
    status, out, err = run_cli("--help", env=dict(os.environ, COLUMNS="300"), timeout=60)
    assert status == 0, err
    options, lines = {}, out.split("\noptions:\n" if "\noptions:\n" in out
                                   else "\noptional arguments:\n")[1].splitlines()
    for line in lines:
        if line.startswith("  -"):
            invocation, _, text = line.strip().partition("  ")
            options[invocation] = text.strip()
        elif line.startswith("   "):
            options[invocation] += " " + line.strip()
    return {invocation: (re.findall(r"\(((?:lesson|default): [^()]*)\)$", text) or [""])[0]
            for invocation, text in options.items()}


def test_the_reference_gives_every_option_of_help_with_its_default():
    table = doc_section(readme_text(REFERENCE), "## The command line")
    rows = [line.strip().strip("|").split(" | ") for line in table.splitlines()
            if line.startswith("| `")]
    documented = {cells[0].strip().strip("`").replace("\\|", "|"): cells[-1].strip()
                  for cells in rows}  # a | in a table is written \|
    options = help_options()
    assert len(options) >= 27 and options["--hidden N[,N...]"] == "lesson: 4; your data: 16"
    assert documented == options


def test_the_reference_lists_everything_the_module_exports():
    text = readme_text(REFERENCE)
    names = doc_names(text[text.index("What the module exports"):])
    assert {name for name in names if "." not in name} == set(tinynet.__all__)
    for name in names:
        owner, _, attribute = name.partition(".")
        assert hasattr(getattr(tinynet, owner), attribute or "__doc__"), name


def test_the_reference_accuracies_on_the_shipped_data_are_tinynets(capsys):
    import re
    text = readme_text(REFERENCE)
    for name in ("iris", "wine"):
        status, out, _ = run_main(capsys, "--data", os.path.join(HERE, "examples", f"{name}.csv"),
                                  "--holdout", "0.3", "--quiet")
        assert status == 0
        percent = re.search(r"^accuracy: ([0-9.]+%)", out, re.MULTILINE).group(1)
        row = next(line for line in text.splitlines() if line.startswith(f"| `examples/{name}"))
        assert row.split(" | ")[2] == percent, (row, percent)


TEACHING_TABLE = [line.strip().strip("|").split(" | ") for line in
                  doc_section(readme_text(TEACHING), "## The tutorial beside tinynet").splitlines()
                  if line.startswith("| `")]


@pytest.mark.parametrize("tutorial, where, names", TEACHING_TABLE,
                         ids=[row[1].strip("` ") for row in TEACHING_TABLE])
def test_teaching_puts_each_tutorial_line_where_tinynet_has_it_in_its_names(tutorial, where,
                                                                            names):
    definitions = part1_definitions()
    assert where.strip("` ") in definitions, where
    used = names_in_code(definitions[where.strip("` ")])
    for name in doc_names(names):
        assert name in used, (where, name)  # in the code itself, not in a comment


def test_teaching_table_covers_the_tutorials_loop_body_line_for_line():
    quoted = " ".join(doc_names(" ".join(row[2] for row in TEACHING_TABLE)))
    for name in ("layer2_error", "layer2_delta", "layer1_error", "layer1_delta",
                 "layer1_adjustment", "layer2_adjustment", "number_of_training_iterations",
                 "training_set_inputs", "training_set_outputs", "forward_propagate"):
        assert name in quoted, name
    assert len(TEACHING_TABLE) >= 12


def test_the_teaching_route_names_only_what_part_1_defines():
    route = doc_section(readme_text(TEACHING), "## The route through tinynet.py")
    steps = route[route.index("\n1. "):route.index("\nSkip everything after")]
    definitions = part1_definitions()
    names = doc_names(steps)
    assert len(names) >= 15
    for name in names:
        assert name in definitions or any(key.endswith("." + name) for key in definitions), name
    for name in ("seed", "dot", "sigmoid_derivative", "Layer", "NeuralNetwork.forward_propagate",
                 "NeuralNetwork.iteration", "NeuralNetwork.train", "lesson"):
        assert name in names, name  # in the route, in the file's order
    assert [names.index(name) for name in ("seed", "dot", "Layer", "lesson")] == sorted(
        names.index(name) for name in ("seed", "dot", "Layer", "lesson"))


def test_teaching_has_exercises_each_checked_by_tinynet_itself():
    exercises = doc_section(readme_text(TEACHING), "## Exercises").split("\n### ")[1:]
    titles = {exercise.splitlines()[0].split(". ", 1)[1] for exercise in exercises}
    assert {"A wrong derivative", "Another neuron", "Another layer", "A learning rate",
            "Another data set"} <= titles
    for exercise in exercises:
        assert any(check in exercise for check in ("--gradcheck", "the numbers", "--plot")), \
            exercise.splitlines()[0]
    count = ["five", "six", "seven", "eight"][len(exercises) - 5]
    assert f"{count} exercises" in " ".join(readme_text().split())
    definitions = part1_definitions()
    lesson_code = names_in_code(definitions["lesson"])
    assert {"Layer", "NeuralNetwork", "training_set_inputs", "training_set_outputs"} <= lesson_code
    import ast
    source = ast.get_source_segment(lesson_part(), definitions["lesson"])
    for edit in ("Layer(2, 4)", "Layer(4, 1)", "100000"):  # what the exercises change
        assert edit in source, edit


def test_speed_gives_one_dated_series_and_how_to_repeat_it():
    import re
    text = readme_text(SPEED)
    assert len(set(re.findall(r"\b20\d\d-\d\d-\d\d\b", text))) == 1  # no older series
    for interpreter in ("CPython 3.11", "CPython 3.12", "CPython 3.13", "PyPy 7.3"):
        assert interpreter in text, interpreter
    done = subprocess.run([sys.executable, os.path.join(HERE, "bench", "bench.py"), "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    shown = {option for line in re.findall(r"bench\.py .*", text)
             for option in re.findall(r"--[a-z-]+", line)}
    assert {"--against", "--python"} <= shown
    for option in shown:
        assert option in done.stdout, option
    assert "make bench" in text and "OPENBLAS_CORETYPE" in text


def test_the_numpy_reference_does_the_tutorials_work():
    pytest.importorskip("numpy")
    done = subprocess.run([sys.executable, os.path.join(HERE, "bench", "numpy_reference.py")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert_numbers_in_order(done.stdout, TUTORIAL_NUMBERS)  # the tutorial's 25, as NumPy prints
    assert done.stdout.count("Training:") == 10
