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
3. Data and models: your own data, classes and scaling, the departures real
   data needs (``DataNetwork``), saved models.
4. Pictures: the decision map and the error curve, as text and as SVG; the
   network itself, as SVG.
5. The command line: ``main(argv)``.

One engine: ``NeuralNetwork.iteration`` is the tutorial's loop body written
with the helpers; ``train`` repeats it and everything else that trains calls
it, so changing a helper changes every training.  As in the tutorial, weights
are (inputs x neurons), the error is ``target - output`` and the adjustment
is added (descent on ``1/2 * sum((target - output)**2)``, its minus folded
into the error); ``sigmoid_derivative`` takes the sigmoid's output.

Single file, standard library only, Python 3.8 or newer.  Licence: MIT.
"""

__version__ = "2.2.0"
__license__ = "MIT"
__all__ = [
    "Classifier", "DATA_RECIPE", "DataNetwork", "Dataset", "DecisionMap", "GENERATED",
    "GRADIENT_TOLERANCE", "GradientCheckRow", "HALVINGS", "Iteration", "Layer", "NeuralNetwork",
    "Progress", "ProgressLines", "TinynetError", "TrainingReport", "accuracy", "add",
    "check_writable", "confusion_matrix", "dot", "error_curve_text", "explain",
    "format_gradient_check", "format_matrix", "format_results", "gradient_check", "holdout",
    "lesson", "load_dataset", "main", "make_dataset", "multiply", "network_svg",
    "numpy_like_random", "seed",
    "sigmoid", "sigmoid_derivative", "softmax", "subtract", "transpose", "useless_training_warning",
    "write_file",
]

import json
import math
import os
import random
import sys
from collections import namedtuple
from math import exp


class TinynetError(ValueError):
    """Raised for every bad input: the message names the file and row, argument or shape."""


# ==========================================================================
# Part 1. The lesson
# ==========================================================================

# -- Seeding: the same random numbers as NumPy's np.random.seed(n) ----------
# (A class can skip this part: it only makes the tutorial's starting weights.)


def numpy_like_random(n):
    """Return a ``random.Random`` whose draws equal NumPy's after ``np.random.seed(n)``.

    >>> numpy_like_random(1).random(), random.Random(1).random()  # NumPy's first, Python's
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
    """Seed tinynet's generator exactly as ``np.random.seed(n)`` seeds NumPy's."""
    _random.setstate(numpy_like_random(n).getstate())


# -- The list helpers: NumPy's few operations, on plain lists ----------------
# A matrix is a list of rows: [[1, 2], [3, 4]] is (2 x 2).


