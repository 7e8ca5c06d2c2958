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

__version__ = "1.1.0"
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
import signal
import stat
import tempfile

MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest data or model file tinynet reads: 64 MiB


class Dataset:
    """Rows of inputs, each with a label, as ``load_dataset`` reads them.

    ``classes`` are the class names in output order; ``labels`` holds one
    class name per row, or (``multilabel``) a row of 0s and 1s per row, one
    per output.  ``new_situation`` is an optional point to classify, and
    ``source`` the file it came from.

    >>> Dataset([[0, 0], [1, 1], [2, 2]], ["cat", "dog", "cat"])
    Dataset(3 rows, 2 inputs, classes ['cat', 'dog'])
    """

    def __init__(self, inputs, labels, classes=None, new_situation=None, source=None,
                 multilabel=False):
        self.inputs = _check_matrix("inputs", inputs)
        if not isinstance(labels, (list, tuple)) or len(labels) != len(self.inputs):
            raise TinynetError(f"labels must be a list of {len(self.inputs)} labels, one per row, "
                               f"got {_short(labels)}")
        self.multilabel = multilabel
        if multilabel:
            self.labels = _check_matrix("labels", labels, len(classes))
            self.classes = list(classes)
        else:
            self.labels = [_label_text(label) for label in labels]
            self.classes = _classes_of(self.labels) if classes is None else list(classes)
            unknown = sorted(set(self.labels) - set(self.classes))
            if unknown:
                raise TinynetError(f"label {unknown[0]!r} is not one of the classes "
                                   f"{self.classes!r}")
        if len(self.classes) < 2 or len(set(self.classes)) != len(self.classes):
            raise TinynetError(f"the data needs two or more different classes, "
                               f"got {self.classes!r}")
        self.new_situation = new_situation
        self.source = source

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


def _label_text(label):
    """Return a label as its class name: a name as it is, a number as it prints ('1', '2.5')."""
    if isinstance(label, str) and label.strip():
        number = _parses(label)
        return label.strip() if number is None else f"{number:g}"
    if _is_number(label):
        return f"{_finite_number('a label', label):g}"
    raise TinynetError(f"a label must be a number or a name, got {_short(label)}")


def _classes_of(labels):
    """Return the class names in output order: numbers in numeric order, else alphabetical."""
    names = set(labels)
    try:
        return sorted(names, key=float)
    except ValueError:
        return sorted(names)


def load_dataset(path):
    """Read a dataset from a JSON file, or a CSV file if its name ends in .csv.

    JSON: an object with ``inputs`` (rows of numbers) and ``labels`` (one
    label per row: a number or a name; or, for several independent outputs,
    a row of 0s and 1s), optionally ``label_names`` (names for the labels 0,
    1, ...) and ``new_situation`` (a point to classify).  CSV: one row per
    point, the label in the last column; a first row whose inputs are not
    all numbers is a header.  Classes are ordered numerically for numbers,
    alphabetically for names.

    >>> data = load_dataset(LESSON_DATA)
    >>> data, data.labels[:2], data.new_situation
    (Dataset(15 rows, 2 inputs, classes ['blue', 'red']), ['blue', 'blue'], [2.0, -3.0])

    Raises TinynetError, naming the file and the row (from 1), for a file
    that cannot be read or is over MAX_FILE_BYTES, bad JSON or CSV, a missing
    key, a row of the wrong length, a value that is not a finite number, a
    label that is not a number or a name, fewer than two classes, or
    different counts of inputs and labels.
    """
    text = _read_text(path, "data")
    if str(path).lower().endswith(".csv"):
        return _parse_csv(path, text)
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
            content = file.read(MAX_FILE_BYTES + 1)
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


