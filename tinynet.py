#!/usr/bin/env python3
"""tinynet: the tutorial's tiny neural network in pure standard-library Python.

The 2-4-1 sigmoid network of "Lets Make A Neural Network From Scratch" on
Python lists, ``math`` and ``random`` instead of NumPy: ``python3 tinynet.py``
trains it on fifteen red and blue points and asks about the point (2, -3),
printing the very numbers the tutorial printed.  In five parts, each
importing what it adds:

1. The lesson: seeding like NumPy, the list helpers, the sigmoid, ``Layer``,
   ``NeuralNetwork`` and ``lesson()``, the tutorial's main block; it runs alone.
2. Looking inside: ``explain`` and ``gradient_check``, on that same iteration.
3. Data and models: your own data, classes and scaling; saved models.
4. Pictures: the decision map and the error curve, as text and as SVG.
5. The command line: ``main(argv)``.

One engine: ``train`` repeats ``iteration``, the tutorial's loop written with
the helpers, so changing a helper changes the training.  As in the tutorial,
weights are (inputs x neurons), the error is ``target - output`` and the
adjustment is added (descent on ``1/2 * sum((target - output)**2)``, its minus
folded into the error); ``sigmoid_derivative`` takes the sigmoid's output.

Single file, standard library only, Python 3.8 or newer.  Licence: MIT.
"""

__version__ = "2.0.0"
__license__ = "MIT"
__all__ = [
    "Classifier", "DATA_RECIPE", "Dataset", "DecisionMap", "GENERATED", "GRADIENT_TOLERANCE",
    "GradientCheckRow", "Iteration", "LESSON_RECIPE", "Layer", "NeuralNetwork", "ProgressLines",
    "TinynetError", "TrainingReport", "accuracy", "add", "check_writable", "confusion_matrix",
    "dot", "error_curve_text", "explain", "format_gradient_check", "format_matrix",
    "format_results", "gradient_check", "holdout", "lesson", "load_dataset", "main",
    "make_dataset", "multiply", "numpy_like_random", "seed", "sigmoid", "sigmoid_derivative",
    "subtract", "transpose", "useless_training_warning", "write_file",
]

import copy
import json
import math
import os
import random
import sys
from collections import namedtuple
from math import exp
from operator import add as _add, mul as _mul, sub as _sub


class TinynetError(ValueError):
    """Raised for every bad input: the message names the file and row, argument or shape."""


# ==========================================================================
# Part 1. The lesson
# ==========================================================================

# -- Seeding: the same random numbers as NumPy's np.random.seed(n) ----------


def numpy_like_random(n):
    """Return a ``random.Random`` whose draws equal NumPy's after ``np.random.seed(n)``.

    Both use the Mersenne Twister, but NumPy seeds it with ``init_genrand``
    and Python another way: this builds NumPy's state.  Raises TinynetError
    unless ``n`` is an integer from 0 to 2**32 - 1, as NumPy does.

    >>> numpy_like_random(1).random(), random.Random(1).random()
    (0.417022004702574, 0.13436424411240122)
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 2 ** 32:
        raise TinynetError(f"seed must be an integer from 0 to 4294967295, got {_short(n)}")
    state = [n]
    for index in range(1, 624):  # MT19937 keeps 624 words of 32 bits
        state.append((1812433253 * (state[-1] ^ (state[-1] >> 30)) + index) & 0xFFFFFFFF)
    generator = random.Random()
    generator.setstate((3, tuple(state) + (624,), None))  # 624: a fresh block at the first draw
    return generator


_random = numpy_like_random(1)  # the module's generator, used when no rng= is given


def seed(n):
    """Seed tinynet's generator exactly as ``np.random.seed(n)`` seeds NumPy's.

    >>> seed(1)
    >>> Layer(1, 3).synaptic_weights
    [[-0.165955990594852, 0.4406489868843162, -0.9997712503653102]]
    """
    _random.setstate(numpy_like_random(n).getstate())


# -- The list helpers: NumPy's few operations, on plain lists ----------------
# A matrix is a list of rows: [[1, 2], [3, 4]] is (2 x 2); a vector is a flat
# list, used as one row.  Rows are trusted to be of one length: data is checked
# once, where it comes in.


def transpose(matrix):
    """Return the matrix with rows turned into columns: NumPy's ``matrix.T``.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    if not matrix or not isinstance(matrix[0], list):
        raise TinynetError(f"transpose needs a non-empty list of rows, got {_short(matrix)}")
    return list(map(list, zip(*matrix)))                         # each column, as a row


_PYPY = sys.implementation.name == "pypy"

try:
    from math import sumprod as _sumprod  # Python 3.12+: a row times a column in one call
except ImportError:
    def _sumprod(a, b):
        """Return the sum of a[i] * b[i], multiplying and adding in C."""
        return sum(map(_mul, a, b))


def dot(a, b):
    """Return the matrix product of ``a`` (n x k) and ``b`` (k x m): (n x m).

    Entry (i, j) adds up row i of ``a`` times column j of ``b``; a vector ``a``
    gives a vector.  Raises TinynetError unless a's columns are b's rows.

    >>> dot([[1, 2], [3, 4]], [[5, 6], [7, 8]]), dot([1, 2], [[5, 6], [7, 8]])
    ([[19, 22], [43, 50]], [19, 22])
    """
    if a and not isinstance(a[0], list):
        return dot([a], b)[0]
    if not a or not b or not isinstance(b[0], list) or len(a[0]) != len(b):
        raise TinynetError(f"dot: shapes {_shape(a)} and {_shape(b)} do not line up")
    if _PYPY:  # PyPy compiles plain loops to machine code: the definition, loop by loop
        answer = [[row[0] * weight for weight in b[0]] for row in a]  # the first products,
        for row, total in zip(a, answer):                             # then the others added on
            for t in range(1, len(b)):
                for j in range(len(total)):
                    total[j] += row[t] * b[t][j]
        return answer                                                 # (n x m)
    if len(b) > 4 or len(a) <= len(b):  # long rows: each entry a row times a column
        columns = list(zip(*b))                                  # (m x k)
        return [[_sumprod(row, column) for column in columns] for row in a]
    # Short rows (k <= 4) in a tall a: the same sums, a whole column at a time.
    a_columns = list(zip(*a))                                    # (k x n)
    answer = []
    for b_column in zip(*b):
        column = [x * b_column[0] for x in a_columns[0]]         # (n,)
        for a_column, weight in zip(a_columns[1:], b_column[1:]):
            column = [total + x * weight for total, x in zip(column, a_column)]
        answer.append(column)
    return list(map(list, zip(*answer)))                         # (n x m)


def _entrywise(operation, a, b):
    """Return operation(x, y) for each pair of entries; a number ``a`` or vector ``b`` repeats."""
    if not isinstance(a, list):                                  # a number, with every entry
        return [[operation(a, y) for y in row] for row in b] if isinstance(b[0], list) \
            else [operation(a, y) for y in b]
    if not isinstance(a[0], list):                               # two vectors: one row each
        return _entrywise(operation, [a], [b])[0]
    if not isinstance(b[0], list):                               # a vector, with every row
        b = [b] * len(a)
    if len(a) != len(b) or len(a[0]) != len(b[0]):
        raise TinynetError(f"shapes {_shape(a)} and {_shape(b)} differ")
    return [list(map(operation, row_a, row_b)) for row_a, row_b in zip(a, b)]


def add(a, b):
    """Return a + b entry by entry; a vector ``b`` is added to every row.

    >>> add([[1, 2], [3, 4]], [[10, 20], [30, 40]]), add([[1, 2], [3, 4]], [10, 20])
    ([[11, 22], [33, 44]], [[11, 22], [13, 24]])
    """
    return _entrywise(_add, a, b)


def subtract(a, b):
    """Return a - b entry by entry; a vector ``b`` is taken from every row.

    >>> subtract([[1], [0]], [[0.25], [0.5]]), subtract([[1, 2], [3, 4]], [1, 1])
    ([[0.75], [-0.5]], [[0, 1], [2, 3]])
    """
    return _entrywise(_sub, a, b)


def multiply(a, b):
    """Return a * b entry by entry (``dot`` is the matrix product); a number ``a`` scales ``b``.

    >>> multiply([[1, 2], [3, 4]], [[2, 2], [0, 1]]), multiply(0.5, [[1, 2]])
    ([[2, 4], [0, 4]], [[0.5, 1.0]])
    """
    return _entrywise(_mul, a, b)


def sigmoid(x):
    """Return 1 / (1 + e**-x) for a number, or for each number of a vector or matrix.

    The S-curve squashes any number into 0..1.  Never raises: below -709.78,
    where e**-x passes the largest float, it gives that point's, about 6e-309.

    >>> sigmoid(0), sigmoid(5), sigmoid([[-5]]), 0 < sigmoid(-1000) < 1e-300
    (0.5, 0.9933071490757153, [[0.0066928509242848554]], True)
    """
    if not isinstance(x, list):                                  # a number: a matrix of one
        return sigmoid([[x]])[0][0]
    if x and not isinstance(x[0], list):                         # a vector: a matrix of one row
        return sigmoid([x])[0]
    try:
        return [[1 / (1 + exp(-value)) for value in row] for row in x]
    except OverflowError:  # clip to -709.78, where e**-value still fits in a float
        return sigmoid([[max(value, -709.78) for value in row] for row in x])


def sigmoid_derivative(output):
    """Return the sigmoid's slope ``output * (1 - output)``, given its *output*.

    If ``output = sigmoid(x)`` that is the slope at ``x``: backpropagation
    has every output at hand, so it calls ``sigmoid_derivative(output)``.

    >>> sigmoid_derivative(0.5), sigmoid_derivative([[0.0, 1.0]])
    (0.25, [[0.0, 0.0]])
    """
    if not isinstance(output, list):
        return sigmoid_derivative([[output]])[0][0]
    if output and not isinstance(output[0], list):
        return sigmoid_derivative([output])[0]
    return [[value * (1 - value) for value in row] for row in output]


# -- The network: a Layer holds weights, a NeuralNetwork chains layers -------


class Layer:
    """A layer of sigmoid neurons fed by the same inputs: ``Layer(inputs, neurons)``.

    ``synaptic_weights`` is (inputs x neurons), each ``2 * random() - 1``, row
    by row.  ``bias=True`` adds a bias per neuron (the weight on an input that
    is always 1), starting at 0.  ``rng``: a ``random.Random`` to draw from.

    >>> seed(1)
    >>> Layer(2, 4), Layer(4, 1, bias=True)
    (Layer(2, 4), Layer(4, 1, bias=True))
    """

    def __init__(self, number_of_inputs_per_neuron, number_of_neurons, bias=False, rng=None):
        _positive_int("number_of_inputs_per_neuron", number_of_inputs_per_neuron)
        _positive_int("number_of_neurons", number_of_neurons)
        _check_size("a layer", number_of_inputs_per_neuron * number_of_neurons)
        draw = (rng or _random).random
        self.synaptic_weights = [[2 * draw() - 1 for _ in range(number_of_neurons)]
                                 for _ in range(number_of_inputs_per_neuron)]
        self.bias = [0.0] * number_of_neurons if bias else None

    @classmethod
    def from_weights(cls, synaptic_weights, bias=None):
        """Return a layer holding copies of the given weights and biases, checked."""
        layer = cls.__new__(cls)
        layer.synaptic_weights = weights = _check_matrix("synaptic_weights", synaptic_weights)
        layer.bias = None if bias is None else _check_matrix("bias", [bias], len(weights[0]))[0]
        return layer

    number_of_inputs_per_neuron = property(lambda self: len(self.synaptic_weights))
    number_of_neurons = property(lambda self: len(self.synaptic_weights[0]))

    def output(self, inputs):
        """Return sigmoid(dot(inputs, synaptic_weights) + bias): (samples x neurons)."""
        weighted_sums = dot(inputs, self.synaptic_weights)      # (samples x neurons)
        if self.bias is not None:
            weighted_sums = add(weighted_sums, self.bias)        # to every row
        return sigmoid(weighted_sums)

    def __repr__(self):
        bias = ", bias=True" if self.bias is not None else ""
        return f"Layer({self.number_of_inputs_per_neuron}, {self.number_of_neurons}{bias})"


Iteration = namedtuple("Iteration", "outputs errors deltas adjustments bias_adjustments")
Iteration.__doc__ = """One iteration's matrices, a list per name, first layer first: outputs[0]
is output_from_layer_1, errors[1] layer2_error, adjustments[0] layer1_adjustment."""

TrainingReport = namedtuple("TrainingReport", "iterations error stopped curve")
TrainingReport.__doc__ = """What ``train`` did: the iterations run, the final mean squared
error, why it stopped early (None: it ran them all), and the error curve as
(iteration, error) pairs, about 200 of them and the last."""