def transpose(matrix):
    """Return the matrix with its rows turned into columns: NumPy's ``matrix.T``.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    return [list(column) for column in zip(*matrix)]


def dot(a, b):
    """Return the matrix product of ``a`` (n x k) and ``b`` (k x m): (n x m).

    Entry (i, j) is the sum over k of ``a[i][k] * b[k][j]``: row i of ``a``
    times column j of ``b``, entry by entry, added up.  Raises TinynetError
    unless a's columns are as many as b's rows.

    >>> dot([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    [[19, 22], [43, 50]]
    """
    if not a or not isinstance(a[0], list) or len(a[0]) != len(b):
        raise TinynetError(f"dot: shapes {_shape(a)} and {_shape(b)} do not line up")
    product = []                                                 # (n x m)
    for row in a:                                                # row i of a
        product_row = []
        for j in range(len(b[0])):                               # column j of b
            total = 0
            for k in range(len(b)):
                total += row[k] * b[k][j]                        # a[i][k] * b[k][j]
            product_row.append(total)
        product.append(product_row)
    return product


def add(a, b):
    """Return a + b, entry by entry.

    >>> add([[1, 2], [3, 4]], [[10, 20], [30, 40]])
    [[11, 22], [33, 44]]
    """
    _check_same_shape(a, b)
    return [[x + y for x, y in zip(row_a, row_b)] for row_a, row_b in zip(a, b)]


def subtract(a, b):
    """Return a - b, entry by entry: ``[[0.75]]`` for ``[[1]]`` and ``[[0.25]]``."""
    _check_same_shape(a, b)
    return [[x - y for x, y in zip(row_a, row_b)] for row_a, row_b in zip(a, b)]


def multiply(a, b):
    """Return a * b, entry by entry (``dot`` is the matrix product), as ``add`` adds."""
    _check_same_shape(a, b)
    return [[x * y for x, y in zip(row_a, row_b)] for row_a, row_b in zip(a, b)]


def sigmoid(x):
    """Return 1 / (1 + e**-x) for each number of a matrix: the S-curve, into 0..1.

    The tutorial's ``sigmoid_activation``.  It never fails on a huge input:
    below -709.78 it gives that point's value, about 6e-309.

    >>> sigmoid([[0, 5, -5]])
    [[0.5, 0.9933071490757153, 0.0066928509242848554]]
    """
    try:
        return [[1 / (1 + exp(-value)) for value in row] for row in x]
    except OverflowError:  # clip to -709.78, where e**-value still fits in a float
        return sigmoid([[max(value, -709.78) for value in row] for row in x])


def sigmoid_derivative(output):
    """Return the sigmoid's slope ``output * (1 - output)`` for each of its *outputs*.

    The tutorial's ``sigmoid_activation_derivative``: if ``output = sigmoid(x)``
    it is the slope at ``x``, and backpropagation has the outputs at hand.

    >>> sigmoid_derivative([[0.5, 0.0, 1.0]])
    [[0.25, 0.0, 0.0]]
    """
    return [[value * (1 - value) for value in row] for row in output]


# -- The network: a Layer holds weights, a NeuralNetwork chains layers -------


class Layer:
    """A layer of sigmoid neurons fed by the same inputs: ``Layer(inputs, neurons)``.

    ``synaptic_weights`` is (inputs x neurons), each ``2 * random() - 1``, row
    by row, as NumPy draws them.  ``rng``: a ``random.Random`` to draw from.

    >>> seed(1)
    >>> Layer(1, 3).synaptic_weights  # the tutorial's first numbers: -0.16595599 ...
    [[-0.165955990594852, 0.4406489868843162, -0.9997712503653102]]
    """

    def __init__(self, number_of_inputs_per_neuron, number_of_neurons, rng=None):
        _check_layer(number_of_inputs_per_neuron, number_of_neurons, rng)
        draw = (rng or _random).random
        self.synaptic_weights = [[2 * draw() - 1 for _ in range(number_of_neurons)]
                                 for _ in range(number_of_inputs_per_neuron)]

    def __repr__(self):
        inputs, neurons = len(self.synaptic_weights), len(self.synaptic_weights[0])
        return f"{type(self).__name__}({inputs}, {neurons})"


Iteration = namedtuple("Iteration", "outputs errors deltas adjustments")
Iteration.__doc__ = """One iteration's matrices, a list per name, counted from 0: outputs[0]
is output_from_layer_1, errors[1] layer2_error, adjustments[0] layer1_adjustment."""

Progress = namedtuple("Progress", "iteration iterations error network "
                                  "training_set_inputs training_set_outputs")
Progress.__doc__ = """What ``train`` hands its ``progress`` callback: the iterations done so
far and in all, the mean squared error now, and the network and data being trained."""


class NeuralNetwork:
    """Layers, each feeding the next: ``NeuralNetwork(Layer(2, 4), Layer(4, 1))`` is the tutorial's.

    The layers are ``layers`` and, as in the tutorial, ``layer1``, ``layer2``,
    ...  Raises TinynetError if a layer's inputs are not the neurons before it.
    """

    def __init__(self, *layers):
        _check_layers(layers)
        self.layers = list(layers)
        for n, layer in enumerate(layers, 1):
            setattr(self, f"layer{n}", layer)  # the tutorial's self.layer1, self.layer2

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(map(repr, self.layers))})"

    def layer(self, n):
        """Return layer ``n``, counting from 1 as the tutorial does: ``layer(2)`` is ``layer2``."""
        return self.layers[n - 1]

    def forward_propagate(self, inputs):
        """Return each layer's output for rows of inputs: output_from_layer_1, _2, ...

        >>> seed(1)
        >>> outputs = NeuralNetwork(Layer(2, 4), Layer(4, 1)).forward_propagate([[2, -3]])
        >>> [format_matrix(output) for output in outputs]
        ['[[0.85662697 0.96535246 0.47075747 0.53393921]]', '[[0.50494795]]']
        """
        outputs = []
        for layer in self.layers:
            inputs = sigmoid(dot(inputs, layer.synaptic_weights))  # (samples x neurons)
            outputs.append(inputs)
        return outputs

    def iteration(self, training_set_inputs, training_set_outputs):
        """Run the body of the tutorial's training loop once; return its ``Iteration``.

        The tutorial's names, numbered: ``layer_error[2]`` is its ``layer2_error``,
        ``layer_delta[1]`` its ``layer1_delta``, and so on.  Its loop bodies run
        once each, for the tutorial's two layers; a deeper network repeats them.
        """
        # output_from_layer[1], [2] are output_from_layer_1, _2; [0] is what layer 1 is fed
        output_from_layer = [training_set_inputs] + self.forward_propagate(training_set_inputs)
        last = len(self.layers)                      # the last layer: 2 in the tutorial
        layer_error, layer_delta, layer_adjustment = {}, {}, {}
        # layer2_error = training_set_outputs - output_from_layer_2       (samples x outputs)
        layer_error[last] = subtract(training_set_outputs, output_from_layer[last])
        # layer2_delta = layer2_error * sigmoid_derivative(output_from_layer_2), in output_delta
        layer_delta[last] = self.output_delta(layer_error[last], output_from_layer[last])
        for n in range(last - 1, 0, -1):             # n = 1 in the tutorial: layer 1
            # layer1_error = dot(layer2_delta, layer2.synaptic_weights.T) (samples x neurons)
            layer_error[n] = dot(layer_delta[n + 1], transpose(self.layer(n + 1).synaptic_weights))
            # layer1_delta = layer1_error * sigmoid_derivative(output_from_layer_1)
            layer_delta[n] = multiply(layer_error[n], sigmoid_derivative(output_from_layer[n]))
        for n in range(1, last + 1):                 # n = 1, then n = 2
            # layer1_adjustment = dot(training_set_inputs.T, layer1_delta)   (inputs x neurons)
            # layer2_adjustment = dot(output_from_layer_1.T, layer2_delta)
            layer_adjustment[n] = dot(transpose(output_from_layer[n - 1]), layer_delta[n])
        for n in range(1, last + 1):
            # self.layer1.synaptic_weights += layer1_adjustment, then layer 2's, in adjust
            self.adjust(self.layer(n), layer_adjustment[n])
        return Iteration(*([table[n] for n in range(1, last + 1)] for table in (  # for Part 2
            output_from_layer, layer_error, layer_delta, layer_adjustment)))

    def output_delta(self, layer_error, output_from_layer):
        """Return the last layer's delta, ``layer2_delta``: its error times the sigmoid's slope.

        A method of its own so that Part 3's DataNetwork can depart from it.
        """
        return multiply(layer_error, sigmoid_derivative(output_from_layer))

    def adjust(self, layer, layer_adjustment):
        """Add an adjustment to a layer's weights: the tutorial's ``+=``, on lists."""
        layer.synaptic_weights = add(layer.synaptic_weights, layer_adjustment)

    def train(self, training_set_inputs, training_set_outputs, number_of_training_iterations,
              progress=None):
        """Repeat ``iteration``; return the mean squared error of the weights it leaves.

        Every thousandth of the iterations, and at the end, ``progress`` (if
        given) is called with a ``Progress``; if it returns true, training stops.
        Raises TinynetError for bad rows, or if the weights become inf or NaN.

        >>> seed(1)
        >>> network = NeuralNetwork(Layer(2, 4), Layer(4, 1))
        >>> network.train([[0, 0], [1, 1]], [[0], [1]], 1000) < 0.01
        True
        """
        inputs, outputs = _check_training_set(self, training_set_inputs, training_set_outputs)
        iterations = _positive_int("number_of_training_iterations", number_of_training_iterations)
        every = max(1, iterations // 1000)
        for iteration in range(iterations + 1):      # one round more, to report the end
            if iteration % every == 0 or iteration == iterations:
                error = _mean_square(subtract(outputs, self.forward_propagate(inputs)[-1]))
                _check_finite(error, iteration)
                if progress and progress(Progress(iteration, iterations, error, self,
                                                  inputs, outputs)):
                    break
            if iteration < iterations:
                self.iteration(inputs, outputs)
        return error

    def print_weights(self, file=None):
        """Print each layer's weights with 8 digits after the point, as the tutorial does."""
        for n, layer in enumerate(self.layers, 1):
            inputs, neurons = len(layer.synaptic_weights), len(layer.synaptic_weights[0])
            print(f"    Layer {n} ({neurons} neuron{'s' * (neurons > 1)}, "
                  f"{'each with' if neurons > 1 else 'with'} {inputs} input{'s' * (inputs > 1)}):",
                  file=file)
            print(format_matrix(layer.synaptic_weights), file=file)


# -- The tutorial's main block -----------------------------------------------

# The tutorial's 15 points: keep redblue.json in the folder of this file.
LESSON_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "redblue.json")


def lesson(progress=None, file=None):
    """Run the tutorial's main block on redblue.json, printing Stages 1 to 3; return the network.

    ``progress`` goes to ``train``: the command line's progress lines and
    pictures come from there.
    """
    seed(1)                                  # np.random.seed(1)
    layer1 = Layer(2, 4)                     # layer 1: Layer(inputs per neuron, neurons)
    layer2 = Layer(4, 1)                     # layer 2: a single neuron with 4 inputs
    neural_network = NeuralNetwork(layer1, layer2)
    print("Stage 1) Random starting synaptic weights:", file=file)
    neural_network.print_weights(file)
    data = read_lesson_data()
    training_set_inputs = data["inputs"]                                     # (15 x 2)
    training_set_outputs = transpose([data["labels"]])                       # (15 x 1)
    neural_network.train(training_set_inputs, training_set_outputs, 100000, progress)
    print("Stage 2) New synaptic weights after training:", file=file)
    neural_network.print_weights(file)
    new_situation = data["new_situation"]                                    # [2, -3]
    *hidden_state, output = neural_network.forward_propagate([new_situation])  # (1 x 1)
    print(f"Stage 3) Considering a new situation {new_situation}", file=file)
    print(format_matrix(output[0]), file=file)
    blue, red = data["label_names"]
    print(f"The network says {red if output[0][0] >= 0.5 else blue} (0 = {blue}, 1 = {red}).",
          file=file)
    return neural_network


# -- What the lesson leans on: its data, errors, printing, checks ------------


def read_lesson_data():
    """Return the lesson's data file as a dict, or raise TinynetError naming the file."""
    try:
        with open(LESSON_DATA, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        raise TinynetError(f"{LESSON_DATA}: cannot read the lesson's data: {error}") from None


def _total(numbers):
    """Return numbers added up in order, one by one: the same sum on every Python.

    (From 3.12 on, ``sum`` adds floats with extra precision: other last digits.)
    """
    total = 0.0
    for number in numbers:
        total += number
    return total


def _mean_square(errors):
    """Return the mean of the squares of a matrix's entries: the mean squared error."""
    return _total(value * value for row in errors for value in row) / (len(errors) * len(errors[0]))


def format_matrix(matrix, digits=8):
    """Return a matrix or vector as NumPy prints it, with ``digits`` after the point.

    >>> print(format_matrix([[1, -2.5], [3, 4]], digits=2), format_matrix([0.9994], 3))
    [[ 1.00 -2.50]
     [ 3.00  4.00]] [0.999]

    Raises TinynetError unless it is a non-empty list of numbers, or of rows
    of them, and ``digits`` a whole number, 0 or more.
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        raise TinynetError(f"digits must be a whole number, 0 or more, got {_short(digits)}")
    vector = not (isinstance(matrix, list) and matrix and isinstance(matrix[0], list))
    rows = [matrix] if vector else matrix
    try:
        texts = [[f"{value:.{digits}f}" for value in row] for row in rows]
    except (TypeError, ValueError):  # a value that is not a number, a row not a list
        texts = []
    if not texts or not all(texts):  # nothing to show, or an empty row
        raise TinynetError(f"matrix must be a non-empty list of numbers, or of rows of them, got "
                           f"{_short(matrix)}")
    width = max(len(text) for row in texts for text in row)
    lines = ["[" + " ".join(text.rjust(width) for text in row) + "]" for row in texts]
    return lines[0] if vector else "[" + "\n ".join(lines) + "]"


# -- Checking what comes in, once, at the boundary ---------------------------


def _check_layer(inputs, neurons, rng):
    """Raise TinynetError unless a Layer of this size and generator can be made."""
    _positive_int("number_of_inputs_per_neuron", inputs)
    _positive_int("number_of_neurons", neurons)
    _check_size("a layer", inputs * neurons)
    _check_rng(rng)


def _check_layers(layers):
    """Raise TinynetError unless each layer takes as many inputs as the one before has neurons."""
    if not layers or not all(isinstance(layer, Layer) for layer in layers):
        raise TinynetError(f"a NeuralNetwork needs Layers, got {_short(layers)}")
    for n, (before, layer) in enumerate(zip(layers, layers[1:]), 2):
        if len(layer.synaptic_weights) != len(before.synaptic_weights[0]):
            raise TinynetError(
                f"layer {n} takes {len(layer.synaptic_weights)} inputs per neuron "
                f"but layer {n - 1} has {len(before.synaptic_weights[0])} neurons")


def _check_same_shape(a, b):
    """Raise TinynetError unless two matrices have the same shape (zip would cut one short)."""
    if len(a) != len(b) or len(a[0]) != len(b[0]):
        raise TinynetError(f"shapes {_shape(a)} and {_shape(b)} differ")


def _check_training_set(network, inputs, outputs):
    """Return inputs and outputs as float rows, or raise TinynetError naming the bad one."""
    inputs = _check_matrix("training_set_inputs", inputs, len(network.layers[0].synaptic_weights))
    outputs = _check_matrix("training_set_outputs", outputs,
                            len(network.layers[-1].synaptic_weights[0]))
    if len(inputs) != len(outputs):
        raise TinynetError(f"training_set_inputs has {len(inputs)} rows "
                           f"but training_set_outputs has {len(outputs)}")
    return inputs, outputs


def _check_finite(error, iteration):
    """Raise TinynetError if the error is inf or NaN: training diverged."""
    if not math.isfinite(error):
        raise TinynetError(f"training diverged by iteration {iteration}: the error became "
                           f"{error!r}; try a smaller learning rate")


MAX_NUMBERS = 50_000_000  # the most numbers one layer or matrix may hold
BYTES_PER_NUMBER = 32     # a float in a list of lists, 64-bit CPython 3.11: 24, and 8 for its place
TRAINING_COPIES = 5       # training holds about five copies of the weights: 160 bytes a weight


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


def _is_finite(value):
    """Tell whether a value is a number a float can hold: not NaN, infinity or a huge integer."""
    try:
        return _is_number(value) and math.isfinite(value)
    except OverflowError:  # an integer past the largest float
        return False


def _finite_number(name, value):
    """Return a finite number as a float, or raise TinynetError (huge integers too)."""
    if _is_finite(value):
        return float(value)
    raise TinynetError(f"{name} must be a finite number, got {_short(value)}")


def _positive_number(name, value):
    """Return a finite number above 0 as a float, or raise TinynetError."""
    number = _finite_number(name, value)
    if number <= 0:
        raise TinynetError(f"{name} must be a positive number, got {_short(value)}")
    return number


def _positive_int(name, value):
    """Return ``value`` if it is a positive integer, else raise TinynetError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TinynetError(f"{name} must be a positive integer, got {_short(value)}")
    return value


def _check_rng(rng):
    """Return ``rng`` (None: the module's own generator) if it can draw, else raise TinynetError."""
    if rng is None:
        return _random
    if not callable(getattr(rng, "random", None)):
        raise TinynetError(f"rng must be a random.Random (or have its random()), got {_short(rng)}")
    return rng


def _check_size(what, numbers, limit=MAX_NUMBERS):
    """Raise TinynetError if ``what`` would hold more than ``limit`` numbers, saying the memory.

    Measured on 64-bit CPython 3.11: a number in a list of lists takes
    BYTES_PER_NUMBER bytes (more in rows of a few numbers), and training
    peaks at about TRAINING_COPIES times that per weight.
    """
    if numbers > limit:
        size = numbers * BYTES_PER_NUMBER
        raise TinynetError(f"{what} would hold {numbers:,} numbers: about {_amount(size)} as "
                           f"Python floats, {_amount(size * TRAINING_COPIES)} to train; the most "
                           f"tinynet allows is {limit:,}")


def _amount(size):
    """Describe a number of bytes for a message: '1.6 GB', '290 MB'."""
    return f"{size / 1e9:,.1f} GB" if size >= 1e9 else f"{size / 1e6:,.0f} MB"


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

import copy
import textwrap


def explain(network, training_set_inputs, training_set_outputs, rows=4, file=None, width=100):
    """Train the network for one iteration; return (and write to ``file``) every step of it.

    The steps are those of ``NeuralNetwork.iteration``, the iteration ``train``
    repeats, with the matrices it computed: the forward pass layer by layer,
    the last layer's error (its outputs beside their targets) and delta, the
    error sent back to each earlier layer and its delta, every adjustment,
    and the weights before and after.  Each matrix shows its shape and its
    first ``rows`` rows (``rows="all"``: every row), in lines of at most
    ``width`` characters.  A ``DataNetwork``'s departures are said where they
    act.  Raises TinynetError as ``train`` does for bad data.

    >>> network = NeuralNetwork(Layer(2, 1))
    >>> network.layer1.synaptic_weights = [[0.0], [0.0]]
    >>> text = explain(network, [[1, 2]], [[1]])
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
    _positive_int("width", width)
    rows = len(inputs) if rows == "all" else rows
    departures = isinstance(network, DataNetwork)
    before = copy.deepcopy(network)
    step = network.iteration(inputs, outputs)
    count = len(network.layers)
    show = lambda *matrices: _show_beside(matrices, rows, width)  # noqa: E731
    lines = [f"One training iteration of {network!r}, step by step.",
             "Shapes are (rows x columns); each row is one sample.",
             *_step(1, "The inputs, one row per sample" + (
                 ", and a last input that is always 1: the weights on it are the biases."
                 if departures and network.bias else "."), None,
                 show(("training_set_inputs", inputs)))]
    layer_inputs = [inputs] + step.outputs[:-1]
    for number, layer in enumerate(before.layers, 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        always_one = (" Its last neuron always outputs 1, for the next layer's biases."
                      if departures and network.bias and number < count else "")
        squash = "softmax" if departures and network.softmax and number == count else "sigmoid"
        lines += _step(number + 1, f"Layer {number} forward: each neuron adds up its inputs times "
                       "its weights; " + ("softmax makes the sums chances that add up to 1 "
                       "(departure)." if squash == "softmax" else "the sigmoid squashes the sum "
                       "into 0..1.") + always_one,
                       f"output_from_layer_{number} = {squash}(dot({source}, "
                       f"layer{number}.synaptic_weights))",
                       show(("weighted sums", dot(layer_inputs[number - 1],
                                                  layer.synaptic_weights)),
                            (f"output_from_layer_{number}", step.outputs[number - 1])))
    lines += _step(count + 2, f"The error of layer {count}: how far each output is from its "
                   "target.",
                   f"layer{count}_error = training_set_outputs - output_from_layer_{count}",
                   show((f"output_from_layer_{count}", step.outputs[-1]),
                        ("training_set_outputs", outputs),
                        (f"layer{count}_error", step.errors[-1])))
    for number in range(count, 0, -1):
        step_number = 2 * (count - number) + count + 3
        if number < count:
            lines += _step(step_number - 1, f"The error sent back to layer {number}: each neuron's "
                           f"share of layer {number + 1}'s delta, through the weights between "
                           "them.",
                           f"layer{number}_error = dot(layer{number + 1}_delta, "
                           f"transpose(layer{number + 1}.synaptic_weights))",
                           show((f"layer{number}_error", step.errors[number - 1])))
        if departures and network.loss == "log" and number == count:
            sentence, formula = (f"the error itself (departure: on the log loss the "
                                 f"{'softmax' if network.softmax else 'sigmoid'}'s slope "
                                 "cancels).", f"layer{number}_delta = layer{number}_error")
        else:
            sentence, formula = ("its error times the sigmoid's slope, which comes from the "
                                 "output o: o * (1 - o).", f"layer{number}_delta = layer{number}"
                                 f"_error * sigmoid_derivative(output_from_layer_{number})")
        lines += _step(step_number, f"The delta of layer {number}: {sentence}", formula,
                       show((f"layer{number}_delta", step.deltas[number - 1])))
    lines += _step(3 * count + 2, "The adjustments: for each weight, the input it carries times "
                   "the delta of the neuron it feeds, summed over the samples.", None, [])
    for number in range(1, count + 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        lines += [f"  layer{number}_adjustment = dot(transpose({source}), layer{number}_delta)",
                  *show((f"layer{number}_adjustment", step.adjustments[number - 1]))]
    lines += _step(3 * count + 3, "The new weights: old weights plus " + _explain_update(network),
                   f"layerN.synaptic_weights += {_explain_update(network, formula=True)}",
        [line for old, new, number in zip(before.layers, network.layers, range(1, count + 1))
         for pair in [(f"layer{number}.synaptic_weights before", old.synaptic_weights),
                      (f"layer{number}.synaptic_weights after", new.synaptic_weights)]
         for line in show(pair)])
    text = "\n".join(wrapped for line in lines for wrapped in textwrap.wrap(
        line, width, subsequent_indent="  ", break_on_hyphens=False)
        or [""]) + "\n"
    if file is not None:
        file.write(text)
    return text


def _explain_update(network, formula=False):
    """Return how a network adds its adjustments, as words or as a formula."""
    if not isinstance(network, DataNetwork):
        return "layerN_adjustment" if formula else "adjustment."
    if network.optimizer == "adam":
        return ("learning_rate * adam(layerN_adjustment)" if formula else
                f"the learning rate {network.learning_rate!r} times Adam's step: each "
                "adjustment's running mean over its running size (departure).")
    rate = "learning_rate / rows" if network.mean else "learning_rate"
    return (f"{rate} * layerN_adjustment" if formula else
            f"adjustment times the learning rate {network.learning_rate!r}"
            f"{' over the number of rows' * network.mean} (departure).")


def _step(number, sentence, formula, shown):
    """Return explain's lines for one step: its sentence, formula and the matrices shown."""
    return ["", f"Step {number}. {sentence}"] + ([f"  {formula}"] if formula else []) + shown


def _show_beside(matrices, rows, width):
    """Return named matrices as lines, side by side, each cut to ``rows`` rows.

    A matrix too wide for one line shows its first columns and ``...``; the
    ones that do not fit beside the others go on the lines below.
    """
    blocks = [_show(name, matrix, rows, width) for name, matrix in matrices]
    lines, group = [], []
    for block in blocks + [None]:
        used = sum(max(map(len, b)) + 3 for b in group)
        if block is None or (group and used + max(map(len, block)) > width - 2):
            height = max((len(b) for b in group), default=0)
            for index in range(height):
                line = "   ".join((b[index] if index < len(b) else "").ljust(max(map(len, b)))
                                  for b in group)
                lines.append(("  " + line).rstrip())
            group = []
        if block is not None:
            group.append(block)
    return lines


def _show(name, matrix, rows, line_width):
    """Return a named matrix as lines: its name and shape, then its first ``rows`` rows."""
    vector = not isinstance(matrix[0], list)
    shown = matrix if vector else matrix[:rows]
    width = len(matrix) if vector else len(matrix[0])

    def first(columns):  # the shown rows, cut to their first columns, as text lines
        return format_matrix(shown[:columns] if vector else [row[:columns] for row in shown]
                             ).splitlines()

    columns = width
    while columns > 1 and max(map(len, first(columns))) > line_width - 12:
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
backpropagation found (the adjustment, before any learning rate), the same estimated
by finite differences, and their relative difference |backprop - numerical| /
max(|backprop|, |numerical|, 1e-3); the floor keeps the estimate's rounding
noise (about 1e-10) in a tiny gradient from counting as a disagreement."""

GRADIENT_TOLERANCE = 1e-5  # the largest relative difference gradient_check lets pass


_LOSSES = {"squared": "1/2 * sum((target - output)**2)",
           "log": "-sum(target * log(output) + (1 - target) * log(1 - output))",
           "softmax": "-sum(target * log(output))"}


def _loss(network, inputs, outputs):
    """Return the loss whose gradient ``iteration`` follows (see _LOSSES), summed over the rows.

    Raises TinynetError where the log loss is infinite: an output of exactly 0 or 1 that is wrong.
    """
    output = network.forward_propagate(inputs)[-1]
    pairs = [(t, o) for t_row, o_row in zip(outputs, output) for t, o in zip(t_row, o_row)]
    try:
        if _loss_name(network) == "softmax":  # chances of the classes: the target's counts
            return -_total(t * math.log(o) for t, o in pairs if t)
        if _loss_name(network) == "log":
            return -_total(math.log(o if t else 1 - o) if t in (0.0, 1.0) else
                           t * math.log(o) + (1 - t) * math.log(1 - o) for t, o in pairs)
    except ValueError:  # math.log(0.0)
        raise TinynetError("the log loss is infinite here: an output is exactly 0 or 1 (a "
                           "saturated sigmoid or softmax) and wrong, so no slope can be "
                           "measured; check the network before it trains so far") from None
    return 0.5 * _total((t - o) * (t - o) for t, o in pairs)


def _loss_name(network):
    """Return the name of the loss a network's iteration follows: 'squared', 'log' or 'softmax'."""
    if not isinstance(network, DataNetwork):
        return "squared"
    return "softmax" if network.softmax else network.loss


def gradient_check(network, training_set_inputs, training_set_outputs, max_weights=20,
                   step=1e-5):
    """Compare one ``iteration``'s adjustments with finite differences; return the rows.

    For each weight w (all of them, or ``max_weights`` chosen with a fixed
    seed when there are more) the estimate of the negative gradient is
    ``-(loss(w + step) - loss(w - step)) / (2 * step)`` with ``loss = 1/2 *
    sum((target - output)**2)`` (a DataNetwork's ``loss="log"``: the log
    loss; with ``softmax``, ``-sum(target * log(output))``); backpropagation's
    is the adjustment ``iteration`` computes, before any learning rate.  If
    backpropagation is right they agree to about 1e-9; above
    ``GRADIENT_TOLERANCE`` means a bug.  The network is left unchanged.
    Raises TinynetError for bad data or arguments.

    >>> network = NeuralNetwork(Layer(2, 1))
    >>> rows = gradient_check(network, [[1, 2]], [[1]])
    >>> [row.weight for row in rows], max(row.difference for row in rows) < GRADIENT_TOLERANCE
    (['layer1.synaptic_weights[0][0]', 'layer1.synaptic_weights[1][0]'], True)
    """
    inputs, outputs = _check_training_set(network, training_set_inputs, training_set_outputs)
    _positive_int("max_weights", max_weights)
    step = _finite_number("step", step)
    if not 0 < step < 1:
        raise TinynetError(f"step must be between 0 and 1, got {step!r}")
    probe = copy.deepcopy(network)
    fixed = isinstance(network, DataNetwork) and network.bias  # the neurons that output 1
    places = [(f"layer{n}.bias[{j}]" if fixed and i == len(layer.synaptic_weights) - 1
               else f"layer{n}.synaptic_weights[{i}][{j}]", n, i, j)
              for n, layer in enumerate(probe.layers, 1)
              for i in range(len(layer.synaptic_weights))
              for j in range(len(layer.synaptic_weights[0]))
              if not (fixed and n < len(probe.layers) and j == len(layer.synaptic_weights[0]) - 1)]
    if len(places) > max_weights:
        places = [places[index] for index in
                  sorted(random.Random(0).sample(range(len(places)), max_weights))]
    numerical = []
    for _, n, i, j in places:
        row = probe.layer(n).synaptic_weights[i]
        kept = row[j]
        row[j] = kept + step
        above = _loss(probe, inputs, outputs)
        row[j] = kept - step
        below = _loss(probe, inputs, outputs)
        row[j] = kept
        numerical.append(-(above - below) / (2 * step))
    adjustments = probe.iteration(inputs, outputs).adjustments
    rows = []
    for (name, n, i, j), estimate in zip(places, numerical):
        update = adjustments[n - 1][i][j]
        difference = abs(update - estimate) / max(abs(update), abs(estimate), 1e-3)
        rows.append(GradientCheckRow(name, update, estimate, difference))
    return rows


def format_gradient_check(rows, tolerance=GRADIENT_TOLERANCE, loss="squared", layers=None):
    """Return a gradient check's rows as a table between a sentence and a verdict.

    A failure also says, layer by layer, how many weights disagree, and what
    that pattern points to in ``iteration``.  ``layers``: how many layers the
    network has (default: the last one the rows name), so that the output
    layer is known even when the rows are a sample.

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
        lines += [wrapped for paragraph in _gradient_clue(rows, tolerance, loss, layers)
                  for wrapped in textwrap.wrap(paragraph, 80)]
    return "\n".join(lines)


def _gradient_clue(rows, tolerance, loss, layers):
    """Return two sentences for a failed check: which layers disagree, and where to look.

    The patterns come from breaking ``iteration`` on purpose and watching
    which weights disagree.  Each layer's delta is passed back to the layer
    before it, so a mistake disagrees from where it is made back to layer 1;
    a layer that agrees clears everything after it.  Rows whose names are
    not ``layerN.something`` give no clue (an empty list).
    """
    by_layer = {}
    for row in rows:
        head = row.weight.partition(".")[0]
        if not (head.startswith("layer") and head[5:].isdigit()):
            return []
        by_layer.setdefault(int(head[5:]), []).append(row)
    last = layers or max(by_layer)

    def wrong(row):
        return not row.difference <= tolerance

    def opposite(row):  # backprop is exactly minus the measured slope
        return abs(row.backprop + row.numerical) <= 1e-3 * max(abs(row.backprop), 1e-3)

    bad_rows = [row for row in rows if wrong(row)]
    bad = sorted(number for number, group in by_layer.items() if any(map(wrong, group)))
    good = sorted(set(by_layer) - set(bad))
    counts = [f"layer {number}{' (the output layer)' * (number == last)}: "
              + (f"{sum(map(wrong, group))} of {len(group)} disagree" if number in bad
                 else f"all {len(group)} agree")
              for number, group in sorted(by_layer.items())]
    where = "By layer: " + "; ".join(counts) + "."
    ratios = [row.backprop / row.numerical for row in rows if abs(row.numerical) > 1e-6]
    if all("bias" in row.weight for row in bad_rows):
        clue = ("Only biases disagree, so the weights' deltas are right: look at the bias "
                "adjustment, the delta's column sums (a bias is the weight on an input that "
                "is always 1).")
    elif all(map(opposite, bad_rows)) and not good:
        clue = (f"Every one is the exact opposite of its slope, in every layer, so training "
                f"would climb the error instead of descending it: look at the error's sign, "
                f"layer{last}_error = training_set_outputs - output_from_layer_{last} (target "
                "minus output).")
    elif all(map(opposite, bad_rows)):
        clue = (f"{_layer_list(bad)} {'is' if len(bad) == 1 else 'are'} exactly opposite in "
                f"sign while {_layer_list(good).lower()} {'agrees' if len(good) == 1 else 'agree'}"
                ": a sign that flips in one layer and back in the next, as each layer's delta "
                "multiplies by sigmoid_derivative once. Look at sigmoid_derivative: given the "
                "output o it must return o * (1 - o), not minus that.")
    elif not any(row.backprop for row in bad_rows):
        clue = ("Every adjustment that disagrees is 0 while its slope is not: look for an "
                "adjustment never computed or multiplied by 0, such as a learning rate of 0.")
    elif not good and ratios and max(ratios) - min(ratios) <= 1e-4 * abs(max(ratios)):
        factor = (f"1/{round(1 / ratios[0])} of" if abs(ratios[0]) < 1 and math.isclose(
            1 / ratios[0], round(1 / ratios[0]), rel_tol=1e-4) else f"{ratios[0]:.4g} times")
        clue = (f"Every adjustment is {factor} its slope, in every layer: one factor scales "
                "them all. Look at what multiplies every adjustment: the learning rate, and the "
                "mean over the rows (divided by the number of rows exactly once when the loss "
                "is the mean, never when it is the sum).")
    elif last in good:
        first = bad[-1]
        clue = (f"The output layer agrees, so its error and delta are right; layer {first} is the "
                f"first to go wrong on the way back. Look at the error sent back to it, "
                f"layer{first}_error = dot(layer{first + 1}_delta, "
                f"transpose(layer{first + 1}.synaptic_weights)), and at its delta, "
                f"layer{first}_delta = layer{first}_error * "
                f"sigmoid_derivative(output_from_layer_{first}).")
        if loss in ("log", "softmax"):
            clue += (" With the log loss the output layer's delta does not use "
                     "sigmoid_derivative, so a wrong sigmoid_derivative shows here first.")
    elif good and good[0] < bad[0]:
        first = bad[0]
        clue = (f"Layer {max(n for n in good if n < first)} agrees, so the deltas passed back "
                f"to it are right; yet {_layer_list(bad).lower()} "
                f"{'disagree' if len(bad) > 1 else 'disagrees'}, so look at "
                f"{'their' if len(bad) > 1 else 'its'} own adjustment, layer{first}_adjustment = "
                f"dot(transpose(output_from_layer_{first - 1}), layer{first}_delta): the input "
                "each weight carries, times the delta of the neuron it feeds.")
    else:
        clue = ("The output layer disagrees, so the mistake is where the error starts, and "
                "every layer before it inherits it. Look at the output layer's delta, "
                + (f"layer{last}_delta = layer{last}_error * sigmoid_derivative("
                   f"output_from_layer_{last})" if loss != "log" else
                   f"layer{last}_delta = layer{last}_error (on the log loss, with no "
                   "sigmoid_derivative)")
                + ", and at sigmoid_derivative: given the sigmoid's output o it must return "
                "o * (1 - o), the slope of sigmoid as it is written.")
    return [where, clue]


def _layer_list(numbers):
    """Return 'Layer 2' or 'Layers 1 and 3' or 'Layers 1, 2 and 4'."""
    names = [str(number) for number in numbers]
    return (f"Layer {names[0]}" if len(names) == 1 else
            f"Layers {', '.join(names[:-1])} and {names[-1]}")


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
            classes = _check_classes(classes)
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
        self.place, self.numbers = place, list(numbers)  # "line" 2, 3, ... of a file, for messages
        self.classes = _classes_of(labels, place, numbers) if classes is None else classes
        if len(self.classes) < 2 or len(set(self.classes)) != len(self.classes):
            raise TinynetError(f"the data needs two or more different classes, "
                               f"got {self.classes!r}")
        if not multilabel:
            known, kind = set(self.classes), _label_kind(self.classes[0])
            for label, number in zip(labels, numbers):
                if label not in known or _label_kind(label) != kind:  # True is 1, not the class 1
                    raise TinynetError(f"{place} {number}: label {label!r} is not one of the "
                                       f"classes {_short(self.classes)}")
        self.class_names = [_label_text(name) for name in self.classes]
        self.label_name, self.notes, self.warnings = None, [], []
        self.categories = None  # a part's (holdout's): its whole table's text categories

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
        part.numbers = [self.numbers[n] for n in numbers]
        part.categories = self.categories or _categories(self)  # the whole table's texts
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
    if _is_finite(label):
        return label
    if isinstance(label, (int, float)):
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
    empty = [gap for gap, count in counts.items() if count == len(rows) > 1]
    if empty:  # not gaps in a column but no column: a separator ending each line?
        raise TinynetError(f"{empty[0]} is empty on every {place}" + (
            " (does each line end with a separator?)" if place == "line" else "") + (
            "; --label NAME|NUMBER picks the label column" * (empty[0] == "the label"
                                                             and place == "line")))
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
    if _is_finite(value):
        return True
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
        kinds.setdefault(_label_kind(label), (number, label))
    if len(kinds) > 1:
        (one, (row, label)), (other, (row2, label2)) = list(kinds.items())[:2]
        what, each = ("classes", "class") if place == "class" else ("labels", "label")
        raise TinynetError(f"the {what} mix kinds: {place} {row} is {one} ({label!r}), {place} "
                           f"{row2} is {other} ({label2!r}); give every {each} as one kind")
    return sorted(set(labels))


def _check_classes(classes):
    """Return classes (a list, array or Series) as a list of plain values, or raise TinynetError.

    Each must be a name, a finite number or True/False, all of one kind: what
    a saved model can hold.
    """
    given, classes = classes, _sequence(classes)
    if classes is None:
        raise TinynetError(f"classes must be a list of the class labels, got {_short(given)}")
    classes = [_plain(name) for name in classes]
    for number, name in enumerate(classes, 1):
        if not _is_class(name):
            raise TinynetError(f"classes: class {number} must be a name, a finite number or "
                               f"True/False, got {_short(name)}")
    _classes_of(classes, "class")
    return classes


def _label_kind(label):
    """Return a label's kind, as messages name it: 'a name', 'True/False' or 'a number'."""
    return "a name" if isinstance(label, str) else "True/False" if isinstance(
        label, bool) else "a number"


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
    whichever splits the first line into most values (not inside quotes).
    ``label`` is the label column, by its name in the header or its number
    from 1 (default: the last).  ``header`` True or False says whether the
    first row names the columns; by default it does when it holds a text
    above a column of numbers, or, where every column holds texts, when
    none of its texts comes again below it.  An input is a number, True/False (1/0) or a
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


def _parse_csv(path, text, label=None, header=None, missing=None, model=None):
    """Return the Dataset in CSV text (see ``load_dataset``), with notes on how it was read.

    ``model`` is the Classifier the rows are for, if any: its label column
    is looked for in a header when ``label`` is not given, and its classes
    are the rows' (so that rows of one class can test it).  The text is
    read a line at a time, each row's values kept only as numbers or texts.
    """
    if header not in (None, True, False):
        raise TinynetError(f"header must be True, False or None, got {_short(header)}")
    if label is not None and (isinstance(label, bool) or not isinstance(label, (int, str))):
        raise TinynetError(f"label must be a column's name or its number from 1, got "
                           f"{_short(label)}")
    first_line = next(_lines(text), "").rstrip("\r\n")
    separator = max(_SEPARATORS, key=lambda mark: _fields(first_line, mark))  # a tie: comma
    reader = csv.reader(_lines(text), delimiter=separator)
    try:
        return _read_csv(path, reader, separator, label, header, missing, model)
    except csv.Error as error:
        raise TinynetError(f"{path}: line {reader.line_num}: cannot read CSV: {error}") from None


def _fields(line, separator):
    """Return how many values a CSV line holds with this separator, not counting quoted ones.

    >>> line = '"weight, kg";"height, cm";label'
    >>> _fields(line, ","), _fields(line, ";")
    (2, 3)
    """
    try:
        return len(next(csv.reader([line], delimiter=separator), []))
    except csv.Error:  # not CSV this way: reading with the others will say what is wrong
        return 0


def _read_csv(path, reader, separator, label, header, missing, model):
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
    if label is None and model is not None and model.label is not None and model.label in names:
        candidates.append(names.index(model.label))

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
    known = model and not model.multilabel and set(spelling) <= set(model.classes)
    data = Dataset.__new__(Dataset)
    try:  # labels all the model's: its classes, one of them or all (else the mismatch is told)
        data._build(rows, names[:index] + names[index + 1:] if header else None, labels,
                    model.classes if known else None, False, missing, lines)
    except TinynetError as error:
        raise TinynetError(f"{path}: {error}") from None
    data.source, data.new_situation = path, None
    data.class_names = [spelling.get(name, _label_text(name)) for name in data.classes]
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
    if (not header and not told and len(rows) >= 10 and isinstance(labels[0], str)
            and labels.count(labels[0]) == 1 and len(data.classes) <= len(rows) / 2):
        data.warnings.append(f"{path}: the first row's label, {labels[0]!r}, is on no other "
                             "line: if the first row names the columns, give --header")
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


# -- Training on your own data: the departures from the lesson ---------------
# The lesson's recipe is the tutorial's.  Your own data gets another, each
# departure for a reason that the tutorial's fifteen small points never meet.
# They live here: DataNetwork is the lesson's NeuralNetwork with its two hooks
# (output_delta, adjust) replaced, softmax in place of its last sigmoid
# (forward_propagate), and a loop of mini-batches around its iteration, which
# stays the lesson's.

DATA_RECIPE = dict(
    hidden=None,        # None: 3 neurons a class, 32 to 64 (see _hidden): room for bends
    bias=True,          # a boundary need not pass through the origin
    scale=True,         # inputs in the hundreds would saturate every sigmoid
    small_start=True,   # starting weights within sqrt(3 / inputs): many inputs don't saturate
    softmax=True,       # 3 or more classes: outputs that are chances, summing to 1
    iterations=2000,    # an upper bound: patience or the halvings stop it sooner
    learning_rate=0.03,  # Adam's step: each weight moves about this far per batch, at first
    halve_every=3,      # the step halves every 3 passes (not before 1000 adjustments), 3 times
    batch_size=16,      # many small steps per pass learn faster than one big one
    mean=True,          # the mean, not the sum, over the rows of a batch
    loss="log",         # a sure but wrong output still learns (see DataNetwork)
    patience=20,        # stop once the error has not fallen for 20 passes
    optimizer="adam",   # each weight's step scaled to its own slope's running size
    validation=0.1)     # that is, the error on a tenth of the rows, kept out of training

def softmax(matrix):
    """Return each row's e**x over their sum: outputs that are chances, adding up to 1.

    >>> softmax([[0, 0], [1, 0]])
    [[0.5, 0.5], [0.7310585786300049, 0.2689414213699951]]
    """
    rows = []
    for row in matrix:
        top = max(row)                           # e**(x - top): the same ratios, no overflow
        past = math.isinf(top) and not any(value != value for value in row)  # no NaN
        powers = [float(value == top) if past else exp(value - top)
                  for value in row]              # sums past floats: the largest share it
        total = _total(powers)                   # in order: the same sum on every Python
        rows.append([power / total for power in powers])
    return rows


HALVINGS = 3  # with halve_every, training stops once the learning rate has halved this often
_ALWAYS_ONE = 1000.0  # a bias neuron's weight on the 1: sigmoid(1000) is 1.0, its slope 0.0

TrainingReport = namedtuple("TrainingReport", "iterations error stopped curve held_out_curve",
                            defaults=((),))
TrainingReport.__doc__ = """What ``DataNetwork.learn`` did: the passes run, the final mean
squared error, why it stopped early (None: it ran them all), and the error curve as
(iteration, error) pairs, about 200 of them and the last; with rows held out to stop on,
their error curve too."""


class DataNetwork(NeuralNetwork):
    """The lesson's network with the departures real data needs; its ``iteration`` is the lesson's.

    ``sizes`` are the layer sizes, inputs first: ``[2, 16, 1]``.  Each departure
    is a setting and lives in a method of its own:

    - ``bias``: every neuron gets a bias, the weight on an input that is always
      1.  The inputs get a last column of 1s (``with_ones``), and each hidden
      layer a last neuron that always outputs 1 for the next: its weights are
      0, and 1000 on the 1, so the sigmoid gives exactly 1.0 and its slope is
      0, so it never learns.  A layer's last row of weights is its biases.
    - ``loss="log"``: the output delta is the error itself (``output_delta``);
      on the log loss the sigmoid's slope cancels, so a sure but wrong output
      (slope near 0) still learns fast.
    - ``softmax``: the last layer's outputs are softmax's, chances that add up
      to 1 (``forward_propagate``), so one class's rise is the others' fall;
      on the log loss its delta is the error too.  Needs two or more outputs.
    - ``small_start``: the starting weights are the lesson's times
      sqrt(3 / inputs), so a neuron of many inputs does not start saturated.
    - ``learning_rate`` and ``mean``: each adjustment is scaled by the rate,
      over the rows of the batch with ``mean`` (``adjust``), so one rate suits
      any number of rows; ``optimizer="adam"`` scales each weight's step.
    - ``learn``: passes over shuffled mini-batches, the rate halving as it
      goes, stopped by patience.

    >>> network = DataNetwork([2, 3, 1], rng=numpy_like_random(1))
    >>> network
    DataNetwork([2, 3, 1], bias=True, learning_rate=0.5, mean=True, loss='log')
    >>> network.layer1, network.sizes  # 2 inputs and their 1; 3 neurons and one giving 1
    (Layer(3, 4), [2, 3, 1])
    """

    def __init__(self, sizes, bias=True, learning_rate=0.5, mean=True, loss="log", rng=None,
                 optimizer="sgd", softmax=False, small_start=False):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise TinynetError(f"sizes must list the inputs and each layer's neurons, "
                               f"got {_short(sizes)}")
        if loss not in ("squared", "log"):
            raise TinynetError(f"loss must be 'squared' or 'log', got {_short(loss)}")
        if optimizer not in ("sgd", "adam"):
            raise TinynetError(f"optimizer must be 'sgd' or 'adam', got {_short(optimizer)}")
        bias, mean, softmax, small_start = (_switch(name, value) for name, value in (
            ("bias", bias), ("mean", mean), ("softmax", softmax), ("small_start", small_start)))
        layers = [Layer(inputs, neurons, rng) for inputs, neurons in zip(sizes, sizes[1:])]
        if softmax and (loss != "log" or sizes[-1] < 2):
            raise TinynetError(f"softmax needs the log loss and two or more outputs, got loss "
                               f"{loss!r} and {sizes[-1]!r} output{'s' * (sizes[-1] != 1)}")
        for layer in layers if small_start else ():  # sqrt(3 / inputs), the bias's 1 counted
            factor = math.sqrt(3 / (len(layer.synaptic_weights) + bias))
            layer.synaptic_weights = [[factor * weight for weight in row]
                                      for row in layer.synaptic_weights]
        if bias:
            for layer in layers:
                layer.synaptic_weights.append([0.0] * len(layer.synaptic_weights[0]))  # biases
            for layer in layers[:-1]:  # a neuron that always outputs 1: the next layer's input
                for row in layer.synaptic_weights:
                    row.append(0.0)
                layer.synaptic_weights[-1][-1] = _ALWAYS_ONE
        super().__init__(*layers)
        self.bias, self.mean, self.loss = bias, mean, loss
        self.learning_rate = _positive_number("learning_rate", _plain(learning_rate))
        self.decay = 1.0  # the learning rate now is learning_rate * decay: learn halves it
        self.softmax, self.small_start = softmax, small_start
        self.rows = 1  # the rows of the batch being learned, for the mean
        self.optimizer, self.moments = optimizer, {}  # Adam's moments, layer by layer

    def __repr__(self):
        extra = "".join(f", {name}={value!r}" for name, value, default in (
            ("optimizer", self.optimizer, "sgd"), ("softmax", self.softmax, False),
            ("small_start", self.small_start, False)) if value != default)
        return (f"DataNetwork({self.sizes}, bias={self.bias}, learning_rate="
                f"{self.learning_rate!r}, mean={self.mean}, loss={self.loss!r}{extra})")

    sizes = property(lambda self: [len(self.layers[0].synaptic_weights) - self.bias] + [
        len(layer.synaptic_weights[0]) - (self.bias and layer is not self.layers[-1])
        for layer in self.layers])

    def with_ones(self, rows):
        """Return the rows with a last input of 1, the bias's, if the network has biases."""
        return [row + [1.0] for row in rows] if self.bias else rows

    def forward_propagate(self, inputs):
        """Return each layer's output as the lesson does; with ``softmax``, the last layer's is
        softmax's: its weighted sums as chances that add up to 1 (departure)."""
        if not self.softmax:
            return super().forward_propagate(inputs)
        outputs = []
        for layer in self.layers[:-1]:               # the lesson's loop, on all but the last
            inputs = sigmoid(dot(inputs, layer.synaptic_weights))  # (samples x neurons)
            outputs.append(inputs)
        return outputs + [softmax(dot(inputs, self.layers[-1].synaptic_weights))]  # departure

    def iteration(self, training_set_inputs, training_set_outputs):
        """Run the lesson's iteration on rows that already have their 1s (``with_ones``)."""
        self.rows = len(training_set_inputs)
        return super().iteration(training_set_inputs, training_set_outputs)

    def output_delta(self, layer_error, output_from_layer):
        """Return the last layer's delta: on the log loss, the error itself (departure).

        The log loss's slope, through the sigmoid or softmax, is minus the error.
        """
        if self.loss == "log":
            return layer_error
        return super().output_delta(layer_error, output_from_layer)

    def adjust(self, layer, layer_adjustment):
        """Add the adjustment times the learning rate now (over the rows, with ``mean``).

        With ``optimizer="adam"`` the step is Adam's instead: the adjustment's
        running mean over its running size, so every weight moves at about
        the learning rate, whatever the size of its slope.
        """
        rate = self.learning_rate * self.decay
        if self.optimizer == "adam":
            layer_adjustment = self._adam(layer, layer_adjustment)
        elif self.mean:
            rate /= self.rows
        super().adjust(layer, [[rate * value for value in row] for row in layer_adjustment])

    def _adam(self, layer, layer_adjustment):
        """Return Adam's step for a layer: its moments updated with this adjustment."""
        mean, square, count = self.moments.get(layer) or (
            [[0.0] * len(row) for row in layer_adjustment],
            [[0.0] * len(row) for row in layer_adjustment], 0)
        gradient = [[value / self.rows for value in row] for row in layer_adjustment]
        mean = [[0.9 * m + 0.1 * g for m, g in zip(m_row, g_row)]
                for m_row, g_row in zip(mean, gradient)]
        square = [[0.999 * s + 0.001 * g * g for s, g in zip(s_row, g_row)]
                  for s_row, g_row in zip(square, gradient)]
        count += 1
        self.moments[layer] = mean, square, count
        first, second = 1 - 0.9 ** count, 1 - 0.999 ** count  # the moments start at 0
        return [[m / first / (math.sqrt(s / second) + 1e-8) for m, s in zip(m_row, s_row)]
                for m_row, s_row in zip(mean, square)]

    def weights(self):
        """Return each layer's (synaptic_weights, bias): (inputs x neurons) and a list, or None.

        The bias neurons that always output 1 are left out.
        """
        pairs = []
        for layer in self.layers:
            weights = layer.synaptic_weights
            neurons = len(weights[0]) - (self.bias and layer is not self.layers[-1])
            rows = weights[:-1] if self.bias else weights
            pairs.append(([row[:neurons] for row in rows],
                          weights[-1][:neurons] if self.bias else None))
        return pairs

    @classmethod
    def from_weights(cls, pairs, **settings):
        """Return a DataNetwork holding copies of ``[(synaptic_weights, bias), ...]``, checked.

        Either every layer has a bias (a list) or none has (None).
        """
        if not isinstance(pairs, (list, tuple)) or not pairs or not all(
                isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in pairs):
            raise TinynetError(f"weights must be a non-empty list of (synaptic_weights, bias) "
                               f"pairs, got {_short(pairs)}")
        if len({bias is None for _, bias in pairs}) != 1:
            raise TinynetError("either every layer has a bias or none has")
        layers = []
        for number, (weights, bias) in enumerate(pairs, 1):
            rows = _check_matrix(f"layer {number}: synaptic_weights", weights)
            layers.append(rows if bias is None else rows + _check_matrix(
                f"layer {number}: bias", [bias], len(rows[0])))
        sizes = [len(pairs[0][0])] + [len(rows[0]) for rows in layers]
        for number, (rows, inputs) in enumerate(zip(layers, sizes), 1):
            if len(pairs[number - 1][0]) != inputs:
                raise TinynetError(f"layer {number} takes {len(pairs[number - 1][0])} inputs per "
                                   f"neuron but layer {number - 1} has {inputs} neurons")
        network = cls(sizes, bias=pairs[0][1] is not None, rng=random.Random(0), **settings)
        for layer, rows in zip(network.layers, layers):
            for old, new in zip(layer.synaptic_weights, rows):
                old[:len(new)] = new
        return network

    def learn(self, inputs, outputs, iterations, batch_size=None, patience=None, until_error=None,
              rng=None, progress=None, held_out=None, watched=None, halve_every=None):
        """Train in passes over the rows, in shuffled batches; return a ``TrainingReport``.

        ``inputs`` are rows without their 1s; each pass is one ``iteration``
        per batch of ``batch_size`` rows (None: all rows, in order), shuffled
        by ``rng``.  It stops early once the mean squared error is below
        ``until_error``, or when the mean squared error has not fallen by
        0.0001 in ``patience`` passes: the error on ``held_out``, (inputs,
        outputs) kept out of training, if given (and then the weights of its
        best pass are kept), else on the training rows.  The report's
        ``held_out_curve`` is the error on ``watched``, other rows kept out,
        if given, else on ``held_out``.  ``progress`` gets a ``Progress`` after every pass.
        With ``halve_every`` the learning rate halves, smoothly, every that
        many passes, but not before 1000 adjustments, and training stops
        after HALVINGS halvings.  Raises TinynetError for bad arguments and for
        training that diverges.
        """
        inputs, outputs = _check_training_set(self, self.with_ones(inputs), outputs)
        if self.softmax:
            _check_chances(outputs)
        iterations = _positive_int("iterations", iterations)
        batch_size = batch_size and _positive_int("batch_size", batch_size)
        patience = patience and _positive_int("patience", patience)
        until_error = until_error and _positive_number("until_error", until_error)
        passes = -(-len(inputs) // (batch_size or len(inputs)))  # adjustments a pass
        halve_every = halve_every and _positive_int("halve_every", halve_every)
        half_life = halve_every and max(1000, halve_every * passes)  # in adjustments
        adjustments, self.decay = 0, 1.0
        if watched is not None:
            watched = _check_training_set(self, self.with_ones(watched[0]), watched[1])
        if held_out is not None:
            held_out = _check_training_set(self, self.with_ones(held_out[0]), held_out[1])
            if patience:  # at most the passes of 2000 adjustments: a pass of many is slow
                patience = min(patience, max(5, -(-2000 // passes)))
        curve_every = max(1, iterations // 200)  # the error curve: about 200 points
        batches, curve, held_curve, stopped = [(inputs, outputs)], [], [], None
        best, since_best, kept = math.inf, 0, None
        for iteration in range(iterations):
            if batch_size:
                batches = _mini_batches(inputs, outputs, batch_size, rng or _random)
            errors = []                                  # (samples x outputs), before adjusting
            for batch_inputs, batch_outputs in batches:
                if half_life:  # halved every half_life adjustments, a little each time
                    self.decay = 0.5 ** (adjustments / half_life)
                errors += self.iteration(batch_inputs, batch_outputs).errors[-1]
                adjustments += 1
            error = _mean_square(errors)
            _check_finite(error, iteration)
            judged = error if held_out is None else self.error_on(*held_out)
            if iteration % curve_every == 0:
                curve.append((iteration, error))
                if (watched or held_out) is not None:
                    held_curve.append((iteration + 1, self.error_on(*(watched or held_out))))
            if until_error and error < until_error:
                stopped = f"the error fell below {until_error:g}"
            elif patience:
                if judged < best - 1e-4:
                    best, since_best = judged, 0
                    kept = held_out and (iteration + 1, copy.deepcopy(self.layers))
                else:
                    since_best += 1
                if since_best >= patience:
                    stopped = (f"the {'held-out ' * bool(held_out)}error has not fallen by "
                               f"0.0001 in {patience} iterations")
            if not stopped and half_life and adjustments >= HALVINGS * half_life:
                stopped = f"the learning rate has halved {HALVINGS} times, to 1/{2 ** HALVINGS}"
                if patience and since_best == 0:  # its last pass was its best
                    stopped += (f", and the {'held-out ' * bool(held_out)}error was still "
                                "falling: halving less often trains longer")
            if stopped:
                break
            if progress:
                progress(Progress(iteration, iterations, error, self, inputs, outputs))
        iteration += 1                                   # the passes run
        self.decay = 1.0                                 # the learning rate as it was set
        if kept and stopped and kept[0] < iteration:     # back to the best pass's weights
            for layer, best_layer in zip(self.layers, kept[1]):
                layer.synaptic_weights = best_layer.synaptic_weights
            stopped += f"; kept the weights of iteration {kept[0]}"
        error = _mean_square(subtract(outputs, self.forward_propagate(inputs)[-1]))
        _check_finite(error, iteration)
        curve.append((iteration, error))
        if (watched or held_out) is not None:
            held_curve.append((iteration, self.error_on(*(watched or held_out))))
        if progress:
            progress(Progress(iteration, iterations, error, self, inputs, outputs))
        return TrainingReport(iteration, error, stopped, curve, held_curve)

    def error_on(self, rows, targets):
        """Return the mean squared error on rows (with their 1s) and their targets."""
        return _mean_square(subtract(targets, self.forward_propagate(rows)[-1]))


def _check_chances(targets):
    """Raise TinynetError unless each target row is chances, 0 to 1, adding up to 1: softmax's."""
    for number, row in enumerate(targets, 1):
        if min(row) < 0 or abs(_total(row) - 1) > 1e-9:
            raise TinynetError(f"softmax's targets must be chances that add up to 1 (a class "
                               f"each), but row {number} is {_short(row)}")


def _validation_split(rows, targets, labels, classes, fraction, rng):
    """Return (rows, targets, held out) with ``fraction`` of each class's rows held out.

    Nothing is held out (None) from fewer than 500 rows: a tenth of fewer
    is too few rows to tell a stall from a plateau (the spiral's 140 rows
    stall for hundreds of passes before they fall); a class keeps at least
    one row to train on.
    """
    if len(rows) < 500:
        return rows, targets, None
    held = _held_rows(labels, classes, fraction, rng)
    kept = [n for n in range(len(rows)) if n not in held]
    order = sorted(held)
    return ([rows[n] for n in kept], [targets[n] for n in kept],
            ([rows[n] for n in order], [targets[n] for n in order]) if held else None)


def _held_rows(labels, classes, fraction, rng, at_least=0):
    """Return the numbers (from 0) of ``fraction`` of each class's rows, drawn by ``rng``.

    Each class gives ``round(fraction * its rows)``, but at least
    ``at_least`` and never all of them (none of a class with no rows).
    """
    held = set()
    for name in classes:  # in the classes' order, so that the same seed holds the same rows
        mine = [n for n, label in enumerate(labels) if label == name]
        count = max(0, min(max(at_least, round(fraction * len(mine))), len(mine) - 1))
        held.update(rng.sample(mine, count))
    return held


def _mini_batches(inputs, outputs, size, rng):
    """Return (inputs, outputs) in batches of ``size`` rows, in an order shuffled by ``rng``."""
    order = list(range(len(inputs)))
    rng.shuffle(order)
    return [([inputs[i] for i in order[start:start + size]],
             [outputs[i] for i in order[start:start + size]])
            for start in range(0, len(order), size)]



def _network_sizes(network):
    """Return a network's layer sizes, inputs first, leaving out any bias's always-1 neurons."""
    if isinstance(network, DataNetwork):
        return network.sizes
    return [len(network.layers[0].synaptic_weights)] + [
        len(layer.synaptic_weights[0]) for layer in network.layers]


class Classifier:
    """A classifier for a table of inputs and labels, used as scikit-learn's are.

    ``Classifier(hidden=None, seed=1, **settings)`` takes DATA_RECIPE's
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
    (Classifier(2 inputs, classes ['no', 'yes'], hidden [32]), 'yes', ['no', 'yes'])
    >>> Classifier(hidden=8, learning_rate=0.1)
    Classifier(hidden=[8], learning_rate=0.1, seed=1)
    """

    _TRAINED = ("network", "classes", "class_names", "multilabel", "means", "scales", "columns",
                "categories", "label", "report")  # what fit sets

    def __init__(self, hidden=None, *, seed=1, until_error=None, **settings):
        if hidden is not None:
            settings = dict(hidden=[hidden] if _is_number(_plain(hidden)) else hidden, **settings)
        _settings(settings)  # an unknown setting is refused here, not at fit
        seed, until_error = _plain(seed), _plain(until_error)  # numpy.int64(1) -> 1
        until_error = until_error and _positive_number("until_error", until_error)
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
        classes = _check_classes(classes)
        if len(set(classes)) < 2 or len(set(classes)) != len(classes):
            raise TinynetError(f"classes must be two or more different names, got "
                               f"{_short(classes)}")
        outputs = len(classes) if multilabel or len(classes) > 2 else 1
        if multilabel and isinstance(network, DataNetwork) and network.softmax:
            raise TinynetError("several independent outputs cannot be softmax's: each is its "
                               "own chance")
        if _network_sizes(network)[-1] != outputs:
            raise TinynetError(f"{len(classes)} classes need {outputs} outputs, but the "
                               f"network has {_network_sizes(network)[-1]}")
        model = cls()
        model.network, model.classes, model.multilabel = network, list(classes), multilabel
        model.class_names = [_label_text(name) for name in classes]
        model.means, model.scales = means, scales
        return model

    @property
    def input_size(self):
        """The number of input columns the model takes (before text columns are one-hot)."""
        self._check_trained()
        return len(self.categories) if self.categories else self.sizes[0]

    def __repr__(self):
        if self.network is None:
            given = [f"{name}={value!r}" for name, value in self.settings.items()]
            return f"Classifier({', '.join(given + [f'seed={self.seed!r}'])})"
        return (f"Classifier({self.input_size} inputs, classes {self.classes!r}, "
                f"hidden {self.sizes[1:-1]})")

    @property
    def softmax(self):
        """Whether the outputs are softmax's, chances that add up to 1 (else sigmoids)."""
        return isinstance(self.network, DataNetwork) and self.network.softmax

    @property
    def sizes(self):
        """The network's layer sizes, its inputs first (text columns one-hot): [4, 16, 3]."""
        self._check_trained()
        return _network_sizes(self.network)

    def weights(self):
        """Return a copy of each layer's ``(synaptic_weights, bias)``, first layer first.

        The weights are (inputs x neurons); the bias is a list, one per neuron,
        or None.  The pictures and the exports read the network through this alone.
        """
        self._check_trained()
        if isinstance(self.network, DataNetwork):
            return self.network.weights()
        return [([list(row) for row in layer.synaptic_weights], None)
                for layer in self.network.layers]

    def fit(self, X, y=None, *, classes=None, missing=None, progress=None):
        """Train a new network on rows X and their labels y (or a Dataset X); return the classifier.

        ``classes`` orders the classes (by default numbers in numeric order,
        names alphabetically).  ``missing="drop"`` leaves out the rows that
        miss a value, as ``Dataset`` does.  ``progress`` is called as ``train``
        calls it.  The TrainingReport is then in ``.report``.  Raises
        TinynetError for bad data, settings or arguments, or training that
        diverges.
        """
        if isinstance(X, Dataset):
            if y is not None or classes is not None or missing is not None:
                raise TinynetError("a Dataset holds its labels and classes, its missing values "
                                   "already left out or refused: give no y, classes or missing")
            data = X
        else:
            data = Dataset(X, y, classes, missing=missing)
        if progress is not None and not callable(progress):
            raise TinynetError(f"progress must be a function to call as training goes, or None, "
                               f"got {_short(progress)}")
        self._train(data, numpy_like_random(self.seed), progress)
        return self

    def _train(self, data, rng, progress=None):
        """Build a network for a Dataset and train it with the settings: all that fit does."""
        model = self._untrained(data, rng)
        model.learn(data, rng, progress, self.until_error, **self.settings)
        for name in self._TRAINED:
            setattr(self, name, getattr(model, name))

    def _untrained(self, data, rng):
        """Return a new Classifier for a Dataset: its columns' categories, weights, scaling."""
        categories = data.categories or _categories(data)
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
        if not isinstance(data, Dataset):
            raise TinynetError(f"data must be a Dataset, got {_short(data)}")
        settings = _settings(recipe)
        hidden = _hidden(settings["hidden"], data)
        outputs = len(data.classes) if data.multilabel or len(data.classes) > 2 else 1
        network = DataNetwork([data.input_size] + list(hidden) + [outputs], settings["bias"],
                              settings["learning_rate"], settings["mean"], settings["loss"], rng,
                              settings["optimizer"], _softmax(settings, data),
                              settings["small_start"])
        means, scales = _scaling(data.inputs) if settings["scale"] else (None, None)
        return cls.from_network(network, data.classes, means, scales, data.multilabel)

    def learn(self, data, rng=None, progress=None, until_error=None, watched=None, **recipe):
        """Train the network on a Dataset with a recipe (see ``fit``); return the TrainingReport."""
        settings = _settings(recipe)
        rows, targets, held_out = self._scaled(data.inputs), data.targets(), None
        if settings["validation"] and settings["patience"] and not data.multilabel:
            rows, targets, held_out = _validation_split(rows, targets, data.labels, data.classes,
                                                        settings["validation"], rng or _random)
        self.report = self.network.learn(rows, targets, settings["iterations"],
                                         settings["batch_size"], settings["patience"],
                                         until_error, rng, progress, held_out,
                                         watched and (self._scaled(watched.inputs),
                                                      watched.targets()), settings["halve_every"])
        return self.report

    def _repr_svg_(self):
        """In a notebook, a trained classifier shows as its network, drawn by ``network_svg``.

        With two inputs each node maps its neuron's output over the plane the
        inputs' scaling spans (2.5 standard deviations each way), else -3..3.
        """
        if self.network is None:
            return None  # nothing to draw before fit
        planes = [(mean - 2.5 * scale, mean + 2.5 * scale) for mean, scale in zip(
            self.means or [0.0] * 2, self.scales or [1.2] * 2)]
        return network_svg(self.weights(), self.layer_outputs if not any(
            self.categories or []) else None, tuple(planes[:2]) if len(planes) >= 2 else
            ((-3.0, 3.0), (-3.0, 3.0)), title=f"tinynet {'-'.join(map(str, self.sizes))}")

    def layer_outputs(self, rows):
        """Return every layer's outputs for rows of raw inputs, without the neurons that give 1."""
        outputs = self.network.forward_propagate(self.network_inputs(self._rows(rows)[1]))
        return [[row[:size] for row in output] for output, size in zip(outputs, self.sizes[1:])]

    def network_inputs(self, rows):
        """Return rows of plain values as the network takes them: scaled, with any bias's 1s."""
        rows = self._scaled(rows)
        return self.network.with_ones(rows) if isinstance(self.network, DataNetwork) else rows

    def predict(self, X):
        """Return the class for one row (the most probable), or a list of them for rows.

        A flat list is one row, or for a model of one input, as in ``fit``, a
        column of rows (a list of one number: one row).

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
        if one and (self.multilabel or _sequence(y) is None):  # one row's label, not a list
            y = [y]
        return accuracy(answers, y)

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
        if flat and self.input_size == 1 and len(rows[0]) > 1:  # one input: a column, as in fit
            rows, flat = [[value] for value in rows[0]], False
        return flat, _matched(rows, names, self.columns, "the inputs")

    def _outputs(self, rows):
        """Return the network's outputs for rows of plain values in the model's column order."""
        output = self.network.forward_propagate(self.network_inputs(rows))[-1]
        if any(value != value for row in output for value in row):  # NaN: inf - inf somewhere
            raise TinynetError("the inputs are too large: the network's weighted sums overflow")
        return output

    def _scaled(self, rows):
        """Return rows as the network takes them: text columns one-hot, checked, standardised."""
        if self.categories and any(self.categories):
            rows = _one_hot(rows, self.categories, self.columns)
        rows = _check_matrix("inputs", rows, self.sizes[0])
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
        total = _total(output)
        return [value / total if total else 1 / len(output) for value in output]

    def _answer(self, chances):
        """Return the class a row's probabilities name (the names at 0.5 or more, multilabel)."""
        if self.multilabel:
            return [name for name, p in zip(self.classes, chances) if p >= 0.5]
        return self.classes[max(range(len(chances)), key=chances.__getitem__)]

    def to_dict(self):
        """Return the model as plain JSON types (version 4): sizes, classes, columns, weights.

        ``classes`` keep their types (numbers, names, true/false) and
        ``class_names`` say how each prints; ``columns`` are the inputs' names
        (or null) and ``categories`` each text column's categories (null for
        a column of numbers); ``label`` is the label column's name (or null);
        ``softmax`` says whether the outputs are softmax's (else sigmoids).
        """
        weights = self.weights()
        return {"format": _MODEL_FORMAT, "version": 4, "input_size": self.sizes[0],
                "layer_sizes": self.sizes[1:], "bias": weights[0][1] is not None,
                "softmax": self.softmax,
                "classes": self.classes,
                "class_names": self.class_names, "multilabel": self.multilabel,
                "columns": self.columns, "categories": self.categories, "label": self.label,
                "scaling": None if self.means is None else {"means": self.means,
                                                            "scales": self.scales},
                "layers": [{"synaptic_weights": synaptic_weights, "bias": bias}
                           for synaptic_weights, bias in weights]}

    @classmethod
    def from_dict(cls, data, source="model"):
        """Return the model a dict from ``to_dict`` describes, checking every part.

        Also reads version 3 (tinynet 2.0, no softmax) and versions 1 and 2
        (tinynet 1.x), whose classes are texts: a text that spells a number
        becomes that number, as they were compared.
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
        if type(version) is not int or version not in (1, 2, 3, 4):
            raise TinynetError(f"unknown model version {_short(version)}")
        entries = data.get("layers")
        if not isinstance(entries, list) or not entries:
            raise TinynetError(f"'layers' must be a non-empty list, got {_short(entries)}")
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("synaptic_weights"), list) \
                    or not entry["synaptic_weights"] or _is_number(entry["synaptic_weights"][0]):
                raise TinynetError(f"layer {number}: expected an object with 'synaptic_weights', "
                                   "a list of rows")
        softmax = data.get("softmax", "missing") if version == 4 else False
        if not isinstance(softmax, bool):
            raise TinynetError(f"'softmax' must be true or false, got {_short(softmax)}")
        network = DataNetwork.from_weights([(entry["synaptic_weights"], entry.get("bias"))
                                            for entry in entries], softmax=softmax)
        expected = {"input_size": network.sizes[0], "layer_sizes": network.sizes[1:],
                    "bias": network.bias}
        for key, value in expected.items():
            if not _same_json(data.get(key), value):
                raise TinynetError(f"{key} is {_short(data.get(key))} "
                                   f"but the weights say {value!r}")
        if version == 1:  # tinynet 1.0: label_names for one output, no scaling
            names = data.get("label_names")
            names = ["0", "1"] if names is None else names
            if not _is_list_of(names, str) or len(names) < 2:
                raise TinynetError(f"'label_names' must be a list of names, got {_short(names)}")
            multilabel = network.sizes[-1] > 1
            names = [f"output {n}" for n in range(1, network.sizes[-1] + 1)] if multilabel \
                else [name.strip() for name in names]
            return cls._with_names(network, names, None, None, multilabel)
        classes, multilabel = data.get("classes"), data.get("multilabel", False)
        if not isinstance(multilabel, bool):
            raise TinynetError(f"'multilabel' must be true or false, got {_short(multilabel)}")
        if not isinstance(classes, list) or not all(
                _is_class(name) if version >= 3 else isinstance(name, str) and name
                for name in classes):
            kinds = "names, numbers or true/false" if version >= 3 else "names"
            raise TinynetError(f"'classes' must be a list of {kinds}, got {_short(classes)}")
        means, scales = _model_scaling(data.get("scaling"), network.sizes[0])
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
        model.columns, model.categories = _model_columns(data, network.sizes[0])
        return model

    @classmethod
    def _with_names(cls, network, names, means, scales, multilabel):
        """Return a model of tinynet 1.x, whose class names spell its number classes."""
        classes = [_number_text(name) if not multilabel and _parses(name) is not None else name
                   for name in names]
        if len({_label_kind(name) for name in classes}) > 1:  # numbers and names: all names
            classes = list(names)
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
    return (isinstance(value, str) and value != "") or isinstance(value, bool) or _is_finite(value)


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
    """Return a version 3 or 4 model's column names and categories, checked against its network."""
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


def _hidden(hidden, data):
    """Return the hidden layer sizes: as given, or (None) 3 neurons a class, from 32 to 64.

    Measured on twelve data sets against scikit-learn: 16 neurons left the
    214 glasses of 6 kinds 8 points behind, and 26 letters need about 64.
    """
    return [min(64, max(32, 3 * len(data.classes)))] if hidden is None else hidden


def _softmax(settings, data):
    """Tell whether the outputs are softmax's: if the recipe says so, for 3 or more classes.

    Not for two classes (one output), several independent outputs, or the
    squared error (softmax's slope does not cancel there).
    """
    return bool(settings["softmax"] and len(data.classes) > 2 and not data.multilabel
                and settings["loss"] == "log")


def _settings(recipe):
    """Return DATA_RECIPE with the given settings in place of its own, or raise TinynetError.

    An unknown name, a switch that is not True or False, or a validation
    share outside 0 to 1 is refused; the other values are checked where
    they are used.
    """
    unknown = sorted(set(recipe) - set(DATA_RECIPE))
    if unknown:
        raise TinynetError(f"unknown setting {unknown[0]!r}; the settings are "
                           f"{', '.join(sorted(DATA_RECIPE))}")
    settings = {name: _plain(value) for name, value in dict(DATA_RECIPE, **recipe).items()}
    if settings["hidden"] is not None:  # None: chosen by the data (_hidden)
        sizes = [settings["hidden"]] if _is_number(settings["hidden"]) else _sequence(
            settings["hidden"])  # a lone size: one hidden layer
        sizes = sizes if sizes is None else [_plain(size) for size in sizes]
        if sizes is None or not all(type(size) is int and size > 0 for size in sizes):
            raise TinynetError(f"hidden must be a list of layer sizes, whole numbers from 1, "
                               f"got {_short(settings['hidden'])}")
        settings["hidden"] = sizes
    for name in ("bias", "scale", "small_start", "softmax", "mean"):
        settings[name] = _switch(name, settings[name])
    settings["learning_rate"] = _positive_number("learning_rate", settings["learning_rate"])
    share = settings["validation"]
    if share not in (None, False) and not (_is_number(share) and 0 <= share < 1):
        raise TinynetError(f"validation must be a share of the rows, at least 0 and below 1 "
                           f"(0 or None: none), got {_short(settings['validation'])}")
    return settings


def _switch(name, value):
    """Return a setting that is True or False (or 1 or 0) as a bool, else raise TinynetError.

    Not any value's truth: ``softmax="no"`` would be true.
    """
    plain = _plain(value)  # numpy.bool_(False) -> False
    if type(plain) not in (bool, int) or plain not in (0, 1):
        raise TinynetError(f"{name} must be True or False, got {_short(value)}")
    return bool(plain)


def _scaling(rows):
    """Return each input column's mean and scale (its standard deviation; 1 if it is 0)."""
    means, scales = [], []
    for number, column in enumerate(zip(*rows), 1):
        mean = _total(value / len(column) for value in column)  # no overflow on huge values
        spread = math.sqrt(_total(((value - mean) / len(column)) * (value - mean)
                                  for value in column))
        if math.isinf(spread):  # squares past the largest float: in units of the largest gap
            gap = max(abs(value - mean) for value in column)
            spread = gap * math.sqrt(_total(((value - mean) / gap) ** 2 / len(column)
                                            for value in column))
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


def _one_hot(rows, categories, names=None, place="inputs row", numbers=None):
    """Return rows with each text column as one column per category: 1.0 for its own, else 0.0.

    ``categories`` has, for each column, None (a number) or its categories.

    >>> _one_hot([[2.5, "b"], [1.0, "a"]], [None, ["a", "b", "c"]])
    [[2.5, 0.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]

    Raises TinynetError for a row of the wrong length, or a value that is
    not one of its column's categories (one never seen in training), naming
    it as ``place`` and its number in ``numbers`` (default: 1, 2, ...).
    """
    places = [None if names_of is None else {name: spot for spot, name in enumerate(names_of)}
              for names_of in categories]
    encoded = []
    for number, row in zip(numbers or itertools.count(1), rows):
        if not isinstance(row, list) or len(row) != len(categories):
            raise TinynetError(f"{place} {number}: expected {len(categories)} values, "
                               f"got {_short(row)}")
        values = []
        for column, (value, spots) in enumerate(zip(row, places)):
            if spots is None:
                values.append(value)
            elif isinstance(value, str) and value in spots:
                values += [float(index == spots[value]) for index in range(len(spots))]
            else:
                raise TinynetError(f"{place} {number}: {_column_text(column, names)}: "
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
    hidden = _hidden(settings["hidden"], data)
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
    held = _held_rows(data.labels, data.classes, fraction, numpy_like_random(seed), at_least=1)
    parts = [[number for number in range(len(data.inputs)) if (number in held) == side]
             for side in (False, True)]
    if not parts[0] or not parts[1]:
        raise TinynetError(f"a held-out fraction of {fraction:g} leaves no rows on one side")
    return data._part(parts[0]), data._part(parts[1])


def useless_training_warning(model, data, output=None):
    """Return a warning if the model learned too little of its training data, else None.

    That is: its accuracy on its own training rows is no better than always
    answering the most common class (it learned nothing), or below 90% (it
    underfits: the network may be too small).  With several independent
    outputs: its error is no better than always answering each output's share.
    ``output``: the model's outputs for the data, if they are at hand.
    """
    output = model.outputs(data) if output is None else output  # one forward pass
    if model.multilabel:
        targets = data.targets()
        shares = [sum(column) / len(column) for column in zip(*targets)]
        baseline = sum(share * (1 - share) for share in shares) / len(shares)
        error = _mean_square(subtract(targets, output))
        if error < 0.95 * baseline:
            return None
        return (f"the network learned nothing useful: its error {error:.4f} is no better than "
                f"always answering each output's share ({baseline:.4f}); try more iterations, "
                "another learning rate or a bigger hidden layer")
    right = accuracy([model._answer(model._chances(row)) for row in output], data.labels)
    common = max(model.classes, key=data.labels.count)
    share = data.labels.count(common) / len(data.labels)
    hidden = model.sizes[1:-1]
    if right < share + 0.1 * (1 - share):  # not a tenth of the way from guessing to all right
        return (f"the network learned nothing useful: it gets {100 * right:.1f}% of its own "
                f"training rows right, no better than always answering the most common class, "
                f"{_printable(common)!r} ({100 * share:.1f}%); try more iterations, another "
                "learning rate or a bigger hidden layer")
    if right < 0.9:
        return (f"the network underfits: it gets only {100 * right:.1f}% of its own training "
                f"rows right; hidden layers {','.join(map(str, hidden)) or 'none'} may be too "
                f"small for this data (try --hidden {2 * max(hidden + [16])}), or it needs more "
                "iterations")
    return None


# -- Writing files: never over an input, never half a file -------------------


def check_writable(path, inputs=()):
    """Raise TinynetError unless ``path`` can be written without losing anything.

    The folder must exist and be writable; the path must not end as a
    folder's does (``models/``); an existing file must be a regular file
    (not a folder, device, pipe or socket) that may be written (as ``cp``
    sees it: not write-protected, unless by root), and neither it nor the
    file a symlink there points to may be one of ``inputs``.

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
    if os.path.basename(path) in ("", ".", ".."):  # 'new/': a folder, though none is there yet
        raise TinynetError(f"{path}: names a folder, not a file; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise TinynetError(f"{path}: is a device, pipe or socket; tinynet writes only to "
                           "regular files")
    for source in inputs:
        if mode is not None and source and os.path.exists(source) and os.path.samefile(
                source, target):
            raise TinynetError(f"{path}: is the input file {source}; write to another file")
    if not os.access(os.path.dirname(target), os.W_OK):
        raise TinynetError(f"{path}: the folder {folder!r} is not writable")
    if mode is not None and not os.access(target, os.W_OK):
        raise TinynetError(f"{path}: is write-protected (mode {stat.S_IMODE(mode):04o}); tinynet "
                           "replaces only a file you may write")


def write_file(path, text, inputs=(), written=None):
    """Write text to a file so that it is either all there or not changed at all.

    After ``check_writable(path, inputs)`` the text goes to a temporary file
    beside the target (the file a symlink points to), which then replaces it
    in one step, keeping an existing file's permission bits and, where the
    system lets it (as root), its owner and group.  Ctrl-C or a signal part
    way leaves the old file as it was and no temporary file; the path is
    added to the list ``written`` in the same step as the replace.  Raises
    TinynetError if it cannot (``text`` not a str, or not valid Unicode).
    """
    if not isinstance(text, str):
        raise TinynetError(f"text must be a str, got {_short(text)}")
    check_writable(path, inputs)
    target = os.path.realpath(path)
    try:
        status = os.stat(target)
        mode, owner = stat.S_IMODE(status.st_mode), (status.st_uid, status.st_gid)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode, owner = 0o666 & ~umask, None
    temporary = None
    try:
        with _signals_held():  # no signal between creating the file and knowing its name
            handle, temporary = tempfile.mkstemp(prefix=".tinynet-", suffix=".tmp",
                                                 dir=os.path.dirname(target))
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(temporary, *owner)
        os.chmod(temporary, mode)  # after chown, which may clear the set-id bits
        with _signals_held():  # the replace and forgetting the temporary name: one step
            os.replace(temporary, target)
            temporary = None
            if written is not None:
                written.append(path)
    except OSError as error:
        raise TinynetError(f"{path}: cannot write: {error.strerror or error}") from None
    except UnicodeEncodeError as error:  # a lone surrogate, as from a name not in UTF-8
        raise TinynetError(f"{path}: cannot write text: its character {error.start} "
                           f"{_short(error.object[error.start])} is not valid Unicode") from None
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
    first; each input column's ``categories`` (None for a number; a text
    column is one network input per category); the ``classes`` as plain
    names and numbers; and whether the last layer is ``softmax``'s.  Raises
    TinynetError for a model of several independent outputs.
    """
    if model.multilabel:
        raise TinynetError("a model of several independent outputs cannot be exported: a "
                           "predictor answers one class per row")
    weights = model.weights()
    size = len(weights[0][0])                                    # the network's inputs
    categories = model.categories or [None] * model.input_size  # a text column's, or None
    return {"name": name, "version": __version__,
            "inputs": [_printable(name) if name else f"input {number}" for number, name in
                       enumerate(model.columns or [None] * len(categories), 1)],
            "categories": [None if names is None else [str(name) for name in names]
                           for names in categories],
            "scaled": model.means is not None,
            "means": list(model.means or [0.0] * size),
            "scales": list(model.scales or [1.0] * size),
            "biased": any(bias is not None for _, bias in weights),
            "layers": [(synaptic_weights, bias or [0.0] * len(synaptic_weights[0]))
                       for synaptic_weights, bias in weights],
            "sizes": [size] + [len(synaptic_weights[0]) for synaptic_weights, _ in weights],
            "classes": [_plain_class(label) for label in model.classes],
            "softmax": model.softmax}


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
    outputs = " and softmax outputs" if spec["softmax"] else ""
    scaling = ("Each input is standardised, (x - mean) / scale, before the network." if
               spec["scaled"] else "The inputs go to the network as they are.")
    classes = ", ".join(_printable(repr(label)) for label in spec["classes"])
    texts = [f"{name} is one of {', '.join(map(repr, names))}" for name, names in
             zip(spec["inputs"], spec["categories"]) if names is not None]
    return (wrap(f"{_printable(spec['name'])}: a tinynet model as a standalone predictor in "
                 f"{language}, written by tinynet {spec['version']}.") +
            [f"A {network} network of sigmoid neurons{outputs}, {biases}."] +
            wrap(f"Inputs, in order: {', '.join(map(_printable, spec['inputs']))}.") +
            (wrap("Text inputs, one network input per category (1 for the row's own, else "
                  f"0): {_printable('; '.join(texts))}.") if texts else []) +
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
             "predict(row): the most probable class.  A row is a list of the inputs' values:",
             "a number, or for a text input one of its categories.  Needs only math, and",
             "runs in MicroPython too; where its floats have double precision, the chances",
             "are tinynet's to within 1e-9."]
    lines = ["# " + line if line else "#" for line in _predictor_header(spec, "Python", usage)]
    lines += ["", "import math", "",
              f"CLASSES = [{', '.join(repr(label) for label in spec['classes'])}]", "",
              "# Each input column's categories: None for a number; a text is one input",
              "# per category, 1 for the row's own and 0 for the others.",
              f"CATEGORIES = {spec['categories']!r}", "",
              "# Whether the last layer gives softmax's chances (e**x over their sum),",
              "# else sigmoids as the others do.", f"SOFTMAX = {spec['softmax']!r}", "",
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
    if len(row) != len(CATEGORIES):
        raise ValueError("expected %d values, got %d" % (len(CATEGORIES), len(row)))
    inputs = []
    for x, names in zip(row, CATEGORIES):  # a text: one input per category
        if names is not None:
            if x not in names:
                raise ValueError("%r is not one of the categories %r" % (x, names))
            inputs += [1.0 if name == x else 0.0 for name in names]
            continue
        x = float(x)
        if not math.isfinite(x):
            raise ValueError("each input must be a finite number, got %r" % x)
        inputs.append(x)
    values = [(x - mean) / scale for x, mean, scale in zip(inputs, MEANS, SCALES)]
    for number, (weights, biases) in enumerate(LAYERS, 1):  # sigmoid(dot(values, weights) + biases)
        sums = []
        for j in range(len(biases)):
            weighted = 0.0
            for i in range(len(values)):
                weighted += values[i] * weights[i][j]
            sums.append(weighted + biases[j])
        if SOFTMAX and number == len(LAYERS):  # the last: e**x over their sum, as tinynet
            top = max(sums)  # sums past floats (top infinite): the largest share the chance
            past = math.isinf(top) and not any(value != value for value in sums)
            powers = [float(value == top) if past else math.exp(value - top) for value in sums]
            total = 0.0
            for power in powers:
                total += power
            values = [power / total for power in powers]
        else:
            values = [_sigmoid(value) for value in sums]
    if len(values) == 1:  # two classes: the one output is the chance of the second
        chances = [1.0 - values[0], values[0]]
    else:  # more: each output over their sum (never 0: sigmoids are above 0, softmax's sum to 1)
        total = 0.0
        for value in values:
            total += value
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
             "predict(row): the most probable class.  A row is an array of the inputs' values:",
             "a number, or for a text input one of its categories.",
             "An ES module: import it from a <script type=\"module\"> or from Node (there, name",
             "it .mjs or set \"type\": \"module\").  The chances are tinynet's to within 1e-9."]
    lines = ["// " + line if line else "//" for line in _predictor_header(
        spec, "JavaScript", usage)]
    lines += ["", f"export const CLASSES = [{', '.join(map(_js_class, spec['classes']))}];", "",
              "// Each input column's categories: null for a number; a text is one input",
              "// per category, 1 for the row's own and 0 for the others.",
              f"const CATEGORIES = {json.dumps(spec['categories'])};", "",
              "// Whether the last layer gives softmax's chances (e**x over their sum),",
              "// else sigmoids as the others do.",
              f"const SOFTMAX = {'true' if spec['softmax'] else 'false'};", "",
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
  if (row.length !== CATEGORIES.length) {
    throw new RangeError(`expected ${CATEGORIES.length} values, got ${row.length}`);
  }
  const inputs = [];
  row.forEach((x, column) => {
    const names = CATEGORIES[column];
    if (names !== null) { // a text: one input per category
      if (!names.includes(x)) {
        throw new RangeError(`${JSON.stringify(x)} is not one of the categories ${names}`);
      }
      names.forEach((name) => inputs.push(name === x ? 1 : 0));
    } else if (typeof x === "boolean") { // true and false: 1 and 0, as in tinynet
      inputs.push(Number(x));
    } else if (!Number.isFinite(x)) {
      throw new RangeError(`each input must be a finite number, got ${x}`);
    } else {
      inputs.push(x);
    }
  });
  let values = inputs.map((x, i) => (x - MEANS[i]) / SCALES[i]);
  LAYERS.forEach(([weights, biases], number) => { // sigmoid(dot(values, weights) + biases)
    const sums = biases.map((bias, j) => {
      let weighted = 0;
      for (let i = 0; i < values.length; i++) {
        weighted += values[i] * weights[i][j];
      }
      return weighted + bias;
    });
    if (SOFTMAX && number === LAYERS.length - 1) { // the last: e**x over their sum, as tinynet
      const top = Math.max(...sums); // sums past floats (top infinite): the largest share it
      const powers = sums.map((value) => (Math.abs(top) === Infinity
        ? Number(value === top) : Math.exp(value - top)));
      let total = 0;
      for (const power of powers) {
        total += power;
      }
      values = powers.map((power) => power / total);
    } else {
      values = sums.map(sigmoid);
    }
  });
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
             "numbers (for a text input, the index of its category, from 0, in the order above),",
             "fills chances[0 .. TINYNET_CLASSES - 1] with the chance of each class and",
             "returns the most probable one's index in tinynet_classes; or -1 if an input is not",
             "finite or not a category's index, or if the weighted sums overflow.  Compile this",
             "file with your program (cc -std=c99 main.c model.c -lm) and declare the two names",
             "below, or #include it.",
             "Needs only <math.h>; the chances are tinynet's to within 1e-9."]
    sizes = spec["sizes"]
    lines = ["/*"] + [(" * " + line.replace("*/", "* /").replace("/*", "/ *")).rstrip()
                      for line in _predictor_header(spec, "C", usage)] + [" */", ""]
    lines += ["#include <math.h>", "", f"#define TINYNET_INPUTS {len(spec['categories'])}",
              f"#define TINYNET_CLASSES {len(spec['classes'])}", "",
              "extern const char *const tinynet_classes[TINYNET_CLASSES];",
              "int tinynet_predict(const double *inputs, double *chances);", "",
              "const char *const tinynet_classes[TINYNET_CLASSES] = {"]
    lines += [f"    {_c_string(label if isinstance(label, str) else repr(label))},"
              for label in spec["classes"]]
    lines += ["};", "", "/* How many categories each input has: 0 for a number; a text is one",
              "   network input per category, 1 for the row's own and 0 for the others. */",
              "static const int tinynet_categories[TINYNET_INPUTS] = {",
              "    " + ", ".join(str(len(names or [])) for names in spec["categories"]), "};",
              "", "/* The network takes each of its inputs as (x - mean) / scale. */",
              f"static const double tinynet_means[{sizes[0]}] = {{"]
    lines += _number_lines(spec["means"], "    ") + ["};",
                                                      "static const double tinynet_scales"
                                                      f"[{sizes[0]}] = {{"]
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
    lines += ["    int best = 0, k = 0;", "",
              "    for (int i = 0; i < TINYNET_INPUTS; i++) {",
              "        int count = tinynet_categories[i];",
              "        if (!isfinite(inputs[i]))",
              "            return -1;",
              "        if (count == 0) {  /* a number */",
              "            layer_0[k] = (inputs[i] - tinynet_means[k]) / tinynet_scales[k];",
              "            k++;",
              "            continue;",
              "        }",
              "        if (inputs[i] < 0 || inputs[i] >= count || inputs[i] != (int) inputs[i])",
              "            return -1;  /* not a category's index */",
              "        for (int c = 0; c < count; c++, k++)",
              "            layer_0[k] = ((c == (int) inputs[i]) - tinynet_means[k]) / "
              "tinynet_scales[k];",
              "    }"]
    lines += [f"    tinynet_layer({sizes[number - 1]}, {size}, layer_{number - 1}, "
              f"tinynet_weights_{number}, tinynet_biases_{number}, layer_{number}, "
              f"{int(spec['softmax'] and number == len(sizes) - 1)});"
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

/* One layer: out = sigmoid(dot(in, weights) + biases), weights (inputs x neurons);
   with softmax, e**x over their sum instead of the sigmoid, as tinynet's last layer. */
static void tinynet_layer(int inputs, int neurons, const double *in, const double *weights,
                          const double *biases, double *out, int softmax)
{
    double top = -HUGE_VAL, total = 0.0;
    int past;
    for (int j = 0; j < neurons; j++) {
        double weighted = 0.0;
        for (int i = 0; i < inputs; i++)
            weighted += in[i] * weights[i * neurons + j];
        out[j] = softmax ? weighted + biases[j] : tinynet_sigmoid(weighted + biases[j]);
        if (out[j] > top || out[j] != out[j])
            top = out[j];  /* NaN stays: inf - inf somewhere */
    }
    if (!softmax)
        return;
    past = isinf(top);  /* sums past doubles: the largest share the chance */
    for (int j = 0; j < neurons; j++)
        total += past ? (out[j] == top) : exp(out[j] - top);
    for (int j = 0; j < neurons; j++)
        out[j] = (past ? (out[j] == top) : exp(out[j] - top)) / total;
}
'''


# ==========================================================================
# Part 4. Pictures: the decision map, the error curve and the network, as text or SVG
# ==========================================================================

MAX_CELLS = 1_000_000  # the most cells a decision map may have
CELL_BYTES = 100       # a cell's memory (measured): its probability, and its coloured text
MAP_BATCH = 100_000    # the most neuron outputs held at once while mapping: about 8 MB


class DecisionMap:
    """A two-class model's output over the plane of its two inputs, cell by cell.

    The plane spans the data's points (and ``extra`` points, such as points
    to classify) with a margin, the same scale on both axes when their
    ranges are alike, cut into ``columns`` x ``rows`` cells;
    ``probability[r][c]`` is the probability of the second class at the
    centre of cell (r, c), row 0 at the top.  ``held_out``: a Dataset of
    rows set aside from training, which ``svg()`` draws apart from the
    others; the plane spans them too.  ``text()`` draws the map for a
    terminal, ``svg()`` as a picture, with the network beside it.

    >>> network = NeuralNetwork(Layer(2, 1))
    >>> network.layer1.synaptic_weights = [[1.0], [0.0]]
    >>> model = Classifier.from_network(network, ["blue", "red"])
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

    def __init__(self, model, data, columns=60, rows=30, extra=(), held_out=None):
        _check_mappable(model, data)
        _positive_int("columns", columns)
        _positive_int("rows", rows)
        cells = columns * rows
        if cells > MAX_CELLS:
            raise TinynetError(f"a decision map of {columns} x {rows} = {cells:,} cells would take "
                               f"about {_amount(cells * CELL_BYTES)}; the most tinynet draws is "
                               f"{MAX_CELLS:,} cells")
        self.model, self.data, self.columns, self.rows = model, data, columns, rows
        self.extra = [list(point) for point in extra]
        self.held_out = held_out
        points = data.inputs + self.extra + (held_out.inputs if held_out else [])
        (self.x_min, self.x_max), (self.y_min, self.y_max) = _plane(
            [point[0] for point in points], [point[1] for point in points])
        neurons = sum(model.sizes[1:])
        step, chances = max(1, MAP_BATCH // neurons), []
        for start in range(0, cells, step):  # a batch of cells at a time, so memory stays small
            centres = [self.centre(*divmod(cell, columns))
                       for cell in range(start, min(start + step, cells))]
            chances += [p[1] for p in model.predict_proba(centres)]
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

    def points(self, data=None):
        """Yield (point, true class number, predicted class number) for each data point.

        ``data``: other rows to go through, such as the held-out ones.
        """
        data = data or self.data
        predicted = self.model.predict(data.inputs)
        for point, label, guess in zip(data.inputs, data.labels, predicted):
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
        width = self.columns + 10
        classes = f"{names[0][:1].upper()} {names[0]}, {names[1][:1].upper()} {names[1]}"
        lines += _pack(([f"{classes} (lower case: misclassified)"] if len(classes) + 28 <= width
                        else [classes, "(lower case: misclassified)"]) + ["@ asked"] * bool(
                            self.extra), width)
        lines += _pack([f"{sides[0]} {names[0]} side", f"{sides[1]} {names[1]} side",
                        "# output 0.5"], width, visible=len(" . ") if colour else None)
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

    def svg(self, title, curve=None, held_out_curve=None):
        """Return the map as an SVG picture, with the network beside it and the error below.

        Left to right: the network, drawn as ``network_svg`` draws it (left out,
        with a note, if it is too large to draw); the map: a colour field, the
        0.5 contour, the data points as circles (the misclassified ones ringed
        in black), the held-out points as squares, each extra point as a
        diamond with its predicted class, and axes; a legend with the colour
        scale.  Below the map, the error curve if one is given, and beside it
        ``held_out_curve``, the held-out rows' error as (iteration, error)
        pairs.  A title, and a ``viewBox``, so it scales to any size.
        """
        width, height = (400, 400) if self._square() else (480, 360)
        left, top = 530, 50                               # the map's corner: the network's left
        plot = _SvgPlot(left, top, width, height, self.x_min, self.x_max, self.y_min, self.y_max)
        total_width = left + width + 250
        total_height = top + height + (320 if curve else 60)
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_width} '
                 f'{total_height}" width="{total_width}" height="{total_height}" '
                 'font-family="sans-serif" font-size="12">',
                 f'<title>{_xml(title)}</title>',
                 f'<rect width="{total_width}" height="{total_height}" fill="white"/>',
                 f'<text x="{total_width / 2}" y="24" text-anchor="middle" font-size="15">'
                 f'{_xml(title)}</text>', '<g shape-rendering="crispEdges">']
        cell_w, cell_h = width / self.columns, height / self.rows
        for row in range(self.rows):
            parts += _svg_row([_blend(p) for p in self.probability[row]], left,
                              top + row * cell_h, cell_w, cell_h)
        parts.append("</g>")
        segments = " ".join(f"M{plot.x(a[0]):.2f},{plot.y(a[1]):.2f} "
                            f"L{plot.x(b[0]):.2f},{plot.y(b[1]):.2f}" for a, b in self._contour())
        parts.append(f'<path class="boundary" d="{segments}" fill="none" stroke="black" '
                     'stroke-width="1.5"/>')
        parts += self._svg_points(plot)
        parts += plot.axes("input 1", "input 2")
        parts += self._svg_legend(left + width + 30, top)
        parts += self._svg_model(20, top, left - 100, total_height - top - 10)
        if curve:
            parts += _svg_curve(curve, left, top + height + 80, width, 180, held_out_curve)
        parts.append("</svg>")
        return "\n".join(parts) + "\n"

    def _svg_points(self, plot):
        """Return the SVG elements of the points: data, held out, and asked about."""
        names, parts = self.data.classes, []
        for point, label, predicted in self.points():
            ring = ('stroke="black" stroke-width="3"' if label != predicted
                    else 'stroke="white" stroke-width="1"')
            parts.append(f'<circle class="point" cx="{plot.x(point[0]):.2f}" '
                         f'cy="{plot.y(point[1]):.2f}" r="6" fill="{_POINT_COLOURS[label]}" {ring}>'
                         f'<title>{_xml(_format_point(point))}: {_xml(names[label])}'
                         f'{", misclassified" if label != predicted else ""}</title></circle>')
        for point, label, predicted in self.points(self.held_out) if self.held_out else ():
            ring = ('stroke="black" stroke-width="3"' if label != predicted
                    else 'stroke="white" stroke-width="1.5"')
            parts.append(f'<rect class="held-out" x="{plot.x(point[0]) - 5.5:.2f}" '
                         f'y="{plot.y(point[1]) - 5.5:.2f}" width="11" height="11" '
                         f'fill="{_POINT_COLOURS[label]}" {ring}><title>'
                         f'{_xml(_format_point(point))}: {_xml(names[label])}, held out'
                         f'{", misclassified" if label != predicted else ""}</title></rect>')
        for point, name in zip(self.extra, self.model.predict(self.extra) if self.extra else []):
            x, y = plot.x(point[0]), plot.y(point[1])
            parts.append(f'<path class="asked" d="M{x:.2f},{y - 9:.2f} L{x + 9:.2f},{y:.2f} '
                         f'L{x:.2f},{y + 9:.2f} L{x - 9:.2f},{y:.2f} Z" fill="#ffd92f" '
                         f'stroke="black" stroke-width="1.5"><title>{_xml(_format_point(point))}: '
                         f'{_xml(name)}</title></path>'
                         f'<text x="{x + 12:.2f}" y="{y + 4:.2f}" font-weight="bold">'
                         f'{_xml(_format_point(point))}: {_xml(name)}</text>')
        return parts

    def _svg_model(self, left, top, width, height):
        """Return the SVG elements of the model's network over this map's plane, or a note."""
        layers, model = self.model.weights(), self.model
        try:
            _check_drawable(layers)
        except TinynetError as error:  # too large: say so, on two lines
            first, _, second = str(error).partition(": ")
            return [f'<text x="{left}" y="{top + 20}">{_xml(first)}:</text>'
                    f'<text x="{left}" y="{top + 38}">{_xml(second)}</text>']
        return _svg_network(layers, model.layer_outputs,
                            ((self.x_min, self.x_max), (self.y_min, self.y_max)),
            left, top, width, height)

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
        if self.held_out:
            rows.insert(3, (f'<rect x="{x + 2.5}" y="{{square}}" width="11" height="11" '
                            'fill="#888" stroke="white"/>', "held out (a square)"))
        parts = [f'<g class="legend"><text x="{x}" y="{y + 4}" font-weight="bold">Legend</text>']
        for number, (mark, text) in enumerate(rows, 1):
            row_y = y + 4 + 22 * number
            parts.append(mark.format(y=row_y - 4, top=row_y - 13, bottom=row_y + 5,
                                     square=row_y - 9.5) +
                         f'<text x="{x + 26}" y="{row_y}">{text}</text>')
        scale_y = y + 4 + 22 * (len(rows) + 2)
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


def _svg_curve(curve, left, top, width, height, held_out=None):
    """Return the SVG elements of the error curve, and of the held-out one if given.

    Each is error (log scale) against iterations, on the same axes.
    """
    curves = [curve] + ([held_out] if held_out else [])
    logs = [[math.log10(max(error, 1e-300)) for _, error in pairs] for pairs in curves]
    low = math.floor(min(min(values) for values in logs))
    high = math.ceil(max(max(values) for values in logs))
    high += high == low
    plot = _SvgPlot(left, top, width, height, 0, max(max(pairs[-1][0] for pairs in curves), 1),
                    low, high)
    parts = [f'<g class="curve"><text x="{left + width / 2}" y="{top - 8}" text-anchor="middle">'
             'mean squared error while training</text>']
    styles = [("training", "#333", ""), ("held-out", "#e08a00", ' stroke-dasharray="7 3"')]
    for pairs, values, (name, colour, dash) in zip(curves, logs, styles):
        points = " ".join(f"{plot.x(iteration):.2f},{plot.y(value):.2f}"
                          for (iteration, _), value in zip(pairs, values))
        parts.append(f'<polyline class="{name}" points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"{dash}/>')
    if held_out:  # which line is which, in the top right corner
        for number, (name, colour, dash) in enumerate(styles):
            y = top + 16 + 18 * number
            parts.append(f'<line x1="{left + width - 120}" y1="{y - 4}" x2="{left + width - 96}" '
                         f'y2="{y - 4}" stroke="{colour}" stroke-width="2"{dash}/>'
                         f'<text x="{left + width - 90}" y="{y}">{name.replace("-", " ")} '
                         'rows</text>')
    parts += plot.axes("iteration", "error (log scale)", lambda value: f"{10 ** value:g}"
                       if value >= -2 else f"1e{value:.0f}", whole_y=True)  # short: 1e-5
    return parts + ["</g>"]


MAX_DRAWN_NEURONS = 64   # the most neurons in a layer for the network to be drawn
MAX_DRAWN_WEIGHTS = 1200  # and the most weights


def network_svg(layers, outputs_of=None, plane=((-1.0, 1.0), (-1.0, 1.0)), title="The network"):
    """Return a network as an SVG picture: a node per neuron, a line per weight.

    ``layers`` is a list of ``(synaptic_weights, bias)``, first layer first,
    the weights (inputs x neurons) and the bias a list or None, as
    ``Classifier.weights()`` gives them.  Each line is red for a positive
    weight and blue for a negative one, as wide as its size, its
    ``<title>`` its value.  With two inputs and ``outputs_of``, a function
    that gives every layer's outputs for a list of points (a matrix of
    (points x neurons) per layer, first layer first), each node is a small
    map of its neuron's output over ``plane``, ((x_min, x_max), (y_min,
    y_max)): blue for 0, red for 1; else a circle.  Raises TinynetError if
    the layers do not chain, or for more than MAX_DRAWN_NEURONS in a layer
    or MAX_DRAWN_WEIGHTS weights.

    >>> picture = network_svg([([[1.0, -2.0], [0.5, 0.0]], None), ([[1.0], [-1.0]], [0.5])])
    >>> picture.count('class="weight"'), picture.count('class="neuron"')
    (6, 3)
    """
    sizes = _check_drawable(layers)
    height = 84 + max(160, min(680, 80 * max(sizes)))
    width = 40 + max(320, 130 * (len(sizes) - 1))
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30}" '
        f'width="{width}" height="{height + 30}" font-family="sans-serif" font-size="12">',
        f'<title>{_xml(title)}</title>', f'<rect width="{width}" height="{height + 30}" '
        'fill="white"/>', f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
        f'{_xml(title)}</text>', *_svg_network(layers, outputs_of, plane, 20, 30, width - 40,
                                                height), "</svg>"]) + "\n"


def _check_drawable(layers):
    """Return the layer sizes, inputs first; raise TinynetError unless the network can be drawn."""
    if not isinstance(layers, (list, tuple)) or not layers or not all(
            isinstance(layer, (list, tuple)) and len(layer) == 2 for layer in layers):
        raise TinynetError(f"layers must be a list of (synaptic_weights, bias) pairs, got "
                           f"{_short(layers)}")
    sizes = []
    for number, (weights, bias) in enumerate(layers, 1):
        weights = _check_matrix(f"layer {number} synaptic_weights", weights)
        if bias is not None:
            _check_matrix(f"layer {number} bias", [bias], len(weights[0]))
        if sizes and len(weights) != sizes[-1]:
            raise TinynetError(f"layer {number} has {len(weights)} rows of weights, but layer "
                               f"{number - 1} has {sizes[-1]} neurons")
        sizes += [len(weights)] * (not sizes) + [len(weights[0])]
    weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
    if max(sizes) > MAX_DRAWN_NEURONS or weights > MAX_DRAWN_WEIGHTS:
        raise TinynetError(f"the network {'-'.join(map(str, sizes))} is too large to draw: "
                           f"at most {MAX_DRAWN_NEURONS} neurons a layer and "
                           f"{MAX_DRAWN_WEIGHTS} weights")
    return sizes


def _svg_network(layers, outputs_of, plane, left, top, width, height):
    """Return the SVG elements of a network drawn in a box: headings, lines, nodes and a key."""
    sizes = [len(layers[0][0])] + [len(weights[0]) for weights, _ in layers]
    heading, key = 44, 44                                  # room above and below the nodes
    room = height - heading - key
    gap = (width - 64) / (len(sizes) - 1)                  # between two columns' centres
    # A node fills 0.8 of the height it has; a layer where that is under 26 units
    # zigzags in two lanes, each node then having twice the height.
    node = min([64.0] + [0.8 * room / size if 0.8 * room / size >= 26 else
                         min(1.6 * room / size, (gap - 24) / 2) for size in sizes])
    gap = (width - node) / (len(sizes) - 1)

    def centre(column, row):
        size, middle = sizes[column], top + heading + room / 2
        lanes = 2 if 0.8 * room / size < node else 1
        step = min(room / size, (max(node + 18, 1.3 * node) if lanes == 1 else 0.65 * node))
        x = left + node / 2 + column * gap
        if lanes == 2:  # odd rows in the left lane, even in the right
            x += (node / 2 + 3) * (1 if row % 2 else -1)
        return x, middle + (row - (size - 1) / 2) * step

    parts = ['<g class="network">']
    for column, size in enumerate(sizes):
        x = centre(column, 0)[0]
        name = ("inputs" if not column else f"layer {column}",
                "" if not column else "output" if column == len(sizes) - 1 else "hidden")
        parts.append(f'<text x="{x:.2f}" y="{top + 14}" text-anchor="middle" '
                     f'font-weight="bold">{name[0]}</text><text x="{x:.2f}" y="{top + 29}" '
                     f'text-anchor="middle">{name[1]}</text>')
    parts += _svg_weights(layers, centre, node)
    maps = _neuron_maps(sizes, outputs_of, plane, node)
    for column, size in enumerate(sizes):
        for row in range(size):
            parts += _svg_node(column, row, centre(column, row), node, maps, layers,
                               len(sizes) - 1)
    key_y = top + height - key + 18
    parts.append(f'<g class="key" font-size="11"><line x1="{left}" y1="{key_y - 4}" '
                 f'x2="{left + 16}" y2="{key_y - 4}" stroke="{_POINT_COLOURS[1]}" '
                 f'stroke-width="3"/><line x1="{left + 20}" y1="{key_y - 4}" x2="{left + 36}" '
                 f'y2="{key_y - 4}" stroke="{_POINT_COLOURS[0]}" stroke-width="3"/>'
                 f'<text x="{left + 42}" y="{key_y}">a weight: red +, blue -, '
                 'as wide as its size</text>'
                 f'<text x="{left}" y="{key_y + 18}">'
                 + ("a neuron: its output over the plane, blue 0, red 1" if maps else
                    "a neuron: hover for its bias") + "</text></g>")
    return parts + ["</g>"]


def _svg_weights(layers, centre, node):
    """Return a line per weight, coloured by its sign, as wide as its size, its title its value.

    The widest is 6 units, less where many lines run between two layers.
    """
    largest = max(abs(w) for weights, _ in layers for row in weights for w in row) or 1.0
    crowd = max(len(weights) * len(weights[0]) for weights, _ in layers)
    widest = min(6.0, max(1.5, 6 * math.sqrt(64 / crowd)))
    lines = []
    for number, (weights, _) in enumerate(layers, 1):
        for i, row in enumerate(weights):
            for j, weight in enumerate(row):
                (x1, y1), (x2, y2) = centre(number - 1, i), centre(number, j)
                source = f"input {i + 1}" if number == 1 else f"neuron {i + 1}"
                lines.append((abs(weight), f'<line class="weight" x1="{x1 + node / 2:.2f}" '
                              f'y1="{y1:.2f}" x2="{x2 - node / 2:.2f}" y2="{y2:.2f}" '
                              f'stroke="{_POINT_COLOURS[weight > 0]}" stroke-opacity="0.75" '
                              f'stroke-width="{0.4 + widest * abs(weight) / largest:.2f}"><title>'
                              f'layer{number}.synaptic_weights[{i}][{j}] = {weight:.8f}: '
                              f'{source} to neuron {j + 1} of layer {number}</title></line>'))
    return [line for _, line in sorted(lines, key=lambda pair: pair[0])]  # the largest on top


def _neuron_maps(sizes, outputs_of, plane, node):
    """Return each column's maps: [column][neuron][row][cell] values from 0 to 1, or None.

    The inputs' maps run from the plane's low edge (0) to its high edge (1).
    """
    if outputs_of is None or sizes[0] != 2:
        return None
    cells = max(6, min(24, round(node / 2.2)))
    (x_min, x_max), (y_min, y_max) = plane
    points = [[x_min + (column + 0.5) * (x_max - x_min) / cells,
               y_max - (row + 0.5) * (y_max - y_min) / cells]
              for row in range(cells) for column in range(cells)]
    shares = [[(column + 0.5) / cells for column in range(cells)] for _ in range(cells)]
    maps = [[shares, [[1 - (row + 0.5) / cells] * cells for row in range(cells)]]]
    for outputs in outputs_of(points):                     # (points x neurons), layer by layer
        maps.append([[[outputs[row * cells + column][neuron] for column in range(cells)]
                      for row in range(cells)] for neuron in range(len(outputs[0]))])
    return maps


def _svg_node(column, row, centre, node, maps, layers, last):
    """Return one node: its neuron's map (or a circle), framed, with a title saying what it is."""
    x, y = centre[0] - node / 2, centre[1] - node / 2
    if column == 0:
        title, kind = f"input {row + 1}" + (", low (blue) to high (red)" if maps else ""), "input"
    else:
        bias = layers[column - 1][1]
        title = (f"layer {column}{' (output)' * (column == last)}, neuron {row + 1}"
                 + (f": bias {bias[row]:.8f}" if bias is not None else ": no bias"))
        kind = "neuron"
    parts = [f'<g class="{kind}" data-layer="{column}" data-neuron="{row + 1}">'
             f'<title>{_xml(title)}</title>']
    if maps:
        values = maps[column][row]
        cell = node / len(values)
        parts.append('<g shape-rendering="crispEdges">')
        for number, line in enumerate(values):
            parts += _svg_row([_blend(value) for value in line], x, y + number * cell, cell, cell)
        parts.append(f'</g><rect x="{x:.2f}" y="{y:.2f}" width="{node:.2f}" height="{node:.2f}" '
                     'fill="none" stroke="#444"/>')
    else:
        parts.append(f'<circle cx="{centre[0]:.2f}" cy="{centre[1]:.2f}" r="{node / 2:.2f}" '
                     'fill="white" stroke="#444" stroke-width="1.5"/>')
    if column == 0:
        parts.append(f'<text x="{centre[0]:.2f}" y="{y + node + 13:.2f}" text-anchor="middle" '
                     f'font-size="11">input {row + 1}</text>')
    return parts + ["</g>"]


def _svg_row(colours, left, top, cell_w, cell_h):
    """Return one row of a map as rectangles, one per run of cells of one colour."""
    parts, start = [], 0
    for column in range(1, len(colours) + 1):
        if column == len(colours) or colours[column] != colours[start]:
            parts.append(f'<rect x="{left + start * cell_w:.2f}" y="{top:.2f}" '
                         f'width="{(column - start) * cell_w + 0.05:.2f}" '
                         f'height="{cell_h + 0.05:.2f}" fill="{colours[start]}"/>')
            start = column
    return parts


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
    error (log scale) by iteration
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
    lines = ["mean squared error (log scale) against iterations" if columns >= 36 else
             "error (log scale) by iteration"]
    lines += [f"{labels.get(row, ''):>12} |" + "".join(grid[row]).rstrip() for row in range(rows)]
    lines += [" " * 13 + "+" + "-" * columns,
              " " * 14 + "0" + f"{last}".rjust(columns - 1)]
    return "\n".join(lines)


_POINT_COLOURS = ("#1f4fd1", "#d62728")  # the first class blue, the second red


def _pack(items, width, visible=None):
    """Return the items joined three spaces apart, in as few lines as fit ``width``.

    ``visible``: the width an item's colour codes show as, where they start it.
    """
    lines, used = [], 0
    for item in items:
        size = len(item) if visible is None else visible + len(item.rsplit("m", 1)[-1])
        if lines and used + 3 + size <= width:
            lines[-1], used = lines[-1] + "   " + item, used + 3 + size
        else:
            lines.append(item)
            used = size
    return lines


def _check_mappable(model, data):
    """Raise TinynetError unless the model and data can be drawn on a plane."""
    if model.input_size != 2 or len(model.classes) != 2 or model.multilabel or any(
            model.categories or ()):
        texts = [_column_text(index, model.columns)
                 for index, kinds in enumerate(model.categories or ()) if kinds]
        if texts and model.input_size == 2:
            raise TinynetError(f"a decision map draws 2 number inputs as x and y, but "
                               f"{texts[0]} holds texts")
        raise TinynetError(
            f"a decision map needs 2 inputs (x and y) and 2 classes, but the model has "
            f"{model.input_size} input{'s' * (model.input_size != 1)} and "
            f"{len(model.classes)} {'outputs' if model.multilabel else 'classes'}")
    _plane(*zip(*data.inputs))  # the points fit on a plane: refused now, not after training


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
import difflib
import errno
import re
import shutil
import time


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are TinynetError, printed as one line by main."""

    def error(self, message):
        raise TinynetError(message)

    def parse_args(self, args=None, namespace=None):
        """Parse as argparse does; for an unknown option, name the known one closest to it."""
        namespace, unknown = self.parse_known_args(args, namespace)
        if unknown:
            names = [name for action in self._actions for name in action.option_strings]
            raise TinynetError(f"unrecognized arguments: {' '.join(unknown)}"
                               f"{_did_you_mean(unknown, names)}")
        return namespace


def _did_you_mean(words, names):
    """Return ' (did you mean --plot?)' for the first word close to a name, else ''.

    >>> _did_you_mean(["--plto"], ["--plot", "--predict"]), _did_you_mean(["plot"], ["--plot"])
    (' (did you mean --plot?)', ' (did you mean --plot?)')
    """
    for word in words:
        if word.startswith("-") and _parses(word) is None:  # an option, not a number
            close = difflib.get_close_matches(word.partition("=")[0], names, n=1)
        else:  # a word that is an option without its dashes
            close = [name for name in names if name == "--" + word]
        if close:
            return f" (did you mean {close[0]}?)"
    return ""


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


MAX_WHOLE = 1_000_000_000  # the largest --iterations, --batch-size, --patience or --rows


def _whole(text, low=1, high=MAX_WHOLE):
    value = int(text) if len(text) < 30 else None
    return value if value is not None and low <= value <= high else None


def _number(text):
    return _parses(text) if len(text) < 100 else None


_POSITIVE_INT = _option(_whole, f"a whole number from 1 to {MAX_WHOLE}")
_COUNT = _option(lambda text: _whole(text, 0), f"a whole number from 0 to {MAX_WHOLE}")
_POSITIVE = _option(lambda text: _number(text) if (_number(text) or 0) > 0 else None,
                    "a positive number")
_FRACTION = _option(lambda text: _number(text) if 0 < (_number(text) or 0) < 1 else None,
                    "a number between 0 and 1")
_SEED = _option(lambda text: _whole(text, 0, 2 ** 32 - 1), "a whole number from 0 to 4294967295")
_HIDDEN = _option(lambda text: [_whole(part, 1, 100000) for part in text.split(",")]
                  if all(_whole(part, 1, 100000) for part in text.split(",")) else None,
                  "layer sizes from 1 to 100000 separated by commas, like 4 or 8,4")
_FILE = _option(lambda text: text if text and "\0" not in text else None, "a file name")
_ROWS = _option(lambda text: text if text == "all" else _whole(text),
                f"a whole number from 1 to {MAX_WHOLE} or 'all'")
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
        help="hidden layer sizes; 8,4 is two hidden layers (lesson: 4; your data: 3 a class, "
             "32 to 64)")
    add("--iterations", metavar="N", type=_POSITIVE_INT,
        help="training iterations, each a pass over the data (lesson: 100000; your data: up to "
             "2000)")
    add("--learning-rate", metavar="R", type=_POSITIVE,
        help="how far each adjustment moves the weights (lesson: 1.0; your data: 0.03, Adam's "
             "step, halving as --halve-every says)")
    add("--optimizer", choices=["sgd", "adam"],
        help="how an adjustment is applied: sgd adds it times the learning rate, as the lesson "
             "does; adam scales each weight's step to its slope's running size (lesson: sgd; "
             "your data: adam)")
    add("--batch-size", metavar="N", type=_COUNT,
        help="rows per adjustment, in a shuffled order; 0: all rows at once (lesson: 0; your "
             "data: 16)")
    add("--halve-every", metavar="N", type=_COUNT,
        help="halve the learning rate every N iterations, a little at each adjustment, but not "
             "before 1000 adjustments, and stop after 3 halvings; 0: never (lesson: 0; your "
             "data: 3)")
    add("--update", choices=["sum", "mean"],
        help="add up the rows' adjustments, or take their mean (lesson: sum; your data: mean)")
    add("--loss", choices=["squared", "log"],
        help="the error to follow down: squared error, or log loss (lesson: squared; your "
             "data: log)")
    add("--patience", metavar="N", type=_COUNT,
        help="stop when the error has not fallen by 0.0001 in N iterations (from 500 rows on: "
             "the error on a tenth of the rows, kept out of training, keeping the best weights); "
             "0: never (lesson: 0; your data: 20)")
    add("--until-error", metavar="E", type=_POSITIVE,
        help="stop as soon as the mean squared error is below E (default: never)")
    add("--bias", action="store_true", default=None,
        help="give every neuron a bias (lesson: off; your data: on)")
    add("--no-bias", action="store_false", dest="bias", help="no biases")
    add("--no-softmax", action="store_false", dest="softmax", default=None,
        help="sigmoid outputs for three or more classes, as in the lesson (lesson: sigmoids; "
             "your data: softmax's, chances that add up to 1, with --loss log)")
    add("--no-small-start", action="store_false", dest="small_start", default=None,
        help="start from the lesson's weights, 2 * random() - 1 (lesson: those; your data: "
             "those times the square root of 3 over the inputs)")
    add("--no-scale", action="store_false", dest="scale", default=None,
        help="do not standardise the inputs (lesson: not scaled; your data: each input to mean "
             "0, standard deviation 1)")
    add("--seed", metavar="N", type=_SEED, default=1,
        help="seed for the starting weights and the batches' order, as np.random.seed (default: 1)")
    add("--predict", metavar="X", nargs="+", action="append",
        help="classify a point, one number (or True/False) per input (a text for a column of "
             "texts), e.g. --predict 2 -3; repeatable (default: the data's new_situation, if any)")
    add("--test", metavar="FILE", type=_FILE,
        help="after training (or --load), print the accuracy on FILE and a confusion matrix; "
             "or, where no such file exists, on new points of a data set tinynet makes "
             "(drawn with seed 2, where --data draws with seed 1)")
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
    add("--export", metavar="FILE", type=_FILE,
        help="write the trained model as a standalone predictor in the language the name ends "
             "in: .py (Python or MicroPython), .c (C99) or .js (a JavaScript module)")
    add("--load", metavar="FILE", type=_FILE, help="use a saved model instead of training")
    add("--quiet", action="store_true", help="print results only: no weights, no progress")
    add("--verbose", action="store_true",
        help="with --data or --load: print the lesson's stages too, with the weights before and "
             "after training")
    add("--plot", action="store_true",
        help="draw the decision map and the error curve in the terminal (2 inputs, 2 classes)")
    add("--svg", metavar="FILE", type=_FILE,
        help="write the network, its decision map and the error curve as an SVG picture")
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


_TRAINING_OPTIONS = ("hidden", "iterations", "learning_rate", "optimizer", "batch_size",
                     "halve_every", "update", "loss", "patience", "until_error", "bias", "scale",
                     "softmax", "small_start")
_DATA_OPTIONS = ("hidden", "learning_rate", "optimizer", "batch_size", "halve_every", "update",
                 "loss", "patience", "bias", "scale", "softmax", "small_start", "seed",
                 "holdout")  # lesson() sets its own


def _given(args, name):
    """Tell whether an option was given on the command line (its value is not the default)."""
    value = getattr(args, name)
    if name == "seed":
        return value != 1
    return value is not None and (value is not False or name in ("bias", "scale", "softmax",
                                                                 "small_start"))


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
    elif args.data is None:
        refuse(_DATA_OPTIONS, "the lesson", "lesson() sets up its own network and recipe: edit "
               "it, or give --data redblue.json for the data recipe")
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
    if args.verbose and (args.quiet or not (args.data or args.load)):
        raise TinynetError("--verbose goes with --data or --load, without --quiet (the lesson "
                           "prints its stages anyway)")
    reading = [option for option, given in (("--label", args.label is not None), (
        "--header" if args.header else "--no-header", args.header is not None), (
        "--missing", args.missing is not None)) if given]
    if reading and not any(str(path).lower().endswith(".csv") for path in (args.data, args.test)
                           if path):
        raise TinynetError(f"{reading[0]} goes with a CSV file: --data or --test ending in .csv")


_OUTPUT_FORMATS = {"save": (".json", "the model is JSON"), "svg": (".svg", "the picture is SVG")}


def _check_extensions(args):
    """Raise TinynetError for an output named with another format's extension (--svg a.png).

    A name without an extension is left as it is.
    """
    for name, (extension, why) in _OUTPUT_FORMATS.items():
        path = getattr(args, name)
        given = os.path.splitext(path)[1] if path else ""
        if given and given.lower() != extension:
            raise TinynetError(f"--{name} {path}: {why}, so the name must end in {extension}, "
                               f"not {given}")


def _recipe(args):
    """Return the data recipe's training settings, with the options in place of its own."""
    recipe = dict(DATA_RECIPE)
    for name in ("hidden", "iterations", "learning_rate", "optimizer", "patience", "bias",
                 "scale", "loss", "softmax", "small_start"):
        if getattr(args, name) is not None:
            recipe[name] = getattr(args, name)
    if args.batch_size is not None:
        recipe["batch_size"] = args.batch_size or None
    if args.halve_every is not None:
        recipe["halve_every"] = args.halve_every or None
    if args.update is not None:
        recipe["mean"] = args.update == "mean"
    recipe["patience"] = recipe["patience"] or None
    return recipe


def main(argv=None):
    """Run tinynet's command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    With no ``--data`` or ``--load`` it runs ``lesson()`` itself, every view
    following what ``lesson()`` sets up.  0 when all went well; 1 when
    ``--gradcheck`` finds backpropagation and the numerical gradient
    disagree; 2 for any error, printed as one line ``tinynet: error: ...`` on
    stderr; 128 plus the signal's number when interrupted (130 for Ctrl-C);
    141 when the output's reader has gone.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:
        print("tinynet: error: standard output is closed", file=sys.stderr)
        return 2
    out = _whole_writes(sys.stdout)
    written, run = [], _Run(out)
    previous = _catch_signals()
    _interruptible[0] = True
    try:
        with contextlib.redirect_stdout(out):  # --help and --version print through it too
            args = _parser().parse_args(argv)
        _check_options(args)
        if args.data is None and args.load is None:
            status = run.run_lesson(args, written)
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
    except MemoryError:
        run.end_line()
        print("tinynet: error: out of memory: try smaller --hidden layers or less data (training "
              f"takes about {BYTES_PER_NUMBER * TRAINING_COPIES} bytes a weight)", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Interrupted) as interruption:
        run.end_line()
        number = getattr(interruption, "signal_number", signal.SIGINT)
        saved = f"saved {', '.join(map(_printable, written))} before it" if written else \
            "nothing saved"
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


class _Interrupted(BaseException):
    """Raised by the handler of Ctrl-C, SIGTERM and SIGHUP; like KeyboardInterrupt, no Exception."""

    def __init__(self, signal_number):
        super().__init__(signal_number)
        self.signal_number = signal_number


_interruptible = [False]  # whether a signal now interrupts main: only the first one does


def _interrupt(signal_number, frame):
    """Interrupt main at the first SIGINT, SIGTERM or SIGHUP; let later ones pass.

    A second Ctrl-C while the run cleans up and exits, or one once main has
    returned, would otherwise print a traceback from the way out.
    """
    if _interruptible[0]:
        _interruptible[0] = False
        raise _Interrupted(signal_number)


def _catch_signals(handler=_interrupt):
    """Give SIGINT, SIGTERM and SIGHUP the handler (``_interrupt``); return those they had.

    A signal the program was started ignoring (as by ``nohup``, or ``&`` in a
    script) stays ignored.
    """
    previous = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN:
            try:
                previous[name] = signal.signal(getattr(signal, name), handler)
            except ValueError:  # not the main thread: leave them be
                pass
    return previous


def _restore_signals(previous):
    """End main's interruptible time, and give the signals back the handlers they had."""
    _interruptible[0] = False
    for name, handler in previous.items():
        signal.signal(getattr(signal, name), handler)


def _whole_writes(out):
    """Return a text stream over ``out`` whose every write arrives whole, or raises OSError.

    A write to a pipe may take only part of its bytes (a signal, a reader
    that pauses or goes away); the text layer over unbuffered output, as
    under ``python3 -u``, then drops the rest without a word.  A name the
    terminal cannot show is escaped, not an error.
    """
    binary = getattr(out, "buffer", None)
    if binary is None:  # a text stream with no bytes beneath, like io.StringIO
        return out
    return io.TextIOWrapper(_WholeWrites(binary), encoding=out.encoding, errors="backslashreplace",
                            line_buffering=getattr(out, "line_buffering", False),
                            write_through=True)


class _WholeWrites(io.BufferedIOBase):
    """A binary stream that writes all it is given, looping over short writes."""

    def __init__(self, binary):
        super().__init__()
        self.binary = binary

    def __repr__(self):
        return f"_WholeWrites({self.binary!r})"

    def write(self, data):
        """Write all of ``data``, however many writes that takes; return its length."""
        left = memoryview(data).cast("B")
        while left:
            count = self.binary.write(left)
            if count is None:  # a non-blocking output that cannot take more now
                raise BlockingIOError(errno.EAGAIN, "the output cannot take more now")
            left = left[count:]
        return len(data)

    def writable(self):
        return True

    def flush(self):
        self.binary.flush()

    def fileno(self):
        return self.binary.fileno()

    def isatty(self):
        return self.binary.isatty()


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

    def display(self, args, model=None, data=None):
        """Return what shows training as it goes: a map (--watch), a line, lines, or nothing."""
        if args.watch:
            return _Watch(self, model, data)
        if args.quiet:
            return None
        return _TerminalProgress(self) if self.terminal else ProgressLines(self.out)

    def run_lesson(self, args, written):
        """Run ``lesson()`` itself, every view following what it sets up; return the status."""
        inputs = [LESSON_DATA] + [args.test] * bool(args.test)
        for path in (args.save, args.svg, args.export):  # before anything is trained
            if path is not None:
                check_writable(path, inputs)
        _check_extensions(args)
        given = read_lesson_data()
        # The points to classify, checked before anything is printed, as lesson() reads its data
        shape = Classifier.from_network(NeuralNetwork(Layer(
            len(given["inputs"][0]), 1, random.Random(0))), ["0", "1"])
        points = _points_to_predict(args, None, shape)
        views = _LessonViews(self, args, given.get("label_names", ["0", "1"]))
        views.test = _data(args.test, args, None, "--test", seed=2) if args.test else None
        quiet = args.quiet or args.explain or args.gradcheck
        views.held = _HeldOutput(io.StringIO() if quiet else self.out)
        network = lesson(progress=views, file=views.held)
        views.finish()
        data, model = views.data, views.model
        if args.explain or args.gradcheck:
            return self.look(args, views.start, data.inputs, data.targets())
        if args.quiet and not views.stopped:
            print(f"Trained {views.iterations} iterations: mean squared error "
                  f"{views.curve[-1][1]:.8f}", file=self.out)
        new_situation = given.get("new_situation")
        asked = points or ([new_situation] if new_situation else [])  # lesson() asks (2, -3)
        _check_points(asked, model)
        self.predictions(points or asked * args.quiet, model, args.quiet)  # lesson() said its own
        warning = _lesson_warning(network, views.curve, new_situation)
        if warning:
            self.out.flush()
            print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        self.finish(args, data, model, asked, inputs, written, views.test)
        return 0

    def options(self, args, written):
        """Train on --data, or use --load, and do what the options ask; return the exit status."""
        recipe = _recipe(args)
        drawing = args.plot or args.svg or args.watch
        inputs = [path for path in (args.data, args.load, args.test) if path]
        for path in (args.save, args.svg, args.export):  # before anything is read or trained
            if path is not None:
                check_writable(path, inputs)
        _check_extensions(args)
        model = Classifier.load(args.load) if args.load else None
        data = _data(args.data, args, model) if args.data else None
        if drawing and data is None:
            raise TinynetError("--plot, --svg and --watch draw the training data: give --data "
                               "with --load")
        held = None
        if args.holdout:
            data, held = holdout(data, args.holdout, args.seed)
        rng = numpy_like_random(args.seed)  # the starting weights, then the batches' order
        model = model or Classifier(seed=args.seed, **recipe)._untrained(data, rng)
        test = _data(args.test, args, model, "--test", seed=2) if args.test else None
        for other in (data if args.load else None, test, held):  # a new model fits its data
            _check_fits(model, other, args.load)
        if drawing:
            _check_mappable(model, data)  # before training, not after
        if args.export:
            _predictor_source(model, args.export)  # the model can be written: before training
        points = _points_to_predict(args, data, model)
        for read in (data, test):  # how the files were read, and what looks wrong in them
            if read is not None and read.notes and not args.quiet:
                self.say(f"Read {_printable(read.source)}: " + "; ".join(read.notes))
            for warning in read.warnings if read is not None else ():
                print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        if args.explain or args.gradcheck:
            return self.look(args, model.network, model.network_inputs(model._rows(data)[1]),
                             data.targets())
        if args.load and not (points or drawing or test or args.export):
            raise TinynetError(f"nothing to do with the loaded model: give --predict with "
                               f"{model.input_size} numbers, --test, --plot, --svg or --export")
        if not args.load:
            self.learn(args, data, model, recipe, rng, held)
        self.predictions(points, model, args.quiet, args.verbose)
        if held is not None:
            self.results(f"Held out: {len(held.inputs)} rows ({args.holdout:g} of each class, "
                         f"seed {args.seed}):" * (not args.quiet), model, held)
        self.finish(args, data, model, points, inputs, written, test, held)
        return 0

    def finish(self, args, data, model, points, inputs, written, test=None, held=None):
        """Test (--test), draw (--plot, --svg) and save (--save) a trained model."""
        if args.test:
            test = test or _data(args.test, args, model, "--test", seed=2)
            _check_fits(model, test, args.load)
            self.results(f"Test on {_printable(test.source)}:" * (not args.quiet), model, test)
        self.draw(args, data, model, points, inputs, written, held)
        if args.save:
            model.save(args.save, inputs, written)
            if not args.quiet:
                print(f"Saved the model to {_printable(args.save)}", file=self.out)
        if args.export:
            name = os.path.splitext(os.path.basename(args.load or data.source))[0]
            model.export(args.export, name, inputs, written)
            if not args.quiet:
                print(f"Exported the model to {_printable(args.export)}: a standalone predictor",
                      file=self.out)

    def learn(self, args, data, model, recipe, rng, held=None):
        """Train the model as the recipe says: the lesson's Stages 1 and 2, or a summary."""
        out, quiet = self.out, args.quiet
        stages = not quiet and args.verbose  # the lesson's stages, for your data on request
        if not quiet:
            self.introduce(args, data, model, recipe)
        if stages:
            print("Stage 1) Random starting synaptic weights:", file=out)
            _print_weights(model, out)
        display = self.display(args, model, data)
        report = model.learn(data, rng, progress=display, until_error=args.until_error,
                             watched=held,
                             **recipe)
        if display:
            display.finish(report.stopped)
        output = self.outcome(args, data, model, recipe, report)
        warning = useless_training_warning(model, data, output)
        if warning:
            out.flush()
            print(f"tinynet: warning: {warning}", file=sys.stderr, flush=True)
        if stages:
            print("Stage 2) New synaptic weights after training:", file=out)
            _print_weights(model, out)

    def results(self, heading, model, data):
        """Print a heading, the accuracy on a Dataset and its confusion matrix (or classes)."""
        for line in ([heading] if heading else []) + format_results(
                model.predict(data), data.labels, model.classes, model.class_names).split("\n"):
            if line.startswith(" "):  # a row of the table: as it is
                print(line, file=self.out, flush=True)
            else:
                self.say(line)

    def say(self, text):
        """Print a line of a summary: on a terminal, wrapped to its width; else as it is."""
        if self.terminal:
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            text = "\n".join(textwrap.wrap(text, width, subsequent_indent="  ",
                                           break_on_hyphens=False))
        print(text, file=self.out, flush=True)

    def introduce(self, args, data, model, recipe):
        """Print what an own-data run trains on: the data, its classes, text columns, the recipe."""
        classes = _cut(", ".join(map(_printable, model.class_names)), 60,
                       f"{len(model.classes)} classes")
        self.say(f"Training on {_printable(data.source)}: {len(data.inputs)} rows, "
                 f"{data.input_size} inputs, classes {classes}")
        texts = [f"{_column_text(column, model.columns)} ({', '.join(map(_printable, names))})"
                 for column, names in enumerate(model.categories or []) if names]
        if texts:
            self.say(_cut("Text columns, one input per category: " + "; ".join(texts), 300,
                          f"{len(texts)} text columns"))
        if model.means is not None:
            self.say(f"Inputs standardised: each column less its mean, over its standard "
                     f"deviation, from the {len(data.inputs)} training rows (--no-scale: as "
                     "they are)")
        settings = dict(recipe, hidden=model.sizes[1:-1], until_error=args.until_error,
                        seed=args.seed, softmax=model.softmax)
        if settings["validation"] and len(data.inputs) < 500:
            settings["validation"] = "off below 500 rows"  # as _validation_split decides
        self.say("Recipe: " + ", ".join(f"{name.replace('_', ' ')} {_setting_text(value)}"
                                        for name, value in settings.items()))

    def outcome(self, args, data, model, recipe, report):
        """Print why training stopped, with the loss it trained on; for your data, its accuracy.

        Return the model's outputs for the data: one forward pass for all that uses them.
        """
        count = report.iterations
        loss = f"mean squared error {report.error:.8f}"
        accurate = args.data and not args.quiet and not model.multilabel
        output = model.outputs(data)
        if args.data and recipe.get("loss") == "log":
            loss = (f"log loss {_log_loss(data.targets(), output, model.softmax):.8f}, "
                    + loss)  # and patience's
        if report.stopped:
            self.say(f"Stopped at iteration {count}: {report.stopped} ({loss})")
        elif args.quiet or args.data:
            self.say(f"Trained {count} iteration{'s' * (count != 1)}: {loss}")
        if accurate:
            answers = [model._answer(model._chances(row)) for row in output]
            self.say("Training " + format_results(answers, data.labels, model.classes,
                                                  model.class_names).split("\n")[0])
        return output

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

    def draw(self, args, data, model, points, inputs, written, held=None):
        """Print the text map and error curve (--plot); write the SVG picture (--svg).

        The picture shows the held-out rows, ``held``, apart from the others.
        """
        if args.plot:  # as wide as the terminal allows, 60 columns at the most
            colour = self.terminal and not os.environ.get("NO_COLOR")
            columns = max(10, min(60, shutil.get_terminal_size((80, 24)).columns - 11))
            print(DecisionMap(model, data, columns=columns, rows=(columns + 1) // 2,
                              extra=points).text(colour=colour), end="", file=self.out)
            if model.report:
                print(error_curve_text(model.report.curve, columns=columns - 5), file=self.out)
        if args.svg:
            done = (f"{model.report.iterations} iterations" if model.report
                    else f"loaded from {os.path.basename(args.load)}")
            picture = DecisionMap(model, data, columns=100, rows=100, extra=points,
                                  held_out=held)
            write_file(args.svg, picture.svg(_picture_title(model, data, done),
                                             model.report and model.report.curve,
                                             model.report and model.report.held_out_curve),
                       inputs, written)
            if not args.quiet:
                print(f"Wrote the decision map to {_printable(args.svg)}", file=self.out)

    def look(self, args, network, inputs, targets):
        """Run --explain or --gradcheck on a network and its rows; return the exit status."""
        if args.explain:
            width = shutil.get_terminal_size((80, 24)).columns
            explain(network, inputs, targets, rows=args.rows or 4, file=self.out,
                    width=max(20, min(width - 1, 100)))
            return 0
        rows = gradient_check(network, inputs, targets)
        print(format_gradient_check(rows, loss=_loss_name(network), layers=len(network.layers)),
              file=self.out)
        return 0 if all(row.difference <= GRADIENT_TOLERANCE for row in rows) else 1


class _HeldOutput:
    """A stream that holds what is written until ``release()``, then writes straight through.

    What ``lesson()`` prints before training waits until the options are
    checked against what it set up, so that a bad option is one line alone.
    """

    def __init__(self, out):
        self.out, self.held = out, io.StringIO()

    def __repr__(self):
        return f"_HeldOutput({'holding' if self.held else 'released'})"

    def write(self, text):
        return (self.held or self.out).write(text)

    def flush(self):
        if not self.held:
            self.out.flush()

    def release(self):
        """Write what was held, and from now on write straight through."""
        if self.held:
            self.out.write(self.held.getvalue())
            self.held = None


class _LessonViews:
    """The progress callback the command line hands ``lesson()``: it learns from ``train``
    what the lesson set up (its network, data and iterations) and shows it as it goes.

    It keeps the error curve, stops at --iterations or --until-error, and for
    --explain and --gradcheck keeps the starting network and stops at once.
    """

    def __init__(self, run, args, names):
        self.run, self.args, self.names = run, args, names
        self.display, self.start, self.model, self.data, self.test = None, None, None, None, None
        self.held = None  # lesson()'s output, held until the options are checked
        self.curve, self.iterations, self.stopped = [], None, None

    def __repr__(self):
        return f"_LessonViews({self.iterations} iterations)"

    def __call__(self, progress):
        args = self.args
        if self.model is None:  # the first call: what lesson() set up
            self.start = copy.deepcopy(progress.network)
            self.data = _lesson_dataset(progress, self.names)
            self.model = Classifier.from_network(progress.network, self.data.classes)
            if args.plot or args.svg or args.watch:
                _check_mappable(self.model, self.data)
            _check_points(args.predict or [], self.model)
            _check_fits(self.model, self.test, None)
            if args.explain or args.gradcheck:
                return True
            every = max(1, progress.iterations // 1000)  # how often train reports
            if args.iterations and args.iterations % every:
                raise TinynetError(f"--iterations on the lesson must be a multiple of {every}: "
                                   f"lesson() trains {progress.iterations} iterations and "
                                   f"reports every {every}")
            self.iterations = min(progress.iterations, args.iterations or progress.iterations)
            self.held.release()  # all checked: what lesson() printed so far, then the rest
            self.display = self.run.display(args, self.model, self.data)
        self.curve.append((progress.iteration, progress.error))
        if args.until_error and progress.error < args.until_error:
            self.stopped = f"the error fell below {args.until_error:g}"
        if self.display:
            self.display(progress._replace(iterations=self.iterations))
        if self.stopped or progress.iteration >= self.iterations:
            self.end()
            return True
        return False

    def end(self):
        """End the progress display and say why training stopped, as training ends."""
        if self.display:
            self.display.finish(self.stopped)
        if self.stopped:
            print(f"Stopped at iteration {self.curve[-1][0]}: {self.stopped} (mean squared error "
                  f"{self.curve[-1][1]:.8f})", file=self.run.out)

    def finish(self):
        """Keep what training did as the model's report."""
        if self.model is not None and self.curve:
            last, error = self.curve[-1]
            self.model.report = TrainingReport(last, error, self.stopped, self.curve)
            self.iterations = last


def _lesson_dataset(progress, names):
    """Return the data ``lesson()`` trains on as a Dataset, its 0s and 1s named ``names``."""
    return Dataset(progress.training_set_inputs,
                   [names[round(row[0])] if len(row) == 1 and row[0] in (0, 1) else row[0]
                    for row in progress.training_set_outputs], names, source=LESSON_DATA)


def _lesson_warning(network, curve, new_situation):
    """Return a warning if the lesson's training looks broken, else None."""
    first, last = curve[0][1], curve[-1][1]
    answer = network.forward_propagate([new_situation])[-1][0][0] if new_situation else None
    if last > 0.9 * first:
        what = f"its error barely fell ({first:.8f} -> {last:.8f})"
    elif answer is not None and abs(answer - 0.5) < 0.05:
        what = f"its answer {answer:.8f} is close to 0.5, a guess"
    else:
        return None
    return (f"the lesson's network did not learn: {what}; if you changed the code, "
            "run tinynet.py --gradcheck to check backpropagation")


def _data(path, args=None, model=None, option="--data", seed=1):
    """Return the data a --data or --test value names: a file, or else a data set tinynet makes.

    A CSV file is read as --label, --header and --missing say; a model's
    label column is looked for by name, and the columns put in the order of
    its inputs by name.  A made data set is drawn with ``seed``: --test's new
    points use another seed than --data's.  Raises TinynetError for a name
    that is neither, listing the data sets and naming the closest.
    """
    if not os.path.lexists(path) and path in GENERATED:
        data = make_dataset(path, seed)
        if seed != 1:
            data.source = f"{path}, {len(data.inputs)} new points (seed {seed})"
        return data
    if not os.path.lexists(path):
        close = difflib.get_close_matches(path.lower(), GENERATED, n=1)
        raise TinynetError(f"{option} {path}: no such file, nor a data set tinynet makes"
                           f"{f' (did you mean {close[0]}?)' if close else ''}; "
                           f"those are {', '.join(GENERATED)}")
    if not path.lower().endswith(".csv"):
        return load_dataset(path)
    data = _parse_csv(path, _read_text(path, "data"), args and args.label, args and args.header,
                      args and args.missing, model)
    if model is not None and data.columns and model.columns and data.columns != model.columns:
        try:
            data.inputs = _matched(data.inputs, data.columns, model.columns, path)
        except TinynetError as error:
            if model.label is None or model.label in [data.label_name] + data.columns:
                raise
            raise TinynetError(f"{error} (it has no column {model.label!r}, the model's "
                               f"labels, so column {data.label_name!r} was read as the "
                               "labels)") from None
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
    if model.categories and any(model.categories):  # a text never seen: before training
        try:
            _one_hot(data.inputs, model.categories, model.columns, data.place, data.numbers)
        except TinynetError as error:
            raise TinynetError(f"{data.source}: {error}") from None


def _check_points(points, model):
    """Raise TinynetError unless each point to classify has one number per input of the model."""
    for point in points:
        if len(point) != model.input_size:
            raise TinynetError(
                f"--predict takes {model.input_size} numbers (one per input), "
                f"got {len(point)}: {' '.join(f'{value:g}' for value in point)}")


def _print_weights(model, out):
    """Print the weights and biases as the lesson does, or how many when they are many."""
    pairs = model.weights()
    count = sum(len(weights) * len(weights[0]) + len(bias or []) for weights, bias in pairs)
    if count > 100:
        print(f"    {count:,} weights in {len(pairs)} layers (shown when there are "
              "100 or fewer)", file=out)
        return
    for number, (weights, bias) in enumerate(pairs, 1):
        inputs, neurons = len(weights), len(weights[0])
        print(f"    Layer {number} ({neurons} neuron{'s' * (neurons > 1)}, "
              f"{'each with' if neurons > 1 else 'with'} {inputs} input{'s' * (inputs > 1)}):",
              file=out)
        print(format_matrix(weights), file=out)
        if bias is not None:
            print(f"    Layer {number} biases:\n{format_matrix(bias)}", file=out)


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
        numbers = [_number(value) if value.lower() not in _TRUTH else _TRUTH[value.lower()]
                   for value in values]  # True/False: 1/0, as in a CSV file
        for column, (value, number, names) in enumerate(zip(values, numbers, kinds)):
            if number is None and names is None:
                raise TinynetError(f"argument --predict: expected a number or True/False, got "
                                   f"{_short(value)}")
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


def _log_loss(targets, outputs, softmax=False):
    """Return the mean log loss of sigmoid outputs, -(t log o + (1 - t) log(1 - o)), per output.

    With ``softmax``, the log loss softmax trains on, -log o of the target, per row.
    """
    if softmax:
        return -_total(math.log(max(o, 1e-15)) for t_row, o_row in zip(targets, outputs)
                       for t, o in zip(t_row, o_row) if t) / len(targets)
    total = 0.0
    for target_row, output_row in zip(targets, outputs):
        for target, output in zip(target_row, output_row):
            output = min(max(output, 1e-15), 1 - 1e-15)  # log(0) would be -inf
            total -= target * math.log(output) + (1 - target) * math.log(1 - output)
    return total / (len(targets) * len(targets[0]))


class ProgressLines:
    """Print training's progress a line at a time, every tenth of the way.

    A ``progress`` callback for ``train``, for output that is not a terminal.
    """

    def __init__(self, file=None):
        self.file, self.tenth, self.last, self.printed = file, -1, None, None

    def __repr__(self):
        return f"ProgressLines(file={self.file!r})"

    def __call__(self, progress):
        self.last = progress
        tenth = 10 * progress.iteration // progress.iterations
        if tenth > self.tenth:
            self.tenth = tenth
            self._print(progress)

    def finish(self, stopped=None):
        """Print the last state, unless it was the last line printed."""
        if self.last is not None and self.last is not self.printed:
            self._print(self.last, stopped)

    def _print(self, progress, stopped=None):
        iteration, iterations = progress.iteration, progress.iterations
        if iteration == iterations and not stopped:
            line = f"Training complete: 100% ({iteration} iterations)"
        else:
            line = (f"Training{' stopped' * bool(stopped)}: {100 * iteration // iterations}% "
                    f"(iteration {iteration} of {iterations})")
        print(f"{line}, mean squared error {progress.error:.8f}", file=self.file, flush=True)
        self.printed = progress
        return False


class _TerminalProgress:
    """Show training on a terminal as one line, rewritten in place ten times a second.

    The line keeps the error it started from beside the error now, and fits
    the terminal's width, leaving out the least useful parts first.
    """

    def __init__(self, run):
        self.run, self.first, self.last = run, None, None
        self.started = self.shown = time.perf_counter()

    def __repr__(self):
        return f"_TerminalProgress(shown at {self.shown:.1f})"

    def __call__(self, progress):
        now = time.perf_counter()
        self.first = progress.error if self.first is None else self.first
        self.last = progress
        if now - self.shown >= 0.1 or not progress.iteration:
            self.shown = now
            self._show(progress)

    def finish(self, stopped=None):
        """Show the last state for good, ending the line."""
        if self.last is not None:
            self._show(self.last, stopped, done=True)

    def _show(self, progress, stopped=None, done=False):
        elapsed = time.perf_counter() - self.started
        iteration, iterations = progress.iteration, progress.iterations
        width = shutil.get_terminal_size((80, 24)).columns - 1
        errors = f"error {self.first:.3g} -> {progress.error:.3g}"  # where it started, and now
        if done:
            what = (f"Training stopped: {iteration} of {iterations} iterations" if stopped
                    else f"Training complete: {iteration} iterations")
            if len(what) + 3 + len(errors) > width:  # too narrow: the short words
                what = f"{'Stopped' if stopped else 'Trained'} {iteration}"
            line = _fit(width, [what, errors, f"{elapsed:.1f} s"], drop=(2,))
        else:
            speed = iteration / elapsed if elapsed > 0 else 0.0
            left = f"{(iterations - iteration) / speed:.0f} s left" if speed else "starting"
            line = _fit(width, [f"Training {100 * iteration // iterations:3d}%",
                                f"{iteration}/{iterations}", errors, left,
                                f"{speed:,.0f} it/s"], drop=(4, 3, 1))
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
    """Redraw the decision map as training goes: in place on a terminal, snapshots in a pipe.

    A frame fits the terminal (80 x 24 when its size is unknown); NO_COLOR
    turns the colours off.  In a pipe it draws a third of the way at a time.
    """

    def __init__(self, run, model, data):
        self.run, self.model, self.data = run, model, data
        self.shown, self.height, self.third, self.last, self.drawn = 0.0, 0, -1, None, None

    def __repr__(self):
        return f"_Watch({self.model!r})"

    def __call__(self, progress):
        self.last = progress
        now = time.perf_counter()
        third = 3 * progress.iteration // progress.iterations
        if self.run.terminal and now - self.shown >= 0.25 or not self.run.terminal and \
                third > self.third:
            self.shown, self.third = now, third
            self.frame(progress)

    def finish(self, stopped=None):
        """Draw the last frame, after the training ended, unless it is drawn already."""
        if self.last is not None and self.last is not self.drawn:
            self.frame(self.last)

    def frame(self, progress):
        """Draw one frame: the map of the network being trained, and the iteration and error."""
        size = shutil.get_terminal_size((80, 24))
        colour = self.run.terminal and not os.environ.get("NO_COLOR")
        rows, columns = max(4, min(20, size.lines - 6)), max(10, min(50, size.columns - 11))
        text = DecisionMap(self.model, self.data, rows=rows, columns=columns).text(colour=colour)
        extra = text.count("\n") + 2 - size.lines  # legend lines past two, on a narrow screen
        if extra > 0 and rows - extra >= 4:
            text = DecisionMap(self.model, self.data, rows=rows - extra,
                               columns=columns).text(colour=colour)
        text += (f"iteration {progress.iteration} of {progress.iterations}: "
                 f"error {progress.error:.8f}"[:size.columns - 1] + "\n")
        if self.run.terminal and self.height:  # back up over the last frame, then draw over it
            text = f"\033[{self.height}A" + text.replace("\n", "\033[K\n")
        self.run.line_open = False
        print(text, end="", file=self.run.out, flush=True)
        self.height, self.drawn = text.count("\n"), progress


if __name__ == "__main__":
    _catch_signals()  # a signal once main has returned passes: no traceback on the way out
    status = main()
    _catch_signals(signal.SIG_IGN)  # nor death by it, as Python gives back the default handlers
    sys.exit(status)