def _parse_csv(path, text):
    """Return the Dataset in CSV text: rows of numbers, the label last, maybe a header first."""
    try:
        rows = [(number, row) for number, row in
                enumerate(csv.reader(io.StringIO(text, newline="")), 1) if row]
    except csv.Error as error:
        raise TinynetError(f"{path}: cannot read CSV: {error}") from None
    if rows and not all(_parses(text) for text in rows[0][1][:-1]):
        header, rows = rows[0][1], rows[1:]  # a first row of names, not numbers
    else:
        header = [f"column {number}" for number in range(1, len(rows[0][1]) + 1)] if rows else []
    if not rows:
        raise TinynetError(f"{path}: no rows of data")
    if len(header) < 2:
        raise TinynetError(f"{path}: each row needs at least one input and a label, "
                           f"got {_short(rows[0][1])}")
    inputs, labels = [], []
    for line, row in rows:
        if len(row) != len(header):
            raise TinynetError(f"{path}: line {line}: expected {len(header)} values, got "
                               f"{_short(row)}")
        numbers = []
        for name, value in zip(header, row[:-1]):
            number = _parses(value)
            if number is None:
                raise TinynetError(f"{path}: line {line}: column {_short(name)}: "
                                   f"{_short(value)} is not a finite number")
            numbers.append(number)
        inputs.append(numbers)
        labels.append(row[-1])
    try:
        return Dataset(inputs, labels, source=path)
    except TinynetError as error:
        raise TinynetError(f"{path}: {error}") from None


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
    """A network with what real data needs: class names and the scaling of its inputs.

    ``Classifier.fit(rows, labels)`` builds and trains one in a call.  Two
    classes have one output (the probability of the second class); more
    have one output per class, trained on one-hot targets, and the outputs
    divided by their sum are the probabilities.  ``means`` and ``scales``
    standardise each input, ``(x - mean) / scale``, before the network.

    >>> model = Classifier.fit([[1, 20], [2, 10], [8, 90], [9, 80]], ["no", "no", "yes", "yes"])
    >>> model, model.classify([8.5, 85]), model.classify([[1, 15], [9, 85]])
    (Classifier(2 inputs, classes ['no', 'yes'], hidden [16]), 'yes', ['no', 'yes'])
    """

    def __init__(self, network, classes, means=None, scales=None, multilabel=False):
        self.network, self.classes, self.multilabel = network, list(classes), multilabel
        if len(set(self.classes)) < 2 or len(set(self.classes)) != len(self.classes):
            raise TinynetError(f"classes must be two or more different names, got "
                               f"{_short(self.classes)}")
        outputs = len(self.classes) if multilabel or len(self.classes) > 2 else 1
        if network.output_size != outputs:
            raise TinynetError(f"{len(self.classes)} classes need {outputs} outputs, but the "
                               f"network has {network.output_size}")
        self.means, self.scales = means, scales
        self.report = None  # the TrainingReport, after fit

    input_size = property(lambda self: self.network.input_size)

    def __repr__(self):
        hidden = [layer.number_of_neurons for layer in self.network.layers[:-1]]
        return f"Classifier({self.input_size} inputs, classes {self.classes!r}, hidden {hidden})"

    @classmethod
    def fit(cls, inputs, labels=None, classes=None, *, seed=1, progress=None,
            progress_every=None, until_error=None, **recipe):
        """Return a Classifier trained on rows and labels (or a Dataset), scaling included.

        ``recipe`` overrides any of DATA_RECIPE's settings (``hidden``,
        ``bias``, ``scale``, ``iterations``, ``learning_rate``, ``batch_size``,
        ``mean``, ``loss``, ``patience``); ``seed`` seeds the starting weights
        and the batches' order.  The TrainingReport is in ``.report``.  Raises
        TinynetError for bad data or settings, or training that diverges.
        """
        data = inputs if isinstance(inputs, Dataset) else Dataset(inputs, labels, classes)
        rng = numpy_like_random(seed)
        model = cls.untrained(data, rng, **recipe)
        model.learn(data, rng, progress, progress_every, until_error, **recipe)
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
        return cls(network, data.classes, means, scales, data.multilabel)

    def learn(self, data, rng=None, progress=None, progress_every=None, until_error=None,
              **recipe):
        """Train the network on a Dataset with a recipe (see ``fit``); return the TrainingReport."""
        settings = _settings(recipe)
        self.report = self.network.train(
            self._scaled(data.inputs), data.targets(), settings["iterations"],
            settings["learning_rate"], until_error, progress, progress_every,
            settings["batch_size"], settings["mean"], settings["loss"], settings["patience"], rng)
        return self.report

    def _scaled(self, rows):
        """Return checked rows, standardised if the model scales its inputs."""
        rows = _check_matrix("inputs", rows, self.input_size)
        if self.means is None:
            return rows
        return [[(x - mean) / scale for x, mean, scale in zip(row, self.means, self.scales)]
                for row in rows]

    def outputs(self, rows):
        """Return the network's outputs for rows of raw inputs: (rows x outputs)."""
        output = self.network._forward(self._scaled(rows))[-1]
        if any(value != value for row in output for value in row):  # NaN: inf - inf somewhere
            raise TinynetError("the inputs are too large: the network's weighted sums overflow")
        return output

    def predict(self, rows):
        """Return the probability of each class for one row, or a list of them for rows.

        Two classes: [1 - p, p]; more: the outputs divided by their sum;
        several independent outputs: each output as it is.
        """
        single = isinstance(rows, (list, tuple)) and bool(rows) and _is_number(rows[0])
        answers = [self._chances(output) for output in self.outputs([rows] if single else rows)]
        return answers[0] if single else answers

    def classify(self, rows):
        """Return the class name for one row (the most probable), or a list for rows.

        With several independent outputs, a row's answer is the list of the
        names whose output is 0.5 or more.
        """
        single = isinstance(rows, (list, tuple)) and bool(rows) and _is_number(rows[0])
        answers = [self._answer(self._chances(output))
                   for output in self.outputs([rows] if single else rows)]
        return answers[0] if single else answers

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
        """Return the model as plain JSON types: sizes, classes, scaling, weights."""
        return {"format": _MODEL_FORMAT, "version": 2, "input_size": self.input_size,
                "layer_sizes": [layer.number_of_neurons for layer in self.network.layers],
                "bias": self.network.layers[0].bias is not None, "classes": self.classes,
                "multilabel": self.multilabel,
                "scaling": None if self.means is None else {"means": self.means,
                                                            "scales": self.scales},
                "layers": [{"synaptic_weights": layer.synaptic_weights, "bias": layer.bias}
                           for layer in self.network.layers]}

    @classmethod
    def from_dict(cls, data, source="model"):
        """Return the model a dict from ``to_dict`` describes, checking every part.

        Also reads version 1 models (tinynet 1.0).  Raises TinynetError, naming
        ``source`` and the part, for anything missing, of the wrong type or
        shape, or not finite.
        """
        try:
            return cls._from_dict(data)
        except TinynetError as error:
            raise TinynetError(f"{source}: {error}") from None

    @classmethod
    def _from_dict(cls, data):
        if not isinstance(data, dict) or data.get("format") != _MODEL_FORMAT:
            raise TinynetError(f"not a tinynet model (no \"format\": \"{_MODEL_FORMAT}\")")
        if data.get("version") not in (1, 2):
            raise TinynetError(f"unknown model version {_short(data.get('version'))}")
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
            if data.get(key) != value:
                raise TinynetError(f"{key} is {_short(data.get(key))} "
                                   f"but the weights say {value!r}")
        if data["version"] == 1:  # tinynet 1.0: label_names for one output, no scaling
            names = data.get("label_names") or ["0", "1"]
            multilabel = network.output_size > 1
            classes = [f"output {n}" for n in range(1, network.output_size + 1)] if multilabel \
                else names
            return cls(network, [_label_text(name) for name in classes], multilabel=multilabel)
        classes = data.get("classes")
        if not isinstance(classes, list) or not all(isinstance(name, str) and name
                                                    for name in classes):
            raise TinynetError(f"'classes' must be a list of names, got {_short(classes)}")
        scaling = data.get("scaling")
        means = scales = None
        if scaling is not None:
            if not isinstance(scaling, dict):
                raise TinynetError(f"'scaling' must be an object, got {_short(scaling)}")
            means, scales = (_check_matrix(f"scaling {key}", [scaling.get(key)],
                                           network.input_size)[0] for key in ("means", "scales"))
            if not all(scale > 0 for scale in scales):
                raise TinynetError(f"scaling scales must be positive, got {_short(scales)}")
        return cls(network, classes, means, scales, data.get("multilabel") is True)

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

    def weights(self):
        """Return copies of the layers' weights, first layer first: [(synaptic_weights, bias)].

        ``synaptic_weights`` is (inputs x neurons): row i holds the weights
        from input i to each neuron.  ``bias`` is one number per neuron, or None.

        >>> Classifier(NeuralNetwork(Layer.from_weights([[0.5], [-1.0]])), ["a", "b"]).weights()
        [([[0.5], [-1.0]], None)]
        """
        return [([list(row) for row in layer.synaptic_weights],
                 None if layer.bias is None else list(layer.bias))
                for layer in self.network.layers]

    def export(self, path, name=None, inputs=(), written=None):
        """Write the model as a standalone predictor, in the language of the file's extension.

        ``.py``: Python that MicroPython also runs, needing only ``math``;
        ``.c``: C99 needing only ``<math.h>``; ``.js`` or ``.mjs``: an ES
        module.  The scaling, the weights and the classes are built in, and
        its chances are ``predict``'s.  It opens with a comment naming the
        model (``name``, else the file's name without its extension), its
        inputs, its classes and tinynet's version.  Written as ``save``
        writes.  Raises TinynetError for another extension, a model of
        several independent outputs, a class the language cannot hold, or a
        file that cannot be written (an existing one is then unchanged).
        """
        write_file(path, _predictor_source(self, path, name), inputs, written)


