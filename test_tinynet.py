"""Tests for tinynet: run them with ``make test``.

Where a number is compared with a reference, the reference is independent
of tinynet: worked by hand, printed by the tutorial's NumPy script, drawn by
NumPy itself (when it is installed), or estimated by finite differences.
"""

import json
import math
import os
import random
import subprocess
import sys

import pytest

import tinynet
from tinynet import Layer, NeuralNetwork, TinynetError

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "tinynet.py")
REDBLUE = os.path.join(HERE, "redblue.json")

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


def eight(value):
    """Format a number as the tutorial's NumPy printed it: 8 digits, trailing zeros cut."""
    return f"{value:.8f}".rstrip("0")


def flat(matrix):
    return [value for row in matrix for value in row]


def tutorial_network(seed=1):
    tinynet.seed(seed)
    return NeuralNetwork(Layer(2, 4), Layer(4, 1))


@pytest.fixture(scope="module")
def trained():
    """The tutorial's network after its 100000 iterations (trained once for all tests)."""
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 100000)
    return network, report


def run_cli(*args, cwd=HERE, python_flags=()):
    """Run tinynet.py as a program; return (exit status, stdout, stderr)."""
    done = subprocess.run([sys.executable, *python_flags, SCRIPT, *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
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


# --------------------------------------------------------------------------
# Matrix helpers, worked by hand
# --------------------------------------------------------------------------


def test_dot_of_matrices_worked_by_hand():
    a = [[1, 2, 3], [4, 5, 6]]             # 2 x 3
    b = [[7, 8], [9, 10], [11, 12]]        # 3 x 2
    # row 1: 1*7 + 2*9 + 3*11 = 58, 1*8 + 2*10 + 3*12 = 64
    # row 2: 4*7 + 5*9 + 6*11 = 139, 4*8 + 5*10 + 6*12 = 154
    assert tinynet.dot(a, b) == [[58, 64], [139, 154]]


def test_dot_of_a_vector_gives_a_vector():
    assert tinynet.dot([2, -3], [[1, 0, 4], [0, 1, 5]]) == [2, -3, -7]


def test_dot_rejects_shapes_that_do_not_line_up():
    with pytest.raises(TinynetError, match=r"\(2 x 3\) and \(2 x 2\)"):
        tinynet.dot([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]])


def test_transpose_worked_by_hand():
    assert tinynet.transpose([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
    assert tinynet.transpose([[1], [2]]) == [[1, 2]]
    assert tinynet.transpose(tinynet.transpose([[1, 2], [3, 4]])) == [[1, 2], [3, 4]]


def test_transpose_rejects_ragged_rows():
    with pytest.raises(TinynetError, match=r"row 2 has 1 numbers, expected 2: \[3\]"):
        tinynet.transpose([[1, 2], [3]])


def test_sigmoid_values():
    assert tinynet.sigmoid(0) == 0.5
    assert tinynet.sigmoid(5) == 0.9933071490757153
    assert tinynet.sigmoid(-5) == pytest.approx(1 - 0.9933071490757153, rel=1e-12)
    assert tinynet.sigmoid(-5) < 0.01


def test_sigmoid_never_overflows():
    with pytest.raises(OverflowError):  # the naive formula, for contrast
        1 / (1 + math.exp(1000))
    assert tinynet.sigmoid(1000) == 1.0
    assert tinynet.sigmoid(-1000) == pytest.approx(0.0, abs=1e-300)
    assert tinynet.sigmoid(-709.8) >= 0.0
    assert tinynet.sigmoid(float("inf")) == 1.0
    assert tinynet.sigmoid(float("-inf")) == 0.0


def test_sigmoid_and_its_derivative_work_elementwise():
    assert tinynet.sigmoid([[0, 0], [0]]) == [[0.5, 0.5], [0.5]]
    assert tinynet.sigmoid_derivative([0.5, 0.0, 1.0, 0.9]) == [0.25, 0.0, 0.0, 0.9 * (1 - 0.9)]


def test_sigmoid_derivative_takes_the_output():
    # The slope at x is sigmoid(x) * (1 - sigmoid(x)); compare with a finite difference.
    for x in (-3.0, -0.5, 0.0, 1.0, 4.0):
        h = 1e-6
        slope = (tinynet.sigmoid(x + h) - tinynet.sigmoid(x - h)) / (2 * h)
        assert tinynet.sigmoid_derivative(tinynet.sigmoid(x)) == pytest.approx(slope, rel=1e-6)


# --------------------------------------------------------------------------
# Seeding like NumPy
# --------------------------------------------------------------------------


def test_seed_1_draws_numpys_numbers():
    rng = tinynet.numpy_like_random(1)
    assert [rng.random() for _ in range(3)] == [
        0.417022004702574, 0.7203244934421581, 0.00011437481734488664]


def test_pythons_own_seeding_differs():
    assert random.Random(1).random() != 0.417022004702574


@pytest.mark.parametrize("seed", [0, 1, 42, 12345, 2 ** 32 - 1])
def test_seeding_matches_numpy_itself(seed):
    numpy = pytest.importorskip("numpy")
    numpy.random.seed(seed)
    expected = numpy.random.random(700).tolist()  # past 624: the state is regenerated once
    rng = tinynet.numpy_like_random(seed)
    assert [rng.random() for _ in range(700)] == expected


@pytest.mark.parametrize("bad", [-1, 2 ** 32, 1.5, "1", True, None])
def test_seed_rejects_what_numpy_rejects(bad):
    with pytest.raises(TinynetError, match="seed must be an integer"):
        tinynet.seed(bad)


def test_same_seed_same_weights_and_other_seed_other_weights():
    first, again, other = tutorial_network(7), tutorial_network(7), tutorial_network(8)
    assert first.to_dict() == again.to_dict()
    assert first.layer1.synaptic_weights != other.layer1.synaptic_weights


def test_rng_argument_leaves_the_module_generator_alone():
    tinynet.seed(1)
    Layer(3, 3, rng=tinynet.numpy_like_random(99))
    assert Layer(1, 1).synaptic_weights == [[2 * 0.417022004702574 - 1]]


def test_layer_draws_weights_row_by_row():
    tinynet.seed(1)
    layer = Layer(2, 3)
    draws = tinynet.numpy_like_random(1)
    expected = [[2 * draws.random() - 1 for _ in range(3)] for _ in range(2)]
    assert layer.synaptic_weights == expected


# --------------------------------------------------------------------------
# The tutorial, digit for digit
# --------------------------------------------------------------------------


def test_stage1_weights_are_the_tutorials():
    network = tutorial_network()
    assert [eight(v) for v in flat(network.layer1.synaptic_weights)] == STAGE1[0]
    assert [eight(v) for v in flat(network.layer2.synaptic_weights)] == STAGE1[1]


def test_stage2_weights_are_the_tutorials(trained):
    network, report = trained
    assert report == (100000, report.error, False)
    assert [eight(v) for v in flat(network.layer1.synaptic_weights)] == STAGE2[0]
    assert [eight(v) for v in flat(network.layer2.synaptic_weights)] == STAGE2[1]


def test_stage3_prediction_is_the_tutorials(trained):
    network, _ = trained
    assert eight(network.predict([2, -3])) == STAGE3
    hidden_state, output = network.forward_propagate([2, -3])
    assert len(hidden_state) == 4 and eight(output[0]) == STAGE3


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


# --------------------------------------------------------------------------
# Forward propagation and training
# --------------------------------------------------------------------------


def test_forward_propagate_worked_by_hand():
    network = NeuralNetwork(Layer.from_weights([[1.0, -1.0], [2.0, 0.0]]),
                            Layer.from_weights([[1.0], [1.0]]))
    hidden_state, output = network.forward_propagate([[1, 1], [0, 0]])
    # sample 1: sums 1*1 + 1*2 = 3 and -1; sample 2: 0 and 0
    assert hidden_state == [[tinynet.sigmoid(3), tinynet.sigmoid(-1)], [0.5, 0.5]]
    assert output == [[tinynet.sigmoid(tinynet.sigmoid(3) + tinynet.sigmoid(-1))],
                      [tinynet.sigmoid(1.0)]]


def test_forward_propagate_of_one_sample_gives_flat_lists(trained):
    network, _ = trained
    single = network.forward_propagate([2, -3])
    batch = network.forward_propagate([[2, -3]])
    assert single == (batch[0][0], batch[1][0])


def test_predict_rejects_a_sample_of_the_wrong_size(trained):
    network, _ = trained
    with pytest.raises(TinynetError, match=r"inputs row 1: expected 2 numbers, got \[1, 2, 3\]"):
        network.predict([1, 2, 3])
    with pytest.raises(TinynetError, match="sample must be a list of 2 numbers"):
        network.predict([[1, 2]])


def test_flat_and_column_outputs_train_the_same():
    flat_labels, column_labels = tutorial_network(), tutorial_network()
    flat_labels.train(POINTS, LABELS, 50)
    column_labels.train(POINTS, [[label] for label in LABELS], 50)
    assert flat_labels.to_dict() == column_labels.to_dict()


def test_one_train_iteration_is_the_tutorials_update_worked_with_the_helpers():
    # One iteration written out with dot, transpose and sigmoid_derivative,
    # exactly as the tutorial's lines read, must equal what train does.
    network = tutorial_network(5)
    w1 = [row[:] for row in network.layer1.synaptic_weights]
    w2 = [row[:] for row in network.layer2.synaptic_weights]
    outputs = [[label] for label in LABELS]
    hidden, output = network.forward_propagate(POINTS)
    layer2_error = [[t - o for t, o in zip(tr, orow)] for tr, orow in zip(outputs, output)]
    layer2_delta = [[e * s for e, s in zip(er, sr)]
                    for er, sr in zip(layer2_error, tinynet.sigmoid_derivative(output))]
    layer1_error = tinynet.dot(layer2_delta, tinynet.transpose(w2))
    layer1_delta = [[e * s for e, s in zip(er, sr)]
                    for er, sr in zip(layer1_error, tinynet.sigmoid_derivative(hidden))]
    layer1_adjustment = tinynet.dot(tinynet.transpose(POINTS), layer1_delta)
    layer2_adjustment = tinynet.dot(tinynet.transpose(hidden), layer2_delta)
    network.train(POINTS, LABELS, 1)
    expected1 = [w + a for w, a in zip(flat(w1), flat(layer1_adjustment))]
    expected2 = [w + a for w, a in zip(flat(w2), flat(layer2_adjustment))]
    assert flat(network.layer1.synaptic_weights) == pytest.approx(expected1, rel=1e-12, abs=1e-15)
    assert flat(network.layer2.synaptic_weights) == pytest.approx(expected2, rel=1e-12, abs=1e-15)


def squared_error_loss(network, inputs, targets):
    """1/2 * sum of (target - output)**2: the loss whose gradient train descends."""
    return 0.5 * network.mean_squared_error(inputs, targets) * len(inputs) * network.output_size


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("sizes", [(2, 3, 2, 1), (7, 6, 5, 2), (1, 9, 1)])
def test_train_update_matches_finite_difference_gradient(sizes, bias):
    # Train's first update, divided by the learning rate, must equal minus the
    # gradient of the squared error.  The sizes cover layers of 1 to 10
    # inputs (bias included), odd and even: every path of the forward pass.
    rng = tinynet.numpy_like_random(11)
    network = NeuralNetwork(*(Layer(inputs, neurons, bias=bias, rng=rng)
                              for inputs, neurons in zip(sizes, sizes[1:])))
    inputs = [[rng.uniform(-3, 3) for _ in range(sizes[0])] for _ in range(6)]
    targets = [[rng.randint(0, 1) for _ in range(sizes[-1])] for _ in range(6)]
    parameters = [(layer.synaptic_weights, i, j) for layer in network.layers
                  for i in range(len(layer.synaptic_weights))
                  for j in range(len(layer.synaptic_weights[0]))]
    if bias:
        parameters += [([layer.bias], 0, j) for layer in network.layers
                       for j in range(len(layer.bias))]
    numerical = []
    step = 1e-6
    for matrix, i, j in parameters:
        kept = matrix[i][j]
        matrix[i][j] = kept + step
        above = squared_error_loss(network, inputs, targets)
        matrix[i][j] = kept - step
        below = squared_error_loss(network, inputs, targets)
        matrix[i][j] = kept
        numerical.append(-(above - below) / (2 * step))
    before = [matrix[i][j] for matrix, i, j in parameters]
    rate = 0.1
    network.train(inputs, targets, 1, learning_rate=rate)
    updates = [(matrix[i][j] - old) / rate for (matrix, i, j), old in zip(parameters, before)]
    assert updates == pytest.approx(numerical, rel=1e-5, abs=1e-9)


def test_adding_a_layer_just_works():
    tinynet.seed(2)
    network = NeuralNetwork(Layer(2, 5), Layer(5, 3), Layer(3, 1))
    assert network.layer3 is network.layers[2]
    before = network.mean_squared_error(POINTS, LABELS)
    network.train(POINTS, LABELS, 3000)
    assert network.mean_squared_error(POINTS, LABELS) < before / 10
    assert all((network.predict(p) >= 0.5) == label for p, label in zip(POINTS, LABELS))


def test_layers_that_do_not_chain_are_rejected():
    with pytest.raises(TinynetError, match="layer 2 takes 3 inputs per neuron but layer 1 has 4"):
        NeuralNetwork(Layer(2, 4), Layer(3, 1))
    with pytest.raises(TinynetError, match="at least one Layer"):
        NeuralNetwork()
    with pytest.raises(TinynetError, match="layer 1 must be a Layer"):
        NeuralNetwork([[1.0]])


@pytest.mark.parametrize("args, message", [
    ((2, 0), "number_of_neurons must be a positive integer, got 0"),
    ((0, 4), "number_of_inputs_per_neuron must be a positive integer, got 0"),
    ((2.0, 4), "got 2.0"),
    ((True, 4), "got True"),
])
def test_layer_rejects_bad_sizes(args, message):
    with pytest.raises(TinynetError, match=message):
        Layer(*args)


@pytest.mark.parametrize("kwargs, message", [
    ({"number_of_training_iterations": 0}, "number_of_training_iterations must be a positive"),
    ({"number_of_training_iterations": 2.5}, "got 2.5"),
    ({"learning_rate": float("nan")}, "learning_rate must be a finite number, got nan"),
    ({"learning_rate": "1"}, "learning_rate must be a finite number, got '1'"),
    ({"training_set_outputs": LABELS[:-1]}, "training_set_inputs has 15 rows but training_set_outputs has 14"),
    ({"training_set_inputs": [[0, 0]] * 14 + [[0]]}, r"training_set_inputs row 15: expected 2 numbers"),
    ({"training_set_inputs": [[0, float("inf")]] * 15}, r"row 1: inf is not a finite number"),
])
def test_train_checks_its_arguments_before_computing(kwargs, message):
    network = tutorial_network()
    before = network.to_dict()
    arguments = {"training_set_inputs": POINTS, "training_set_outputs": LABELS,
                 "number_of_training_iterations": 10}
    arguments.update(kwargs)
    with pytest.raises(TinynetError, match=message):
        network.train(**arguments)
    assert network.to_dict() == before


def test_progress_is_right_for_any_iteration_count():
    seen = []
    network = tutorial_network()
    network.train(POINTS, LABELS, 25, progress=lambda i, e: seen.append(i))
    assert seen == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 25]
    seen.clear()
    network.train(POINTS, LABELS, 3, progress=lambda i, e: seen.append(i))
    assert seen == [0, 1, 2, 3]


def test_progress_shows_the_error_falling():
    errors = []
    tutorial_network().train(POINTS, LABELS, 1000, progress=lambda i, e: errors.append(e))
    assert errors == sorted(errors, reverse=True) and errors[-1] < errors[0] / 10


def test_until_error_stops_as_soon_as_the_error_is_below():
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 100000, until_error=0.01)
    assert report.stopped_early and report.error < 0.01
    assert report.iterations < 100000
    # one iteration fewer is not yet below it
    again = tutorial_network()
    again.train(POINTS, LABELS, report.iterations - 1)
    assert again.mean_squared_error(POINTS, LABELS) >= 0.01
    assert network.mean_squared_error(POINTS, LABELS) == pytest.approx(report.error, rel=1e-9)


def test_diverging_training_is_detected_and_the_weights_are_kept():
    network = tutorial_network()
    before = network.to_dict()
    # With sigmoid neurons a large learning rate mostly saturates them; points
    # ten times as far out and a rate of 1e308 overflow the weights to inf.
    with pytest.raises(TinynetError, match="diverged by iteration 100: .* inf or NaN"):
        network.train([[10 * x for x in point] for point in POINTS], LABELS, 1000,
                      learning_rate=1e308)
    assert network.to_dict() == before


def test_huge_weighted_sums_do_not_crash_training():
    network = NeuralNetwork(Layer.from_weights([[1000.0]]), Layer.from_weights([[-1.0]]))
    report = network.train([[-5.0], [5.0]], [0, 1], 5)
    assert math.isfinite(report.error)
    assert network.forward_propagate([-5.0])[0] == [0.0]


def test_interrupted_training_keeps_the_old_weights():
    network = tutorial_network()
    before = network.to_dict()

    def interrupt(iteration, error):
        if iteration:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        network.train(POINTS, LABELS, 100, progress=interrupt)
    assert network.to_dict() == before


def test_print_weights_uses_eight_digits(trained, capsys):
    network, _ = trained
    network.print_weights()
    out = capsys.readouterr().out
    assert "    Layer 1 (4 neurons, each with 2 inputs):" in out
    assert "    Layer 2 (1 neuron, with 4 inputs):" in out
    for number in STAGE2[0] + STAGE2[1]:
        assert number in out


def test_repr_of_every_class():
    assert repr(Layer(2, 4)) == "Layer(2, 4)"
    assert repr(Layer(2, 4, bias=True)) == "Layer(2, 4, bias=True)"
    assert repr(tutorial_network()) == "NeuralNetwork(Layer(2, 4), Layer(4, 1))"
    assert repr(tinynet.load_dataset(REDBLUE)).startswith("Dataset(15 rows, 2 inputs, 1 output")
    assert repr(TinynetError("x")) == "TinynetError('x')"


# --------------------------------------------------------------------------
# The data file
# --------------------------------------------------------------------------


def test_redblue_json_is_the_tutorials_data():
    data = tinynet.load_dataset(REDBLUE)
    assert data.inputs == POINTS
    assert data.outputs == [[label] for label in LABELS]
    assert data.label_names == ["blue", "red"]
    assert data.new_situation == [2, -3]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def dataset_json(**changes):
    data = {"label_names": ["blue", "red"], "inputs": [[0, 0], [1, 1], [2, 2]], "labels": [0, 1, 1]}
    data.update(changes)
    return json.dumps(data)


BAD_DATA = [
    ("missing.json", None, "missing.json: no such file"),
    ("bad.json", '{"inputs": [[0, 0]], "labels": [0]', "not valid JSON"),
    ("list.json", "[[0, 0]]", "expected a JSON object"),
    ("nokey.json", json.dumps({"inputs": [[0, 0]]}), "missing key 'labels'"),
    ("ragged.json", dataset_json(inputs=[[0, 0], [1, 1, 1], [2, 2]]),
     "inputs row 2: expected 2 numbers, got [1, 1, 1]"),
    ("text.json", dataset_json(inputs=[[0, 0], [1, "a"], [2, 2]]), "inputs row 2: 'a' is not a finite number"),
    ("nan.json", dataset_json().replace("[2, 2]", "[2, NaN]"), "inputs row 3: nan is not a finite number"),
    ("inf.json", dataset_json().replace("[2, 2]", "[Infinity, 2]"), "inputs row 3: inf is not a finite number"),
    ("bool.json", dataset_json(inputs=[[0, 0], [1, True], [2, 2]]), "inputs row 2: True is not a finite number"),
    ("label.json", dataset_json(labels=[0, 2, 1]), "labels row 2: a label must be 0 or 1, got 2.0"),
    ("boollabel.json", dataset_json(labels=[0, False, 1]), "labels row 2: False is not a finite number"),
    ("empty.json", dataset_json(inputs=[], labels=[]), "inputs must be a non-empty list of rows"),
    ("counts.json", dataset_json(labels=[0, 1]), "3 rows of inputs but 2 labels"),
    ("names.json", dataset_json(label_names=["blue"]), "label_names must be two names"),
    ("situation.json", dataset_json(new_situation=[1, 2, 3]), "new_situation row 1: expected 2 numbers"),
]


@pytest.mark.parametrize("name, text, message", BAD_DATA, ids=[case[0] for case in BAD_DATA])
def test_bad_data_is_one_clear_error(tmp_path, capsys, name, text, message):
    path = str(tmp_path / name) if text is None else write(tmp_path, name, text)
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
# The command line, end to end
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lesson():
    """What `python3 tinynet.py` prints in a pipe (run once for all tests)."""
    return run_cli()


def test_the_lesson_prints_the_tutorials_25_numbers_in_order(lesson):
    status, out, err = lesson
    assert status == 0 and err == ""
    position = 0
    for number in STAGE1[0] + STAGE1[1] + STAGE2[0] + STAGE2[1] + [STAGE3]:
        found = out.find(number, position)
        assert found >= 0, number
        position = found + len(number)
    assert "Stage 1)" in out and "Stage 2)" in out and "Stage 3) Considering a new situation [2, -3]" in out
    assert "The network says red" in out
    assert out.count("Training: ") == 10 and "Training complete: 100% (100000 iterations)" in out
    assert "Training: 50% (iteration 50000 of 100000), mean squared error 0.0000" in out


def test_runs_without_site_packages():
    status, out, err = run_cli("--iterations", "100", "--quiet", python_flags=("-S",))
    assert status == 0, err
    assert out.startswith("[2, -3] [0.")


def test_imports_only_the_standard_library():
    code = ("import sys, tinynet; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] not in sys.builtin_module_names"
            " and m.startswith(('numpy', 'scipy', 'pytest'))))")
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=HERE, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "[]"


def test_the_training_loop_never_imports_numpy():
    with open(SCRIPT, encoding="utf-8") as file:
        source = file.read()
    assert "import numpy" not in source and "from numpy" not in source


# --------------------------------------------------------------------------
# Options: your own data, layers, biases, early stop, saved models
# --------------------------------------------------------------------------

OPTIONS = ["--data", "--hidden", "--iterations", "--learning-rate", "--seed", "--bias",
           "--until-error", "--predict", "--save", "--load", "--quiet", "--version"]


def test_help_explains_every_option_with_its_default(capsys):
    status, out, _ = run_main(capsys, "--help")
    assert status == 0
    text = " ".join(out.split())
    for option in OPTIONS:
        assert option in text
    for default in ("(default: redblue.json beside tinynet.py)", "(default: 4)", "(default: 100000)",
                    "(default: 1.0)", "(default: 1)", "(default: off, as in the tutorial)",
                    "(default: never)", "(default: not saved)"):
        assert default in text


def test_version(capsys):
    status, out, _ = run_main(capsys, "--version")
    assert status == 0 and out.strip() == f"tinynet {tinynet.__version__}"


def test_quiet_prints_results_only(capsys):
    status, out, err = run_main(capsys, "--quiet", "--iterations", "2000")
    assert status == 0 and err == ""
    assert out.splitlines() == [out.strip()] and out.startswith("[2, -3] [0.99")
    assert out.strip().endswith(" red")


def test_predict_is_repeatable_and_names_the_label(capsys, trained):
    network, _ = trained
    status, out, _ = run_main(capsys, "--quiet", "--predict", "2", "-3", "--predict", "-2", "1")
    assert status == 0
    assert out.splitlines() == [f"[2, -3] [{network.predict([2, -3]):.8f}] red",
                                f"[-2, 1] [{network.predict([-2, 1]):.8f}] blue"]


def test_hidden_builds_the_layers_asked_for(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    status, out, _ = run_main(capsys, "--hidden", "8,4", "--iterations", "300", "--save", model)
    assert status == 0
    assert "Layer 3 (1 neuron, with 4 inputs)" in out and "Layer 1 (8 neurons, each with 2 inputs)" in out
    network = NeuralNetwork.load(model)
    assert repr(network) == "NeuralNetwork(Layer(2, 8), Layer(8, 4), Layer(4, 1))"


def test_seed_iterations_and_learning_rate_reach_train(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    run_main(capsys, "--seed", "5", "--iterations", "40", "--learning-rate", "0.5", "--save", model)
    expected = tutorial_network(5)
    expected.train(POINTS, LABELS, 40, learning_rate=0.5)
    assert NeuralNetwork.load(model).to_dict()["layers"] == expected.to_dict()["layers"]


def test_until_error_says_where_it_stopped(capsys):
    status, out, _ = run_main(capsys, "--quiet", "--until-error", "0.01")
    network = tutorial_network()
    report = network.train(POINTS, LABELS, 100000, until_error=0.01)
    assert status == 0
    assert f"Stopped at iteration {report.iterations}: the mean squared error" in out
    assert "is below 0.01" in out


def shifted_points(tmp_path):
    """The tutorial's points moved by +10: the boundary no longer passes near the origin."""
    data = json.loads(open(REDBLUE).read())
    data["inputs"] = [[x + 10 for x in point] for point in data["inputs"]]
    data["new_situation"] = [12, 7]
    return write(tmp_path, "shifted.json", json.dumps(data))


def training_accuracy(network, data):
    right = sum((network.predict(point) >= 0.5) == (label[0] == 1)
                for point, label in zip(data.inputs, data.outputs))
    return right / len(data.inputs)


def test_a_bias_is_needed_when_the_boundary_is_off_the_origin(tmp_path, capsys):
    path = shifted_points(tmp_path)
    data = tinynet.load_dataset(path)
    accuracies = {}
    for bias in ([], ["--bias"]):
        model = str(tmp_path / f"model{len(bias)}.json")
        status, _, _ = run_main(capsys, "--data", path, "--learning-rate", "0.1",
                                "--iterations", "50000", "--quiet", "--save", model, *bias)
        assert status == 0
        accuracies[bool(bias)] = training_accuracy(NeuralNetwork.load(model), data)
    assert accuracies == {True: 1.0, False: accuracies[False]} and accuracies[False] < 1.0


def test_xor_with_biases_is_learned():
    xor_inputs, xor_labels = [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]
    tinynet.seed(1)
    network = NeuralNetwork(Layer(2, 4, bias=True), Layer(4, 1, bias=True))
    report = network.train(xor_inputs, xor_labels, 5000)
    assert report.error < 0.001
    assert [round(network.predict(point)) for point in xor_inputs] == xor_labels


def test_bias_layer_starts_at_zero_with_the_same_weights():
    tinynet.seed(1)
    with_bias = Layer(2, 4, bias=True)
    assert with_bias.bias == [0.0] * 4
    assert with_bias.synaptic_weights == tutorial_network().layer1.synaptic_weights


def test_csv_data_of_any_width(tmp_path, capsys):
    rows = ["a,b,c,label"] + [f"{x},{y},{x - y},{int(x > y)}" for x in range(-2, 3) for y in range(-2, 3)]
    path = write(tmp_path, "wide.csv", "\n".join(rows) + "\n")
    data = tinynet.load_dataset(path)
    assert (len(data.inputs), data.input_size, data.output_size) == (25, 3, 1)
    assert data.inputs[1] == [-2.0, -1.0, -1.0] and data.outputs[1] == [0.0]
    model = str(tmp_path / "model.json")
    status, out, _ = run_main(capsys, "--data", path, "--iterations", "500", "--quiet",
                              "--predict", "2", "-1", "3", "--save", model)
    assert status == 0 and out.startswith("[2, -1, 3] [0.9") and out.strip().endswith(" 1")
    assert NeuralNetwork.load(model).input_size == 3
    status, _, err = run_main(capsys, "--data", path, "--predict", "2", "-1")
    assert_one_line_error(status, err, "--predict takes 3 numbers (one per input), got 2: 2 -1")


def test_several_output_columns_give_several_output_neurons(tmp_path, capsys):
    path = write(tmp_path, "two.json", json.dumps(
        {"inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "labels": [[0, 1], [0, 1], [1, 0], [1, 0]]}))
    status, out, _ = run_main(capsys, "--data", path, "--iterations", "500", "--predict", "1", "0")
    assert status == 0 and "Layer 2 (2 neurons, each with 4 inputs)" in out
    assert out.splitlines()[-1].startswith("[0.9")


BAD_CSV = [
    ("short.csv", "x,label\n", "no rows"),
    ("header.csv", "label\n1\n", "the header needs at least one input column"),
    ("ragged.csv", "x,y,label\n1,2,0\n1,0\n", "line 3: expected 3 values, got ['1', '0']"),
    ("text.csv", "x,y,label\n1,2,0\n1,abc,1\n", "line 3: column 'y': 'abc' is not a number"),
    ("nan.csv", "x,y,label\n1,nan,0\n", "line 2: column 'y': 'nan' is not a finite number"),
    ("label.csv", "x,y,label\n1,2,0\n1,2,3\n", "line 3: a label must be 0 or 1, got '3'"),
]


@pytest.mark.parametrize("name, text, message", BAD_CSV, ids=[case[0] for case in BAD_CSV])
def test_bad_csv_is_one_clear_error(tmp_path, capsys, name, text, message):
    path = write(tmp_path, name, text)
    status, _, err = run_main(capsys, "--data", path)
    assert_one_line_error(status, err, name, message)


def test_save_then_load_predicts_bit_for_bit(tmp_path, capsys):
    model = str(tmp_path / "model.json")
    status, trained_out, _ = run_main(capsys, "--iterations", "3000", "--bias", "--quiet",
                                      "--save", model, "--predict", "0.1", "0.2")
    assert status == 0
    network = tutorial_network()
    tinynet.seed(1)
    network = NeuralNetwork(Layer(2, 4, bias=True), Layer(4, 1, bias=True))
    network.train(POINTS, LABELS, 3000)
    loaded = NeuralNetwork.load(model)
    for point in POINTS + [[0.1, 0.2], [2, -3], [1e-3, 7.25]]:
        assert loaded.predict(point) == network.predict(point)  # exactly equal
    assert loaded.label_names == ["blue", "red"]
    status, loaded_out, _ = run_main(capsys, "--load", model, "--quiet", "--predict", "0.1", "0.2")
    assert status == 0 and loaded_out == trained_out


def test_saved_model_holds_sizes_bias_weights_and_names(tmp_path):
    model = str(tmp_path / "model.json")
    tutorial_network().save(model)
    with open(model) as file:
        data = json.load(file)
    assert data["input_size"] == 2 and data["layer_sizes"] == [4, 1] and data["bias"] is False
    assert data["layers"][0]["synaptic_weights"] == tutorial_network().layer1.synaptic_weights
    assert os.listdir(tmp_path) == ["model.json"]  # no temporary file left behind


def model_file(tmp_path, **changes):
    data = tutorial_network().to_dict()
    data.update(changes)
    return write(tmp_path, "model.json", json.dumps(data))


BAD_MODELS = [
    ({"format": "other"}, "not a tinynet model"),
    ({"version": 9}, "unknown model version 9"),
    ({"layers": []}, "'layers' must be a non-empty list"),
    ({"layers": [{"weights": [[1.0]]}]}, "layer 1: expected an object with 'synaptic_weights'"),
    ({"layers": [{"synaptic_weights": [[1.0, "x"]]}]}, "layer 1: synaptic_weights row 1: 'x' is not a finite number"),
    ({"layers": [{"synaptic_weights": [[1.0, 2.0]]}, {"synaptic_weights": [[1.0]]}]},
     "layer 2 takes 1 inputs per neuron but layer 1 has 2 neurons"),
    ({"input_size": 3}, "input_size is 3 but the weights say 2"),
    ({"layer_sizes": [4, 2]}, "layer_sizes is [4, 2] but the weights say [4, 1]"),
    ({"bias": True}, "bias is True but the weights say False"),
    ({"label_names": ["blue"]}, "label_names must be two names, for 0 and 1, got ['blue']"),
]


@pytest.mark.parametrize("changes, message", BAD_MODELS)
def test_load_checks_shapes_and_types(tmp_path, capsys, changes, message):
    path = model_file(tmp_path, **changes)
    with pytest.raises(TinynetError, match="model.json: "):
        NeuralNetwork.load(path)
    status, _, err = run_main(capsys, "--load", path)
    assert_one_line_error(status, err, "model.json: ", message)


def test_load_of_a_file_that_is_not_json(tmp_path, capsys):
    path = write(tmp_path, "model.json", '{"format": "tinynet model", ')
    status, _, err = run_main(capsys, "--load", path)
    assert_one_line_error(status, err, "model.json: not valid JSON")


def test_load_with_nothing_to_classify_says_what_to_give(tmp_path, capsys):
    status, out, err = run_main(capsys, "--load", model_file(tmp_path))
    assert_one_line_error(status, err, "nothing to do with the loaded model: give --predict with 2 numbers")
    status, out, _ = run_main(capsys, "--load", model_file(tmp_path), "--data", REDBLUE, "--quiet")
    assert status == 0 and out.startswith("[2, -3] [0.")  # the data's new_situation


def test_load_refuses_training_options(tmp_path, capsys):
    path = model_file(tmp_path)
    status, _, err = run_main(capsys, "--load", path, "--hidden", "3")
    assert_one_line_error(status, err, "--hidden cannot be used with --load")


def test_load_checks_the_model_against_the_data(tmp_path, capsys):
    path = model_file(tmp_path)
    wide = write(tmp_path, "wide.csv", "a,b,c,label\n1,2,3,0\n")
    status, _, err = run_main(capsys, "--load", path, "--data", wide)
    assert_one_line_error(status, err, "the model takes 2 inputs")


BAD_OPTIONS = [
    (["--iterations", "ten"], "argument --iterations: expected a positive whole number, got 'ten'"),
    (["--iterations", "0"], "argument --iterations: expected a positive whole number, got '0'"),
    (["--iterations", "-5"], "argument --iterations: expected a positive whole number, got '-5'"),
    (["--hidden", "0"], "argument --hidden: expected positive whole numbers separated by commas"),
    (["--hidden", "4,,2"], "got '4,,2'"),
    (["--hidden", "four"], "got 'four'"),
    (["--learning-rate", "nan"], "argument --learning-rate: expected a finite number, got 'nan'"),
    (["--learning-rate", "-1"], "argument --learning-rate: expected a positive number, got '-1'"),
    (["--seed", "-1"], "argument --seed: expected a whole number from 0 to 4294967295, got '-1'"),
    (["--until-error", "inf"], "argument --until-error: expected a finite number, got 'inf'"),
    (["--predict", "2"], "--predict takes 2 numbers (one per input), got 1: 2"),
    (["--predict", "1", "2", "3"], "--predict takes 2 numbers (one per input), got 3: 1 2 3"),
    (["--predict", "2", "x"], "argument --predict: expected a number, got 'x'"),
    (["--predict"], "argument --predict: expected at least one argument"),
    (["--frobnicate"], "unrecognized arguments: --frobnicate"),
]


@pytest.mark.parametrize("args, message", BAD_OPTIONS, ids=[" ".join(c[0]) for c in BAD_OPTIONS])
def test_bad_options_are_one_clear_error(capsys, args, message):
    status, out, err = run_main(capsys, *args)
    assert_one_line_error(status, err, message)
    assert out == ""


@pytest.mark.parametrize("option", ["--data", "--save", "--load", "--svg"])
def test_an_empty_file_name_is_refused(capsys, option):
    status, out, err = run_main(capsys, option, "")
    assert_one_line_error(status, err, f"argument {option}: expected a file name, got ''")


def test_a_save_path_in_a_missing_folder_is_found_before_training(tmp_path, capsys):
    missing = str(tmp_path / "no" / "model.json")
    status, out, err = run_main(capsys, "--save", missing, "--iterations", "100000000")
    assert_one_line_error(status, err, "the folder", "does not exist")
    assert out == ""  # not a single iteration ran


def test_a_diverging_run_says_so_and_keeps_the_old_model(tmp_path, capsys):
    model = model_file(tmp_path)
    before = open(model, "rb").read()
    wide = json.loads(open(REDBLUE).read())
    wide["inputs"] = [[10 * x for x in point] for point in wide["inputs"]]
    path = write(tmp_path, "far.json", json.dumps(wide))
    status, _, err = run_main(capsys, "--data", path, "--learning-rate", "1e308", "--save", model)
    assert_one_line_error(status, err, "diverged", "try a smaller learning rate than 1e+308")
    assert open(model, "rb").read() == before
    assert sorted(os.listdir(tmp_path)) == ["far.json", "model.json"]


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    model = model_file(tmp_path)
    before = open(model, "rb").read()

    def broken_replace(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tinynet.os, "replace", broken_replace)
    with pytest.raises(TinynetError, match="model.json: cannot write: No space left on device"):
        tutorial_network(9).save(model)
    assert open(model, "rb").read() == before
    assert os.listdir(tmp_path) == ["model.json"]


def test_ctrl_c_during_training_stops_cleanly_and_keeps_the_old_model(tmp_path):
    import signal
    import time

    model = model_file(tmp_path)
    before = open(model, "rb").read()
    process = subprocess.Popen([sys.executable, SCRIPT, "--iterations", "100000000", "--save", model],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("Stage 1)")  # training has started
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip() == "tinynet: interrupted: nothing saved"
    assert open(model, "rb").read() == before
    assert os.listdir(tmp_path) == ["model.json"]


# --------------------------------------------------------------------------
# Look inside: --explain and --gradcheck
# --------------------------------------------------------------------------


def shown(matrix, rows=4):
    """The lines explain prints for the first rows of a matrix."""
    return [line.strip().rstrip("]").lstrip("[") for line in tinynet.format_matrix(matrix[:rows]).splitlines()]


def assert_shows(text, matrix):
    for line in shown(matrix):
        assert line in text, line


def test_explain_shows_every_step_with_the_numbers_of_forward_propagate_and_train(capsys):
    status, out, _ = run_main(capsys, "--explain")
    assert status == 0
    network = tutorial_network()
    hidden, output = network.forward_propagate(POINTS)
    before1 = [row[:] for row in network.layer1.synaptic_weights]
    before2 = [row[:] for row in network.layer2.synaptic_weights]
    network.train(POINTS, LABELS, 1)
    error = [[label - o[0]] for label, o in zip(LABELS, output)]
    delta2 = [[e[0] * o[0] * (1 - o[0])] for e, o in zip(error, output)]
    steps = ["Step 1. The inputs", "Step 2. Layer 1 forward", "Step 3. Layer 2 forward",
             "Step 4. The error of layer 2", "Step 5. The delta of layer 2",
             "Step 6. The error sent back to layer 1", "Step 7. The delta of layer 1",
             "Step 8. The adjustments", "Step 9. The new weights"]
    positions = [out.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "training_set_inputs   (15 x 2)" in out and "output_from_layer_1   (15 x 4)" in out
    assert "output_from_layer_2   (15 x 1)" in out and "layer1_adjustment   (2 x 4)" in out
    assert "... 11 more rows]" in out
    assert "delta = layer2_error * output_from_layer_2 * (1 - output_from_layer_2)" in out
    assert "sigmoid_derivative(o) = o * (1 - o)" in out
    for matrix in (POINTS, hidden, output, error, delta2, before1, before2,
                   network.layer1.synaptic_weights, network.layer2.synaptic_weights):
        assert_shows(out, matrix)
    adjustment1 = [[a - b for a, b in zip(ra, rb)] for ra, rb in zip(network.layer1.synaptic_weights, before1)]
    assert_shows(out, adjustment1)


def test_explain_works_for_deeper_networks_with_biases(capsys):
    status, out, _ = run_main(capsys, "--explain", "--hidden", "8,4", "--bias")
    assert status == 0
    for name in ("output_from_layer_3   (15 x 1)", "layer3_delta", "layer2_error   (15 x 4)",
                 "layer1_delta   (15 x 8)", "layer2_bias_adjustment   (4,)", "layer1.bias after   (8,)"):
        assert name in out, name
    rng = tinynet.numpy_like_random(1)
    network = NeuralNetwork(Layer(2, 8, bias=True, rng=rng), Layer(8, 4, bias=True, rng=rng),
                            Layer(4, 1, bias=True, rng=rng))
    layer_outputs = network.forward_propagate(POINTS)
    network.train(POINTS, LABELS, 1)
    for matrix in layer_outputs + (network.layer2.synaptic_weights, [network.layer1.bias]):
        assert_shows(out, matrix)


def test_explain_as_a_library_function_writes_to_a_stream():
    import io
    stream = io.StringIO()
    network = tutorial_network()
    text = tinynet.explain(network, POINTS, LABELS, rows=2, file=stream)
    assert stream.getvalue() == text and "... 13 more rows]" in text
    again = tutorial_network()
    again.train(POINTS, LABELS, 1)
    assert network.to_dict() == again.to_dict()  # explain trained exactly one iteration


@pytest.mark.parametrize("options", [[], ["--hidden", "8,4"], ["--bias"], ["--hidden", "3,3", "--bias"]])
def test_gradcheck_passes_on_correct_backprop(capsys, options):
    status, out, _ = run_main(capsys, "--gradcheck", *options)
    assert status == 0, out
    lines = out.splitlines()
    assert lines[0].split() == ["weight", "backprop", "numerical", "relative", "difference"]
    assert lines[-1].startswith("All ") and "weights agree" in lines[-1]
    assert len(lines) - 2 == (12 if options == [] else min(20, len(lines) - 2))


def test_gradcheck_rows_cover_every_weight_of_a_small_network():
    network = tutorial_network()
    before = network.to_dict()
    rows = tinynet.gradient_check(network, POINTS, LABELS)
    assert [row.weight for row in rows][:2] == ["layer1.synaptic_weights[0][0]", "layer1.synaptic_weights[0][1]"]
    assert len(rows) == 12 and max(row.difference for row in rows) < tinynet.GRADIENT_TOLERANCE
    assert network.to_dict() == before  # the check trains a copy


def test_gradcheck_fails_when_backprop_is_broken(capsys, monkeypatch):
    def slope_from_the_input(layer_weights, delta, layer_input):
        # The classic slip: taking the slope as sigmoid_derivative(sigmoid(h)) of
        # an output h, as if h were the weighted sum.
        fixed = original(layer_weights, delta, layer_input)
        return [[d / (h * (1 - h)) * tinynet.sigmoid_derivative(tinynet.sigmoid(h))
                 for d, h in zip(d_column, h_column)]
                for d_column, h_column in zip(fixed, layer_input)]

    original = tinynet._delta_back
    monkeypatch.setattr(tinynet, "_delta_back", slope_from_the_input)
    status, out, _ = run_main(capsys, "--gradcheck")
    assert status == 1
    assert out.splitlines()[-1].startswith("FAILED: 8 of 12 weights disagree")
    assert "<-- too far apart" in out


def test_explain_and_gradcheck_refuse_training_options(capsys):
    status, _, err = run_main(capsys, "--gradcheck", "--iterations", "5")
    assert_one_line_error(status, err, "--iterations cannot be used with --gradcheck")
    status, _, err = run_main(capsys, "--explain", "--gradcheck")
    assert_one_line_error(status, err, "not allowed with argument")


# --------------------------------------------------------------------------
# Pictures: the text map, the SVG, progress on a terminal
# --------------------------------------------------------------------------


class Terminal(__import__("io").StringIO):
    """A stream that says it is a terminal."""

    def isatty(self):
        return True


def map_rows(text):
    """The map's rows of cells, without the y-axis labels."""
    return [line.split("|", 1)[1] for line in text.splitlines() if "|" in line]


def test_text_map_size_points_and_boundary(trained):
    network, _ = trained
    data = tinynet.load_dataset(REDBLUE)
    area = tinynet.DecisionMap(network, data)
    rows = map_rows(area.text())
    assert len(rows) == 24 and {len(row) for row in rows} == {60}
    for point, label in zip(data.inputs, data.outputs):
        row, column = area.cell_of(point)
        assert rows[row][column] == "BR"[int(label[0])]
        x, y = area.centre(row, column)
        assert abs(x - point[0]) <= (area.x_max - area.x_min) / 120 + 1e-9  # half a cell
        assert abs(y - point[1]) <= (area.y_max - area.y_min) / 48 + 1e-9
    crossings = 0
    for row_number, row in enumerate(rows):
        for column in range(59):
            left, right = row[column], row[column + 1]
            if left in "-." and right in ":+#" or left == "#" and right in ":+":
                crossings += 1
                for c, char in ((column, left), (column + 1, right)):
                    probability = network.predict(area.centre(row_number, c))
                    assert (probability >= 0.5) == (char in ":+"), (row_number, c, char)
    assert crossings >= 20  # the boundary runs through (nearly) every row


def test_text_map_marks_misclassified_points_in_lower_case():
    network = tutorial_network()
    network.train(POINTS, LABELS, 3)  # barely trained: some points on the wrong side
    data = tinynet.load_dataset(REDBLUE)
    area = tinynet.DecisionMap(network, data)
    rows = map_rows(area.text())
    wrong = 0
    for point, label in zip(data.inputs, data.outputs):
        row, column = area.cell_of(point)
        right = (network.predict(point) >= 0.5) == bool(label[0])
        assert rows[row][column] == ("BR" if right else "br")[int(label[0])]
        wrong += not right
    assert wrong > 0


def test_plot_from_the_command_line_is_plain_in_a_pipe_and_colour_on_a_terminal(monkeypatch):
    status, out, _ = run_cli("--plot", "--quiet", "--iterations", "2000")
    assert status == 0 and "\033[" not in out
    assert "B blue, R red (lower case: misclassified)" in out and "+-----+" in out
    for terminal, no_colour, coloured in ((True, "", True), (True, "1", False)):
        stream = Terminal()
        monkeypatch.setattr(sys, "stdout", stream)
        monkeypatch.setenv("NO_COLOR", no_colour)
        assert tinynet.main(["--plot", "--quiet", "--iterations", "200"]) == 0
        assert ("\033[48;5;" in stream.getvalue()) == coloured


def test_progress_on_a_terminal_is_one_line_updated_in_place(monkeypatch):
    stream = Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    assert tinynet.main(["--iterations", "20000"]) == 0
    out = stream.getvalue()
    assert "Training: 10%" not in out  # the pipe's lines are not used
    progress = out[out.index("\r"):out.index("Stage 2)")]
    assert progress.count("\n") == 1 and progress.endswith("\n")
    assert "it/s" in progress and "s left" in progress and "| error 0.0" in progress
    assert "Training complete: 100% (20000 iterations) in " in progress


def test_svg_parses_and_shows_the_points_in_their_colours(tmp_path, capsys):
    import xml.etree.ElementTree as ElementTree

    picture = str(tmp_path / "map.svg")
    status, out, _ = run_main(capsys, "--iterations", "3", "--svg", picture)
    assert status == 0 and f"Wrote the decision map to {picture}" in out
    svg = "{http://www.w3.org/2000/svg}"
    root = ElementTree.parse(picture).getroot()
    assert root.tag == svg + "svg"
    circles = root.findall(f"{svg}circle")
    assert len(circles) == 15
    network = tutorial_network()
    network.train(POINTS, LABELS, 3)
    outlined = 0
    for circle, point, label in zip(circles, POINTS, LABELS):
        assert circle.get("fill") == ("#1f4fd1", "#d62728")[label]
        wrong = (network.predict(point) >= 0.5) != bool(label)
        assert (circle.get("stroke") == "black") == wrong
        outlined += wrong
    assert outlined > 0
    title = root.find(f"{svg}title").text
    assert title.startswith("tinynet 2-4-1 network, no bias: mean squared error 0.")
    assert root.find(f"{svg}path[@class='boundary']").get("d").startswith("M")
    labels = [text.text for text in root.iter(f"{svg}text")]
    assert "input 1 (x)" in labels and "input 2 (y)" in labels and "0" in labels


def test_plot_and_svg_need_two_inputs(tmp_path, capsys):
    wide = write(tmp_path, "wide.csv", "a,b,c,label\n1,2,3,0\n3,2,1,1\n")
    for option in (["--plot"], ["--svg", str(tmp_path / "map.svg")]):
        status, out, err = run_main(capsys, "--data", wide, *option)
        assert_one_line_error(status, err, "needs 2 inputs (x and y) and 1 label", "has 3 inputs")
        assert out == ""  # found before training
    assert not os.path.exists(tmp_path / "map.svg")


def test_svg_in_a_missing_folder_is_found_before_training(tmp_path, capsys):
    status, out, err = run_main(capsys, "--svg", str(tmp_path / "no" / "map.svg"))
    assert_one_line_error(status, err, "does not exist")
    assert out == ""


# --------------------------------------------------------------------------
# The README's examples and pasted output are real; the benchmark runs
# --------------------------------------------------------------------------


def readme_blocks():
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as file:
        text = file.read()
    blocks, inside = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if inside is None:
                inside = []
            else:
                blocks.append("\n".join(inside) + "\n")
                inside = None
        elif inside is not None:
            inside.append(line)
    return blocks


def readme_block(first_line):
    matches = [block for block in readme_blocks() if block.startswith(first_line + "\n")]
    assert len(matches) == 1, first_line
    return matches[0][len(first_line) + 1:]


def test_readme_shows_the_lesson_as_it_runs(lesson):
    assert readme_block("$ python3 tinynet.py") == lesson[1]


def test_readme_shows_the_text_map_as_it_is_drawn(trained):
    network, _ = trained
    block = readme_block("$ python3 tinynet.py --quiet --plot")
    first, rest = block.split("\n", 1)
    assert first == f"[2, -3] [{network.predict([2, -3]):.8f}] red"
    assert rest == tinynet.DecisionMap(network, tinynet.load_dataset(REDBLUE)).text()


def test_readme_picture_is_the_svg_tinynet_writes(tmp_path, trained, capsys):
    with open(os.path.join(HERE, "docs", "redblue.svg"), encoding="utf-8") as file:
        shipped = file.read()
    picture = str(tmp_path / "redblue.svg")
    assert run_main(capsys, "--quiet", "--svg", picture)[0] == 0
    with open(picture, encoding="utf-8") as file:
        assert file.read() == shipped


def test_readme_shows_the_gradient_check_as_it_runs():
    rows = tinynet.gradient_check(tutorial_network(), POINTS, LABELS)
    shown = readme_block("$ python3 tinynet.py --gradcheck").splitlines()
    printed = tinynet.format_gradient_check(rows).splitlines()
    assert shown[0] == printed[0] and len(shown) == len(printed)
    for shown_line, printed_line in zip(shown[1:-1], printed[1:-1]):
        # the relative differences are rounding noise: their digits vary
        # between Python versions, so compare all but them exactly
        assert shown_line.split()[:3] == printed_line.split()[:3]
        assert float(shown_line.split()[3]) < 1e-7 and float(printed_line.split()[3]) < 1e-7
    assert shown[-1].startswith("All 12 weights agree") and printed[-1].startswith("All 12 weights agree")


def test_readme_explain_excerpt_is_cut_from_a_real_run(capsys):
    _, out, _ = run_main(capsys, "--explain")
    for line in readme_block("$ python3 tinynet.py --explain").splitlines():
        if line != "...":
            assert line in out.splitlines(), line


def test_readme_library_example_prints_what_it_says(tmp_path, monkeypatch, capsys):
    blocks = readme_blocks()
    code = next(block for block in blocks if block.startswith("import tinynet\n"))
    printed = blocks[blocks.index(code) + 1]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README example", "exec"), {})
    assert capsys.readouterr().out == printed
    assert os.path.exists(tmp_path / "xor.json")


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


def test_library_functions_refuse_an_empty_file_name():
    with pytest.raises(TinynetError, match="the data file name is empty"):
        tinynet.load_dataset("")
    with pytest.raises(TinynetError, match="the model file name is empty"):
        NeuralNetwork.load("")
    with pytest.raises(TinynetError, match="the file name is empty"):
        tinynet.check_writable("")


def test_label_names_must_be_two_names():
    with pytest.raises(TinynetError, match="label_names must be two names, for 0 and 1, got 'red'"):
        NeuralNetwork(Layer(2, 1), label_names="red")
    assert NeuralNetwork(Layer(2, 1), label_names=("no", "yes")).label_names == ["no", "yes"]