class NeuralNetwork:
    """Layers, each feeding the next: ``NeuralNetwork(Layer(2, 4), Layer(4, 1))`` is the tutorial's.

    The layers are ``layers`` and, as in the tutorial, ``layer1``, ``layer2``,
    ...  Raises TinynetError if a layer's inputs are not the neurons before it.
    """

    def __init__(self, *layers):
        if not layers or not all(isinstance(layer, Layer) for layer in layers):
            raise TinynetError(f"a NeuralNetwork needs Layers, got {_short(layers)}")
        for number, (before, layer) in enumerate(zip(layers, layers[1:]), 2):
            if layer.number_of_inputs_per_neuron != before.number_of_neurons:
                raise TinynetError(
                    f"layer {number} takes {layer.number_of_inputs_per_neuron} inputs per neuron "
                    f"but layer {number - 1} has {before.number_of_neurons} neurons")
        self.layers = list(layers)
        for number, layer in enumerate(layers, 1):
            setattr(self, f"layer{number}", layer)  # the tutorial's self.layer1, self.layer2

    input_size = property(lambda self: self.layers[0].number_of_inputs_per_neuron)
    output_size = property(lambda self: self.layers[-1].number_of_neurons)

    def __repr__(self):
        return f"NeuralNetwork({', '.join(map(repr, self.layers))})"

    def forward_propagate(self, inputs):
        """Return every layer's output, first layer first, for rows of inputs or one sample.

        Each layer's output, ``sigmoid(dot(inputs, synaptic_weights))``, is the
        next layer's input.  One sample gives vectors.  Raises TinynetError
        unless the inputs are ``input_size`` finite numbers, or if sums overflow.

        >>> NeuralNetwork(Layer.from_weights([[0.0], [0.0]])).forward_propagate([2, -3])
        ([0.5],)
        """
        single = isinstance(inputs, (list, tuple)) and bool(inputs) and _is_number(inputs[0])
        rows = _check_matrix("inputs", [inputs] if single else inputs, self.input_size)
        outputs = self._forward(rows)
        if any(value != value for row in outputs[-1] for value in row):  # NaN: inf - inf
            raise TinynetError("the inputs or weights are too large: the weighted sums overflow")
        return tuple(output[0] for output in outputs) if single else tuple(outputs)

    def _forward(self, inputs):
        """Return every layer's output for checked rows of inputs."""
        outputs = []
        for layer in self.layers:
            inputs = layer.output(inputs)          # output_from_layer_1, output_from_layer_2
            outputs.append(inputs)
        return outputs

    def iteration(self, training_set_inputs, training_set_outputs, learning_rate=1.0,
                  mean=False, loss="squared"):
        """Run one iteration of the tutorial's training loop; return its ``Iteration``.

        Forward, each layer's error and delta from the last layer back, every
        layer's adjustment, in the tutorial's names.  ``train`` checks the rows.
        """
        outputs = self._forward(training_set_inputs)            # output_from_layer_1, _2
        errors, deltas = [None] * len(outputs), [None] * len(outputs)
        # layer2_error = training_set_outputs - output_from_layer_2
        errors[-1] = subtract(training_set_outputs, outputs[-1])      # (samples x outputs)
        for index in reversed(range(len(outputs))):
            if loss == "log" and index == len(outputs) - 1:
                # Departure: on the log loss the sigmoid's slope cancels, so a wrong
                # output that is sure of itself (slope near 0) still learns fast.
                deltas[index] = errors[index]
            else:  # layer2_delta = layer2_error * sigmoid_derivative(output_from_layer_2)
                deltas[index] = multiply(errors[index], sigmoid_derivative(outputs[index]))
            if index:  # layer1_error = dot(layer2_delta, layer2.synaptic_weights.T)
                errors[index - 1] = dot(deltas[index], transpose(       # (samples x neurons)
                    self.layers[index].synaptic_weights))
        if mean:  # departure: the mean over the rows, so one learning rate suits any number
            learning_rate /= len(training_set_inputs)
        layer_inputs = [training_set_inputs] + outputs[:-1]
        # layer1_adjustment = dot(training_set_inputs.T, layer1_delta), and so on
        adjustments = [dot(transpose(layer_input), delta)                # (inputs x neurons)
                       for layer_input, delta in zip(layer_inputs, deltas)]
        if learning_rate != 1:  # the tutorial's is 1: its adjustments are as they are
            adjustments = [multiply(learning_rate, change) for change in adjustments]
        # A bias is the weight on an input that is always 1: its delta's column sums.
        bias_adjustments = [None if layer.bias is None
                            else multiply(learning_rate, dot([1.0] * len(delta), delta))
                            for layer, delta in zip(self.layers, deltas)]
        for layer, adjustment, bias_adjustment in zip(self.layers, adjustments, bias_adjustments):
            layer.synaptic_weights = add(layer.synaptic_weights, adjustment)  # += adjustment
            if bias_adjustment is not None:
                layer.bias = add(layer.bias, bias_adjustment)
        return Iteration(outputs, errors, deltas, adjustments, bias_adjustments)

    def train(self, training_set_inputs, training_set_outputs, number_of_training_iterations,
              learning_rate=1.0, until_error=None, progress=None, progress_every=None,
              batch_size=None, mean=False, loss="squared", patience=None, rng=None):
        """Repeat ``iteration`` to adjust the weights; return a ``TrainingReport``.

        Outputs are a column or a flat list.  ``until_error``: stop once the mean
        squared error is below it.  ``progress(iteration, error, network)`` is
        called every ``progress_every`` iterations (a tenth) and at the end.
        Departures for real data, off in the lesson: ``mean``, ``loss`` (see
        ``iteration``), ``batch_size`` (each iteration a pass over batches
        shuffled by ``rng``), ``patience`` (stop when the error has not fallen by
        0.0001 in that many iterations).  The weights change only if it returns.
        Raises TinynetError for bad arguments and for training that diverges.

        >>> seed(1)
        >>> network = NeuralNetwork(Layer(2, 4), Layer(4, 1))
        >>> report = network.train([[0, 0], [1, 1]], [0, 1], 1000)
        >>> report.iterations, report.error < 0.01, report.stopped
        (1000, True, None)
        """
        inputs, outputs = _check_training_set(self, training_set_inputs, training_set_outputs)
        iterations = _positive_int("number_of_training_iterations", number_of_training_iterations)
        learning_rate = _finite_number("learning_rate", learning_rate)
        until_error = until_error and _finite_number("until_error", until_error)
        every = _positive_int("progress_every", progress_every or max(1, iterations // 10))
        batch_size, patience = batch_size and _positive_int("batch_size", batch_size), \
            patience and _positive_int("patience", patience)
        if loss not in ("squared", "log"):
            raise TinynetError(f"loss must be 'squared' or 'log', got {_short(loss)}")
        curve_every = max(1, iterations // 200)  # the error curve: about 200 points
        network = copy.deepcopy(self)  # train a copy, to keep these weights if training fails
        batches, curve, stopped, best, since_best = [(inputs, outputs)], [], None, math.inf, 0
        for iteration in range(iterations):
            if batch_size:  # departure: steps over shuffled batches, not all rows at once
                batches = _mini_batches(inputs, outputs, batch_size, rng or _random)
            errors = []                                  # (samples x outputs), before adjusting
            for batch_inputs, batch_outputs in batches:
                errors += network.iteration(batch_inputs, batch_outputs, learning_rate, mean,
                                            loss).errors[-1]
            if iteration % every == 0 or iteration % curve_every == 0 or iteration % 100 == 0 \
                    or until_error or patience:
                error = _mean_square(errors)
                _check_finite(network, error, iteration, learning_rate)
                if iteration % curve_every == 0:
                    curve.append((iteration, error))
                if progress and iteration % every == 0:
                    progress(iteration, error, network)
                if until_error and error < until_error:
                    stopped = f"the error fell below {until_error:g}"
                elif patience:
                    best, since_best = (error, 0) if error < best - 1e-4 else (best, since_best + 1)
                    if since_best >= patience:
                        stopped = f"the error has not fallen by 0.0001 in {patience} iterations"
                if stopped:
                    break
        iteration += 1                                   # the iterations run
        error = _mean_square(subtract(outputs, network._forward(inputs)[-1]))
        _check_finite(network, error, iteration, learning_rate)
        for layer, trained in zip(self.layers, network.layers):  # in place, as the tutorial's +=
            layer.synaptic_weights[:] = trained.synaptic_weights
            if layer.bias is not None:
                layer.bias[:] = trained.bias
        curve.append((iteration, error))
        if progress:
            progress(iteration, error, self)
        return TrainingReport(iteration, error, stopped, curve)

    def print_weights(self, file=None):
        """Print each layer's weights (and biases) with 8 digits after the point.

        >>> NeuralNetwork(Layer.from_weights([[0.5], [-0.25]])).print_weights()
            Layer 1 (1 neuron, with 2 inputs):
        [[ 0.50000000]
         [-0.25000000]]
        """
        for number, layer in enumerate(self.layers, 1):
            neurons, inputs = layer.number_of_neurons, layer.number_of_inputs_per_neuron
            print(f"    Layer {number} ({neurons} neuron{'s' * (neurons > 1)}, "
                  f"{'each with' if neurons > 1 else 'with'} {inputs} input{'s' * (inputs > 1)}):",
                  file=file)
            print(format_matrix(layer.synaptic_weights), file=file)
            if layer.bias is not None:
                print(f"    Layer {number} biases:\n{format_matrix(layer.bias)}", file=file)


# -- The tutorial's main block -----------------------------------------------

LESSON_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "redblue.json")


def lesson(progress=None, file=None):
    """Run the tutorial's main block on redblue.json, printing Stages 1 to 3; return the network.

    ``progress`` goes to ``train``, as ``train`` calls it: the command line's
    progress lines come from there (``ProgressLines``); the tutorial printed none.
    """
    seed(1)                                  # np.random.seed(1)
    layer1 = Layer(2, 4)                     # layer 1: 4 neurons, each with 2 inputs
    layer2 = Layer(4, 1)                     # layer 2: a single neuron with 4 inputs
    neural_network = NeuralNetwork(layer1, layer2)
    print("Stage 1) Random starting synaptic weights:", file=file)
    neural_network.print_weights(file)
    data = _read_lesson_data()
    training_set_inputs = data["inputs"]                                     # (15 x 2)
    training_set_outputs = transpose([data["labels"]])                       # (15 x 1)
    neural_network.train(training_set_inputs, training_set_outputs, 100000, progress=progress)
    print("Stage 2) New synaptic weights after training:", file=file)
    neural_network.print_weights(file)
    new_situation = data["new_situation"]                                    # [2, -3]
    hidden_state, output = neural_network.forward_propagate(new_situation)
    print(f"Stage 3) Considering a new situation {new_situation}", file=file)
    print(format_matrix(output), file=file)
    blue, red = data["label_names"]
    print(f"The network says {red if output[0] >= 0.5 else blue} (0 = {blue}, 1 = {red}).",
          file=file)
    return neural_network


def _read_lesson_data():
    """Return the lesson's data file as a dict, or raise TinynetError naming the file."""
    try:
        with open(LESSON_DATA, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        raise TinynetError(f"{LESSON_DATA}: cannot read the lesson's data: {error}") from None


# -- What the lesson leans on: batches, errors, printing, checks ---------------


def _mini_batches(inputs, outputs, size, rng):
    """Return (inputs, outputs) in batches of ``size`` rows, in an order shuffled by ``rng``."""
    order = list(range(len(inputs)))
    rng.shuffle(order)
    return [([inputs[i] for i in order[start:start + size]],
             [outputs[i] for i in order[start:start + size]])
            for start in range(0, len(order), size)]


def _mean_square(errors):
    """Return the mean of the squares of a matrix's entries: the mean squared error."""
    return sum(value * value for row in errors for value in row) / (len(errors) * len(errors[0]))


def format_matrix(matrix, digits=8):
    """Return a matrix or vector as NumPy prints it, with ``digits`` after the point.

    >>> print(format_matrix([[1, -2.5], [3, 4]], digits=2), format_matrix([0.9994], 3))
    [[ 1.00 -2.50]
     [ 3.00  4.00]] [0.999]
    """
    rows = matrix if isinstance(matrix[0], list) else [matrix]
    texts = [[f"{value:.{digits}f}" for value in row] for row in rows]
    width = max(len(text) for row in texts for text in row)
    lines = ["[" + " ".join(text.rjust(width) for text in row) + "]" for row in texts]
    return "[" + "\n ".join(lines) + "]" if rows is matrix else lines[0]


# -- Checking what comes in, once, at the boundary ---------------------------


def _check_training_set(network, inputs, outputs):
    """Return inputs and outputs as float rows, or raise TinynetError naming the bad one."""
    inputs = _check_matrix("training_set_inputs", inputs, network.input_size)
    outputs = _check_matrix("training_set_outputs", outputs, network.output_size)
    if len(inputs) != len(outputs):
        raise TinynetError(f"training_set_inputs has {len(inputs)} rows "
                           f"but training_set_outputs has {len(outputs)}")
    return inputs, outputs


def _check_finite(network, error, iteration, learning_rate):
    """Raise TinynetError if the error or a weight is inf or NaN: training diverged."""
    if not all(map(math.isfinite, [error] + [w for layer in network.layers for row in
               layer.synaptic_weights + [layer.bias or []] for w in row])):
        raise TinynetError(f"training diverged by iteration {iteration}: the weights became "
                           f"inf or NaN; try a smaller learning rate than {learning_rate!r}")


MAX_NUMBERS = 50_000_000  # the most numbers one matrix may hold: about 2 GB as lists


def _check_matrix(name, rows, width=None):
    """Return ``rows`` as new lists of ``width`` floats (a flat list: one column), or raise."""
    if not isinstance(rows, (list, tuple)) or not rows:
        raise TinynetError(f"{name} must be a non-empty list of rows, got {_short(rows)}")
    if not isinstance(rows[0], (list, tuple)):
        rows = [[value] for value in rows]
    width = len(rows[0]) if width is None else width
    _check_size(name, len(rows) * width)
    checked = []
    for number, row in enumerate(rows, 1):
        if isinstance(row, (list, tuple)) and not row:
            raise TinynetError(f"{name} row {number} is empty")
        if not isinstance(row, (list, tuple)) or len(row) != width:
            raise TinynetError(f"{name} row {number}: expected {width} numbers, got {_short(row)}")
        checked.append([_finite_number(f"{name} row {number}: each value", value) for value in row])
    return checked


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _finite_number(name, value):
    """Return a finite number as a float, or raise TinynetError (huge integers too)."""
    try:
        if _is_number(value) and math.isfinite(value):
            return float(value)
    except OverflowError:  # an integer past the largest float
        pass
    raise TinynetError(f"{name} must be a finite number, got {_short(value)}")


def _positive_int(name, value):
    """Return ``value`` if it is a positive integer, else raise TinynetError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TinynetError(f"{name} must be a positive integer, got {_short(value)}")
    return value


def _check_size(what, numbers, limit=MAX_NUMBERS):
    """Raise TinynetError if ``what`` would hold more than ``limit`` numbers."""
    if numbers > limit:
        raise TinynetError(f"{what} would hold {numbers:,} numbers, about {numbers * 32 / 1e9:,.1f}"
                           f" GB; the most tinynet allows is {limit:,}")


def _shape(matrix):
    """Describe a matrix's shape for an error message: '(15 x 2)'."""
    if not isinstance(matrix, list) or not matrix or not isinstance(matrix[0], list):
        return f"({len(matrix)},)" if isinstance(matrix, list) else type(matrix).__name__
    return f"({len(matrix)} x {len(matrix[0])})"


def _short(value, limit=60):
    """Return repr(value) cut to ``limit`` characters, for an error message."""
    try:
        text = repr(value)
    except ValueError:  # an integer with more digits than Python will print
        text = f"<an integer of {value.bit_length()} bits>"
    return text if len(text) <= limit else text[:limit - 4] + " ..."


# ==========================================================================
# Part 2. Looking inside: one iteration with its numbers, and a gradient check
# ==========================================================================

import textwrap


def explain(network, training_set_inputs, training_set_outputs, learning_rate=1.0, rows=4,
            file=None, mean=False, loss="squared"):
    """Train the network for one iteration; return (and write to ``file``) every step of it.

    The steps are those of ``NeuralNetwork.iteration``, the iteration ``train``
    repeats, with the matrices it computed: the forward pass layer by layer,
    the last layer's error (its outputs beside their targets) and delta, the
    error sent back to each earlier layer and its delta, every adjustment,
    and the weights before and after.  Each matrix shows its shape and its
    first ``rows`` rows (``rows="all"``: every row), in lines of at most 100
    characters.  ``mean`` and ``loss`` are ``iteration``'s departures for real
    data.  Raises TinynetError as ``train`` does for bad data.

    >>> network = NeuralNetwork(Layer.from_weights([[0.0], [0.0]]))
    >>> text = explain(network, [[1, 2]], [1])
    >>> print(text[text.index("Step 3."):text.index("Step 4.")].strip())
    Step 3. The error of layer 1: how far each output is from its target.
      layer1_error = training_set_outputs - output_from_layer_1
      output_from_layer_1 (1 x 1)   training_set_outputs (1 x 1)   layer1_error (1 x 1)
        [[0.50000000]]                [[1.00000000]]                 [[0.50000000]]
    >>> network.layer1.synaptic_weights
    [[0.125], [0.25]]
    """
    inputs, outputs = _check_training_set(network, training_set_inputs, training_set_outputs)
    if rows != "all":
        _positive_int("rows", rows)
    rows = len(inputs) if rows == "all" else rows
    learning_rate = _finite_number("learning_rate", learning_rate)
    before = copy.deepcopy(network)
    step = network.iteration(inputs, outputs, learning_rate, mean, loss)
    count = len(network.layers)
    lines = [f"One training iteration of {network!r}, step by step, learning rate "
             f"{learning_rate!r}{', the mean over the rows' * mean}"
             f"{', log loss' * (loss == 'log')}.",
             "Shapes are (rows x columns); each row is one sample.",
             *_step(1, "The inputs, one row per sample.", None,
                    [("training_set_inputs", inputs)], rows)]
    layer_inputs = [inputs] + step.outputs[:-1]
    for number, layer in enumerate(before.layers, 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        bias = f" + layer{number}.bias" if layer.bias is not None else ""
        sums = dot(layer_inputs[number - 1], layer.synaptic_weights)
        lines += _step(number + 1, f"Layer {number} forward: each neuron adds up its inputs times "
                       f"its weights{' and its bias' * bool(bias)}; the sigmoid squashes the sum "
                       "into 0..1.",
                       f"output_from_layer_{number} = sigmoid(dot({source}, "
                       f"layer{number}.synaptic_weights){bias})",
                       [("weighted sums", add(sums, layer.bias) if bias else sums),
                        (f"output_from_layer_{number}", step.outputs[number - 1])], rows)
    lines += _step(count + 2, f"The error of layer {count}: how far each output is from its "
                   "target.",
                   f"layer{count}_error = training_set_outputs - output_from_layer_{count}",
                   [(f"output_from_layer_{count}", step.outputs[-1]),
                    ("training_set_outputs", outputs), (f"layer{count}_error", step.errors[-1])],
                   rows)
    for number in range(count, 0, -1):
        step_number = 2 * (count - number) + count + 3
        if number < count:
            lines += _step(step_number - 1, f"The error sent back to layer {number}: each neuron's "
                           f"share of layer {number + 1}'s delta, through the weights between "
                           "them.",
                           f"layer{number}_error = dot(layer{number + 1}_delta, "
                           f"transpose(layer{number + 1}.synaptic_weights))",
                           [(f"layer{number}_error", step.errors[number - 1])], rows)
        if loss == "log" and number == count:
            sentence, formula = ("the error itself: on the log loss the sigmoid's slope cancels.",
                                 f"layer{number}_delta = layer{number}_error")
        else:
            sentence, formula = ("its error times the sigmoid's slope, which comes from the "
                                 "output o: o * (1 - o).", f"layer{number}_delta = layer{number}"
                                 f"_error * sigmoid_derivative(output_from_layer_{number})")
        lines += _step(step_number, f"The delta of layer {number}: {sentence}", formula,
                       [(f"layer{number}_delta", step.deltas[number - 1])], rows)
    lines += _explain_adjustments(before, step, 3 * count + 2, rows, mean)
    lines += _step(3 * count + 3, "The new weights: old weights plus adjustment.", None, [
        pair for old, new, number in zip(before.layers, network.layers, range(1, count + 1))
        for pair in [(f"layer{number}.synaptic_weights before", old.synaptic_weights),
                     (f"layer{number}.synaptic_weights after", new.synaptic_weights)]
        + ([(f"layer{number}.bias before", old.bias), (f"layer{number}.bias after", new.bias)]
           if old.bias is not None else [])], rows, beside=False)
    text = "\n".join(wrapped for line in lines for wrapped in textwrap.wrap(
        line, _EXPLAIN_WIDTH, subsequent_indent="  ") or [""]) + "\n"
    if file is not None:
        file.write(text)
    return text


def _explain_adjustments(before, step, step_number, rows, mean):
    """Return explain's lines for every layer's adjustment (and bias adjustment)."""
    rate = "learning_rate / rows" if mean else "learning_rate"
    times = "the learning rate over the number of rows" if mean else "the learning rate"
    lines = _step(step_number, "The adjustments: for each weight, the input it carries times the "
                  f"delta of the neuron it feeds, summed over the samples, times {times}.",
                  None, [], rows)
    for number, layer in enumerate(before.layers, 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        lines += [f"  layer{number}_adjustment = {rate} * dot(transpose({source}), "
                  f"layer{number}_delta)",
                  *_show_beside([(f"layer{number}_adjustment", step.adjustments[number - 1])],
                                rows)]
        if layer.bias is not None:
            lines += [f"  layer{number}_bias_adjustment = {rate} * (each column of "
                      f"layer{number}_delta, added up)",
                      *_show_beside([(f"layer{number}_bias_adjustment",
                                      step.bias_adjustments[number - 1])], rows)]
    return lines


def _step(number, sentence, formula, matrices, rows, beside=True):
    """Return explain's lines for one step: its sentence, formula and named matrices."""
    lines = ["", f"Step {number}. {sentence}"] + ([f"  {formula}"] if formula else [])
    if beside:
        return lines + _show_beside(matrices, rows)
    return lines + [line for pair in matrices for line in _show_beside([pair], rows)]


_EXPLAIN_WIDTH = 100  # explain's lines are at most this long


def _show_beside(matrices, rows):
    """Return named matrices as lines, side by side, each cut to ``rows`` rows.

    A matrix too wide for one line shows its first columns and ``...``; the
    ones that do not fit beside the others go on the lines below.
    """
    blocks = [_show(name, matrix, rows) for name, matrix in matrices]
    lines, group = [], []
    for block in blocks + [None]:
        width = sum(max(map(len, b)) + 3 for b in group)
        if block is None or (group and width + max(map(len, block)) > _EXPLAIN_WIDTH - 2):
            height = max((len(b) for b in group), default=0)
            for index in range(height):
                line = "   ".join((b[index] if index < len(b) else "").ljust(max(map(len, b)))
                                  for b in group)
                lines.append(("  " + line).rstrip())
            group = []
        if block is not None:
            group.append(block)
    return lines


def _show(name, matrix, rows):
    """Return a named matrix as lines: its name and shape, then its first ``rows`` rows."""
    vector = not isinstance(matrix[0], list)
    shown = matrix if vector else matrix[:rows]
    width = len(matrix) if vector else len(matrix[0])

    def first(columns):  # the shown rows, cut to their first columns, as text lines
        return format_matrix(shown[:columns] if vector else [row[:columns] for row in shown]
                             ).splitlines()

    columns = width
    while columns > 1 and max(map(len, first(columns))) > _EXPLAIN_WIDTH - 12:
        columns -= 1
    text = first(columns)
    if columns < width:  # the columns that did not fit: ...
        text = [line.replace("]", " ...]", 1) for line in text]
    if not vector and len(matrix) > rows:
        text[-1] = text[-1][:-1]
        text.append(f" ... {len(matrix) - rows} more rows]")
    return [f"{name} {_shape(matrix)}"] + ["  " + line for line in text]


GradientCheckRow = namedtuple("GradientCheckRow", "weight backprop numerical difference")
GradientCheckRow.__doc__ = """One weight of a gradient check: its name, the negative gradient
backpropagation found (the adjustment at learning rate 1), the same estimated
by finite differences, and their relative difference |backprop - numerical| /
max(|backprop|, |numerical|, 1e-3); the floor keeps the estimate's rounding
noise (about 1e-10) in a tiny gradient from counting as a disagreement."""

GRADIENT_TOLERANCE = 1e-5  # the largest relative difference gradient_check lets pass


_LOSSES = {"squared": "1/2 * sum((target - output)**2)",
           "log": "-sum(target * log(output) + (1 - target) * log(1 - output))"}


def _loss(network, inputs, outputs, mean, loss):
    """Return the loss whose gradient ``iteration`` follows (see _LOSSES), over the rows."""
    output = network._forward(inputs)[-1]
    if loss == "log":
        total = -sum(math.log(o if t else 1 - o) if t in (0.0, 1.0) else
                     t * math.log(o) + (1 - t) * math.log(1 - o)
                     for t_row, o_row in zip(outputs, output) for t, o in zip(t_row, o_row))
    else:
        total = 0.5 * sum(value * value for row in subtract(outputs, output) for value in row)
    return total / len(inputs) if mean else total


def gradient_check(network, training_set_inputs, training_set_outputs, max_weights=20,
                   step=1e-5, mean=False, loss="squared"):
    """Compare one ``iteration``'s adjustments with finite differences; return the rows.

    For each weight w (all of them, or ``max_weights`` chosen with a fixed
    seed when there are more) the estimate of the negative gradient is
    ``-(loss(w + step) - loss(w - step)) / (2 * step)`` with ``loss = 1/2 *
    sum((target - output)**2)`` (``loss="log"``: the log loss; ``mean``: over
    the rows); backpropagation's is the adjustment ``iteration`` makes at
    learning rate 1.  If backpropagation is right they
    agree to about 1e-9; above ``GRADIENT_TOLERANCE`` means a bug.  The
    network is left unchanged.  Raises TinynetError for bad data or arguments.

    >>> network = NeuralNetwork(Layer.from_weights([[0.5], [-0.5]]))
    >>> rows = gradient_check(network, [[1, 2]], [1])
    >>> [row.weight for row in rows], max(row.difference for row in rows) < GRADIENT_TOLERANCE
    (['layer1.synaptic_weights[0][0]', 'layer1.synaptic_weights[1][0]'], True)
    """
    inputs, outputs = _check_training_set(network, training_set_inputs, training_set_outputs)
    _positive_int("max_weights", max_weights)
    step = _finite_number("step", step)
    if not 0 < step < 1:
        raise TinynetError(f"step must be between 0 and 1, got {step!r}")
    if loss not in _LOSSES:
        raise TinynetError(f"loss must be 'squared' or 'log', got {_short(loss)}")
    probe = copy.deepcopy(network)
    # Each place is (name, layer number, matrix name, i, j): the weight is
    # getattr(layer, matrix name)[i][j] (a bias is row 0 of a matrix of one row).
    places = [(f"layer{number}.synaptic_weights[{i}][{j}]", number, i, j)
              for number, layer in enumerate(probe.layers, 1)
              for i in range(layer.number_of_inputs_per_neuron)
              for j in range(layer.number_of_neurons)]
    places += [(f"layer{number}.bias[{j}]", number, None, j)
               for number, layer in enumerate(probe.layers, 1) if layer.bias is not None
               for j in range(layer.number_of_neurons)]
    if len(places) > max_weights:
        places = [places[index] for index in
                  sorted(random.Random(0).sample(range(len(places)), max_weights))]
    numerical = []
    for _, number, i, j in places:
        layer = probe.layers[number - 1]
        row = layer.bias if i is None else layer.synaptic_weights[i]
        kept = row[j]
        row[j] = kept + step
        above = _loss(probe, inputs, outputs, mean, loss)
        row[j] = kept - step
        below = _loss(probe, inputs, outputs, mean, loss)
        row[j] = kept
        numerical.append(-(above - below) / (2 * step))
    iteration = probe.iteration(inputs, outputs, 1.0, mean, loss)
    rows = []
    for (name, number, i, j), estimate in zip(places, numerical):
        update = (iteration.bias_adjustments[number - 1][j] if i is None
                  else iteration.adjustments[number - 1][i][j])
        difference = abs(update - estimate) / max(abs(update), abs(estimate), 1e-3)
        rows.append(GradientCheckRow(name, update, estimate, difference))
    return rows


def format_gradient_check(rows, tolerance=GRADIENT_TOLERANCE, loss="squared"):
    """Return a gradient check's rows as a table between a sentence and a verdict.

    >>> print(format_gradient_check([GradientCheckRow("w", 0.5, 0.5, 0.0)]))
    Checks backpropagation: each weight's adjustment at learning rate 1 (the negative gradient of
    the loss 1/2 * sum((target - output)**2)) against the same slope measured by finite differences.
    weight  -gradient (backprop)  -gradient (numerical)  relative difference
    w                 0.50000000             0.50000000  0.0e+00
    All 1 weights agree: the largest relative difference is 0.0e+00 (tolerance 1.0e-05).
    """
    if not rows:
        raise TinynetError("format_gradient_check needs at least one row")
    width = max(len("weight"), *(len(row.weight) for row in rows))
    lines = ["Checks backpropagation: each weight's adjustment at learning rate 1 (the negative "
             "gradient of",
             f"the loss {_LOSSES[loss]}) against the same slope measured by finite differences.",
             f"{'weight':<{width}}  -gradient (backprop)  -gradient (numerical)  "
             "relative difference"]
    for row in rows:
        flag = "  <-- too far apart" if not row.difference <= tolerance else ""
        lines.append(f"{row.weight:<{width}}  {row.backprop:20.8f}  {row.numerical:21.8f}  "
                     f"{row.difference:.1e}{flag}")
    largest = max(row.difference for row in rows)
    if largest <= tolerance:
        lines.append(f"All {len(rows)} weights agree: the largest relative difference is "
                     f"{largest:.1e} (tolerance {tolerance:.1e}).")
    else:
        bad = sum(not row.difference <= tolerance for row in rows)
        lines.append(f"FAILED: {bad} of {len(rows)} weights disagree; the largest relative "
                     f"difference is {largest:.1e} (tolerance {tolerance:.1e}).")
    return "\n".join(lines)


# ==========================================================================
# Part 3. Data and models: your own data, classes, scaling, saved models
# ==========================================================================

import contextlib
import csv
import io
import itertools
import signal
import stat
import tempfile

MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest data or model file tinynet reads: 64 MiB


class Dataset:
    """Rows of inputs, each with a label: a table as a programmer holds it, checked once.

    ``inputs`` is a list of rows (a flat list: one input), a NumPy array or a
    pandas DataFrame.  A value is a number, True/False (read as 1/0) or a
    text; a column of texts is an input of categories, which ``Classifier``
    one-hot encodes.  ``labels`` (a list, array or Series) holds one label
    per row, a number, a name or True/False, kept as given: 1 stays 1.
    ``classes`` are the classes in output order (by default numbers in
    numeric order, names alphabetically).  With ``multilabel`` each label is
    a row of 0s and 1s, one per class, and ``classes`` must name them.
    ``missing="drop"`` leaves out the rows with a missing value (None, NaN
    or a blank text); otherwise they are an error that counts them by column.
    ``columns`` names the inputs (a DataFrame's column names by default),
    ``new_situation`` is an optional point to classify, ``source`` the file.

    >>> Dataset([[0, 0], [1, 1], [2, 2]], ["cat", "dog", "cat"])
    Dataset(3 rows, 2 inputs, classes ['cat', 'dog'])
    >>> Dataset([[0.5, "red"], [1.5, "blue"], [2.5, "red"]], [10, 2, 10]).classes
    [2, 10]

    Raises TinynetError, naming the argument, the row and the column, for a
    table that is empty, ragged or too big; a value that is not a number,
    True/False or a text; a column that mixes numbers and texts; missing
    values; labels that are not one per row, mix numbers and names, or fall
    outside ``classes``; and fewer than two classes.
    """

    def __init__(self, inputs, labels, classes=None, new_situation=None, source=None,
                 multilabel=False, *, columns=None, missing=None):
        rows, names, _ = _table("inputs", inputs)
        given, labels = labels, _sequence(labels)
        if labels is None or len(labels) != len(rows):
            raise TinynetError(f"labels must be a list of {len(rows)} labels, one per row, "
                               f"got {_short(given)}")
        self._build(rows, names if columns is None else columns, labels, classes, multilabel,
                    missing)
        self.label_name = _column_name(getattr(given, "name", None))  # a pandas Series' name
        self.new_situation, self.source = new_situation, source

    def _build(self, rows, columns, labels, classes, multilabel, missing, lines=None):
        """Check and keep rows of plain values and their labels; ``lines`` numbers a file's."""
        if not isinstance(multilabel, bool):
            raise TinynetError(f"multilabel must be True or False, got {_short(multilabel)}")
        if missing not in (None, "drop"):
            raise TinynetError(f"missing must be None or 'drop', got {_short(missing)}")
        if classes is not None:
            given, classes = classes, _sequence(classes)
            if classes is None:
                raise TinynetError(f"classes must be a list of the class labels, got "
                                   f"{_short(given)}")
            classes = [_plain(name) for name in classes]
        self.columns = _column_names(columns, len(rows[0]))
        place, numbers = ("line", lines) if lines else ("row", range(1, len(rows) + 1))
        if multilabel:
            if classes is None:
                raise TinynetError("multilabel data needs classes: a name for each output")
            labels = _check_matrix("labels", [_sequence(row) or row for row in labels],
                                   len(classes))
        else:
            labels = [_label(label, place, number) for label, number in zip(labels, numbers)]
        rows, labels, numbers, self.dropped = _without_missing(
            rows, labels, self.columns, missing, place, numbers)
        _check_columns(rows, self.columns, place, numbers)
        self.inputs, self.labels, self.multilabel = rows, labels, multilabel
        self.classes = _classes_of(labels, place, numbers) if classes is None else classes
        if len(self.classes) < 2 or len(set(self.classes)) != len(self.classes):
            raise TinynetError(f"the data needs two or more different classes, "
                               f"got {self.classes!r}")
        if not multilabel:
            known = set(self.classes)
            for label, number in zip(labels, numbers):
                if label not in known:
                    raise TinynetError(f"{place} {number}: label {label!r} is not one of the "
                                       f"classes {_short(self.classes)}")
        self.class_names = [_label_text(name) for name in self.classes]
        self.label_name, self.notes, self.warnings = None, [], []

    input_size = property(lambda self: len(self.inputs[0]))

    def targets(self):
        """Return the network's target rows: [[0]] or [[1]] for two classes, else one-hot."""
        if self.multilabel:
            return self.labels
        if len(self.classes) == 2:
            return [[float(label == self.classes[1])] for label in self.labels]
        return [[float(label == name) for name in self.classes] for label in self.labels]

    def __repr__(self):
        kind = f"{len(self.classes)} outputs" if self.multilabel else f"classes {self.classes!r}"
        return f"Dataset({len(self.inputs)} rows, {self.input_size} inputs, {kind})"

    def _part(self, numbers):
        """Return a Dataset of the rows ``numbers`` (from 0), with all that describes them."""
        part = Dataset.__new__(Dataset)
        part.__dict__.update(self.__dict__)
        part.inputs = [self.inputs[n] for n in numbers]
        part.labels = [self.labels[n] for n in numbers]
        return part


# -- Tables as a programmer holds them: lists, NumPy arrays, pandas DataFrames ---
# tinynet imports neither NumPy nor pandas: it asks for what they answer.
# ``.tolist()`` gives an array's or a Series' values as lists, ``.to_numpy()``
# and ``.columns`` a DataFrame's, and ``.item()`` a NumPy number's Python value.

_PLAIN_TYPES = (bool, int, float, str, type(None))


def _plain(value):
    """Return a NumPy scalar as the Python value it holds; any other value as it is.

    >>> _plain(3), _plain("a"), _plain([1])
    (3, 'a', [1])
    """
    if type(value) in _PLAIN_TYPES or not hasattr(value, "dtype"):
        return value
    try:
        return value.item()  # numpy.float64(2.5) -> 2.5, numpy.bool_(True) -> True
    except (AttributeError, TypeError, ValueError):  # not a scalar
        return value


def _is_frame(value):
    """Tell whether a value is a table with named columns, as a pandas DataFrame is."""
    return hasattr(value, "columns") and hasattr(value, "to_numpy")


def _sequence(value):
    """Return a list of the items of a list, tuple, range, NumPy array or pandas Series, or None."""
    if isinstance(value, list):
        return value
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()  # a NumPy array or a pandas Series: plain Python values
        return value if isinstance(value, list) else None
    if isinstance(value, (tuple, range)):
        return list(value)
    return None


def _table(name, value, one_row=False):
    """Return (rows, column names or None, flat) for rows of inputs given in any of their forms.

    ``value`` is a list or tuple of rows, a NumPy array or a pandas
    DataFrame (whose column names come too).  A flat list is one column,
    or with ``one_row`` one row; ``flat`` says it was one.  The rows are new
    lists of plain values, True/False as 1.0/0.0.  Raises TinynetError
    unless it is a non-empty table of rows of one length, within MAX_NUMBERS.
    """
    names = [_column_name(column) for column in value.columns] if _is_frame(value) else None
    shape = getattr(value, "shape", None)
    if isinstance(shape, tuple) and len(shape) == 2:  # before a copy is made
        _check_size(name, shape[0] * shape[1])
    rows = _sequence(value.to_numpy() if names is not None else value)
    if not rows:
        raise TinynetError(f"{name} must be a non-empty list of rows, got {_short(value)}")
    flat = _sequence(rows[0]) is None
    if flat:
        rows = [rows] if one_row else [[item] for item in rows]
    width = len(_sequence(rows[0]))
    _check_size(name, len(rows) * width)
    table = []
    for number, row in enumerate(rows, 1):
        values = _sequence(row)
        if values is not None and not values:
            raise TinynetError(f"{name} row {number} is empty")
        if values is None or len(values) != width:
            raise TinynetError(f"{name} row {number}: expected {width} values, got {_short(row)}")
        table.append([_input(value) for value in values])
    return table, names, flat


def _input(value):
    """Return an input value as plain Python: a number as a float, True and False as 1.0, 0.0."""
    value = _plain(value)
    if isinstance(value, int):
        try:
            return float(value)
        except OverflowError:  # an integer past the largest float: refused with its row
            pass
    return value


def _is_missing(value):
    """Tell whether an input or label is missing: None, NaN, a blank text, pandas' NA or NaT."""
    if type(value) is float:  # the common case, first
        return value != value
    return (value is None or (isinstance(value, float) and value != value)
            or (isinstance(value, str) and not value.strip())
            or type(value).__name__ in ("NAType", "NaTType"))


def _column_name(name):
    """Return a column's name as text (pandas may name columns 0, 1, ...), or None."""
    name = _plain(name)
    return None if name is None else name if isinstance(name, str) else _printable(_short(name))


def _column_names(columns, width):
    """Return the inputs' names as a list of ``width`` texts, or None; raise if they do not fit."""
    if columns is None:
        return None
    names = _sequence(columns)
    if names is None or len(names) != width:
        raise TinynetError(f"columns must be a list of {width} names, one per input, "
                           f"got {_short(columns)}")
    return [_column_name(name) or "" for name in names]


def _column_text(index, names):
    """Name an input column in a message: "column 'age'", or "column 3" without names."""
    return f"column {names[index]!r}" if names and names[index] else f"column {index + 1}"


def _label(label, place, number):
    """Return a label as a plain value (None if missing), or raise TinynetError naming its row."""
    label = _plain(label)
    if _is_missing(label):
        return None
    if isinstance(label, (bool, str)):
        return label
    if isinstance(label, (int, float)):
        try:
            if math.isfinite(label):
                return label
        except OverflowError:  # an integer past the largest float
            pass
        raise TinynetError(f"{place} {number}: a label must be a finite number, "
                           f"got {_short(label)}")
    raise TinynetError(f"{place} {number}: a label must be a number, a name or True/False, "
                       f"got {_short(label)}")


def _without_missing(rows, labels, names, missing, place, numbers):
    """Return rows, labels and their numbers without the rows missing a value, and how many.

    Unless ``missing`` is 'drop', missing values are an error that counts
    them by column.
    """
    counts, first, keep = {}, None, []
    for index, (row, label, number) in enumerate(zip(rows, labels, numbers)):
        if label is not None and not any(map(_is_missing, row)):
            keep.append(index)
            continue
        gaps = [_column_text(column, names) for column, value in enumerate(row)
                if _is_missing(value)] + ["the label"] * (label is None)
        for gap in gaps:
            counts[gap] = counts.get(gap, 0) + 1
        first = number if first is None else first
    if not counts:
        return rows, labels, numbers, 0
    if missing != "drop":
        total = sum(counts.values())
        by_column = ", ".join(f"{gap} ({count})" for gap, count in list(counts.items())[:4])
        raise TinynetError(f"{total} missing value{'s' * (total != 1)} (first at {place} {first}), "
                           f"by column: {by_column}{', ...' * (len(counts) > 4)}; "
                           "missing='drop' (--missing drop) leaves out their rows")
    if not keep:
        raise TinynetError(f"every {place} has a missing value: none is left to use")
    numbers = list(numbers)
    return ([rows[i] for i in keep], [labels[i] for i in keep], [numbers[i] for i in keep],
            len(rows) - len(keep))


def _check_columns(rows, names, place, numbers):
    """Raise TinynetError for a value neither a finite number nor a text, or a column of both.

    Each column's kind is its first row's.
    """
    first = [_kind(value, place, numbers[0], column, names) for column, value in enumerate(rows[0])]
    for row, number in zip(rows, numbers):
        for column, value in enumerate(row):
            if _kind(value, place, number, column, names) != first[column]:
                pair = [(rows[0][column], numbers[0]), (value, number)]  # first row's, this one's
                (count, count_at), (text, text_at) = pair if first[column] else pair[::-1]
                raise TinynetError(
                    f"{place} {text_at}: {_column_text(column, names)}: {text!r} is not a finite "
                    f"number, but {place} {count_at} holds the number {count!r}")


def _kind(value, place, number, column, names):
    """Return True for a finite number, False for a text; raise TinynetError for anything else."""
    if type(value) is float and value - value == 0:  # the common case, first
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            if math.isfinite(value):
                return True
        except OverflowError:  # an integer past the largest float
            pass
    raise TinynetError(f"{place} {number}: {_column_text(column, names)}: {_short(value)} is "
                       "not a finite number or a text")


def _classes_of(labels, place="row", numbers=None):
    """Return the classes the labels name, in order: numbers numerically, names alphabetically.

    Equal numbers are one class (1 and 1.0), kept as first given; the order
    does not depend on hashing.  Raises TinynetError for labels that mix
    numbers, names and True/False.

    >>> _classes_of([10, 9, 10.0, 1000001, 1000002]), _classes_of(["b", "a", "b"])
    ([9, 10, 1000001, 1000002], ['a', 'b'])
    """
    kinds = {}
    for label, number in zip(labels, numbers or range(1, len(labels) + 1)):
        kind = "a name" if isinstance(label, str) else "True/False" if isinstance(
            label, bool) else "a number"
        kinds.setdefault(kind, (number, label))
    if len(kinds) > 1:
        (one, (row, label)), (other, (row2, label2)) = list(kinds.items())[:2]
        raise TinynetError(f"the labels mix kinds: {place} {row} is {one} ({label!r}), {place} "
                           f"{row2} is {other} ({label2!r}); give every label as one kind")
    return sorted(set(labels))


def _label_text(label):
    """Return how a class prints: a name as it is, a number as Python writes it.

    >>> [_label_text(label) for label in ("setosa", 1, 2.5, 1000001, True)]
    ['setosa', '1', '2.5', '1000001', 'True']
    """
    return label if isinstance(label, str) else str(label)


def load_dataset(path, label=None, header=None, missing=None):
    """Read a dataset from a JSON file, or a CSV file if its name ends in .csv.

    JSON: an object with ``inputs`` (rows of numbers) and ``labels`` (one
    label per row: a number or a name; or, for several independent outputs,
    a row of 0s and 1s), optionally ``label_names`` (names for the labels 0,
    1, ...) and ``new_situation`` (a point to classify).

    CSV: one row per point; its separator is a comma, a semicolon or a tab,
    whichever splits the first line into most parts.  ``label`` is the label
    column, by its name in the header or its number from 1 (default: the
    last).  ``header`` True or False says whether the first row names the
    columns; by default it does when it holds a text above a column of
    numbers, or, where every column holds texts, when none of its texts
    comes again below it.  An input is a number, True/False (1/0) or a
    text; a column of texts is an input of categories.  A blank field, NA,
    N/A, NaN, null, None or ? is missing: an error that counts the missing
    values by column, unless ``missing="drop"`` leaves out their rows.  A
    label column of numbers gives number classes, each printed as it was
    first written; of True/False, True and False; else names.  ``notes``
    says how the file was read and ``warnings`` what looks wrong in it.

    >>> data = load_dataset(LESSON_DATA)
    >>> data, data.labels[:2], data.new_situation
    (Dataset(15 rows, 2 inputs, classes ['blue', 'red']), ['blue', 'blue'], [2.0, -3.0])

    Raises TinynetError, naming the file and the row (from 1; a CSV file's
    line), for a file that cannot be read or is over MAX_FILE_BYTES, bad
    JSON or CSV, a missing key, a row of the wrong length, a value that is
    not what it must be (in JSON, inputs are finite numbers), missing
    values, a label column that cannot be found, fewer than two classes,
    or different counts of inputs and labels.
    """
    text = _read_text(path, "data")
    if str(path).lower().endswith(".csv"):
        return _parse_csv(path, text, label, header, missing)
    if (label, header, missing) != (None, None, None):
        raise TinynetError(f"{path}: label, header and missing are for CSV files, not JSON")
    data = _parse_json(path, text, "data")
    for key in ("inputs", "labels"):
        if key not in data:
            raise TinynetError(f"{path}: missing key {key!r} "
                               "(a dataset needs 'inputs' and 'labels')")
    inputs = _check_matrix(f"{path}: inputs", data["inputs"])
    labels = data["labels"]
    if not isinstance(labels, list) or len(labels) != len(inputs):
        raise TinynetError(f"{path}: {len(inputs)} rows of inputs but "
                           f"{len(labels) if isinstance(labels, list) else _short(labels)} labels")
    names = data.get("label_names")
    multilabel = bool(labels) and isinstance(labels[0], list)
    if names is not None and (not isinstance(names, list) or len(names) < 2 or not all(
            isinstance(name, str) and name.strip() for name in names)):
        raise TinynetError(f"{path}: label_names must be a list of names, got {_short(names)}")
    where = lambda error: TinynetError(f"{path}: {error}")  # noqa: E731
    try:
        if multilabel:
            outputs = _check_matrix("labels", labels)
            bad = next(((row, value) for row, values in enumerate(outputs, 1) for value in values
                        if value not in (0.0, 1.0)), None)
            if bad:
                raise TinynetError(f"labels row {bad[0]}: each output must be 0 or 1, "
                                   f"got {bad[1]!r}")
            classes = names if names and len(names) == len(outputs[0]) else [
                f"output {number}" for number in range(1, len(outputs[0]) + 1)]
            dataset = Dataset(inputs, outputs, classes, multilabel=True)
        elif names:
            dataset = Dataset(inputs, [_named(label, names, row) for row, label in
                                       enumerate(labels, 1)], [name.strip() for name in names])
        else:
            bad = next((row for row, label in enumerate(labels, 1) if isinstance(label, bool)), 0)
            if bad:  # JSON's true and false are not labels
                raise TinynetError(f"labels row {bad}: a label must be a number or a name, "
                                   f"got {labels[bad - 1]!r}")
            dataset = Dataset(inputs, labels)
    except TinynetError as error:
        raise where(error) from None
    situation = data.get("new_situation")
    if situation is not None:
        dataset.new_situation = _check_matrix(f"{path}: new_situation", [situation],
                                              len(inputs[0]))[0]
    dataset.source = path
    return dataset


GENERATED = {  # name: (what it is, points per class, noise)
    "xor": ("four clusters, opposite corners alike", 100, 0.3),
    "circles": ("a ring around a disc", 100, 0.1),
    "moons": ("two interleaved half circles", 100, 0.1),
    "gaussians": ("two overlapping clouds", 100, 0.6),
    "spiral": ("two interleaved spiral arms, 1.25 turns each", 100, 0.03),
}


def make_dataset(name, seed=1):
    """Return one of the GENERATED data sets: two inputs, classes blue and red, seeded.

    Each class has the stated number of points; ``noise`` is the standard
    deviation of the Gaussian noise added to each coordinate (for
    ``gaussians``, the clouds' spread).

    >>> data = make_dataset("spiral")
    >>> data, data.labels.count("blue"), make_dataset("spiral").inputs == data.inputs
    (Dataset(200 rows, 2 inputs, classes ['blue', 'red']), 100, True)
    """
    if name not in GENERATED:
        raise TinynetError(f"no data set named {_short(name)}; the ones tinynet makes are "
                           f"{', '.join(GENERATED)}")
    _, count, noise = GENERATED[name]
    rng = numpy_like_random(seed)
    inputs, labels = [], []
    for label in range(2):
        for index in range(count):
            share = index / count
            if name == "xor":  # blue where x and y have one sign, red where they differ
                x = rng.choice((1.0, -1.0))
                y = x if label == 0 else -x
            elif name == "circles":
                radius, angle = (0.5, 1.0)[label], 2 * math.pi * share
                x, y = radius * math.cos(angle), radius * math.sin(angle)
            elif name == "moons":
                angle = math.pi * share
                x, y = ((math.cos(angle), math.sin(angle)) if label == 0
                        else (1 - math.cos(angle), 0.5 - math.sin(angle)))
            elif name == "gaussians":
                x = y = (-1.0, 1.0)[label]
            else:  # spiral: the radius grows with the angle; the second arm is the first turned
                angle = 1.25 * 2 * math.pi * share + math.pi * label
                x, y = share * math.sin(angle), share * math.cos(angle)
            inputs.append([x + rng.gauss(0, noise), y + rng.gauss(0, noise)])
            labels.append(("blue", "red")[label])
    return Dataset(inputs, labels, ["blue", "red"], source=name)


def _named(label, names, row):
    """Return the name label_names gives a label 0, 1, ...; raise TinynetError for others."""
    if not _is_number(label) or label not in range(len(names)):
        raise TinynetError(f"labels row {row}: with {len(names)} label_names a label must be "
                           f"0 to {len(names) - 1}, got {_short(label)}")
    return names[int(label)].strip()


def _check_path(path, what):
    """Raise TinynetError unless ``path`` is a usable file name."""
    if not isinstance(path, (str, os.PathLike)) or not str(path) or "\0" in str(path):
        raise TinynetError(f"the {what} file name must be a non-empty string without NUL, "
                           f"got {_short(path)}")


def _read_text(path, what):
    """Return the text of a file, reading at most MAX_FILE_BYTES, or raise TinynetError."""
    _check_path(path, what)
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size  # 0 for a pipe or a device: read to the limit
            content = file.read(min(size or MAX_FILE_BYTES, MAX_FILE_BYTES) + 1)
    except FileNotFoundError:
        raise TinynetError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TinynetError(f"{path}: is a folder, not a {what} file") from None
    except OSError as error:
        raise TinynetError(f"{path}: cannot read {what}: {error.strerror or error}") from None
    if len(content) > MAX_FILE_BYTES:
        raise TinynetError(f"{path}: larger than {MAX_FILE_BYTES // 2 ** 20} MiB, the most "
                           f"tinynet reads as {what}")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TinynetError(f"{path}: not UTF-8 text (byte {error.start + 1})") from None


def _parse_json(path, text, what):
    """Return the JSON object in ``text``, or raise TinynetError saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TinynetError(f"{path}: not valid JSON: {error.msg} "
                           f"(line {error.lineno}, column {error.colno})") from None
    except RecursionError:
        raise TinynetError(f"{path}: JSON nested too deeply to read") from None
    except ValueError as error:  # an integer longer than Python's digit limit
        raise TinynetError(f"{path}: not valid JSON: {_short(str(error), 100)}") from None
    if not isinstance(data, dict):
        raise TinynetError(f"{path}: expected a JSON object {{...}} of {what}, "
                           f"got {type(data).__name__}")
    return data


_MISSING_TEXTS = frozenset(["", "na", "n/a", "nan", "-nan", "null", "none", "<na>", "?"])
_TRUTH = {"true": 1.0, "false": 0.0}
_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
_SAMPLE_ROWS = 1000  # the rows below the first that show each column's kind, for the header rule


def _parse_csv(path, text, label=None, header=None, missing=None, label_hint=None):
    """Return the Dataset in CSV text (see ``load_dataset``), with notes on how it was read.

    ``label_hint`` is a label column's name to look for in a header when
    ``label`` is not given: the one a model was trained with.  The text is
    read a line at a time, each row's values kept only as numbers or texts.
    """
    if header not in (None, True, False):
        raise TinynetError(f"header must be True, False or None, got {_short(header)}")
    if label is not None and (isinstance(label, bool) or not isinstance(label, (int, str))):
        raise TinynetError(f"label must be a column's name or its number from 1, got "
                           f"{_short(label)}")
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    separator = max(_SEPARATORS, key=first_line.count)  # a tie goes to the comma
    reader = csv.reader(_lines(text), delimiter=separator)
    try:
        return _read_csv(path, reader, separator, label, header, missing, label_hint)
    except csv.Error as error:
        raise TinynetError(f"{path}: line {reader.line_num}: cannot read CSV: {error}") from None


def _read_csv(path, reader, separator, label, header, missing, label_hint):
    """Return the Dataset a csv.reader reads; the rest of ``_parse_csv``.

    Each row becomes values (numbers, texts, None) as soon as it is read,
    keeping as written only the columns that may hold the labels.
    """
    records = ((reader.line_num, fields) for fields in reader if fields)  # no blank lines
    line, first = next(records, (0, []))
    width, names = len(first), [name.strip() for name in first]
    if width < 2:
        raise TinynetError(f"{path}: no rows of data" if not first else
                           f"{path}: each row needs at least one input and a label, "
                           f"got {_short(first)}")
    if isinstance(label, str) and (header is False or label not in names):
        raise TinynetError(f"{path}: no column named {label!r} in the first row"
                           + " (header=False, --no-header)" * (header is False)
                           + "; give the label column's name or its number from 1")
    if isinstance(label, int) and not 1 <= label <= width:
        raise TinynetError(f"{path}: there is no label column {label}: the rows have "
                           f"{width} columns")
    told = header is not None or isinstance(label, str)
    index = (label - 1 if isinstance(label, int) else
             names.index(label) if isinstance(label, str) else width - 1)
    candidates = [index]  # and the model's label column, if the first row names it
    if label is None and label_hint is not None and label_hint in names:
        candidates.append(names.index(label_hint))

    def read(number, fields):  # a row's values, and the texts of the candidates for the label
        if len(fields) != width:
            raise TinynetError(f"{path}: line {number}: expected {width} values, got "
                               f"{_short(fields)}")
        return number, [_cell(field) for field in fields], [fields[i].strip() for i in candidates]

    head = read(line, first)
    sample = [read(*record) for record in itertools.islice(records, _SAMPLE_ROWS)]
    header = True if isinstance(label, str) else header if header is not None else _is_header(
        head[1], [values for _, values, _ in sample])
    where = len(candidates) - 1 if header else 0  # the model's label column, if the header has it
    index = candidates[where]
    rows, labels, lines = [], [], []
    for number, values, texts in itertools.chain([] if header else [head], sample,
                                                 itertools.starmap(read, records)):
        del values[index]
        rows.append(values)
        labels.append(texts[where])
        lines.append(number)
    if not rows:
        raise TinynetError(f"{path}: no rows of data")
    labels, spelling = _csv_labels(labels)
    data = Dataset.__new__(Dataset)
    try:
        data._build(rows, names[:index] + names[index + 1:] if header else None, labels, None,
                    False, missing, lines)
    except TinynetError as error:
        raise TinynetError(f"{path}: {error}") from None
    data.source, data.new_situation = path, None
    data.class_names = [spelling[name] for name in data.classes]
    data.label_name = names[index] if header else None
    data.notes = [f"{_SEPARATORS[separator]}-separated", _header_note(header, told),
                  f"label: column {index + 1}" + f" {names[index]!r}" * header + (
                      " (--label)" if label is not None else
                      " (the model's label column)" if index != len(first) - 1 else
                      " (the last; --label NAME|NUMBER picks another)")]
    if data.dropped:
        data.notes.append(f"left out {data.dropped} of {len(rows)} rows, which miss a value "
                          "(--missing drop)")
    data.warnings = _csv_warnings(path, data, names[0] if header and index else None)
    return data


def _header_note(header, told):
    """Say how a CSV file's first row was read, and how to read it the other way."""
    note = "first row: the column names" if header else "no header: the first row is data"
    if told:
        return note
    return note + (" (--no-header: read it as data)" if header else
                   " (--header: read it as names)")


def _lines(text):
    """Yield a text's lines, each with its end, one at a time (the text is not copied whole)."""
    mark = "\n" if "\n" in text or "\r" not in text else "\r"  # "\r" alone: old Macintosh files
    start = 0
    while start < len(text):
        end = text.find(mark, start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _cell(text):
    """Return a CSV field as a value: None if missing, a float for a number or True/False, or text.

    >>> [_cell(text) for text in ("0", " 2.5", "True", "NA", "", "Biscoe")]
    [0.0, 2.5, 1.0, None, None, 'Biscoe']
    """
    text = text.strip()
    number = _parses(text)
    if number is not None:
        return number
    lower = text.lower()
    if lower in _MISSING_TEXTS:
        return None
    return _TRUTH.get(lower, text)


def _is_header(heads, rows):
    """Tell whether a CSV file's first row names its columns, from the values of the rows below.

    It does when one of its fields is a text above a column of numbers
    (missing values aside).  Where no column holds numbers, it does when
    none of its texts comes again in its column below it.
    """
    numbers = [None] * len(heads)  # for each column: numbers only below (True), a text (False)
    for row in rows:
        for column, value in enumerate(row):
            if value is not None and numbers[column] is not False:
                numbers[column] = not isinstance(value, str)
    if any(numbers):
        return any(number and isinstance(head, str) for number, head in zip(numbers, heads))
    return all(isinstance(head, str) for head in heads) and not any(
        head == row[column] for row in rows for column, head in enumerate(heads))


def _csv_labels(texts):
    """Return a CSV label column's values, and the text each class was first written as.

    Numbers if every label is one (1 and 1.0 one class), True/False if every
    one is, else names; a missing label is None.
    """
    present = [text for text in texts if text.lower() not in _MISSING_TEXTS]
    if present and all(text.lower() in _TRUTH for text in present):
        convert = lambda text: text.lower() == "true"  # noqa: E731
    elif all(_is_float_text(text) for text in present):
        convert = _number_text
    else:
        convert = str
    values = [None if text.lower() in _MISSING_TEXTS else convert(text) for text in texts]
    spelling = {}
    for value, text in zip(values, texts):
        if value is not None:
            spelling.setdefault(value, text)
    return values, spelling


def _is_float_text(text):
    """Tell whether a text spells a number (nan and inf too)."""
    try:
        float(text)
        return True
    except ValueError:
        return False


def _number_text(text):
    """Return the number a text spells: an int for a whole number written without a point."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def _csv_warnings(path, data, name):
    """Return warnings about a CSV file's data: an index read as an input, a label of many values.

    ``name`` is the first input column's name in a header.
    """
    warnings = []
    values = [row[0] for row in data.inputs]
    count = len(values)
    if name is not None and (name == "" or name.startswith("Unnamed")):
        how = "its name is blank" if name == "" else f"its name is {name!r}"
    elif count > 2 and values in ([float(n) for n in range(count)],
                                  [float(n) for n in range(1, count + 1)]):
        how = f"{values[0]:g}, {values[1]:g}, {values[2]:g}, ... in order"
    else:
        how = None
    if how:
        warnings.append(f"{path}: {_column_text(0, data.columns)} looks like a row index ({how}), "
                        "yet it is read as an input; write the file without it (pandas: "
                        "to_csv(index=False))")
    if count >= 10 and len(data.classes) > count / 2:
        warnings.append(f"{path}: the label column holds {len(data.classes)} different values in "
                        f"{count} rows: is it the label? (--label NAME|NUMBER picks another)")
    return warnings


def _parses(text):
    """Return the finite float a text spells (not 'nan', 'inf'), or None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# -- Training on your own data: the two recipes ------------------------------
# The lesson's recipe is the tutorial's.  Your own data gets another, each
# departure for a reason that the tutorial's fifteen small points never meet.

LESSON_RECIPE = dict(hidden=[4], bias=False, scale=False, iterations=100000, learning_rate=1.0,
                     batch_size=None, mean=False, loss="squared", patience=None)
DATA_RECIPE = dict(
    hidden=[16],        # room for more than one bend in the boundary
    bias=True,          # a boundary need not pass through the origin
    scale=True,         # inputs in the hundreds would saturate every sigmoid
    iterations=2000,    # an upper bound: patience stops it sooner
    learning_rate=0.5,  # with the mean update, one rate suits any number of rows
    batch_size=32,      # many small steps per pass learn faster than one big one
    mean=True,          # the mean, not the sum, over the rows of a batch
    loss="log",         # a sure but wrong output still learns (see iteration)
    patience=20)        # stop once the error has not fallen for 20 passes


class Classifier:
    """A classifier for a table of inputs and labels, used as scikit-learn's are.

    ``Classifier(hidden=[16], seed=1, **settings)`` takes DATA_RECIPE's
    settings by name (a lone ``hidden`` size may be a number);
    ``fit(X, y)`` trains it and returns it; ``predict(X)`` gives labels,
    ``predict_proba(X)`` each class's probability in the order of
    ``classes``, and ``score(X, y)`` the share of rows predicted right.  X
    is a list of rows, a NumPy array or a pandas DataFrame; y a list, array
    or Series of labels, which come back as they were given.

    Two classes have one output (the probability of the second class); more
    have one output per class, trained on one-hot targets, and the outputs
    divided by their sum are the probabilities.  A column of texts becomes
    one input per category (1 for the row's own, else 0), its categories
    kept in ``categories``; ``means`` and ``scales`` standardise each input,
    ``(x - mean) / scale``, before the network.

    >>> model = Classifier().fit([[1, 20], [2, 10], [8, 90], [9, 80]], ["no", "no", "yes", "yes"])
    >>> model, model.predict([8.5, 85]), model.predict([[1, 15], [9, 85]])
    (Classifier(2 inputs, classes ['no', 'yes'], hidden [16]), 'yes', ['no', 'yes'])
    >>> Classifier(hidden=8, learning_rate=0.1)
    Classifier(hidden=[8], learning_rate=0.1, seed=1)
    """

    _TRAINED = ("network", "classes", "class_names", "multilabel", "means", "scales", "columns",
                "categories", "label", "report")  # what fit sets

    def __init__(self, hidden=None, *, seed=1, until_error=None, **settings):
        if hidden is not None:
            settings = dict(hidden=[hidden] if _is_number(hidden) else hidden, **settings)
        _settings(settings)  # an unknown setting is refused here, not at fit
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2 ** 32:
            raise TinynetError(f"seed must be a whole number from 0 to 4294967295, got "
                               f"{_short(seed)}")
        self.settings, self.seed, self.until_error = settings, seed, until_error
        for name in self._TRAINED:
            setattr(self, name, None)
        self.multilabel = False

    @classmethod
    def from_network(cls, network, classes, means=None, scales=None, multilabel=False):
        """Return a Classifier around a network: its classes in output order, its inputs' scaling.

        Raises TinynetError unless the network is a NeuralNetwork with one
        output for two classes, else one output per class.
        """
        if not isinstance(network, NeuralNetwork):
            raise TinynetError(f"network must be a NeuralNetwork, got {_short(network)}")
        classes = _sequence(classes)
        if classes is None or len(set(classes)) < 2 or len(set(classes)) != len(classes):
            raise TinynetError(f"classes must be two or more different names, got "
                               f"{_short(classes)}")
        outputs = len(classes) if multilabel or len(classes) > 2 else 1
        if network.output_size != outputs:
            raise TinynetError(f"{len(classes)} classes need {outputs} outputs, but the "
                               f"network has {network.output_size}")
        model = cls()
        model.network, model.classes, model.multilabel = network, list(classes), multilabel
        model.class_names = [_label_text(name) for name in classes]
        model.means, model.scales = means, scales
        return model

    @property
    def input_size(self):
        """The number of input columns the model takes (before text columns are one-hot)."""
        self._check_trained()
        return len(self.categories) if self.categories else self.network.input_size

    def __repr__(self):
        if self.network is None:
            given = [f"{name}={value!r}" for name, value in self.settings.items()]
            return f"Classifier({', '.join(given + [f'seed={self.seed!r}'])})"
        hidden = [layer.number_of_neurons for layer in self.network.layers[:-1]]
        return f"Classifier({self.input_size} inputs, classes {self.classes!r}, hidden {hidden})"

    def fit(self, X, y=None, *, classes=None, progress=None):
        """Train a new network on rows X and their labels y (or a Dataset X); return the classifier.

        ``classes`` orders the classes (by default numbers in numeric order,
        names alphabetically).  ``progress`` is called as ``train`` calls it.
        The TrainingReport is then in ``.report``.  Raises TinynetError for
        bad data, settings or arguments, or training that diverges.
        """
        if isinstance(X, Dataset):
            if y is not None or classes is not None:
                raise TinynetError("a Dataset holds its labels and classes: give no y or classes")
            data = X
        else:
            data = Dataset(X, y, classes)
        if progress is not None and not callable(progress):
            raise TinynetError(f"progress must be a function to call as training goes, or None, "
                               f"got {_short(progress)}")
        self._train(data, numpy_like_random(self.seed), progress)
        return self

    def _train(self, data, rng, progress=None):
        """Build a network for a Dataset and train it with the settings: all that fit does."""
        model = self._untrained(data, rng)
        model.learn(data, rng, progress, None, self.until_error, **self.settings)
        for name in self._TRAINED:
            setattr(self, name, getattr(model, name))

    def _untrained(self, data, rng):
        """Return a new Classifier for a Dataset: its columns' categories, weights, scaling."""
        categories = _categories(data)
        numeric = data if not any(categories) else Dataset(
            _one_hot(data.inputs, categories, data.columns), data.labels, data.classes,
            multilabel=data.multilabel)
        _check_network_size(numeric, _settings(self.settings))
        model = Classifier.untrained(numeric, rng, **self.settings)
        model.columns, model.categories, model.label = data.columns, categories, data.label_name
        model.class_names = data.class_names
        return model

    @classmethod
    def untrained(cls, data, rng=None, **recipe):
        """Return a new Classifier for a Dataset: random weights, the scaling of its inputs."""
        settings = _settings(recipe)
        hidden = settings["hidden"]
        if not isinstance(hidden, (list, tuple)):
            raise TinynetError(f"hidden must be a list of layer sizes, got {_short(hidden)}")
        outputs = len(data.classes) if data.multilabel or len(data.classes) > 2 else 1
        sizes = [data.input_size] + list(hidden) + [outputs]
        network = NeuralNetwork(*(Layer(inputs, neurons, bias=settings["bias"], rng=rng)
                                  for inputs, neurons in zip(sizes, sizes[1:])))
        means, scales = _scaling(data.inputs) if settings["scale"] else (None, None)
        return cls.from_network(network, data.classes, means, scales, data.multilabel)

    def learn(self, data, rng=None, progress=None, progress_every=None, until_error=None,
              **recipe):
        """Train the network on a Dataset with a recipe (see ``fit``); return the TrainingReport."""
        settings = _settings(recipe)
        self.report = self.network.train(
            self._scaled(data.inputs), data.targets(), settings["iterations"],
            settings["learning_rate"], until_error, progress, progress_every,
            settings["batch_size"], settings["mean"], settings["loss"], settings["patience"], rng)
        return self.report

    def predict(self, X):
        """Return the class for one row (the most probable), or a list of them for rows.

        With several independent outputs, a row's answer is the list of the
        classes whose output is 0.5 or more.
        """
        one, rows = self._rows(X)
        answers = [self._answer(self._chances(output)) for output in self._outputs(rows)]
        return answers[0] if one else answers

    def predict_proba(self, X):
        """Return each class's probability for one row, in the order of ``classes``, or a list.

        Two classes: [1 - p, p]; more: the outputs divided by their sum;
        several independent outputs: each output as it is.
        """
        one, rows = self._rows(X)
        answers = [self._chances(output) for output in self._outputs(rows)]
        return answers[0] if one else answers

    def score(self, X, y):
        """Return the share of the rows X whose class predicted is their label in y, from 0 to 1."""
        one, rows = self._rows(X)
        answers = [self._answer(self._chances(output)) for output in self._outputs(rows)]
        return accuracy(answers, [y] if one else y)

    def outputs(self, rows):
        """Return the network's outputs for rows of inputs: (rows x outputs)."""
        return self._outputs(self._rows(rows)[1])

    def _check_trained(self):
        """Raise TinynetError if the classifier has no network yet: fit makes one."""
        if self.network is None:
            raise TinynetError("the Classifier is not trained yet: call fit(X, y) first")

    def _rows(self, X):
        """Return whether X is one row, and its rows of plain values in the model's column order.

        Columns with names (a DataFrame's, or a Dataset's from a CSV header)
        are matched by name to the names the model was trained with.
        """
        self._check_trained()
        if isinstance(X, Dataset):
            return False, _matched(X.inputs, X.columns, self.columns, X.source or "the data")
        rows, names, flat = _table("inputs", X, one_row=True)
        return flat, _matched(rows, names, self.columns, "the inputs")

    def _outputs(self, rows):
        """Return the network's outputs for rows of plain values in the model's column order."""
        output = self.network._forward(self._scaled(rows))[-1]
        if any(value != value for row in output for value in row):  # NaN: inf - inf somewhere
            raise TinynetError("the inputs are too large: the network's weighted sums overflow")
        return output

    def _scaled(self, rows):
        """Return rows as the network takes them: text columns one-hot, checked, standardised."""
        if self.categories and any(self.categories):
            rows = _one_hot(rows, self.categories, self.columns)
        rows = _check_matrix("inputs", rows, self.network.input_size)
        if self.means is None:
            return rows
        return [[(x - mean) / scale for x, mean, scale in zip(row, self.means, self.scales)]
                for row in rows]

    def _chances(self, output):
        """Return one row's probabilities, from the network's outputs for it."""
        if self.multilabel:
            return output
        if len(output) == 1:
            return [1 - output[0], output[0]]
        total = sum(output)
        return [value / total if total else 1 / len(output) for value in output]

    def _answer(self, chances):
        """Return the class a row's probabilities name (the names at 0.5 or more, multilabel)."""
        if self.multilabel:
            return [name for name, p in zip(self.classes, chances) if p >= 0.5]
        return self.classes[max(range(len(chances)), key=chances.__getitem__)]

    def to_dict(self):
        """Return the model as plain JSON types (version 3): sizes, classes, columns, weights.

        ``classes`` keep their types (numbers, names, true/false) and
        ``class_names`` say how each prints; ``columns`` are the inputs' names
        (or null) and ``categories`` each text column's categories (null for
        a column of numbers); ``label`` is the label column's name (or null).
        """
        self._check_trained()
        return {"format": _MODEL_FORMAT, "version": 3, "input_size": self.network.input_size,
                "layer_sizes": [layer.number_of_neurons for layer in self.network.layers],
                "bias": self.network.layers[0].bias is not None, "classes": self.classes,
                "class_names": self.class_names, "multilabel": self.multilabel,
                "columns": self.columns, "categories": self.categories, "label": self.label,
                "scaling": None if self.means is None else {"means": self.means,
                                                            "scales": self.scales},
                "layers": [{"synaptic_weights": layer.synaptic_weights, "bias": layer.bias}
                           for layer in self.network.layers]}

    @classmethod
    def from_dict(cls, data, source="model"):
        """Return the model a dict from ``to_dict`` describes, checking every part.

        Also reads versions 1 and 2 (tinynet 1.x), whose classes are texts: a
        text that spells a number becomes that number, as they were compared.
        JSON types are checked exactly: true is not 1, a number is not a list.
        Raises TinynetError, naming ``source`` and the part, for anything
        missing, of the wrong type or shape, or not finite.
        """
        try:
            return cls._from_dict(data)
        except TinynetError as error:
            raise TinynetError(f"{source}: {error}") from None

    @classmethod
    def _from_dict(cls, data):
        if not isinstance(data, dict) or data.get("format") != _MODEL_FORMAT:
            raise TinynetError(f"not a tinynet model (no \"format\": \"{_MODEL_FORMAT}\")")
        version = data.get("version")
        if type(version) is not int or version not in (1, 2, 3):
            raise TinynetError(f"unknown model version {_short(version)}")
        entries = data.get("layers")
        if not isinstance(entries, list) or not entries:
            raise TinynetError(f"'layers' must be a non-empty list, got {_short(entries)}")
        layers = []
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("synaptic_weights"), list) \
                    or not entry["synaptic_weights"] or _is_number(entry["synaptic_weights"][0]):
                raise TinynetError(f"layer {number}: expected an object with 'synaptic_weights', "
                                   "a list of rows")
            try:
                layers.append(Layer.from_weights(entry["synaptic_weights"], entry.get("bias")))
            except TinynetError as error:
                raise TinynetError(f"layer {number}: {error}") from None
        network = NeuralNetwork(*layers)
        expected = {"input_size": network.input_size,
                    "layer_sizes": [layer.number_of_neurons for layer in layers],
                    "bias": any(layer.bias is not None for layer in layers)}
        for key, value in expected.items():
            if not _same_json(data.get(key), value):
                raise TinynetError(f"{key} is {_short(data.get(key))} "
                                   f"but the weights say {value!r}")
        if version == 1:  # tinynet 1.0: label_names for one output, no scaling
            names = data.get("label_names")
            names = ["0", "1"] if names is None else names
            if not _is_list_of(names, str) or len(names) < 2:
                raise TinynetError(f"'label_names' must be a list of names, got {_short(names)}")
            multilabel = network.output_size > 1
            names = [f"output {n}" for n in range(1, network.output_size + 1)] if multilabel \
                else [name.strip() for name in names]
            return cls._with_names(network, names, None, None, multilabel)
        classes, multilabel = data.get("classes"), data.get("multilabel", False)
        if not isinstance(multilabel, bool):
            raise TinynetError(f"'multilabel' must be true or false, got {_short(multilabel)}")
        if not isinstance(classes, list) or not all(
                _is_class(name) if version == 3 else isinstance(name, str) and name
                for name in classes):
            kinds = "names, numbers or true/false" if version == 3 else "names"
            raise TinynetError(f"'classes' must be a list of {kinds}, got {_short(classes)}")
        means, scales = _model_scaling(data.get("scaling"), network.input_size)
        if version == 2:
            return cls._with_names(network, classes, means, scales, multilabel)
        model = cls.from_network(network, classes, means, scales, multilabel)
        _classes_of(classes, "class")  # one kind: numbers, names or true/false
        names, model.label = data.get("class_names"), data.get("label")
        if not _is_list_of(names, str) or len(names) != len(classes):
            raise TinynetError(f"'class_names' must be a list of {len(classes)} texts, one per "
                               f"class, got {_short(names)}")
        if model.label is not None and not isinstance(model.label, str):
            raise TinynetError(f"'label' must be a name or null, got {_short(model.label)}")
        model.class_names = names
        model.columns, model.categories = _model_columns(data, network.input_size)
        return model

    @classmethod
    def _with_names(cls, network, names, means, scales, multilabel):
        """Return a model of tinynet 1.x, whose class names spell its number classes."""
        classes = [_number_text(name) if not multilabel and _parses(name) is not None else name
                   for name in names]
        model = cls.from_network(network, classes, means, scales, multilabel)
        model.class_names = list(names)
        return model

    def save(self, path, inputs=(), written=None):
        """Write the model to a JSON file atomically (see ``write_file``).

        Floats are written in full, so ``load`` gives back the very same
        predictions.  ``inputs`` are files the run read, never to be
        overwritten.  Raises TinynetError if the file cannot be written; an
        existing file is then unchanged.
        """
        write_file(path, json.dumps(self.to_dict()) + "\n", inputs, written)

    @classmethod
    def load(cls, path):
        """Return the model saved in a JSON file by ``save``, or raise TinynetError."""
        return cls.from_dict(_parse_json(path, _read_text(path, "model"), "a model"), source=path)


_MODEL_FORMAT = "tinynet model"


def _same_json(value, expected):
    """Tell whether a value read from JSON is the expected one, type for type (true is not 1)."""
    if type(value) is not type(expected):
        return False
    if isinstance(value, list):
        return len(value) == len(expected) and all(map(_same_json, value, expected))
    return value == expected


def _is_list_of(value, kind):
    """Tell whether a value is a list of non-empty values of one type."""
    return isinstance(value, list) and all(type(item) is kind and item for item in value)


def _is_class(value):
    """Tell whether a value read from JSON may be a class: a name, a finite number, true/false."""
    return (isinstance(value, str) and value != "") or isinstance(value, bool) or (
        _is_number(value) and math.isfinite(value))


def _model_scaling(scaling, width):
    """Return a model file's input means and scales, (None, None) if it has none, or raise."""
    if scaling is None:
        return None, None
    if not isinstance(scaling, dict):
        raise TinynetError(f"'scaling' must be an object, got {_short(scaling)}")
    means, scales = (_check_matrix(f"scaling {key}", [scaling.get(key)], width)[0]
                     for key in ("means", "scales"))
    if not all(scale > 0 for scale in scales):
        raise TinynetError(f"scaling scales must be positive, got {_short(scales)}")
    return means, scales


def _model_columns(data, width):
    """Return a version 3 model's column names and categories, checked against its network."""
    columns, categories = data.get("columns"), data.get("categories")
    if categories is not None:
        if not isinstance(categories, list) or not all(
                entry is None or (_is_list_of(entry, str) and len(set(entry)) == len(entry))
                for entry in categories):
            raise TinynetError("'categories' must be a list with, for each column, null or its "
                               f"different names, got {_short(categories)}")
        encoded = sum(1 if entry is None else len(entry) for entry in categories)
        if encoded != width:
            raise TinynetError(f"'categories' make {encoded} inputs but the weights take {width}")
        width = len(categories)
    if columns is not None and (not isinstance(columns, list) or len(columns) != width
                                or not all(type(name) is str for name in columns)):
        raise TinynetError(f"'columns' must be a list of {width} names, or null, "
                           f"got {_short(columns)}")
    return columns, categories


def _settings(recipe):
    """Return DATA_RECIPE with the given settings in place of its own, or raise TinynetError."""
    unknown = sorted(set(recipe) - set(DATA_RECIPE))
    if unknown:
        raise TinynetError(f"unknown setting {unknown[0]!r}; the settings are "
                           f"{', '.join(sorted(DATA_RECIPE))}")
    return dict(DATA_RECIPE, **recipe)


def _scaling(rows):
    """Return each input column's mean and scale (its standard deviation; 1 if it is 0)."""
    means, scales = [], []
    for number, column in enumerate(zip(*rows), 1):
        mean = sum(value / len(column) for value in column)  # no overflow on huge values
        spread = math.sqrt(sum(((value - mean) / len(column)) * (value - mean) for value in column))
        if not math.isfinite(spread):
            raise TinynetError(f"input column {number}: values too far apart to scale "
                               f"(from {min(column):g} to {max(column):g})")
        means.append(mean)
        scales.append(spread or 1.0)  # a constant column: left as it is, less its mean
    return means, scales


def _categories(data):
    """Return, for each input column of a Dataset, None for numbers or its texts in sorted order."""
    return [sorted({row[column] for row in data.inputs}) if isinstance(value, str) else None
            for column, value in enumerate(data.inputs[0])]


def _one_hot(rows, categories, names=None):
    """Return rows with each text column as one column per category: 1.0 for its own, else 0.0.

    ``categories`` has, for each column, None (a number) or its categories.

    >>> _one_hot([[2.5, "b"], [1.0, "a"]], [None, ["a", "b", "c"]])
    [[2.5, 0.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]

    Raises TinynetError for a row of the wrong length, or a value that is
    not one of its column's categories (one never seen in training).
    """
    places = [None if names_of is None else {name: place for place, name in enumerate(names_of)}
              for names_of in categories]
    encoded = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) != len(categories):
            raise TinynetError(f"inputs row {number}: expected {len(categories)} values, "
                               f"got {_short(row)}")
        values = []
        for column, (value, place) in enumerate(zip(row, places)):
            if place is None:
                values.append(value)
            elif isinstance(value, str) and value in place:
                values += [float(index == place[value]) for index in range(len(place))]
            else:
                raise TinynetError(f"inputs row {number}: {_column_text(column, names)}: "
                                   f"{_short(value)} is not one of the categories the model was "
                                   f"trained on, {_short(categories[column])}")
        encoded.append(values)
    return encoded


def _matched(rows, names, wanted, source):
    """Return rows with their columns put in the order of the names ``wanted``, by name.

    Without names on either side the rows are taken as they are, column by
    column.  Raises TinynetError naming a column the rows lack, one the
    model was not trained on, or a name given to two columns.
    """
    if names is None or wanted is None or names == wanted:
        return rows
    given, known = set(names), set(wanted)
    lacking = [name for name in wanted if name not in given]
    extra = [name for name in names if name not in known]
    if lacking or extra or len(given) != len(names):
        what = (f"no column {lacking[0]!r}" if lacking else f"a column {extra[0]!r} the model "
                "was not trained on" if extra else "two columns of one name")
        raise TinynetError(f"{source}: {what}; columns are matched by name to the model's "
                           f"inputs, {_short(wanted)}")
    where = {name: index for index, name in enumerate(names)}
    order = [where[name] for name in wanted]
    return [[row[index] for index in order] for row in rows]


MAX_TRAINING_BYTES = 2 * 10 ** 9  # the most memory training may take, as _check_network_size says
_BYTES_PER_WEIGHT = 170  # measured: a weight as lists, with its copy and adjustment in training
_BYTES_PER_VALUE = 100   # measured: an input value, as the rows, scaled, and in batches


def _check_network_size(data, settings):
    """Raise TinynetError, with the estimate, if training on the data would take too much memory."""
    hidden = settings["hidden"]
    if not isinstance(hidden, (list, tuple)) or not all(_is_number(size) for size in hidden):
        return  # untrained says what is wrong with it
    outputs = len(data.classes) if data.multilabel or len(data.classes) > 2 else 1
    sizes = [data.input_size] + list(hidden) + [outputs]
    weights = sum((inputs + 1) * neurons for inputs, neurons in zip(sizes, sizes[1:]))
    need = weights * _BYTES_PER_WEIGHT + len(data.inputs) * data.input_size * _BYTES_PER_VALUE
    if need > MAX_TRAINING_BYTES:
        raise TinynetError(f"a network of {data.input_size:,} inputs, hidden layers "
                           f"{_short(list(hidden))} and {outputs} output{'s' * (outputs != 1)} has "
                           f"{weights:,} weights: "
                           f"training it on {len(data.inputs):,} rows would take about "
                           f"{need / 1e9:.1f} GB, more than the {MAX_TRAINING_BYTES / 1e9:g} GB "
                           "tinynet allows; use fewer inputs or smaller hidden layers")


def accuracy(predicted, actual):
    """Return the share of ``predicted`` labels equal to ``actual`` ones, from 0 to 1.

    Labels are compared as given: numbers as numbers (1 equals 1.0), names
    as texts; lists, tuples, NumPy arrays and pandas Series all serve.

    >>> accuracy(["a", "b", "b"], ["a", "b", "a"]), accuracy([1, 2], (1.0, 3))
    (0.6666666666666666, 0.5)
    """
    given = predicted, actual
    predicted, actual = _sequence(predicted), _sequence(actual)
    if predicted is None or actual is None or not actual or len(predicted) != len(actual):
        raise TinynetError("accuracy needs two lists of labels of one length, got "
                           f"{_short(given[0])} and {_short(given[1])}")
    return sum(_plain(p) == _plain(a) for p, a in zip(predicted, actual)) / len(actual)


def confusion_matrix(predicted, actual, classes):
    """Return counts[i][j]: how many rows of class ``classes[i]`` were predicted ``classes[j]``.

    >>> confusion_matrix(["a", "b", "b"], ["a", "b", "a"], ["a", "b"])
    [[1, 1], [0, 1]]
    """
    accuracy(predicted, actual)  # the same checks
    classes = [_plain(name) for name in _sequence(classes) or []]
    try:
        index = {name: number for number, name in enumerate(classes)}
        pairs = [(_plain(p), _plain(a)) for p, a in zip(_sequence(predicted), _sequence(actual))]
        unknown = [label for pair in pairs for label in pair if label not in index]
    except TypeError:  # a list, where a label belongs
        raise TinynetError(f"confusion_matrix needs one label per row, got "
                           f"{_short(predicted)}") from None
    if unknown or not classes:
        raise TinynetError(f"label {_short(unknown[0] if unknown else None)} is not one of the "
                           f"classes {_short(classes)}")
    counts = [[0] * len(classes) for _ in classes]
    for p, a in pairs:
        counts[index[a]][index[p]] += 1
    return counts


RESULTS_WIDTH = 100  # format_results' lines are at most this long


def format_results(predicted, actual, classes, names=None):
    """Return ``accuracy: 95.3% (163 of 171)`` and the confusion matrix, as lines of text.

    ``names`` says how to print each class (by default as Python prints
    it).  Where the matrix would be wider than RESULTS_WIDTH, each class's
    accuracy and the largest confusions are given instead.

    >>> print(format_results(["a", "b", "b"], ["a", "b", "a"], ["a", "b"]))
    accuracy: 66.7% (2 of 3)
    confusion matrix (rows: the true class; columns: the predicted class):
         a  b
      a  1  1
      b  0  1
    """
    counts = confusion_matrix(predicted, actual, classes)
    names = [_printable(_label_text(_plain(name))) for name in _sequence(classes)] \
        if names is None else [_printable(name) for name in names]
    right, total = sum(counts[i][i] for i in range(len(counts))), sum(map(sum, counts))
    width = max(len(str(total)), *map(len, names))
    lines = [f"accuracy: {100 * right / total:.1f}% ({right} of {total})",
             "confusion matrix (rows: the true class; columns: the predicted class):",
             " " * (width + 2) + "".join("  " + name.rjust(width) for name in names)]
    lines += ["  " + name.rjust(width) + "".join("  " + str(count).rjust(width) for count in row)
              for name, row in zip(names, counts)]
    if max(map(len, lines)) <= RESULTS_WIDTH:
        return "\n".join(lines)
    return "\n".join(lines[:1] + _class_summary(counts, names))


def _class_summary(counts, names, largest=10):
    """Return lines of each class's accuracy and the largest confusions, for many classes."""
    cut = [name if len(name) <= 40 else name[:36] + " ..." for name in names]
    width = max(map(len, cut))
    lines = ["by class (the true class: its rows predicted right):"]
    for number, (name, row) in enumerate(zip(cut, counts)):
        share = f"{100 * row[number] / sum(row):.1f}%" if sum(row) else "no rows"
        lines.append(f"  {name.ljust(width)}  {share} ({row[number]} of {sum(row)})")
    wrong = sorted(((-count, i, j) for i, row in enumerate(counts) for j, count in enumerate(row)
                    if i != j and count))[:largest]
    lines.append("the largest confusions (the true class -> the class predicted: rows):"
                 if wrong else "no confusions")
    lines += [f"  {cut[i]} -> {cut[j]}: {-count}" for count, i, j in wrong]
    return lines


def _format_point(point):
    """Format a point as [2, -3]: whole numbers without a decimal point, texts as they are."""
    return "[" + ", ".join(_printable(value) if isinstance(value, str) else f"{value:g}"
                           for value in point) + "]"


def _printable(text):
    """Return text with control characters shown as escapes, so that it stays on one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def holdout(data, fraction, seed=1):
    """Return (training data, held-out data): a seeded share of each class set aside.

    Each class gives ``round(fraction * its rows)`` rows (at least one, and
    at least one left to train on) to the held-out data, chosen by a
    generator seeded with ``seed``; the rows keep their order.

    >>> data = Dataset([[n] for n in range(10)], ["a"] * 6 + ["b"] * 4)
    >>> train, test = holdout(data, 0.5)
    >>> len(train.inputs), test.labels
    (5, ['a', 'a', 'a', 'b', 'b'])
    """
    if not isinstance(data, Dataset) or data.multilabel:
        raise TinynetError("holdout needs a Dataset of classes")
    fraction = _finite_number("fraction", fraction)
    if not 0 < fraction < 1:
        raise TinynetError(f"the held-out fraction must be between 0 and 1, got {fraction!r}")
    rng = numpy_like_random(seed)
    held = set()
    for name in data.classes:
        rows = [number for number, label in enumerate(data.labels) if label == name]
        count = min(max(1, round(fraction * len(rows))), len(rows) - 1)
        held.update(rng.sample(rows, count))
    parts = [[number for number in range(len(data.inputs)) if (number in held) == side]
             for side in (False, True)]
    if not parts[0] or not parts[1]:
        raise TinynetError(f"a held-out fraction of {fraction:g} leaves no rows on one side")
    return data._part(parts[0]), data._part(parts[1])


def useless_training_warning(model, data):
    """Return a warning if the model learned nothing useful from its training data, else None.

    That is: every row is given one class, or the mean squared error is no
    better than always answering each class's share of the rows.
    """
    targets = data.targets()
    output = model.outputs(data)                         # one forward pass for both tests
    answers = {model._answer(model._chances(row)) for row in output} if not model.multilabel \
        else {0}
    shares = [sum(column) / len(column) for column in zip(*targets)]
    baseline = sum(share * (1 - share) for share in shares) / len(shares)
    error = _mean_square(subtract(targets, output))
    if not model.multilabel and len(answers) == 1 and len(set(data.labels)) > 1:
        what = f"it answers {next(iter(answers))!r} for every training row"
    elif error >= 0.95 * baseline:
        what = (f"its error {error:.4f} is no better than always answering the classes' shares "
                f"({baseline:.4f})")
    else:
        return None
    return (f"the network learned nothing useful: {what}; try scaling the inputs, more "
            "iterations, a smaller learning rate or a bigger hidden layer")


# -- Writing files: never over an input, never half a file -------------------


def check_writable(path, inputs=()):
    """Raise TinynetError unless ``path`` can be written without losing anything.

    The folder must exist and be writable; an existing file must be a
    regular file (not a folder, device, pipe or socket), and neither it nor
    the file a symlink there points to may be one of ``inputs``.

    >>> check_writable("no/such/folder/model.json")
    Traceback (most recent call last):
    ...
    tinynet.TinynetError: no/such/folder/model.json: the folder 'no/such/folder' does not exist
    """
    _check_path(path, "output")
    target = os.path.realpath(path)  # through a symlink: the file it points to
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(os.path.dirname(target)):
        raise TinynetError(f"{path}: the folder {folder!r} does not exist")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise TinynetError(f"{path}: cannot write: {error.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise TinynetError(f"{path}: is a folder, not a file")
    if mode is not None and not stat.S_ISREG(mode):
        raise TinynetError(f"{path}: is a device, pipe or socket; tinynet writes only to "
                           "regular files")
    for source in inputs:
        if mode is not None and source and os.path.exists(source) and os.path.samefile(
                source, target):
            raise TinynetError(f"{path}: is the input file {source}; write to another file")
    if not os.access(os.path.dirname(target), os.W_OK):
        raise TinynetError(f"{path}: the folder {folder!r} is not writable")


def write_file(path, text, inputs=(), written=None):
    """Write text to a file so that it is either all there or not changed at all.

    After ``check_writable(path, inputs)`` the text goes to a temporary file
    beside the target (the file a symlink points to), which then replaces it
    in one step, keeping an existing file's permission bits.  Ctrl-C or a
    signal part way leaves the old file as it was and no temporary file; the
    path is added to the list ``written`` in the same step as the replace.
    """
    check_writable(path, inputs)
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary = None
    try:
        with _signals_held():  # no signal between creating the file and knowing its name
            handle, temporary = tempfile.mkstemp(prefix=".tinynet-", suffix=".tmp",
                                                 dir=os.path.dirname(target))
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        with _signals_held():  # the replace and forgetting the temporary name: one step
            os.replace(temporary, target)
            temporary = None
            if written is not None:
                written.append(path)
    except OSError as error:
        raise TinynetError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            os.unlink(temporary)


_HELD_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                 if hasattr(signal, name)}


@contextlib.contextmanager
def _signals_held():
    """Hold Ctrl-C and termination signals back while the block runs, where the system can."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD_SIGNALS)


# ==========================================================================
# Part 4. Pictures: the decision map and the error curve, in the terminal and as SVG
# ==========================================================================

MAX_CELLS = 1_000_000  # the most cells a decision map may have


class DecisionMap:
    """A two-class model's output over the plane of its two inputs, cell by cell.

    The plane spans the data's points (and ``extra`` points, such as points
    to classify) with a margin, the same scale on both axes when their
    ranges are alike, cut into ``columns`` x ``rows`` cells;
    ``probability[r][c]`` is the probability of the second class at the
    centre of cell (r, c), row 0 at the top.  ``text()`` draws it for a
    terminal, ``svg()`` as a picture.

    >>> model = Classifier.from_network(NeuralNetwork(Layer.from_weights([[1.0], [0.0]])),
    ...                                 ["blue", "red"])
    >>> data = Dataset([[-1, -1], [1, 1]], ["blue", "red"])
    >>> area = DecisionMap(model, data, columns=4, rows=2)
    >>> area
    DecisionMap(4 x 2 cells, x -1.2..1.2, y -1.2..1.2)
    >>> [round(value, 9) for value in area.centre(0, 3)], area.cell_of([1, 1])
    ([0.9, 0.6], (0, 3))

    Raises TinynetError unless the model has 2 inputs and 2 classes, for a
    size that is not a positive number of cells up to MAX_CELLS, and for
    points too far apart to draw.
    """

    def __init__(self, model, data, columns=60, rows=30, extra=()):
        _check_mappable(model, data)
        _positive_int("columns", columns)
        _positive_int("rows", rows)
        _check_size("a decision map", columns * rows, MAX_CELLS)
        self.model, self.data, self.columns, self.rows = model, data, columns, rows
        self.extra = [list(point) for point in extra]
        points = data.inputs + self.extra
        (self.x_min, self.x_max), (self.y_min, self.y_max) = _plane(
            [point[0] for point in points], [point[1] for point in points])
        centres = [self.centre(row, column) for row in range(rows) for column in range(columns)]
        chances = [p[1] for p in model.predict_proba(centres)]
        self.probability = [chances[row * columns:(row + 1) * columns] for row in range(rows)]

    def __repr__(self):
        return (f"DecisionMap({self.columns} x {self.rows} cells, "
                f"x {self.x_min:g}..{self.x_max:g}, y {self.y_min:g}..{self.y_max:g})")

    def centre(self, row, column):
        """Return the point [x, y] at the centre of a cell."""
        return [self.x_min + (column + 0.5) * (self.x_max - self.x_min) / self.columns,
                self.y_max - (row + 0.5) * (self.y_max - self.y_min) / self.rows]

    def cell_of(self, point):
        """Return the (row, column) of the cell a point falls in."""
        column = int((point[0] - self.x_min) / (self.x_max - self.x_min) * self.columns)
        row = int((self.y_max - point[1]) / (self.y_max - self.y_min) * self.rows)
        return min(max(row, 0), self.rows - 1), min(max(column, 0), self.columns - 1)

    def points(self):
        """Yield (point, true class number, predicted class number) for each data point."""
        predicted = self.model.predict(self.data.inputs)
        for point, label, guess in zip(self.data.inputs, self.data.labels, predicted):
            yield point, self.data.classes.index(label), self.data.classes.index(guess)

    def _is_boundary(self, row, column):
        """Tell whether the 0.5 line passes between a cell and its right or lower neighbour."""
        side = self.probability[row][column] >= 0.5
        right = column + 1 < self.columns and (self.probability[row][column + 1] >= 0.5) != side
        below = row + 1 < self.rows and (self.probability[row + 1][column] >= 0.5) != side
        return right or below

    def text(self, colour=False):
        """Return the map as text: shaded cells, the boundary, the points, axes and a legend.

        ``-`` and ``.`` shade the first class's side (sure, unsure), ``:`` and
        ``+`` the second's, ``#`` marks the 0.5 line, each data point is the
        first letter of its class (lower case when the model gets it wrong)
        and each extra point is ``@``.  With ``colour``, ANSI colours shade.
        """
        names = [_printable(name) for name in self.data.classes]
        marks = {self.cell_of(point): ("@", None) for point in self.extra}
        for point, label, predicted in self.points():
            letter = (names[label][:1] or "?").upper()
            marks[self.cell_of(point)] = (letter if label == predicted else letter.lower(), label)
        y_labels = {self.cell_of([self.x_min, value])[0]: f"{value:g}"
                    for value in _ticks(self.y_min, self.y_max, self.rows // 3)}
        lines = [f"{y_labels.get(row, ''):>8} |" +
                 "".join(self._cell(row, column, marks.get((row, column)), colour)
                         for column in range(self.columns)) + ("\033[0m" if colour else "")
                 for row in range(self.rows)]
        axis, labels = ["-"] * self.columns, [" "] * (self.columns + 8)
        for value in _ticks(self.x_min, self.x_max, self.columns // 6):
            column, label = self.cell_of([value, self.y_min])[1], f"{value:g}"
            start = max(column - len(label) // 2, 0)
            if all(mark == " " for mark in labels[max(start - 1, 0):start + len(label) + 1]):
                axis[column] = "+"
                labels[start:start + len(label)] = label
        lines.append(" " * 9 + "+" + "".join(axis))
        lines.append(" " * 10 + "".join(labels).rstrip())
        sides = ("- .", ": +") if not colour else tuple(
            f"\033[48;5;{a}m \033[48;5;{b}m \033[0m" for a, b in ((111, 153), (224, 210)))
        lines.append(f"{names[0][:1].upper()} {names[0]}, {names[1][:1].upper()} {names[1]} "
                     f"(lower case: misclassified){'   @ asked' * bool(self.extra)}")
        lines.append(f"{sides[0]} {names[0]} side   {sides[1]} {names[1]} side   # output 0.5")
        return "\n".join(lines) + "\n"

    def _cell(self, row, column, mark, colour):
        """Return one cell of the text map: a point's letter, '#' or a shade."""
        probability = self.probability[row][column]
        level = (probability >= 0.1) + (probability >= 0.5) + (probability >= 0.9)  # 0 to 3
        if not colour:
            if mark:
                return mark[0]
            return "#" if self._is_boundary(row, column) else "-.:+"[level]
        if mark:  # the point's true colour as background, white letter on top
            background = 238 if mark[1] is None else (27, 160)[mark[1]]
            return f"\033[0;1;97;48;5;{background}m{mark[0]}"
        shade = (111, 153, 224, 210)[level]  # sure blue, unsure blue, unsure red, sure red
        return f"\033[0;30;48;5;{shade}m" + ("#" if self._is_boundary(row, column) else " ")

    def svg(self, title, curve=None):
        """Return the map as an SVG picture, with the error curve beside it if one is given.

        The picture has a colour field with its scale, the 0.5 contour, the
        data points (the misclassified ones ringed in black), each extra
        point as a diamond with its predicted class, axes, a legend, a title
        and a ``viewBox``, so it scales to any size.
        """
        size = 400
        width, height = (size, size) if self._square() else (480, 360)
        left, top = 60, 50
        plot = _SvgPlot(left, top, width, height, self.x_min, self.x_max, self.y_min, self.y_max)
        total_width = left + width + 260 + (370 if curve else 0)
        total_height = top + height + 60
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_width} '
                 f'{total_height}" width="{total_width}" height="{total_height}" '
                 'font-family="sans-serif" font-size="12">',
                 f'<title>{_xml(title)}</title>',
                 f'<rect width="{total_width}" height="{total_height}" fill="white"/>',
                 f'<text x="{total_width / 2}" y="24" text-anchor="middle" font-size="15">'
                 f'{_xml(title)}</text>', '<g shape-rendering="crispEdges">']
        cell_w, cell_h = width / self.columns, height / self.rows
        for row in range(self.rows):
            colours = [_blend(probability) for probability in self.probability[row]]
            start = 0
            for column in range(1, self.columns + 1):  # one rectangle per run of one colour
                if column == self.columns or colours[column] != colours[start]:
                    parts.append(f'<rect x="{left + start * cell_w:.2f}" '
                                 f'y="{top + row * cell_h:.2f}" '
                                 f'width="{(column - start) * cell_w + 0.05:.2f}" '
                                 f'height="{cell_h + 0.05:.2f}" fill="{colours[start]}"/>')
                    start = column
        parts.append("</g>")
        segments = " ".join(f"M{plot.x(a[0]):.2f},{plot.y(a[1]):.2f} "
                            f"L{plot.x(b[0]):.2f},{plot.y(b[1]):.2f}" for a, b in self._contour())
        parts.append(f'<path class="boundary" d="{segments}" fill="none" stroke="black" '
                     'stroke-width="1.5"/>')
        names = self.data.classes
        for point, label, predicted in self.points():
            ring = ('stroke="black" stroke-width="3"' if label != predicted
                    else 'stroke="white" stroke-width="1"')
            parts.append(f'<circle class="point" cx="{plot.x(point[0]):.2f}" '
                         f'cy="{plot.y(point[1]):.2f}" r="6" fill="{_POINT_COLOURS[label]}" {ring}>'
                         f'<title>{_xml(_format_point(point))}: {_xml(names[label])}'
                         f'{", misclassified" if label != predicted else ""}</title></circle>')
        for point, name in zip(self.extra, self.model.predict(self.extra) if self.extra else []):
            x, y = plot.x(point[0]), plot.y(point[1])
            parts.append(f'<path class="asked" d="M{x:.2f},{y - 9:.2f} L{x + 9:.2f},{y:.2f} '
                         f'L{x:.2f},{y + 9:.2f} L{x - 9:.2f},{y:.2f} Z" fill="#ffd92f" '
                         f'stroke="black" stroke-width="1.5"><title>{_xml(_format_point(point))}: '
                         f'{_xml(name)}</title></path>'
                         f'<text x="{x + 12:.2f}" y="{y + 4:.2f}" font-weight="bold">'
                         f'{_xml(_format_point(point))}: {_xml(name)}</text>')
        parts += plot.axes("input 1", "input 2")
        parts += self._svg_legend(left + width + 30, top)
        if curve:
            parts += _svg_curve(curve, left + width + 300, top, 280, height)
        parts.append("</svg>")
        return "\n".join(parts) + "\n"

    def _square(self):
        """Tell whether the plane is drawn with one scale on both axes."""
        return math.isclose(self.x_max - self.x_min, self.y_max - self.y_min)

    def _svg_legend(self, x, y):
        """Return the SVG elements of the legend and the colour scale."""
        names = [_xml(name) for name in self.data.classes]
        rows = [(f'<circle cx="{x + 8}" cy="{{y}}" r="6" fill="{_POINT_COLOURS[0]}" '
                 f'stroke="white"/>', f"a {names[0]} point"),
                (f'<circle cx="{x + 8}" cy="{{y}}" r="6" fill="{_POINT_COLOURS[1]}" '
                 f'stroke="white"/>', f"a {names[1]} point"),
                (f'<circle cx="{x + 8}" cy="{{y}}" r="6" fill="#888" stroke="black" '
                 'stroke-width="3"/>', "misclassified (black ring)"),
                (f'<path d="M{x + 8},{{top}} L{x + 17},{{y}} L{x + 8},{{bottom}} L{x - 1},{{y}} Z" '
                 'fill="#ffd92f" stroke="black"/>', "a point asked about"),
                (f'<line x1="{x}" y1="{{y}}" x2="{x + 16}" y2="{{y}}" stroke="black" '
                 'stroke-width="1.5"/>', "output 0.5: the boundary")]
        parts = [f'<g class="legend"><text x="{x}" y="{y + 4}" font-weight="bold">Legend</text>']
        for number, (mark, text) in enumerate(rows, 1):
            row_y = y + 4 + 22 * number
            parts.append(mark.format(y=row_y - 4, top=row_y - 13, bottom=row_y + 5) +
                         f'<text x="{x + 26}" y="{row_y}">{text}</text>')
        scale_y = y + 4 + 22 * 7
        parts.append(f'<text x="{x}" y="{scale_y}">chance of {names[1]}</text>')
        top = scale_y + 16  # the colour bar, from 1 at the top to 0
        for step in range(20):
            probability = 1 - (step + 0.5) / 20
            parts.append(f'<rect x="{x}" y="{top + step * 8}" width="20" height="8.05" '
                         f'fill="{_blend(probability)}"/>')
        for value in (1, 0.5, 0):
            parts.append(f'<text x="{x + 26}" y="{top + 4 + (1 - value) * 160:.0f}">'
                         f'{value:g}{" (" + names[1] + ")" if value == 1 else ""}'
                         f'{" (" + names[0] + ")" if value == 0 else ""}</text>')
        parts.append(f'<rect x="{x}" y="{top}" width="20" height="160" fill="none" '
                     'stroke="black"/></g>')
        return parts

    def _contour(self):
        """Return the 0.5 line as segments, by marching squares over the cell centres."""
        segments = []
        for row in range(self.rows - 1):
            for column in range(self.columns - 1):
                corners = [(row, column), (row, column + 1), (row + 1, column + 1),
                           (row + 1, column)]
                crossings = []
                for (r1, c1), (r2, c2) in zip(corners, corners[1:] + corners[:1]):
                    p1, p2 = self.probability[r1][c1] - 0.5, self.probability[r2][c2] - 0.5
                    if (p1 >= 0) != (p2 >= 0):
                        share = p1 / (p1 - p2)             # where along the edge it crosses 0.5
                        a, b = self.centre(r1, c1), self.centre(r2, c2)
                        crossings.append([a[0] + share * (b[0] - a[0]),
                                          a[1] + share * (b[1] - a[1])])
                segments += zip(crossings[::2], crossings[1::2])
        return segments


class _SvgPlot:
    """The frame of an SVG plot: where data coordinates fall, and the axes with their ticks."""

    def __init__(self, left, top, width, height, x_min, x_max, y_min, y_max):
        self.left, self.top, self.width, self.height = left, top, width, height
        self.x_min, self.x_max, self.y_min, self.y_max = x_min, x_max, y_min, y_max

    def __repr__(self):
        return f"_SvgPlot(x {self.x_min:g}..{self.x_max:g}, y {self.y_min:g}..{self.y_max:g})"

    def x(self, value):
        return self.left + (value - self.x_min) / (self.x_max - self.x_min) * self.width

    def y(self, value):
        return self.top + (self.y_max - value) / (self.y_max - self.y_min) * self.height

    def axes(self, x_name, y_name, y_text=lambda value: f"{value:g}", whole_y=False):
        """Return the frame, the ticks with their labels, and the axis names.

        ``y_text`` writes a y tick's label; ``whole_y`` keeps only whole-number y ticks.
        """
        left, top, width, height = self.left, self.top, self.width, self.height
        parts = [f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" '
                 'stroke="black"/>']
        for value in _ticks(self.x_min, self.x_max):
            x = self.x(value)
            parts.append(f'<line x1="{x:.2f}" y1="{top + height}" x2="{x:.2f}" '
                         f'y2="{top + height + 5}" stroke="black"/>'
                         f'<text x="{x:.2f}" y="{top + height + 18}" '
                         f'text-anchor="middle">{value:g}</text>')
        for value in _ticks(self.y_min, self.y_max):
            if whole_y and value != int(value):
                continue
            y = self.y(value)
            parts.append(f'<line x1="{left - 5}" y1="{y:.2f}" x2="{left}" y2="{y:.2f}" '
                         'stroke="black"/>'
                         f'<text x="{left - 8}" y="{y + 4:.2f}" text-anchor="end">'
                         f'{y_text(value)}</text>')
        parts.append(f'<text x="{left + width / 2}" y="{top + height + 38}" text-anchor="middle">'
                     f'{_xml(x_name)}</text>')
        parts.append(f'<text x="{left - 44}" y="{top + height / 2}" text-anchor="middle" '
                     f'transform="rotate(-90 {left - 44} {top + height / 2})">'
                     f'{_xml(y_name)}</text>')
        return parts


def _svg_curve(curve, left, top, width, height):
    """Return the SVG elements of the error curve: error (log scale) against iterations."""
    logs = [math.log10(max(error, 1e-300)) for _, error in curve]
    low, high = math.floor(min(logs)), math.ceil(max(logs))
    high += high == low
    plot = _SvgPlot(left, top, width, height, 0, max(curve[-1][0], 1), low, high)
    points = " ".join(f"{plot.x(iteration):.2f},{plot.y(value):.2f}"
                      for (iteration, _), value in zip(curve, logs))
    parts = [f'<g class="curve"><text x="{left + width / 2}" y="{top - 8}" text-anchor="middle">'
             'mean squared error while training</text>',
             f'<polyline points="{points}" fill="none" stroke="#333" stroke-width="2"/>']
    parts += plot.axes("iteration", "error (log scale)", lambda value: f"{10 ** value:g}",
                       whole_y=True)
    return parts + ["</g>"]


def error_curve_text(curve, columns=60, rows=12):
    """Return the error curve as text: the error on a log scale against the iterations.

    >>> print(error_curve_text([(0, 0.25), (50, 0.01), (100, 0.001)], columns=10, rows=3))
    mean squared error (log scale) against iterations
            0.25 |*
           0.016 |    *
           0.001 |         *
                 +----------
                  0      100
    """
    if not curve:
        raise TinynetError("the error curve is empty")
    logs = [math.log10(max(error, 1e-300)) for _, error in curve]
    low, high = min(logs), max(logs)
    last = max(curve[-1][0], 1)
    grid = [[" "] * columns for _ in range(rows)]
    for (iteration, _), value in zip(curve, logs):
        row = 0 if high == low else round((high - value) / (high - low) * (rows - 1))
        grid[row][min(round(iteration / last * (columns - 1)), columns - 1)] = "*"
    labels = {round((high - value) / (high - low or 1) * (rows - 1)): f"{10 ** value:.2g}"
              for value in (high, low, (high + low) / 2)}
    lines = ["mean squared error (log scale) against iterations"]
    lines += [f"{labels.get(row, ''):>12} |" + "".join(grid[row]).rstrip() for row in range(rows)]
    lines += [" " * 13 + "+" + "-" * columns,
              " " * 14 + "0" + f"{last}".rjust(columns - 1)]
    return "\n".join(lines)


_POINT_COLOURS = ("#1f4fd1", "#d62728")  # the first class blue, the second red


def _check_mappable(model, data):
    """Raise TinynetError unless the model and data can be drawn on a plane."""
    if model.input_size != 2 or len(model.classes) != 2 or model.multilabel or any(
            model.categories or ()):
        raise TinynetError(
            f"a decision map needs 2 inputs (x and y) and 2 classes, but the model has "
            f"{model.input_size} input{'s' * (model.input_size != 1)} and "
            f"{len(model.classes)} {'outputs' if model.multilabel else 'classes'}")


def _plane(xs, ys):
    """Return the x and y ranges to draw: the values' plus a margin, one scale if alike."""
    (x_low, x_high), (y_low, y_high) = ((min(v), max(v)) for v in (xs, ys))
    x_span, y_span = x_high - x_low, y_high - y_low
    if not math.isfinite(x_span) or not math.isfinite(y_span) or max(
            map(abs, (x_low, x_high, y_low, y_high))) > 1e300:
        raise TinynetError("the points are too far apart to draw")
    if x_span and y_span and max(x_span, y_span) <= 2 * min(x_span, y_span):
        x_span = y_span = max(x_span, y_span)  # alike: one scale for both axes
    ranges = []
    for low, high, span in ((x_low, x_high, x_span), (y_low, y_high, y_span)):
        span = span or max(abs(low), 1.0)   # all equal: a range around the value
        middle = (low + high) / 2
        ranges.append((middle - 0.6 * span, middle + 0.6 * span))
    return ranges


def _ticks(low, high, count=8):
    """Return round numbers (steps of 1, 2 or 5 times a power of ten) from low to high."""
    raw = (high - low) / max(count, 2)
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * factor for factor in (1, 2, 5, 10) if power * factor >= raw)
    first = math.ceil(low / step)
    return [round(index * step, 10) for index in range(first, math.floor(high / step) + 1)]


def _blend(probability):
    """Return the colour of an output: blue at 0, white at 0.5, red at 1, in 20 steps."""
    colour = _POINT_COLOURS[probability >= 0.5]
    strength = round(abs(probability - 0.5) * 20) / 10 * 0.45   # pale, so the points stand out
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - strength * (255 - c)):02x}" for c in channels)


def _xml(text):
    """Escape text for XML."""
    return _printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ==========================================================================
# Part 5. The command line
# ==========================================================================

import argparse
import re
import shutil
import time


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are TinynetError, printed as one line by main."""

    def error(self, message):
        raise TinynetError(message)


def _option(parse, expected):
    """Return an argparse type that parses with ``parse`` and names what it expected."""
    def convert(text):
        try:
            value = parse(text)
        except (ValueError, TinynetError, OverflowError):
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {_short(text)}")
        return value
    convert.__name__ = expected  # argparse names the type in some messages
    return convert


def _whole(text, low=1, high=None):
    value = int(text) if len(text) < 30 else None
    return value if value is not None and value >= low and (high is None or value <= high) else None


def _number(text):
    return _parses(text) if len(text) < 100 else None


_POSITIVE_INT = _option(_whole, "a positive whole number")
_COUNT = _option(lambda text: _whole(text, 0), "a whole number, 0 or more")
_POSITIVE = _option(lambda text: _number(text) if (_number(text) or 0) > 0 else None,
                    "a positive number")
_FRACTION = _option(lambda text: _number(text) if 0 < (_number(text) or 0) < 1 else None,
                    "a number between 0 and 1")
_SEED = _option(lambda text: _whole(text, 0, 2 ** 32 - 1), "a whole number from 0 to 4294967295")
_HIDDEN = _option(lambda text: [_whole(part, 1, 100000) for part in text.split(",")]
                  if all(_whole(part, 1, 100000) for part in text.split(",")) else None,
                  "layer sizes from 1 to 100000 separated by commas, like 4 or 8,4")
_FILE = _option(lambda text: text if text and "\0" not in text else None, "a file name")
_ROWS = _option(lambda text: text if text == "all" else _whole(text), "a positive whole number "
                "or 'all'")
_LABEL = _option(lambda text: _whole(text) if text.isdigit() else text.strip() or None,
                 "a column's name or its number from 1")


def _parser():
    """Return the command line's argument parser."""
    parser = _Parser(prog="tinynet", description=(
        "Train a tiny sigmoid neural network by backpropagation and classify with it. With no "
        "options it runs the tutorial's lesson: a 2-4-1 network on 15 red and blue points, then "
        "the new point (2, -3). With --data it trains on your own data with the settings real "
        "data needs (see 'your data' below each option)."))
    parser._negative_number_matcher = re.compile(r"^-\.?\d")  # --predict 1 -1e-3: a number
    add = parser.add_argument
    add("--data", metavar="FILE", type=_FILE,
        help="training data: JSON, or CSV if the name ends in .csv; or, where no such file "
             f"exists, one of the data sets tinynet makes: {', '.join(GENERATED)} (lesson: "
             "redblue.json)")
    add("--hidden", metavar="N[,N...]", type=_HIDDEN,
        help="hidden layer sizes; 8,4 is two hidden layers (lesson: 4; your data: 16)")
    add("--iterations", metavar="N", type=_POSITIVE_INT,
        help="training iterations, each a pass over the data (lesson: 100000; your data: up to "
             "2000)")
    add("--learning-rate", metavar="R", type=_POSITIVE,
        help="how far each adjustment moves the weights (lesson: 1.0; your data: 0.5)")
    add("--batch-size", metavar="N", type=_COUNT,
        help="rows per adjustment, in a shuffled order; 0: all rows at once (lesson: 0; your "
             "data: 32)")
    add("--update", choices=["sum", "mean"],
        help="add up the rows' adjustments, or take their mean (lesson: sum; your data: mean)")
    add("--loss", choices=["squared", "log"],
        help="the error to follow down: squared error, or log loss (lesson: squared; your "
             "data: log)")
    add("--patience", metavar="N", type=_COUNT,
        help="stop when the error has not fallen by 0.0001 in N iterations; 0: never (lesson: "
             "0; your data: 20)")
    add("--until-error", metavar="E", type=_POSITIVE,
        help="stop as soon as the mean squared error is below E (default: never)")
    add("--bias", action="store_true", default=None,
        help="give every neuron a bias (lesson: off; your data: on)")
    add("--no-bias", action="store_false", dest="bias", help="no biases")
    add("--no-scale", action="store_false", dest="scale", default=None,
        help="do not standardise the inputs (lesson: not scaled; your data: each input to mean "
             "0, standard deviation 1)")
    add("--seed", metavar="N", type=_SEED, default=1,
        help="seed for the starting weights and the batches' order, as np.random.seed (default: 1)")
    add("--predict", metavar="X", nargs="+", action="append",
        help="classify a point, one number per input (a text for a column of texts), e.g. "
             "--predict 2 -3; repeatable (default: the data's new_situation, if any)")
    add("--test", metavar="FILE", type=_FILE,
        help="after training (or --load), print the accuracy on FILE and a confusion matrix")
    add("--holdout", metavar="FRACTION", type=_FRACTION,
        help="set aside this share of each class (seeded) and report the accuracy on it")
    add("--label", metavar="NAME|NUMBER", type=_LABEL,
        help="the label column of CSV files, by its name in the header or its number from 1 "
             "(default: the last)")
    header = parser.add_mutually_exclusive_group()
    header.add_argument("--header", action="store_true", default=None,
                        help="the first row of CSV files names the columns (default: it does "
                             "when it has a text above a column of numbers)")
    header.add_argument("--no-header", action="store_false", dest="header",
                        help="the first row of CSV files is data")
    add("--missing", choices=["drop"],
        help="drop: leave out the rows of CSV files that miss a value (default: an error that "
             "counts them by column)")
    add("--save", metavar="FILE", type=_FILE, help="save the trained model as JSON")
    add("--load", metavar="FILE", type=_FILE, help="use a saved model instead of training")
    add("--quiet", action="store_true", help="print results only: no weights, no progress")
    add("--verbose", action="store_true",
        help="with --data or --load: print the lesson's stages too, with the weights before and "
             "after training")
    add("--plot", action="store_true",
        help="draw the decision map and the error curve in the terminal (2 inputs, 2 classes)")
    add("--svg", metavar="FILE", type=_FILE,
        help="write the decision map, with the error curve beside it, as an SVG picture")
    add("--watch", action="store_true",
        help="redraw the decision map as training goes (2 inputs, 2 classes)")
    look = parser.add_mutually_exclusive_group()
    look.add_argument("--explain", action="store_true",
                      help="train one iteration and print every step of it with its numbers")
    look.add_argument("--gradcheck", action="store_true",
                      help="check backpropagation against finite differences; exit status 1 if "
                           "they disagree")
    add("--rows", metavar="N", type=_ROWS,
        help="with --explain: the rows of each matrix to show, or all (default: 4)")
    add("--version", action="version", version=f"tinynet {__version__}")
    return parser


_TRAINING_OPTIONS = ("hidden", "iterations", "learning_rate", "batch_size", "update", "loss",
                     "patience", "until_error", "bias", "scale")


def _given(args, name):
    """Tell whether an option was given on the command line (its value is not the default)."""
    value = getattr(args, name)
    if name == "seed":
        return value != 1
    return value is not None and (value is not False or name in ("bias", "scale"))


def _check_options(args):
    """Raise TinynetError for options that would do nothing together, saying why."""
    def refuse(names, other, why):
        for name in names:
            if _given(args, name):
                negative = "no-" if getattr(args, name) is False else ""
                raise TinynetError(f"--{negative}{name.replace('_', '-')} cannot be used with "
                                   f"{other} ({why})")
    if args.load:
        refuse(_TRAINING_OPTIONS + ("seed", "holdout"), "--load",
               "the saved model is used as it is, not trained")
    if args.explain or args.gradcheck:
        look = "--explain" if args.explain else "--gradcheck"
        refuse(("iterations", "until_error", "patience", "predict", "plot", "svg", "watch", "test",
                "holdout", "save", "load"), look, "it looks at one iteration, not at training")
    if args.rows is not None and not args.explain:
        raise TinynetError("--rows goes with --explain "
                           "(it is how many rows of each matrix to show)")
    if args.watch and args.quiet:
        raise TinynetError("--watch cannot be used with --quiet (it shows the training as it goes)")
    if args.verbose and (args.quiet or not (args.data or args.load)):
        raise TinynetError("--verbose goes with --data or --load, without --quiet (the lesson "
                           "prints its stages anyway)")
    reading = [option for option, given in (("--label", args.label is not None), (
        "--header" if args.header else "--no-header", args.header is not None), (
        "--missing", args.missing is not None)) if given]
    if reading and not any(str(path).lower().endswith(".csv") for path in (args.data, args.test)
                           if path):
        raise TinynetError(f"{reading[0]} goes with a CSV file: --data or --test ending in .csv")
    if args.save and args.svg and os.path.realpath(args.save) == os.path.realpath(args.svg):
        raise TinynetError(f"--save and --svg name the same file {args.save}")


def _recipe(args):
    """Return the training settings: the lesson's without --data, else your data's; options win."""
    recipe = dict(LESSON_RECIPE if args.data is None else DATA_RECIPE)
    for name in ("hidden", "iterations", "learning_rate", "patience", "bias", "scale", "loss"):
        if getattr(args, name) is not None:
            recipe[name] = getattr(args, name)
    if args.batch_size is not None:
        recipe["batch_size"] = args.batch_size or None
    if args.update is not None:
        recipe["mean"] = args.update == "mean"
    recipe["patience"] = recipe["patience"] or None
    return recipe


def main(argv=None):
    """Run tinynet's command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    0 when all went well; 1 when ``--gradcheck`` finds backpropagation and
    the numerical gradient disagree; 2 for any error, printed as one line
    ``tinynet: error: ...`` on stderr; 128 plus the signal's number when
    interrupted (130 for Ctrl-C); 141 when the output's reader has gone.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    out = sys.stdout
    if out is None:
        print("tinynet: error: standard output is closed", file=sys.stderr)
        return 2
    if hasattr(out, "reconfigure"):  # a name the terminal cannot show is escaped, not an error
        out.reconfigure(errors="backslashreplace")
    written, run = [], _Run(out)
    previous = _catch_signals()
    try:
        args = _parser().parse_args(argv)
        _check_options(args)
        if not argv:
            lesson(progress=run.progress(LESSON_RECIPE["iterations"]), file=out)
            status = 0
        else:
            status = run.options(args, written)
        out.flush()
        return status
    except TinynetError as error:
        run.end_line()
        message = _printable(error)  # one line, and not a huge one
        print(f"tinynet: error: {message if len(message) < 240 else message[:236] + ' ...'}",
              file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Interrupted) as interruption:
        run.end_line()
        number = getattr(interruption, "signal_number", signal.SIGINT)
        saved = f"saved {', '.join(written)} before it" if written else "nothing saved"
        print(f"tinynet: interrupted: {saved}", file=sys.stderr)
        return 128 + number
    except BrokenPipeError:  # the reader has gone (| head): say nothing more
        _silence(out)
        return 141
    except OSError as error:  # stdout could not be written: a full disk, a closed terminal
        _silence(out)
        print(f"tinynet: error: cannot write the output: {error.strerror or error}",
              file=sys.stderr)
        return 2
    except SystemExit as done:  # --help and --version
        return done.code
    finally:
        _restore_signals(previous)


class _Interrupted(Exception):
    """Raised by the handler of SIGTERM and SIGHUP, as KeyboardInterrupt is for Ctrl-C."""

    def __init__(self, signal_number):
        super().__init__(signal_number)
        self.signal_number = signal_number


def _raise_interrupted(signal_number, frame):
    raise _Interrupted(signal_number)


def _catch_signals():
    """Make SIGTERM and SIGHUP interrupt like Ctrl-C; return the handlers they had."""
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                previous[name] = signal.signal(getattr(signal, name), _raise_interrupted)
            except ValueError:  # not the main thread: leave them be
                pass
    return previous


def _restore_signals(previous):
    for name, handler in previous.items():
        signal.signal(getattr(signal, name), handler)


def _silence(out):
    """Point stdout at the null device, so that nothing more fails to be written at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


class _Run:
    """One run of the command line: where it prints, and whether a progress line is open."""

    def __init__(self, out):
        self.out, self.line_open = out, False
        self.terminal = hasattr(out, "isatty") and out.isatty()

    def __repr__(self):
        return f"_Run(terminal={self.terminal})"

    def end_line(self):
        """End an open progress line, so that what comes next starts a line of its own."""
        if self.line_open:
            self.line_open = False
            print(file=self.out, flush=True)

    def progress(self, iterations, quiet=False):
        """Return the progress callback for training: a line in place on a terminal, else lines."""
        if quiet:
            return None
        return _TerminalProgress(iterations, self) if self.terminal else ProgressLines(
            iterations, self.out)

    def options(self, args, written):
        """Do what the options ask (all but the bare lesson); return the exit status."""
        out, recipe = self.out, _recipe(args)
        drawing = args.plot or args.svg or args.watch
        data_path = args.data or LESSON_DATA if not args.load or args.data or drawing else None
        inputs = [path for path in (data_path, args.load, args.test) if path]
        for path in (args.save, args.svg):  # before anything is read or trained
            if path is not None:
                check_writable(path, inputs)
        model = Classifier.load(args.load) if args.load else None
        data = _data(data_path, args, model) if data_path else None
        held = None
        if args.holdout:
            data, held = holdout(data, args.holdout, args.seed)
        rng = numpy_like_random(args.seed)  # the starting weights, then the batches' order
        model = model or Classifier(seed=args.seed, **recipe)._untrained(data, rng)
        test = _data(args.test, args, model) if args.test else None
        for other in (data, test, held):
            _check_fits(model, other, args.load)
        if drawing:
            _check_mappable(model, data)  # before training, not after
        points = _points_to_predict(args, data, model)
        for read in (data, test):  # how the files were read, and what looks wrong in them
            if read is not None and read.notes and not args.quiet:
                print(f"Read {read.source}: " + "; ".join(read.notes), file=out, flush=True)
            for warning in read.warnings if read is not None else ():
                print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        if args.explain or args.gradcheck:
            return self.look(args, data, model, recipe)
        if args.load and not (points or drawing or test):
            raise TinynetError(f"nothing to do with the loaded model: give --predict with "
                               f"{model.input_size} numbers, --test, --plot or --svg")
        if not args.load:
            self.learn(args, data, model, recipe, rng)
        self.predictions(points, model, args.quiet, args.verbose or not (args.data or args.load))
        for name, rows in ((f"Test on {args.test}", test), (
                f"Held out: {len(held.inputs) if held else 0} rows ({args.holdout:g} of each "
                f"class, seed {args.seed})" if held else "", held)):
            if rows is not None:
                print(f"{name}:\n" * (not args.quiet) + format_results(
                    model.predict(rows), rows.labels, model.classes, model.class_names),
                    file=out, flush=True)
        self.draw(args, data, model, points, inputs, written)
        if args.save:
            model.save(args.save, inputs, written)
            if not args.quiet:
                print(f"Saved the model to {args.save}", file=out)
        return 0

    def learn(self, args, data, model, recipe, rng):
        """Train the model as the recipe says: the lesson's Stages 1 and 2, or a summary."""
        out, quiet = self.out, args.quiet
        stages = not quiet and (args.verbose or not args.data)  # the lesson's, not your data's
        if not quiet and args.data:
            self.introduce(args, data, model, recipe)
        if stages:
            print("Stage 1) Random starting synaptic weights:", file=out)
            _print_weights(model.network, out)
        progress = self.progress(recipe["iterations"], quiet)
        every = max(1, recipe["iterations"] // 500) if self.terminal else None
        if args.watch:  # on a terminal a few frames a second; in a pipe, at every third
            progress = _Watch(model, data, self, recipe["iterations"])
            every = every or max(1, recipe["iterations"] // 3)
        report = model.learn(data, rng, progress=progress,
                             progress_every=every, until_error=args.until_error, **recipe)
        self.outcome(args, data, model, recipe, report)
        warning = useless_training_warning(model, data)
        if warning:
            out.flush()
            print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        if stages:
            print("Stage 2) New synaptic weights after training:", file=out)
            _print_weights(model.network, out)

    def introduce(self, args, data, model, recipe):
        """Print what an own-data run trains on: the data, its classes, text columns, the recipe."""
        out = self.out
        classes = _cut(", ".join(map(_printable, model.class_names)), 60,
                       f"{len(model.classes)} classes")
        print(f"Training on {data.source}: {len(data.inputs)} rows, {data.input_size} inputs, "
              f"classes {classes}", file=out)
        texts = [f"{_column_text(column, model.columns)} ({', '.join(map(_printable, names))})"
                 for column, names in enumerate(model.categories or []) if names]
        if texts:
            print(_cut("Text columns, one input per category: " + "; ".join(texts), 300,
                       f"{len(texts)} text columns"), file=out)
        if model.means is not None:
            print("Inputs standardised: each column less its mean, over its standard "
                  f"deviation, from the {len(data.inputs)} training rows (--no-scale: as "
                  "they are)", file=out)
        settings = dict(recipe, until_error=args.until_error, seed=args.seed)
        print("Recipe: " + ", ".join(f"{name.replace('_', ' ')} {_setting_text(value)}"
                                     for name, value in settings.items()), file=out)

    def outcome(self, args, data, model, recipe, report):
        """Print why training stopped, with the loss it trained on; for your data, its accuracy."""
        out, count = self.out, report.iterations
        loss = f"mean squared error {report.error:.8f}"
        accurate = args.data and not args.quiet and not model.multilabel
        output = model.outputs(data) if accurate or (args.data and recipe.get("loss") == "log") \
            else None  # one forward pass for both
        if args.data and recipe.get("loss") == "log":
            loss = f"log loss {_log_loss(data.targets(), output):.8f}, " + loss  # and patience's
        if report.stopped:
            print(f"Stopped at iteration {count}: {report.stopped} ({loss})", file=out)
        elif args.quiet or args.data:
            print(f"Trained {count} iteration{'s' * (count != 1)}: {loss}", file=out)
        if accurate:
            answers = [model._answer(model._chances(row)) for row in output]
            print("Training " + format_results(answers, data.labels, model.classes,
                                               model.class_names).split("\n")[0], file=out)

    def predictions(self, points, model, quiet, lesson=True):
        """Print each point, the network's output for it and the class it says.

        The lesson's way is its Stage 3; else one line, with the most probable classes.
        """
        names = [_printable(name) for name in model.class_names]
        for point, output in zip(points, model.outputs(points) if points else []):
            chances = model._chances(output)             # one forward pass per point
            answer = model._answer(chances)
            if model.multilabel:
                said = ", ".join(_printable(names[model.classes.index(name)])
                                 for name in answer) or "none of the outputs"
                detail = ", ".join(f"{name} {p:.3f}" for name, p in zip(names, chances))
            else:
                said = names[model.classes.index(answer)]
                detail = (f"0 = {names[0]}, 1 = {names[1]}" if len(names) == 2 else
                          ", ".join(f"{name} {p:.3f}" for name, p in zip(names, chances)))
            if quiet:
                print(f"{_format_point(point)} {format_matrix(output)} {said}"
                      + f" ({detail})" * (len(names) > 2 or model.multilabel), file=self.out)
            elif not lesson:
                likely = sorted(range(len(names)), key=lambda n: -chances[n])[:3]
                print(f"Predicted for {_format_point(point)}: {said} (" + ", ".join(
                    f"{names[n]} {chances[n]:.3f}" for n in likely) + ", ..." * (
                    len(names) > 3) + ")", file=self.out)
            else:
                print(f"Stage 3) Considering a new situation {_format_point(point)}\n"
                      f"{format_matrix(output)}\nThe network says {said} ({detail}).",
                      file=self.out)

    def draw(self, args, data, model, points, inputs, written):
        """Print the text map and error curve (--plot); write the SVG picture (--svg)."""
        if args.plot:
            colour = self.terminal and not os.environ.get("NO_COLOR")
            print(DecisionMap(model, data, extra=points).text(colour=colour), end="", file=self.out)
            if model.report:
                print(error_curve_text(model.report.curve), file=self.out)
        if args.svg:
            error = _mean_square(subtract(data.targets(), model.outputs(data.inputs)))
            sizes = "-".join(str(size) for size in [model.input_size] + [
                layer.number_of_neurons for layer in model.network.layers])
            bias = "biases" if model.network.layers[0].bias is not None else "no bias"
            done = (f"{model.report.iterations} iterations" if model.report
                    else f"loaded from {os.path.basename(args.load)}")
            title = f"tinynet {sizes}, {bias}: {done}, mean squared error {error:.8f}"
            picture = DecisionMap(model, data, columns=100, rows=100, extra=points)
            write_file(args.svg, picture.svg(title, model.report and model.report.curve),
                       inputs, written)
            if not args.quiet:
                print(f"Wrote the decision map to {args.svg}", file=self.out)

    def look(self, args, data, model, recipe):
        """Run --explain or --gradcheck on the data; return the exit status."""
        inputs, targets = model._scaled(data.inputs), data.targets()
        if args.explain:
            explain(model.network, inputs, targets, recipe["learning_rate"], rows=args.rows or 4,
                    file=self.out, mean=recipe["mean"], loss=recipe["loss"])
            return 0
        rows = gradient_check(model.network, inputs, targets, mean=recipe["mean"],
                              loss=recipe["loss"])
        print(format_gradient_check(rows, loss=recipe["loss"]), file=self.out)
        return 0 if all(row.difference <= GRADIENT_TOLERANCE for row in rows) else 1


def _data(path, args=None, model=None):
    """Return the data a --data or --test value names: a file, or else a data set tinynet makes.

    A CSV file is read as --label, --header and --missing say; a model's
    label column is looked for by name, and the columns put in the order of
    its inputs by name.
    """
    if path in GENERATED and not os.path.exists(path):
        return make_dataset(path)
    if not path.lower().endswith(".csv"):
        return load_dataset(path)
    data = _parse_csv(path, _read_text(path, "data"), args and args.label, args and args.header,
                      args and args.missing, model and model.label)
    if model is not None and data.columns and model.columns and data.columns != model.columns:
        data.inputs = _matched(data.inputs, data.columns, model.columns, path)
        data.columns = model.columns
        data.notes.append("columns put in the model's order, by name")
    return data


def _check_fits(model, data, source):
    """Raise TinynetError unless a (loaded) model takes the data's inputs and knows its classes."""
    if data is None:
        return
    if data.input_size != model.input_size:
        raise TinynetError(f"{source or 'the model'}: the model takes {model.input_size} inputs, "
                           f"but {data.source} has {data.input_size}")
    unknown = sorted(set(data.classes) - set(model.classes)) if not data.multilabel else []
    if unknown or data.multilabel != model.multilabel:
        raise TinynetError(f"{data.source}: its classes {_short(data.classes)} are not the "
                           f"model's {_short(model.classes)}")


def _points_to_predict(args, data, model):
    """Return the points to classify: --predict's numbers (texts in text columns), or the data's."""
    if not args.predict:
        return [data.new_situation] if data and data.new_situation else []
    kinds = model.categories or [None] * model.input_size
    points = []
    for values in args.predict:
        if len(values) != model.input_size:
            raise TinynetError(
                f"--predict takes {model.input_size} {'values' if any(kinds) else 'numbers'} "
                f"(one per input), got {len(values)}: {' '.join(values)}")
        numbers = [_number(value) for value in values]
        for column, (value, number, names) in enumerate(zip(values, numbers, kinds)):
            if number is None and names is None:
                raise TinynetError(f"argument --predict: expected a number, got {_short(value)}")
            if names is not None and value not in names:
                raise TinynetError(f"argument --predict: {_column_text(column, model.columns)}: "
                                   f"{_short(value)} is not one of the categories the model was "
                                   f"trained on, {_short(names)}")
        points.append([value if names else number
                       for value, number, names in zip(values, numbers, kinds)])
    return points


def _setting_text(value):
    """Write a recipe's setting for the summary: on or off, sizes as 16 or 8,4."""
    if isinstance(value, bool) or value is None:
        return "on" if value else "off"
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _cut(text, width, instead):
    """Return text if it is at most ``width`` long, else ``instead``."""
    return text if len(text) <= width else instead


def _log_loss(targets, outputs):
    """Return the mean log loss of sigmoid outputs, -(t log o + (1 - t) log(1 - o)), per output."""
    total = 0.0
    for target_row, output_row in zip(targets, outputs):
        for target, output in zip(target_row, output_row):
            output = min(max(output, 1e-15), 1 - 1e-15)  # log(0) would be -inf
            total -= target * math.log(output) + (1 - target) * math.log(1 - output)
    return total / (len(targets) * len(targets[0]))


def _print_weights(network, out):
    """Print the weights as the lesson does, or how many there are when they are too many."""
    count = sum(len(layer.synaptic_weights) * (len(layer.synaptic_weights[0]) + (
        layer.bias is not None)) for layer in network.layers)
    if count <= 100:
        network.print_weights(out)
    else:
        print(f"    {count:,} weights in {len(network.layers)} layers (shown when there are "
              "100 or fewer)", file=out)


class ProgressLines:
    """Print training's progress a line at a time: ``Training: 10% (iteration 10000 ...``."""

    def __init__(self, iterations, file=None):
        self.iterations, self.file = iterations, file

    def __repr__(self):
        return f"ProgressLines({self.iterations})"

    def __call__(self, iteration, error, network=None):
        line = (f"Training complete: 100% ({iteration} iterations)" if iteration == self.iterations
                else f"Training: {100 * iteration // self.iterations}% "
                     f"(iteration {iteration} of {self.iterations})")
        print(f"{line}, mean squared error {error:.8f}", file=self.file, flush=True)


class _TerminalProgress:
    """Show training on a terminal as one line, rewritten in place at most ten times a second.

    The line keeps the error it started from beside the error now, and fits
    the terminal's width, leaving out the least useful parts first.
    """

    def __init__(self, iterations, run):
        self.iterations, self.run, self.first = iterations, run, None
        self.started = self.shown = time.perf_counter()

    def __repr__(self):
        return f"_TerminalProgress({self.iterations})"

    def __call__(self, iteration, error, network=None):
        now, done = time.perf_counter(), iteration == self.iterations
        self.first = error if self.first is None else self.first
        if now - self.shown < 0.1 and iteration and not done:
            return
        self.shown, elapsed = now, now - self.started
        speed = iteration / elapsed if elapsed > 0 else 0.0
        width = shutil.get_terminal_size((80, 24)).columns - 1
        errors = f"error {self.first:.8f} -> {error:.8f}"  # where it started, and now
        if done:
            line = _fit(width, [f"Training complete: {iteration} iterations", errors,
                                f"{elapsed:.1f} s"], drop=(2, 0))
        else:
            left = f"{(self.iterations - iteration) / speed:.1f} s left" if speed else "starting"
            line = _fit(width, [f"Training {100 * iteration // self.iterations:3d}%",
                                f"iteration {iteration} of {self.iterations}", errors, left,
                                f"{speed:,.0f} it/s"], drop=(4, 3, 1, 0))
        print(f"\r{line}\033[K", end="\n" if done else "", file=self.run.out, flush=True)
        self.run.line_open = not done


def _fit(width, parts, drop):
    """Join the parts with ' | ', leaving out parts in the order ``drop`` names until it fits."""
    kept = list(range(len(parts)))
    for index in drop:
        if len(" | ".join(parts[i] for i in kept)) <= width:
            break
        kept.remove(index)
    return " | ".join(parts[i] for i in kept)[:width]


class _Watch:
    """Redraw the decision map as training goes: in place on a terminal, snapshots in a pipe."""

    def __init__(self, model, data, run, iterations):
        self.model, self.data, self.run = model, data, run
        self.iterations, self.shown, self.height = iterations, 0.0, 0

    def __repr__(self):
        return f"_Watch({self.iterations})"

    def __call__(self, iteration, error, network=None):
        now = time.perf_counter()
        if not self.run.terminal or now - self.shown >= 0.25 or iteration == self.iterations:
            self.shown = now
            self.frame(iteration, error, network)

    def frame(self, iteration, error, network):
        """Draw one frame: the map of the network being trained, and the iteration and error."""
        model = Classifier.from_network(network or self.model.network, self.model.classes,
                                        self.model.means, self.model.scales)
        text = DecisionMap(model, self.data, rows=20, columns=50).text(colour=self.run.terminal)
        text += f"iteration {iteration} of {self.iterations}: mean squared error {error:.8f}\n"
        if self.run.terminal and self.height:  # back up over the last frame, then draw over it
            text = f"\033[{self.height}A" + text.replace("\n", "\033[K\n")
        self.run.line_open = False
        print(text, end="", file=self.run.out, flush=True)
        self.height = text.count("\n")


if __name__ == "__main__":
    sys.exit(main())