_MODEL_FORMAT = "tinynet model"


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


def accuracy(predicted, actual):
    """Return the share of ``predicted`` labels equal to ``actual`` ones, from 0 to 1.

    >>> accuracy(["a", "b", "b"], ["a", "b", "a"])
    0.6666666666666666
    """
    if not isinstance(predicted, list) or not isinstance(actual, list) or not actual \
            or len(predicted) != len(actual):
        raise TinynetError("accuracy needs two lists of labels of one length, got "
                           f"{_short(predicted)} and {_short(actual)}")
    return sum(p == a for p, a in zip(predicted, actual)) / len(actual)


def confusion_matrix(predicted, actual, classes):
    """Return counts[i][j]: how many rows of class ``classes[i]`` were predicted ``classes[j]``.

    >>> confusion_matrix(["a", "b", "b"], ["a", "b", "a"], ["a", "b"])
    [[1, 1], [0, 1]]
    """
    accuracy(predicted, actual)  # the same checks
    index = {name: number for number, name in enumerate(classes)}
    counts = [[0] * len(classes) for _ in classes]
    for p, a in zip(predicted, actual):
        if p not in index or a not in index:
            raise TinynetError(f"label {_short(a if a not in index else p)} is not one of "
                               f"the classes {_short(classes)}")
        counts[index[a]][index[p]] += 1
    return counts


def format_results(predicted, actual, classes):
    """Return ``accuracy: 95.3% (163 of 171)`` and the confusion matrix, as lines of text.

    >>> print(format_results(["a", "b", "b"], ["a", "b", "a"], ["a", "b"]))
    accuracy: 66.7% (2 of 3)
    confusion matrix (rows: the true class; columns: the predicted class):
         a  b
      a  1  1
      b  0  1
    """
    counts = confusion_matrix(predicted, actual, classes)
    right = sum(counts[i][i] for i in range(len(classes)))
    names = [_printable(name) for name in classes]
    width = max(len(str(len(actual))), *map(len, names))
    lines = [f"accuracy: {100 * right / len(actual):.1f}% ({right} of {len(actual)})",
             "confusion matrix (rows: the true class; columns: the predicted class):",
             " " * (width + 2) + "".join("  " + name.rjust(width) for name in names)]
    lines += ["  " + name.rjust(width) + "".join("  " + str(count).rjust(width) for count in row)
              for name, row in zip(names, counts)]
    return "\n".join(lines)


def _format_point(point):
    """Format a point as [2, -3]: whole numbers without a decimal point."""
    return "[" + ", ".join(f"{value:g}" for value in point) + "]"


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
    return tuple(Dataset([data.inputs[n] for n in part], [data.labels[n] for n in part],
                         data.classes, data.new_situation, data.source) for part in parts)


def useless_training_warning(model, data):
    """Return a warning if the model learned nothing useful from its training data, else None.

    That is: every row is given one class, or the mean squared error is no
    better than always answering each class's share of the rows.
    """
    targets = data.targets()
    output = model.outputs(data.inputs)                  # one forward pass for both tests
    answers = {model._answer(model._chances(row)) for row in output} if not model.multilabel \
        else {0}
    shares = [sum(column) / len(column) for column in zip(*targets)]
    baseline = sum(share * (1 - share) for share in shares) / len(shares)
    error = _mean_square(subtract(targets, output))
    if len(answers) == 1 and len(set(data.labels)) > 1 and not model.multilabel:
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


# -- Exporting: the trained model as a predictor that needs no tinynet -------
# A prediction is the forward pass alone: scale the inputs, then each layer's
# sigmoid(dot(inputs, synaptic_weights) + bias), then the chances.  Python, C
# and JavaScript are each written from one plain description of the model,
# made in one place (_predictor), followed by the same few lines of code.


def _predictor(model, name):
    """Return what a standalone predictor needs, as plain values: the one reader of the model.

    A dict of the ``name``; tinynet's ``version``; the ``inputs``' names in
    order; ``scaled``, with the ``means`` and ``scales`` (0 and 1 where the
    model does not scale); ``biased``, with the ``layers`` as
    (synaptic_weights, bias) pairs, (inputs x neurons) and one bias per
    neuron (0 where there is none); the ``sizes`` of the layers, inputs
    first; and the ``classes`` as plain names and numbers.  Raises
    TinynetError for a model of several independent outputs.
    """
    if model.multilabel:
        raise TinynetError("a model of several independent outputs cannot be exported: a "
                           "predictor answers one class per row")
    weights = model.weights()
    size = len(weights[0][0])                                    # the inputs
    return {"name": name, "version": __version__,
            "inputs": [f"input {number}" for number in range(1, size + 1)],
            "scaled": model.means is not None,
            "means": list(model.means or [0.0] * size),
            "scales": list(model.scales or [1.0] * size),
            "biased": any(bias is not None for _, bias in weights),
            "layers": [(synaptic_weights, bias or [0.0] * len(synaptic_weights[0]))
                       for synaptic_weights, bias in weights],
            "sizes": [size] + [len(synaptic_weights[0]) for synaptic_weights, _ in weights],
            "classes": [_plain_class(label) for label in model.classes]}


def _plain_class(label):
    """Return a class as a str, bool, int or finite float (NumPy's numbers too), or raise."""
    if isinstance(label, (str, bool)):
        return label
    try:
        return label.__index__()                                 # an int, or NumPy's integers
    except (AttributeError, TypeError):
        pass
    try:
        number = float(label)
    except (TypeError, ValueError):
        number = None
    if number is None or not math.isfinite(number):
        raise TinynetError(f"a class must be a name or a finite number to be exported, "
                           f"got {_short(label)}")
    return number


def _exporter(path):
    """Return the function that writes a predictor in the language of the path's extension."""
    _check_path(path, "export")
    extension = os.path.splitext(str(path))[1].lower()
    writers = {".py": _python_predictor, ".c": _c_predictor, ".js": _js_predictor,
               ".mjs": _js_predictor}
    if extension not in writers:
        raise TinynetError(f"{path}: the name of an exported model must end in .py, .c or .js "
                           f"(the language to write), got {extension or 'no extension'!r}")
    return writers[extension]


def _predictor_source(model, path, name=None):
    """Return the text of a standalone predictor of the model, in the path's language."""
    write = _exporter(path)
    return write(_predictor(model, name or os.path.splitext(os.path.basename(path))[0]))


def _predictor_header(spec, language, usage):
    """Return the opening comment of the predictor ``spec`` describes, as lines without marks.

    It names the model, its network, its inputs in order, its scaling, its
    classes in order and tinynet's version, then says how to use the file.
    """
    wrap = lambda text: textwrap.wrap(text, 96, subsequent_indent="    ",  # noqa: E731
                                      break_long_words=False, break_on_hyphens=False)
    network = "-".join(map(str, spec["sizes"]))
    biases = "with biases" if spec["biased"] else "without biases"
    scaling = ("Each input is standardised, (x - mean) / scale, before the network." if
               spec["scaled"] else "The inputs go to the network as they are.")
    classes = ", ".join(_printable(repr(label)) for label in spec["classes"])
    return (wrap(f"{_printable(spec['name'])}: a tinynet model as a standalone predictor in "
                 f"{language}, written by tinynet {spec['version']}.") +
            [f"A {network} network of sigmoid neurons, {biases}."] +
            wrap(f"Inputs, in order: {', '.join(map(_printable, spec['inputs']))}.") +
            [scaling] + wrap(f"Classes, in order: {classes}.") + [""] + usage)


def _number_lines(values, indent):
    """Return numbers, each followed by a comma, in lines of up to 100 characters.

    Each is written as ``repr`` writes it: the shortest text that reads back
    as the very same float, in Python, C and JavaScript alike.
    """
    lines, line = [], indent
    for text in (repr(float(value)) + "," for value in values):
        if line != indent and len(line) + 1 + len(text) > 100:
            lines.append(line)
            line = indent
        line += (" " if line != indent else "") + text
    return lines + [line]


def _array_lines(values, start, indent, end=","):
    """Return numbers as an array literal ``[...]``: one line if it fits, else several."""
    line = f"{start}[{', '.join(repr(float(value)) for value in values)}]{end}"
    if len(line) <= 100:
        return [line]
    return [start + "["] + _number_lines(values, indent + "    ") + [f"{indent}]{end}"]


def _literal_layers(spec, open_, close, comment):
    """Return LAYERS, the layers' (synaptic_weights, biases), as a Python or JavaScript literal."""
    lines = []
    for number, (weights, bias) in enumerate(spec["layers"], 1):
        lines += [f"    {open_}  {comment} layer {number}: {_sizes(weights)}", "        ["]
        lines += [line for row in weights for line in _array_lines(row, " " * 12, " " * 12)]
        lines += ["        ],"] + _array_lines(bias, " " * 8, " " * 8) + [f"    {close},"]
    return lines


def _sizes(weights):
    """Return a layer's size in words: '4 inputs x 1 neuron'."""
    rows, columns = len(weights), len(weights[0])
    return f"{rows} input{'s' * (rows != 1)} x {columns} neuron{'s' * (columns != 1)}"


def _python_predictor(spec):
    """Return a predictor in Python that MicroPython also runs: plain syntax, only ``math``."""
    usage = ["predict_proba(row): the chance of each class, in the order of CLASSES;",
             "predict(row): the most probable class.  A row is a list of the inputs' numbers.",
             "Needs only math, and runs in MicroPython too; where its floats have double",
             "precision, the chances are tinynet's to within 1e-9."]
    lines = ["# " + line if line else "#" for line in _predictor_header(spec, "Python", usage)]
    lines += ["", "import math", "",
              f"CLASSES = [{', '.join(repr(label) for label in spec['classes'])}]", "",
              "# The network takes each input as (x - mean) / scale."]
    lines += _array_lines(spec["means"], "MEANS = ", "", end="")
    lines += _array_lines(spec["scales"], "SCALES = ", "", end="")
    lines += ["", "# The layers, first to last, as (synaptic_weights, biases): synaptic_weights",
              "# has a row per input and a column per neuron; biases, one per neuron.",
              "LAYERS = ["]
    lines += _literal_layers(spec, "(", ")", "#")
    return "\n".join(lines + ["]"]) + "\n" + _PYTHON_PREDICTOR


_PYTHON_PREDICTOR = '''

def _sigmoid(x):
    """Return 1 / (1 + e**-x), clipped as tinynet clips it: e**709.78 still fits in a float."""
    if x < -709.78:
        x = -709.78
    return 1.0 / (1.0 + math.exp(-x))


def predict_proba(row):
    """Return the chance of each class for a row of numbers, in the order of CLASSES.

    Raises ValueError for a row of the wrong length, a value that is not a
    finite number, or inputs so large that the weighted sums overflow.
    """
    if len(row) != len(MEANS):
        raise ValueError("expected %d numbers, got %d" % (len(MEANS), len(row)))
    values = []
    for x, mean, scale in zip(row, MEANS, SCALES):
        x = float(x)
        if not math.isfinite(x):
            raise ValueError("each input must be a finite number, got %r" % x)
        values.append((x - mean) / scale)
    for weights, biases in LAYERS:  # each layer: sigmoid(dot(values, weights) + biases)
        outputs = []
        for j in range(len(biases)):
            weighted = 0.0
            for i in range(len(values)):
                weighted += values[i] * weights[i][j]
            outputs.append(_sigmoid(weighted + biases[j]))
        values = outputs
    if len(values) == 1:  # two classes: the one output is the chance of the second
        chances = [1.0 - values[0], values[0]]
    else:  # more: each output over their sum (never 0: each output is above 0)
        total = sum(values)
        chances = [value / total for value in values]
    for chance in chances:
        if chance != chance:  # NaN: the weighted sums overflowed, inf - inf
            raise ValueError("the inputs are too large: the weighted sums overflow")
    return chances


def predict(row):
    """Return the most probable class for a row (the first, where chances are equal)."""
    chances = predict_proba(row)
    best = 0
    for index in range(1, len(chances)):
        if chances[index] > chances[best]:
            best = index
    return CLASSES[best]
'''


def _js_predictor(spec):
    """Return a predictor as a JavaScript ES module: no imports, numbers as the classes' own."""
    usage = ["predictProba(row): the chance of each class, in the order of CLASSES;",
             "predict(row): the most probable class.  A row is an array of the inputs' numbers.",
             "An ES module: import it from a <script type=\"module\"> or from Node (there, name",
             "it .mjs or set \"type\": \"module\").  The chances are tinynet's to within 1e-9."]
    lines = ["// " + line if line else "//" for line in _predictor_header(
        spec, "JavaScript", usage)]
    lines += ["", f"export const CLASSES = [{', '.join(map(_js_class, spec['classes']))}];", "",
              "// The network takes each input as (x - mean) / scale."]
    lines += _array_lines(spec["means"], "const MEANS = ", "", end=";")
    lines += _array_lines(spec["scales"], "const SCALES = ", "", end=";")
    lines += ["", "// The layers, first to last, as [synapticWeights, biases]: synapticWeights",
              "// has a row per input and a column per neuron; biases, one per neuron.",
              "const LAYERS = ["] + _literal_layers(spec, "[", "]", "//")
    return "\n".join(lines + ["];"]) + "\n" + _JS_PREDICTOR


def _js_class(label):
    """Return a class as a JavaScript literal: a string, a boolean or an exact number."""
    if isinstance(label, str):
        return json.dumps(label)               # escapes all but printable ASCII
    if isinstance(label, bool):
        return "true" if label else "false"
    if isinstance(label, int) and abs(label) > 2 ** 53:
        raise TinynetError(f"the class {label} is beyond the whole numbers JavaScript holds "
                           "exactly (2**53); give the classes as names to export to JavaScript")
    return repr(label)


_JS_PREDICTOR = '''
function sigmoid(x) {
  // 1 / (1 + e**-x), clipped as tinynet clips it: e**709.78 still fits in a number.
  return 1 / (1 + Math.exp(-Math.max(x, -709.78)));
}

// The chance of each class for a row of numbers, in the order of CLASSES.  Throws a
// RangeError for a row of the wrong length, a value that is not a finite number, or
// inputs so large that the weighted sums overflow.
export function predictProba(row) {
  if (row.length !== MEANS.length) {
    throw new RangeError(`expected ${MEANS.length} numbers, got ${row.length}`);
  }
  let values = row.map((x, i) => {
    if (!Number.isFinite(x)) {
      throw new RangeError(`each input must be a finite number, got ${x}`);
    }
    return (x - MEANS[i]) / SCALES[i];
  });
  for (const [weights, biases] of LAYERS) { // each: sigmoid(dot(values, weights) + biases)
    values = biases.map((bias, j) => {
      let weighted = 0;
      for (let i = 0; i < values.length; i++) {
        weighted += values[i] * weights[i][j];
      }
      return sigmoid(weighted + bias);
    });
  }
  let chances;
  if (values.length === 1) { // two classes: the one output is the chance of the second
    chances = [1 - values[0], values[0]];
  } else { // more: each output over their sum (never 0: each output is above 0)
    const total = values.reduce((sum, value) => sum + value, 0);
    chances = values.map((value) => value / total);
  }
  if (chances.some(Number.isNaN)) { // the weighted sums overflowed, inf - inf
    throw new RangeError("the inputs are too large: the weighted sums overflow");
  }
  return chances;
}

// The most probable class for a row (the first, where chances are equal).
export function predict(row) {
  const chances = predictProba(row);
  let best = 0;
  for (let index = 1; index < chances.length; index++) {
    if (chances[index] > chances[best]) {
      best = index;
    }
  }
  return CLASSES[best];
}
'''


def _c_predictor(spec):
    """Return a predictor in C99 that needs only <math.h>."""
    usage = ["int tinynet_predict(const double *inputs, double *chances) takes TINYNET_INPUTS",
             "numbers, fills chances[0 .. TINYNET_CLASSES - 1] with the chance of each class and",
             "returns the most probable one's index in tinynet_classes; or -1 if an input is not",
             "finite or the weighted sums overflow.  Compile this file with your program",
             "(cc -std=c99 main.c model.c -lm) and declare the two names below, or #include it.",
             "Needs only <math.h>; the chances are tinynet's to within 1e-9."]
    sizes = spec["sizes"]
    lines = ["/*"] + [(" * " + line.replace("*/", "* /").replace("/*", "/ *")).rstrip()
                      for line in _predictor_header(spec, "C", usage)] + [" */", ""]
    lines += ["#include <math.h>", "", f"#define TINYNET_INPUTS {sizes[0]}",
              f"#define TINYNET_CLASSES {len(spec['classes'])}", "",
              "extern const char *const tinynet_classes[TINYNET_CLASSES];",
              "int tinynet_predict(const double *inputs, double *chances);", "",
              "const char *const tinynet_classes[TINYNET_CLASSES] = {"]
    lines += [f"    {_c_string(label if isinstance(label, str) else repr(label))},"
              for label in spec["classes"]]
    lines += ["};", "", "/* The network takes each input as (x - mean) / scale. */",
              "static const double tinynet_means[TINYNET_INPUTS] = {"]
    lines += _number_lines(spec["means"], "    ") + ["};",
                                                      "static const double tinynet_scales"
                                                      "[TINYNET_INPUTS] = {"]
    lines += _number_lines(spec["scales"], "    ") + ["};"]
    for number, (weights, bias) in enumerate(spec["layers"], 1):
        rows, columns = len(weights), len(weights[0])
        lines += ["", f"/* Layer {number}: {_sizes(weights)}, row by row: the weight from "
                  "input i", f"   to neuron j is [i * {columns} + j]. */",
                  f"static const double tinynet_weights_{number}[{rows} * {columns}] = {{"]
        lines += [line for row in weights for line in _number_lines(row, "    ")] + ["};"]
        lines += [f"static const double tinynet_biases_{number}[{columns}] = {{"]
        lines += _number_lines(bias, "    ") + ["};"]
    lines += [_C_LAYER, "int tinynet_predict(const double *inputs, double *chances)", "{",
              "    /* Each layer's outputs; layer_0, the scaled inputs. */"]
    lines += [f"    double layer_{number}[{size}];" for number, size in enumerate(sizes)]
    lines += ["    int best = 0;", "",
              "    for (int i = 0; i < TINYNET_INPUTS; i++) {",
              "        if (!isfinite(inputs[i]))",
              "            return -1;",
              "        layer_0[i] = (inputs[i] - tinynet_means[i]) / tinynet_scales[i];",
              "    }"]
    lines += [f"    tinynet_layer({sizes[number - 1]}, {size}, layer_{number - 1}, "
              f"tinynet_weights_{number}, tinynet_biases_{number}, layer_{number});"
              for number, size in enumerate(sizes[1:], 1)]
    last = f"layer_{len(sizes) - 1}"
    if len(spec["classes"]) == 2:
        lines += ["    chances[0] = 1.0 - " + last + "[0];  /* the one output: the chance of the "
                  "second class */", f"    chances[1] = {last}[0];"]
    else:
        lines += ["    double total = 0.0;  /* never 0: each output is above 0 */",
                  "    for (int j = 0; j < TINYNET_CLASSES; j++)",
                  f"        total += {last}[j];",
                  "    for (int j = 0; j < TINYNET_CLASSES; j++)",
                  f"        chances[j] = {last}[j] / total;"]
    lines += ["    for (int j = 0; j < TINYNET_CLASSES; j++) {",
              "        if (isnan(chances[j]))  /* the weighted sums overflowed, inf - inf */",
              "            return -1;",
              "        if (chances[j] > chances[best])",
              "            best = j;",
              "    }",
              "    return best;",
              "}"]
    return "\n".join(lines) + "\n"


def _c_string(text):
    """Return text as a C string literal: UTF-8, every byte but plain ASCII as an octal escape."""
    return '"' + "".join(chr(byte) if 32 <= byte < 127 and chr(byte) not in '"\\?' else
                         f"\\{byte:03o}" for byte in text.encode("utf-8", "surrogatepass")) + '"'


_C_LAYER = '''
/* 1 / (1 + e**-x), clipped as tinynet clips it: e**709.78 still fits in a double. */
static double tinynet_sigmoid(double x)
{
    if (x < -709.78)
        x = -709.78;
    return 1.0 / (1.0 + exp(-x));
}

/* One layer: out = sigmoid(dot(in, weights) + biases), weights (inputs x neurons). */
static void tinynet_layer(int inputs, int neurons, const double *in, const double *weights,
                          const double *biases, double *out)
{
    for (int j = 0; j < neurons; j++) {
        double weighted = 0.0;
        for (int i = 0; i < inputs; i++)
            weighted += in[i] * weights[i * neurons + j];
        out[j] = tinynet_sigmoid(weighted + biases[j]);
    }
}
'''


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

    >>> model = Classifier(NeuralNetwork(Layer.from_weights([[1.0], [0.0]])), ["blue", "red"])
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
        chances = [p[1] for p in model.predict(centres)]
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
        predicted = self.model.classify(self.data.inputs)
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
        for point, name in zip(self.extra, self.model.classify(self.extra) if self.extra else []):
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

    def _repr_svg_(self):
        """Return the picture a notebook shows: ``svg``, with the error curve of the training."""
        report = self.model.report
        done = f"{report.iterations} iterations" if report else "weights as given"
        return self.svg(_picture_title(self.model, self.data, done), report and report.curve)

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


def _picture_title(model, data, done):
    """Return a picture's title: the network's sizes and biases, ``done``, the error on the data."""
    error = _mean_square(subtract(data.targets(), model.outputs(data.inputs)))
    weights = model.weights()
    sizes = "-".join(str(size) for size in [model.input_size] + [
        len(synaptic_weights[0]) for synaptic_weights, _ in weights])
    bias = "biases" if weights[0][1] is not None else "no bias"
    return f"tinynet {sizes}, {bias}: {done}, mean squared error {error:.8f}"


def _report_svg(report):
    """Return a training report as an SVG picture of its error curve, as a notebook shows it."""
    width, height = 480, 400
    title = (f"tinynet training: {report.iterations} iterations, mean squared error "
             f"{report.error:.8f}")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<title>{_xml(title)}</title>',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="24" text-anchor="middle" font-size="15">{_xml(title)}'
             '</text>']
    parts += _svg_curve(report.curve, 90, 70, 360, 260)
    return "\n".join(parts + ["</svg>"]) + "\n"


TrainingReport._repr_svg_ = _report_svg  # in a notebook, a training report is its error curve


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
    if model.input_size != 2 or len(model.classes) != 2 or model.multilabel:
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
_NUMBER = _option(_number, "a number")
_FRACTION = _option(lambda text: _number(text) if 0 < (_number(text) or 0) < 1 else None,
                    "a number between 0 and 1")
_SEED = _option(lambda text: _whole(text, 0, 2 ** 32 - 1), "a whole number from 0 to 4294967295")
_HIDDEN = _option(lambda text: [_whole(part, 1, 100000) for part in text.split(",")]
                  if all(_whole(part, 1, 100000) for part in text.split(",")) else None,
                  "layer sizes from 1 to 100000 separated by commas, like 4 or 8,4")
_FILE = _option(lambda text: text if text and "\0" not in text else None, "a file name")
_ROWS = _option(lambda text: text if text == "all" else _whole(text), "a positive whole number "
                "or 'all'")


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
    add("--predict", metavar="X", type=_NUMBER, nargs="+", action="append",
        help="classify a point, one number per input, e.g. --predict 2 -3; repeatable "
             "(default: the data's new_situation, if any)")
    add("--test", metavar="FILE", type=_FILE,
        help="after training (or --load), print the accuracy on FILE and a confusion matrix")
    add("--holdout", metavar="FRACTION", type=_FRACTION,
        help="set aside this share of each class (seeded) and report the accuracy on it")
    add("--save", metavar="FILE", type=_FILE, help="save the trained model as JSON")
    add("--export", metavar="FILE", type=_FILE,
        help="write the trained model as a standalone predictor in the language the name ends "
             "in: .py (Python or MicroPython), .c (C99) or .js (a JavaScript module)")
    add("--load", metavar="FILE", type=_FILE, help="use a saved model instead of training")
    add("--quiet", action="store_true", help="print results only: no weights, no progress")
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
                "holdout", "save", "export", "load"), look,
               "it looks at one iteration, not at training")
    if args.rows is not None and not args.explain:
        raise TinynetError("--rows goes with --explain "
                           "(it is how many rows of each matrix to show)")
    if args.watch and args.quiet:
        raise TinynetError("--watch cannot be used with --quiet (it shows the training as it goes)")
    outputs = [(f"--{name}", getattr(args, name)) for name in ("save", "svg", "export")
               if getattr(args, name)]
    for number, (option, path) in enumerate(outputs):
        for other, other_path in outputs[number + 1:]:
            if os.path.realpath(path) == os.path.realpath(other_path):
                raise TinynetError(f"{option} and {other} name the same file {path}")
    if args.export:
        _exporter(args.export)  # a name tinynet can tell the language of


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
        for path in (args.save, args.svg, args.export):  # before anything is read or trained
            if path is not None:
                check_writable(path, inputs)
        data = _data(data_path) if data_path else None
        test = load_dataset(args.test) if args.test else None
        held = None
        if args.holdout:
            data, held = holdout(data, args.holdout, args.seed)
        rng = numpy_like_random(args.seed)  # the starting weights, then the batches' order
        model = Classifier.load(args.load) if args.load else Classifier.untrained(
            data, rng, **recipe)
        for other in (data, test, held):
            _check_fits(model, other, args.load)
        if drawing:
            _check_mappable(model, data)  # before training, not after
        if args.export:
            _predictor_source(model, args.export)  # the model can be written: before training
        if args.explain or args.gradcheck:
            return self.look(args, data, model, recipe)
        points = _points_to_predict(args, data, model)
        if args.load and not (points or drawing or test or args.export):
            raise TinynetError(f"nothing to do with the loaded model: give --predict with "
                               f"{model.input_size} numbers, --test, --plot, --svg or --export")
        if not args.load:
            self.learn(args, data, model, recipe, rng)
        self.predictions(points, model, args.quiet)
        for name, rows in ((f"Test on {args.test}", test), (
                f"Held out: {len(held.inputs) if held else 0} rows ({args.holdout:g} of each "
                f"class, seed {args.seed})" if held else "", held)):
            if rows is not None:
                print(f"{name}:\n" * (not args.quiet) + format_results(
                    model.classify(rows.inputs), rows.labels, model.classes), file=out, flush=True)
        self.draw(args, data, model, points, inputs, written)
        if args.save:
            model.save(args.save, inputs, written)
            if not args.quiet:
                print(f"Saved the model to {args.save}", file=out)
        if args.export:
            name = os.path.splitext(os.path.basename(args.load or data.source))[0]
            model.export(args.export, name, inputs, written)
            if not args.quiet:
                print(f"Exported the model to {args.export}: a standalone predictor", file=out)
        return 0

    def learn(self, args, data, model, recipe, rng):
        """Train the model as the recipe says, printing Stages 1 and 2 unless --quiet."""
        out, quiet = self.out, args.quiet
        if not quiet:
            if args.data:
                print(f"Training on {data.source}: {len(data.inputs)} rows, {data.input_size} "
                      f"inputs, classes {', '.join(map(_printable, data.classes))}", file=out)
            if model.means is not None:
                print("Inputs standardised: each column less its mean, over its standard "
                      f"deviation, from the {len(data.inputs)} training rows (--no-scale: as "
                      "they are)", file=out)
            print("Stage 1) Random starting synaptic weights:", file=out)
            _print_weights(model.network, out)
        progress = self.progress(recipe["iterations"], quiet)
        every = max(1, recipe["iterations"] // 500) if self.terminal else None
        if args.watch:  # on a terminal a few frames a second; in a pipe, at every third
            progress = _Watch(model, data, self, recipe["iterations"])
            every = every or max(1, recipe["iterations"] // 3)
        report = model.learn(data, rng, progress=progress,
                             progress_every=every, until_error=args.until_error, **recipe)
        if report.stopped:
            print(f"Stopped at iteration {report.iterations}: {report.stopped} "
                  f"(mean squared error {report.error:.8f})", file=out)
        elif quiet:
            count = report.iterations
            print(f"Trained {count} iteration{'s' * (count != 1)}: mean squared error "
                  f"{report.error:.8f}", file=out)
        warning = useless_training_warning(model, data)
        if warning:
            out.flush()
            print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        if not quiet:
            print("Stage 2) New synaptic weights after training:", file=out)
            _print_weights(model.network, out)

    def predictions(self, points, model, quiet):
        """Print each point, the network's output for it and the class it says."""
        names = [_printable(name) for name in model.classes]
        for point, output in zip(points, model.outputs(points) if points else []):
            chances = model._chances(output)             # one forward pass per point
            answer = model._answer(chances)
            if model.multilabel:
                said = ", ".join(map(_printable, answer)) or "none of the outputs"
                detail = ", ".join(f"{name} {p:.3f}" for name, p in zip(names, chances))
            else:
                said = _printable(answer)
                detail = (f"0 = {names[0]}, 1 = {names[1]}" if len(names) == 2 else
                          ", ".join(f"{name} {p:.3f}" for name, p in zip(names, chances)))
            if quiet:
                print(f"{_format_point(point)} {format_matrix(output)} {said}"
                      + f" ({detail})" * (len(names) > 2 or model.multilabel), file=self.out)
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
            done = (f"{model.report.iterations} iterations" if model.report
                    else f"loaded from {os.path.basename(args.load)}")
            picture = DecisionMap(model, data, columns=100, rows=100, extra=points)
            write_file(args.svg, picture.svg(_picture_title(model, data, done),
                                             model.report and model.report.curve),
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


def _data(path):
    """Return the data a --data value names: a file, or else a data set tinynet makes."""
    if path in GENERATED and not os.path.exists(path):
        return make_dataset(path)
    return load_dataset(path)


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
    """Return the points to classify, each checked against the model's input size."""
    points = args.predict or ([data.new_situation] if data and data.new_situation else [])
    for point in points:
        if len(point) != model.input_size:
            raise TinynetError(
                f"--predict takes {model.input_size} numbers (one per input), "
                f"got {len(point)}: {' '.join(f'{value:g}' for value in point)}")
    return points


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
        model = Classifier(network or self.model.network, self.model.classes, self.model.means,
                           self.model.scales)
        text = DecisionMap(model, self.data, rows=20, columns=50).text(colour=self.run.terminal)
        text += f"iteration {iteration} of {self.iterations}: mean squared error {error:.8f}\n"
        if self.run.terminal and self.height:  # back up over the last frame, then draw over it
            text = f"\033[{self.height}A" + text.replace("\n", "\033[K\n")
        self.run.line_open = False
        print(text, end="", file=self.run.out, flush=True)
        self.height = text.count("\n")


if __name__ == "__main__":
    sys.exit(main())
