#!/usr/bin/env python3
"""tinynet: a tiny neural network in pure standard-library Python.

tinynet is the 2-4-1 sigmoid network of the beginner tutorial "Lets Make A
Neural Network From Scratch", written with nothing but Python lists, ``math``
and ``random``.  Run it and it trains on fifteen red and blue points and
classifies the new point (2, -3), printing the very numbers the NumPy version
printed::

    $ python3 tinynet.py

Import it and it is a small library::

    >>> import tinynet
    >>> tinynet.seed(1)
    >>> network = tinynet.NeuralNetwork(tinynet.Layer(2, 4), tinynet.Layer(4, 1))
    >>> network
    NeuralNetwork(Layer(2, 4), Layer(4, 1))

The module is written to be read top to bottom: seeding, the matrix helpers,
the sigmoid, a ``Layer``, the ``NeuralNetwork`` (forward propagation, then
training by backpropagation), a look inside one training iteration and a
gradient check, reading data and models, pictures of what the network
learned, and the command line.

What it leaves out, on purpose: any activation but the sigmoid, any loss but
the squared error, mini-batches, momentum, regularisation and everything else
a real framework has.  The network is trained full-batch, one gradient step
per iteration, exactly as the tutorial does it.

Where the code departs from the usual textbook notation:

* Weights are stored as the tutorial stores them: one row per *input*, one
  column per *neuron* (``inputs x neurons``), so a layer's output is
  ``sigmoid(dot(inputs, synaptic_weights))`` with samples as rows.
* The error is ``target - output`` and the adjustment is *added* to the
  weights.  That is gradient descent on ``1/2 * sum((target - output)**2)``
  with the minus sign folded into the error.
* ``sigmoid_derivative`` takes the sigmoid's *output*, not its input.
* ``train`` computes the tutorial's numbers with its matrices turned on their
  side (one list per input or neuron, over all samples), because that is
  several times faster in pure Python; ``forward_propagate`` keeps the
  tutorial's form.

Single file, standard library only, Python 3.8 or newer.  Copy it anywhere.
Licence: MIT.
"""

__version__ = "1.0.0"
__author__ = "the tinynet authors"
__license__ = "MIT"

__all__ = [
    "Dataset",
    "GRADIENT_TOLERANCE",
    "GradientCheckRow",
    "Layer",
    "NeuralNetwork",
    "TinynetError",
    "TrainingReport",
    "check_writable",
    "dot",
    "explain",
    "format_gradient_check",
    "format_matrix",
    "gradient_check",
    "load_dataset",
    "main",
    "numpy_like_random",
    "seed",
    "sigmoid",
    "sigmoid_derivative",
    "transpose",
]

import argparse
import csv
import json
import math
import os
import random
import sys
import tempfile
import time
from collections import namedtuple
from operator import mul


class TinynetError(ValueError):
    """Raised for every bad input tinynet finds: data, shapes, options, models.

    The message names what is wrong (the file and row, the argument, or the
    shape) and shows the bad value.

    >>> issubclass(TinynetError, ValueError)
    True
    """


# --------------------------------------------------------------------------
# Seeding: the same random numbers as NumPy's np.random.seed(n)
# --------------------------------------------------------------------------

_MT_SIZE = 624  # MT19937 keeps 624 words of 32 bits


def numpy_like_random(n):
    """Return a ``random.Random`` whose draws equal NumPy's after ``np.random.seed(n)``.

    Python's ``random`` and NumPy's legacy ``np.random`` use the same
    generator (the Mersenne Twister, MT19937) and turn its output into a
    float the same way, but they seed it differently: NumPy fills the state
    with the reference ``init_genrand`` recipe from a 32-bit seed, Python
    hashes the seed through ``init_by_array``.  This function builds the
    state NumPy would build and hands it to a ``random.Random``.

    >>> numpy_like_random(1).random()
    0.417022004702574
    >>> random.Random(1).random()   # Python's own seeding: another stream
    0.13436424411240122

    Raises TinynetError unless ``n`` is an integer from 0 to 2**32 - 1, the
    seeds NumPy accepts.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 2 ** 32:
        raise TinynetError(f"seed must be an integer from 0 to 4294967295, got {n!r}")
    state = [n]
    for index in range(1, _MT_SIZE):
        previous = state[-1]
        state.append((1812433253 * (previous ^ (previous >> 30)) + index) & 0xFFFFFFFF)
    generator = random.Random()
    # Version 3 is CPython's state format; position 624 means "regenerate
    # the whole block before the first draw", as a freshly seeded MT19937 does.
    generator.setstate((3, tuple(state) + (_MT_SIZE,), None))
    return generator


_random = numpy_like_random(1)  # the module's generator, used when no rng= is given


def seed(n):
    """Seed tinynet's generator exactly as ``np.random.seed(n)`` seeds NumPy's.

    After ``seed(1)`` the weights of ``Layer(2, 4)`` and ``Layer(4, 1)`` are
    the tutorial's Stage 1 weights.

    >>> seed(1)
    >>> Layer(1, 3).synaptic_weights
    [[-0.165955990594852, 0.4406489868843162, -0.9997712503653102]]
    """
    _random.setstate(numpy_like_random(n).getstate())


# --------------------------------------------------------------------------
# Matrix helpers over plain lists
# --------------------------------------------------------------------------
#
# A matrix is a list of rows, each a list of numbers: [[1, 2], [3, 4]] is
# 2 x 2.  A vector is a flat list of numbers, used like a single row.


def _is_vector(value):
    """Tell whether a list holds numbers (a vector) rather than rows."""
    return not value or not isinstance(value[0], (list, tuple))


def _shape(matrix):
    """Describe a matrix's shape for an error message: '(15 x 2)'."""
    if _is_vector(matrix):
        return f"({len(matrix)},)"
    return f"({len(matrix)} x {len(matrix[0])})"


def transpose(matrix):
    """Return the transpose of a matrix: rows become columns.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]

    Raises TinynetError if the rows are not all the same length.
    """
    width = len(matrix[0]) if matrix else 0
    for number, row in enumerate(matrix, 1):
        if len(row) != width:
            raise TinynetError(
                f"transpose: row {number} has {len(row)} numbers, expected {width}: {row!r}")
    return [list(column) for column in zip(*matrix)]


def dot(a, b):
    """Return the matrix product of ``a`` (n x k) and ``b`` (k x m), an n x m matrix.

    Each entry is the sum of a row of ``a`` times a column of ``b``.  A flat
    list ``a`` is treated as a single row and gives a flat list back, as
    NumPy's ``dot`` does with a 1-d array.

    >>> dot([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    [[19, 22], [43, 50]]
    >>> dot([1, 2], [[5, 6], [7, 8]])
    [19, 22]

    Raises TinynetError if the shapes do not line up (columns of ``a`` must
    equal rows of ``b``).
    """
    if _is_vector(a):
        return dot([a], b)[0]
    columns = transpose(b)
    for row in a:
        if len(row) != len(b):
            raise TinynetError(
                f"dot: shapes {_shape(a)} and {_shape(b)} do not line up: "
                f"a row of {len(row)} numbers needs {len(row)} rows in the second matrix")
    return [[sum(map(mul, row, column)) for column in columns] for row in a]


def sigmoid(x):
    """Return the sigmoid 1 / (1 + e**-x) of a number, or of each number in a list.

    The S-shaped curve squashes any number into the range 0 to 1.

    >>> sigmoid(0)
    0.5
    >>> sigmoid(5)
    0.9933071490757153
    >>> sigmoid(-5)
    0.0066928509242848554
    >>> sigmoid([[-1000, 1000]])
    [[0.0, 1.0]]

    Never raises on large numbers: ``math.exp(-x)`` overflows for x below
    about -709, where the curve is 0 to double precision anyway.
    """
    if isinstance(x, (list, tuple)):
        return [sigmoid(value) for value in x]
    try:
        return 1.0 / (1.0 + math.exp(-x))
    except OverflowError:  # e**-x is beyond the largest float: the curve is flat at 0
        return 0.0


def sigmoid_derivative(output):
    """Return the sigmoid's slope, given the sigmoid's *output* (not its input).

    If ``output = sigmoid(x)``, the slope of the curve at ``x`` is
    ``output * (1 - output)``.  Backpropagation already has every layer's
    output, so it passes that in: ``sigmoid_derivative(sigmoid(x))``, never
    ``sigmoid_derivative(x)``.  Works on a number or a list.

    >>> sigmoid_derivative(0.5)          # the output at x = 0: the steepest point
    0.25
    >>> sigmoid_derivative([[0.0, 1.0]])  # flat at either end
    [[0.0, 0.0]]
    """
    if isinstance(output, (list, tuple)):
        return [sigmoid_derivative(value) for value in output]
    return output * (1 - output)


# --------------------------------------------------------------------------
# Checking inputs at the boundary
# --------------------------------------------------------------------------


def _is_number(value):
    """Tell whether a value is a real number (and not a bool, which is an int)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _positive_int(name, value):
    """Return ``value`` if it is a positive integer, else raise TinynetError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TinynetError(f"{name} must be a positive integer, got {value!r}")
    return value


def _finite_number(name, value):
    """Return ``value`` as a float if it is a finite number, else raise TinynetError."""
    if not _is_number(value) or not math.isfinite(value):
        raise TinynetError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def _check_matrix(name, rows, width=None):
    """Return ``rows`` as a list of lists of floats, checking every entry.

    ``width`` is the number of columns required (None: that of the first
    row).  A flat list of numbers is read as a column, so ``[0, 1]`` and
    ``[[0], [1]]`` are the same outputs.
    """
    if not isinstance(rows, (list, tuple)) or not rows:
        raise TinynetError(f"{name} must be a non-empty list of rows, got {rows!r}")
    if _is_vector(rows):
        rows = [[value] for value in rows]
    width = len(rows[0]) if width is None else width
    checked = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, (list, tuple)) or len(row) != width:
            raise TinynetError(f"{name} row {number}: expected {width} numbers, got {row!r}")
        for value in row:
            if not _is_number(value) or not math.isfinite(value):
                raise TinynetError(f"{name} row {number}: {value!r} is not a finite number")
        checked.append([float(value) for value in row])
    return checked


# --------------------------------------------------------------------------
# The network: a Layer holds weights, a NeuralNetwork chains layers
# --------------------------------------------------------------------------


class Layer:
    """A layer of sigmoid neurons, all fed by the same inputs.

    ``Layer(2, 4)`` is four neurons, each with two inputs: its
    ``synaptic_weights`` is a 2 x 4 matrix (one row per input, one column per
    neuron), each weight drawn as ``2 * random() - 1``, uniform in [-1, 1),
    row by row.  With ``bias=True`` each neuron also gets a bias, a weight on
    an input that is always 1; biases start at 0 so that the weights drawn
    are the same with or without them.

    >>> seed(1)
    >>> layer = Layer(2, 4)
    >>> len(layer.synaptic_weights), len(layer.synaptic_weights[0])
    (2, 4)
    >>> Layer(4, 1, bias=True)
    Layer(4, 1, bias=True)

    ``rng`` is a ``random.Random`` to draw from instead of the module's
    generator (see ``seed``).  Raises TinynetError unless both sizes are
    positive integers.
    """

    def __init__(self, number_of_inputs_per_neuron, number_of_neurons, bias=False, rng=None):
        _positive_int("number_of_inputs_per_neuron", number_of_inputs_per_neuron)
        _positive_int("number_of_neurons", number_of_neurons)
        draw = (rng or _random).random
        self.synaptic_weights = [[2 * draw() - 1 for _ in range(number_of_neurons)]
                                 for _ in range(number_of_inputs_per_neuron)]
        self.bias = [0.0] * number_of_neurons if bias else None

    @classmethod
    def from_weights(cls, synaptic_weights, bias=None):
        """Return a layer holding the given weights (inputs x neurons) and biases.

        >>> Layer.from_weights([[0.5], [-0.5]])
        Layer(2, 1)

        Raises TinynetError if the weights are not a rectangular matrix of
        finite numbers or the biases do not match the number of neurons.
        """
        weights = _check_matrix("synaptic_weights", synaptic_weights)
        layer = cls.__new__(cls)
        layer.synaptic_weights = weights
        layer.bias = None
        if bias is not None:
            if not isinstance(bias, (list, tuple)) or not _is_vector(bias):
                raise TinynetError(f"bias must be a list of {len(weights[0])} numbers, got {bias!r}")
            layer.bias = _check_matrix("bias", [bias], len(weights[0]))[0]
        return layer

    def weighted_sums(self, inputs):
        """Return dot(inputs, synaptic_weights), plus the bias if any: (samples x neurons).

        >>> Layer.from_weights([[1.0, 0.0], [2.0, 1.0]], bias=[0.5, 0.0]).weighted_sums([[1, 1]])
        [[3.5, 1.0]]
        """
        sums = dot(inputs, self.synaptic_weights)               # (samples x neurons)
        if self.bias is None:
            return sums
        return [[total + bias for total, bias in zip(row, self.bias)] for row in sums]

    @property
    def number_of_inputs_per_neuron(self):
        """The number of inputs each neuron takes: the weight matrix's rows."""
        return len(self.synaptic_weights)

    @property
    def number_of_neurons(self):
        """The number of neurons: the weight matrix's columns."""
        return len(self.synaptic_weights[0])

    def __repr__(self):
        bias = ", bias=True" if self.bias is not None else ""
        return f"Layer({self.number_of_inputs_per_neuron}, {self.number_of_neurons}{bias})"



TrainingReport = namedtuple("TrainingReport", "iterations error stopped_early")
TrainingReport.__doc__ = """What ``NeuralNetwork.train`` did.

``iterations`` is the number of weight adjustments made, ``error`` the mean
squared error of the weights it ended with, and ``stopped_early`` whether it
stopped because that error fell below ``until_error``.
"""


class NeuralNetwork:
    """A stack of layers, each feeding the next: ``NeuralNetwork(layer1, layer2, ...)``.

    ``NeuralNetwork(Layer(2, 4), Layer(4, 1))`` is the tutorial's network:
    two inputs, a hidden layer of four neurons, one output neuron.  Add a
    layer by passing one more: ``NeuralNetwork(Layer(2, 8), Layer(8, 4),
    Layer(4, 1))``.  As in the tutorial the layers are also ``layer1``,
    ``layer2``, ...; ``layers`` is the list of them all.

    >>> seed(1)
    >>> network = NeuralNetwork(Layer(2, 4), Layer(4, 1))
    >>> network.layer2 is network.layers[1]
    True

    ``label_names`` optionally names what outputs 0 and 1 mean, such as
    ``["blue", "red"]``.  Raises TinynetError if a layer's inputs per neuron
    do not equal the neurons of the layer before it, or if ``label_names``
    is not two names.
    """

    def __init__(self, *layers, label_names=None):
        if not layers:
            raise TinynetError("a NeuralNetwork needs at least one Layer")
        for number, layer in enumerate(layers, 1):
            if not isinstance(layer, Layer):
                raise TinynetError(f"layer {number} must be a Layer, got {layer!r}")
            setattr(self, f"layer{number}", layer)  # the tutorial's self.layer1, self.layer2
        for number, (before, layer) in enumerate(zip(layers, layers[1:]), 2):
            if layer.number_of_inputs_per_neuron != before.number_of_neurons:
                raise TinynetError(
                    f"layer {number} takes {layer.number_of_inputs_per_neuron} inputs per neuron "
                    f"but layer {number - 1} has {before.number_of_neurons} neurons")
        if label_names is not None and (
                not isinstance(label_names, (list, tuple)) or len(label_names) != 2
                or not all(isinstance(name, str) and name for name in label_names)):
            raise TinynetError(f"label_names must be two names, for 0 and 1, got {label_names!r}")
        self.layers = list(layers)
        self.label_names = None if label_names is None else list(label_names)

    @property
    def input_size(self):
        """The number of inputs the network takes: its first layer's inputs per neuron."""
        return self.layers[0].number_of_inputs_per_neuron

    @property
    def output_size(self):
        """The number of outputs: its last layer's neurons."""
        return self.layers[-1].number_of_neurons

    def __repr__(self):
        return f"NeuralNetwork({', '.join(map(repr, self.layers))})"

    # -- 1. Forward propagation ------------------------------------------

    def forward_propagate(self, inputs):
        """Return every layer's output, first layer first, for a batch or one sample.

        Each layer computes ``sigmoid(dot(inputs, synaptic_weights))`` (plus
        its bias, if any) and passes the result on as the next layer's
        inputs.  For the tutorial's network and 15 samples that is a 15 x 4
        matrix from the hidden layer and a 15 x 1 matrix from the output
        layer, returned as a tuple so that ``hidden_state, output =
        network.forward_propagate(inputs)`` works.  A single sample such as
        ``[2, -3]`` gives flat lists back.

        >>> network = NeuralNetwork(Layer.from_weights([[0.0], [0.0]]))
        >>> network.forward_propagate([2, -3])
        ([0.5],)

        Raises TinynetError if the inputs are not rows of ``input_size``
        finite numbers.
        """
        single = _is_vector(inputs)
        rows = self._check_inputs([inputs] if single else inputs)
        outputs = []
        for layer in self.layers:
            rows = sigmoid(layer.weighted_sums(rows))           # (samples x neurons)
            outputs.append(rows)
        if single:
            return tuple(output[0] for output in outputs)
        return tuple(outputs)

    def predict(self, sample):
        """Return the network's output for one sample: a probability from 0 to 1.

        A network with several output neurons gives a list, one per neuron.

        >>> network = NeuralNetwork(Layer.from_weights([[1.0], [1.0]]))
        >>> network.predict([2, -2])
        0.5

        Raises TinynetError unless ``sample`` is a list of ``input_size``
        finite numbers.
        """
        if not isinstance(sample, (list, tuple)) or not _is_vector(sample):
            raise TinynetError(f"sample must be a list of {self.input_size} numbers, got {sample!r}")
        output = self.forward_propagate(list(sample))[-1]
        return output[0] if len(output) == 1 else output

    def _check_inputs(self, rows, name="inputs"):
        """Return the input rows as floats, or raise TinynetError naming the bad row."""
        return _check_matrix(name, rows, self.input_size)

    # -- 2. Training by backpropagation ----------------------------------

    def train(self, training_set_inputs, training_set_outputs, number_of_training_iterations,
              learning_rate=1.0, until_error=None, progress=None, progress_every=None):
        """Adjust the weights by full-batch gradient descent; return a TrainingReport.

        Each iteration is the tutorial's: propagate every sample forward,
        take the output layer's error (target - output) and its delta (error
        times the sigmoid's slope), send the delta back through the
        transposed weights to get each earlier layer's error and delta, and
        add ``learning_rate * dot(transpose(layer_input), delta)`` to every
        layer's weights (and ``learning_rate`` times the delta's column sums
        to its biases).

        ``training_set_outputs`` is a column (``[[0], [1], ...]``) or a flat
        list (``[0, 1, ...]``).  With ``until_error`` training stops as soon as
        the mean squared error is below it.  ``progress(iteration, error)`` is
        called every ``progress_every`` iterations (default: a tenth of them)
        and once more at the end with ``iteration`` equal to the iterations
        run.

        >>> seed(1)
        >>> network = NeuralNetwork(Layer(2, 4), Layer(4, 1))
        >>> report = network.train([[0, 0], [1, 1]], [0, 1], 1000)
        >>> report.iterations, report.error < 0.01
        (1000, True)

        The weights change only when ``train`` returns: if it raises (or is
        interrupted with Ctrl-C) the network keeps the weights it had.
        Raises TinynetError for inputs or outputs of the wrong shape or not
        finite numbers, an iteration count that is not a positive integer, a
        learning rate that is not a finite number, and for training that
        diverges (the error or a weight becoming inf or NaN).
        """
        inputs = self._check_inputs(training_set_inputs, "training_set_inputs")
        outputs = _check_matrix("training_set_outputs", training_set_outputs, self.output_size)
        if len(inputs) != len(outputs):
            raise TinynetError(f"training_set_inputs has {len(inputs)} rows "
                               f"but training_set_outputs has {len(outputs)}")
        iterations = _positive_int("number_of_training_iterations", number_of_training_iterations)
        rate = _finite_number("learning_rate", learning_rate)
        if until_error is not None:
            until_error = _finite_number("until_error", until_error)
        every = _positive_int("progress_every", progress_every or max(1, iterations // 10))
        check_every = min(every, 100)  # look for inf and NaN at least every 100 iterations

        # The loop works on columns, one list per input or neuron over all
        # samples, because Python adds up a few long lists faster than many
        # short ones.  It adjusts working copies of the weights (a bias is one
        # more row, the weight on an input that is always 1); the layers get
        # them back at the end.
        inputs = transpose(inputs)                                   # (inputs x samples)
        targets = transpose(outputs)                                 # (outputs x samples)
        biased = [layer.bias is not None for layer in self.layers]
        weights = [[row[:] for row in layer.synaptic_weights] + ([layer.bias[:]] if bias else [])
                   for layer, bias in zip(self.layers, biased)]      # (inputs [+1] x neurons)
        exp = math.exp  # handed down as an argument: a local, not math.exp looked up per sample
        stopped_early = False
        for iteration in range(iterations):
            # Forward: every layer's output for every sample.
            try:
                layer_outputs = _forward_columns(inputs, weights, biased, exp)
            except OverflowError:  # a weighted sum below -709: swap in an exp that saturates
                exp = _saturating_exp
                layer_outputs = _forward_columns(inputs, weights, biased, exp)
            output = layer_outputs[-1]                               # (outputs x samples)

            if iteration % check_every == 0 or until_error is not None:
                error = _mean_squared_error(targets, output)
                _check_finite(error, weights, iteration, rate)
                if progress and iteration % every == 0:
                    progress(iteration, error)
                if until_error is not None and error < until_error:
                    stopped_early = True
                    break

            # Error and delta of the output layer: how far off each output is,
            # times the sigmoid's slope there (taken from the output itself).
            delta = [[(target - out) * (out * (1.0 - out)) for target, out in zip(t_column, o_column)]
                     for t_column, o_column in zip(targets, output)]  # (outputs x samples)

            # Backward, from the last layer to the first: send the delta back
            # through the weights (before they change), then adjust them.
            for index in range(len(weights) - 1, -1, -1):
                layer_input = layer_outputs[index - 1] if index else inputs
                delta_back = _delta_back(weights[index], delta, layer_input) if index else None
                if biased[index]:  # the bias row's input is a column of ones
                    layer_input = layer_input + [[1.0] * len(layer_input[0])]
                _adjust(weights[index], layer_input, delta, rate)
                delta = delta_back
        else:
            iteration = iterations
            error = _mean_squared_error(targets, _forward_columns(inputs, weights, biased, exp)[-1])
            _check_finite(error, weights, iteration, rate)

        for layer, layer_weights in zip(self.layers, weights):
            if layer.bias is not None:
                layer.bias[:] = layer_weights.pop()
            layer.synaptic_weights[:] = layer_weights  # in place, as the tutorial's +=
        if progress:
            progress(iteration, error)
        return TrainingReport(iteration, error, stopped_early)

    def mean_squared_error(self, inputs, outputs):
        """Return the mean of (target - output)**2 over every sample and output.

        >>> network = NeuralNetwork(Layer.from_weights([[0.0]]))
        >>> network.mean_squared_error([[1], [2]], [1, 0])
        0.25

        Raises TinynetError if the inputs or outputs have the wrong shape.
        """
        targets = _check_matrix("outputs", outputs, self.output_size)
        output = self.forward_propagate(self._check_inputs(inputs))[-1]
        if len(targets) != len(output):
            raise TinynetError(f"inputs has {len(output)} rows but outputs has {len(targets)}")
        return _mean_squared_error(transpose(targets), transpose(output))

    # -- 3. Looking at the weights ---------------------------------------

    def print_weights(self, file=None):
        """Print each layer's weights (and biases) with 8 digits after the point.

        >>> NeuralNetwork(Layer.from_weights([[0.5], [-0.25]])).print_weights()
            Layer 1 (1 neuron, with 2 inputs):
        [[ 0.50000000]
         [-0.25000000]]
        """
        for number, layer in enumerate(self.layers, 1):
            neurons, inputs = layer.number_of_neurons, layer.number_of_inputs_per_neuron
            each = "each with" if neurons > 1 else "with"
            print(f"    Layer {number} ({neurons} neuron{'s' * (neurons > 1)}, "
                  f"{each} {inputs} input{'s' * (inputs > 1)}):", file=file)
            print(format_matrix(layer.synaptic_weights), file=file)
            if layer.bias is not None:
                print(f"    Layer {number} biases:", file=file)
                print(format_matrix(layer.bias), file=file)

    # -- 4. Saving and loading -------------------------------------------

    def to_dict(self):
        """Return the network as a dict of plain JSON types: sizes, bias flag, weights.

        >>> NeuralNetwork(Layer.from_weights([[0.5], [-0.5]])).to_dict()["layer_sizes"]
        [1]
        """
        return {
            "format": _MODEL_FORMAT,
            "version": 1,
            "input_size": self.input_size,
            "layer_sizes": [layer.number_of_neurons for layer in self.layers],
            "bias": any(layer.bias is not None for layer in self.layers),
            "label_names": self.label_names,
            "layers": [{"synaptic_weights": layer.synaptic_weights, "bias": layer.bias}
                       for layer in self.layers],
        }

    @classmethod
    def from_dict(cls, data, source="model"):
        """Return the network a dict from ``to_dict`` describes, checking every part.

        Raises TinynetError, naming ``source`` and the layer, if the format,
        sizes, bias flag or weights are missing, of the wrong type or shape,
        or not finite numbers.
        """
        if not isinstance(data, dict) or data.get("format") != _MODEL_FORMAT:
            raise TinynetError(f"{source}: not a tinynet model (no \"format\": \"{_MODEL_FORMAT}\")")
        if data.get("version") != 1:
            raise TinynetError(f"{source}: unknown model version {data.get('version')!r}")
        layers_data = data.get("layers")
        if not isinstance(layers_data, list) or not layers_data:
            raise TinynetError(f"{source}: 'layers' must be a non-empty list, got {layers_data!r}")
        layers = []
        for number, entry in enumerate(layers_data, 1):
            where = f"{source}: layer {number}"
            if not isinstance(entry, dict) or "synaptic_weights" not in entry:
                raise TinynetError(f"{where}: expected an object with 'synaptic_weights'")
            weights = entry["synaptic_weights"]
            if not isinstance(weights, list) or not weights or _is_vector(weights):
                raise TinynetError(f"{where}: synaptic_weights must be a list of rows, got {weights!r}")
            try:
                layers.append(Layer.from_weights(weights, entry.get("bias")))
            except TinynetError as error:
                raise TinynetError(f"{where}: {error}") from None
        try:
            network = cls(*layers, label_names=data.get("label_names"))
        except TinynetError as error:
            raise TinynetError(f"{source}: {error}") from None
        expected = {
            "input_size": network.input_size,
            "layer_sizes": [layer.number_of_neurons for layer in layers],
            "bias": any(layer.bias is not None for layer in layers),
        }
        for key, value in expected.items():
            if data.get(key) != value:
                raise TinynetError(f"{source}: {key} is {data.get(key)!r} but the weights say {value!r}")
        return network

    def save(self, path):
        """Write the network to a JSON file, atomically (see ``_write_atomically``).

        Floats are written with ``repr``, so ``load`` gets back the very same
        numbers and the same predictions, bit for bit.  Raises TinynetError
        if the file cannot be written; an existing file is then unchanged.
        """
        _write_atomically(path, json.dumps(self.to_dict()) + "\n")

    @classmethod
    def load(cls, path):
        """Return the network saved in a JSON file by ``save``.

        Raises TinynetError, naming the file, if it cannot be read or is not
        a valid tinynet model.
        """
        return cls.from_dict(_read_json(path, "model"), source=path)


def format_matrix(matrix, digits=8):
    """Return a matrix or vector as NumPy prints it, with ``digits`` after the point.

    >>> print(format_matrix([[1, -2.5], [3, 4]], digits=2))
    [[ 1.00 -2.50]
     [ 3.00  4.00]]
    >>> format_matrix([0.99942671], digits=3)
    '[0.999]'
    """
    rows = [matrix] if _is_vector(matrix) else matrix
    texts = [[f"{value:.{digits}f}" for value in row] for row in rows]
    width = max(len(text) for row in texts for text in row)
    lines = ["[" + " ".join(text.rjust(width) for text in row) + "]" for row in texts]
    if _is_vector(matrix):
        return lines[0]
    return "[" + "\n ".join(lines) + "]"


# The training loop's helpers.  They work on columns: ``columns[i][s]`` is
# input (or neuron) i for sample s, the transpose of the tutorial's matrices.

try:
    from math import sumprod as _sumprod  # Python 3.12 and newer
except ImportError:
    _sumprod = None


def _saturating_exp(x):
    """Return math.exp(x), or infinity where that would overflow."""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _forward_columns(columns, weights, biased, exp):
    """Return every layer's output as columns (neurons x samples).

    ``weights`` holds each layer's weight rows, with its bias as a last row
    where ``biased`` says it has one.
    """
    outputs = []
    for layer_weights, bias in zip(weights, biased):
        if bias:  # the bias is the weight on an input that is always 1
            columns = columns + [[1.0] * len(columns[0])]
        if len(columns) % 2:  # an odd count: one more input, always 0, so inputs pair up
            columns = columns + [[0.0] * len(columns[0])]
            layer_weights = layer_weights + [[0.0] * len(layer_weights[0])]
        columns = _sigmoid_columns(columns, layer_weights, exp)
        outputs.append(columns)                                # (neurons x samples)
    return outputs


def _sigmoid_columns(columns, layer_weights, exp):
    """Return one layer's output: the sigmoid of each neuron's weighted sums.

    The inputs come in pairs.  A neuron with two or four inputs (the
    tutorial's) takes a single pass over the samples, which adds up the
    weighted sum and applies the sigmoid; a wider one first adds up all but
    its last two inputs, two per pass.
    """
    layer_output = []
    if len(columns) == 2:  # the tutorial's hidden layer: sum and sigmoid in one pass
        a_column, b_column = columns
        for a_weight, b_weight in zip(*layer_weights):         # the weights into one neuron
            a_weight, b_weight = -a_weight, -b_weight          # negated once: exp(-z) with no minus
            layer_output.append([1.0 / (1.0 + exp(a * a_weight + b * b_weight))
                                 for a, b in zip(a_column, b_column)])
    elif len(columns) == 4:  # the tutorial's output neuron: the same, four inputs wide
        a_column, b_column, c_column, d_column = columns
        for a_weight, b_weight, c_weight, d_weight in zip(*layer_weights):
            a_weight, b_weight, c_weight, d_weight = -a_weight, -b_weight, -c_weight, -d_weight
            layer_output.append([1.0 / (1.0 + exp(a * a_weight + b * b_weight
                                                  + c * c_weight + d * d_weight))
                                 for a, b, c, d in zip(a_column, b_column, c_column, d_column)])
    else:  # wider: the first inputs' sums, then the last two with the sigmoid
        a_column, b_column = columns[-2:]
        for *first_weights, a_weight, b_weight in zip(*layer_weights):
            a_weight, b_weight = -a_weight, -b_weight
            sums = _negated_sums(columns, first_weights)       # (samples,)
            layer_output.append([1.0 / (1.0 + exp(total + a * a_weight + b * b_weight))
                                 for total, a, b in zip(sums, a_column, b_column)])
    return layer_output                                        # (neurons x samples)


def _negated_sums(columns, weights):
    """Return, per sample, minus the weighted sum of the first len(weights) columns."""
    a_weight, b_weight = -weights[0], -weights[1]
    sums = [a * a_weight + b * b_weight for a, b in zip(columns[0], columns[1])]
    for i in range(2, len(weights), 2):
        a_weight, b_weight = -weights[i], -weights[i + 1]
        sums = [total + a * a_weight + b * b_weight
                for total, a, b in zip(sums, columns[i], columns[i + 1])]
    return sums


def _delta_back(layer_weights, delta, layer_input):
    """Return the delta of the layer before: the error sent back, times its slope.

    The error of input neuron i is row i of ``dot(delta, transpose(weights))``:
    the sum over this layer's neurons j of ``weights[i][j] * delta[j]``.  The
    weight rows are the columns of the transpose, so nothing is transposed.
    ``zip`` stops at the last real input, so a bias row gets no error.
    """
    *first, last = delta                                        # (neurons x samples)
    deltas = []
    for row, h_column in zip(layer_weights, layer_input):       # input neuron i
        weight = row[-1]
        if not first:  # one neuron sent it all: the error is just delta * weight
            deltas.append([d * weight * (h * (1.0 - h)) for d, h in zip(last, h_column)])
            continue
        errors = [d * row[0] for d in first[0]]                 # (samples,)
        for d_column, other in zip(first[1:], row[1:]):
            errors = [error + d * other for error, d in zip(errors, d_column)]
        deltas.append([(error + d * weight) * (h * (1.0 - h))  # slope from the output h
                       for error, d, h in zip(errors, last, h_column)])
    return deltas                                               # (inputs x samples)


def _adjust(layer_weights, layer_input, delta, rate):
    """Add rate * dot(transpose(layer_input), delta) to the weights, in place.

    With columns, entry (i, j) of that product is one dot product: input
    column i with delta column j.  Plain loops, not nested list
    comprehensions, because the rows are short and each comprehension costs
    a function call on Python 3.11 and older.
    """
    for row, column in zip(layer_weights, layer_input):        # (inputs x neurons)
        for j, d_column in enumerate(delta):
            # math.sumprod (Python 3.12+) is a dot product in one C call; before
            # it, map(mul, ...) keeps the multiplying in C and sum the adding.
            row[j] += rate * (_sumprod(column, d_column) if _sumprod
                              else sum(map(mul, column, d_column)))


def _mean_squared_error(targets, output):
    """Return the mean of (target - output)**2 over columns of targets and outputs."""
    total = count = 0
    for t_column, o_column in zip(targets, output):
        total += sum((t - o) * (t - o) for t, o in zip(t_column, o_column))
        count += len(t_column)
    return total / count


def _check_finite(error, weights, iteration, rate):
    """Raise TinynetError if the error or any weight is inf or NaN."""
    numbers = [error] + [value for layer_weights in weights for row in layer_weights for value in row]
    if not all(map(math.isfinite, numbers)):
        raise TinynetError(
            f"training diverged by iteration {iteration}: the weights became inf or NaN; "
            f"try a smaller learning rate than {rate!r}")


# --------------------------------------------------------------------------
# Look inside: one iteration with real numbers, and a gradient check
# --------------------------------------------------------------------------


def _copy_network(network):
    """Return an independent copy of a network (weights, biases, label names)."""
    return NeuralNetwork.from_dict(network.to_dict(), source="network")


def _show(name, matrix, rows):
    """Return a named matrix with its shape, cut to its first ``rows`` rows."""
    if _is_vector(matrix):  # a single row, such as a layer's biases: shown whole
        return f"  {name}   {_shape(matrix)}\n    {format_matrix(matrix)}"
    lines = format_matrix(matrix[:rows]).splitlines()
    if len(matrix) > rows:
        lines[-1] = lines[-1][:-1]  # the matrix goes on: no closing bracket yet
        lines.append(f"  ... {len(matrix) - rows} more rows]")
    return f"  {name}   {_shape(matrix)}\n" + "\n".join("    " + line for line in lines)


def _elementwise(function, *matrices):
    """Apply a function of numbers entry by entry to matrices of one shape."""
    return [[function(*values) for values in zip(*rows)] for rows in zip(*matrices)]


def explain(network, training_set_inputs, training_set_outputs, learning_rate=1.0, rows=4, file=None):
    """Train the network for one iteration and return every quantity of it, step by step.

    The text follows the tutorial's ``train``: the forward pass layer by
    layer, the output layer's error and delta, the error sent back to each
    earlier layer and its delta, every adjustment, and the weights before and
    after, each with its shape, its numbers (the first ``rows`` rows of a
    long matrix) and a sentence saying what it is.  The numbers are worked
    out with ``dot``, ``transpose`` and ``sigmoid_derivative``, the way the
    tutorial writes them; the weights after are those ``train`` makes.  The
    text is also written to ``file`` if one is given.

    >>> network = NeuralNetwork(Layer.from_weights([[0.0], [0.0]]))
    >>> text = explain(network, [[1, 2]], [1])
    >>> print(text[text.index("Step 3."):text.index("Step 4.")].strip())
    Step 3. The error of layer 1: how far each output is from its target.
      layer1_error = training_set_outputs - output_from_layer_1
      layer1_error   (1 x 1)
        [[0.50000000]]
    >>> network.layer1.synaptic_weights
    [[0.125], [0.25]]

    Raises TinynetError as ``train`` does for inputs, outputs or a learning
    rate it cannot use.
    """
    inputs = network._check_inputs(training_set_inputs, "training_set_inputs")
    outputs = _check_matrix("training_set_outputs", training_set_outputs, network.output_size)
    before = _copy_network(network)
    network.train(inputs, outputs, 1, learning_rate=learning_rate)
    layer_outputs = before.forward_propagate(inputs)
    backward, deltas = _explain_backward(before, outputs, layer_outputs, rows)
    lines = ([f"One training iteration of {network!r}, step by step, with learning rate "
              f"{learning_rate!r}.",
              "Shapes are (rows x columns); each row is one sample.", "",
              "Step 1. The inputs, one row per sample.",
              _show("training_set_inputs", inputs, rows)]
             + _explain_forward(before, inputs, layer_outputs, rows) + backward
             + _explain_adjustments(before, inputs, layer_outputs, deltas, learning_rate, rows)
             + _explain_new_weights(before, network, rows))
    text = "\n".join(lines) + "\n"
    if file is not None:
        file.write(text)
    return text


def _explain_forward(network, inputs, layer_outputs, rows):
    """Return explain's lines for the forward pass: steps 2 to (layers + 1)."""
    lines = []
    for number, (layer, output) in enumerate(zip(network.layers, layer_outputs), 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        has_bias = layer.bias is not None
        lines += ["", f"Step {number + 1}. Layer {number} forward: each neuron adds up its inputs "
                  f"times its weights{' and its bias' * has_bias}, and the sigmoid squashes the "
                  "sum into 0..1.",
                  f"  output_from_layer_{number} = sigmoid(dot({source}, "
                  f"layer{number}.synaptic_weights){f' + layer{number}.bias' * has_bias})",
                  _show("weighted sums, before the sigmoid", layer.weighted_sums(inputs), rows),
                  _show(f"output_from_layer_{number}", output, rows)]
        inputs = output
    return lines


def _explain_backward(network, outputs, layer_outputs, rows):
    """Return explain's lines for the errors and deltas, last layer first, and the deltas.

    The deltas are a dict from layer number to (samples x neurons) matrix.
    """
    last = len(network.layers)
    output = layer_outputs[-1]
    error = _elementwise(lambda target, out: target - out, outputs, output)
    deltas = {last: _elementwise(mul, error, sigmoid_derivative(output))}
    step = last + 2
    lines = (_step(step, f"The error of layer {last}: how far each output is from its target.",
                   f"layer{last}_error = training_set_outputs - output_from_layer_{last}",
                   f"layer{last}_error", error, rows)
             + _delta_step(step + 1, last, "the error times the sigmoid's slope. The slope comes "
                           "from the output o itself: sigmoid_derivative(o) = o * (1 - o).",
                           deltas[last], rows))
    for number in range(last - 1, 0, -1):
        step += 2
        sent_back = dot(deltas[number + 1], transpose(network.layers[number].synaptic_weights))
        deltas[number] = _elementwise(mul, sent_back, sigmoid_derivative(layer_outputs[number - 1]))
        lines += (_step(step, f"The error sent back to layer {number}: each neuron's share of "
                        f"layer {number + 1}'s delta, through the weights that joined them.",
                        f"layer{number}_error = dot(layer{number + 1}_delta, "
                        f"transpose(layer{number + 1}.synaptic_weights))",
                        f"layer{number}_error", sent_back, rows)
                  + _delta_step(step + 1, number, "its error times its slope, again from its output.",
                                deltas[number], rows))
    return lines, deltas


def _step(step, sentence, formula, name, matrix, rows):
    """Return explain's lines for one step: its sentence, its formula and its matrix."""
    return ["", f"Step {step}. {sentence}", f"  {formula}", _show(name, matrix, rows)]


def _delta_step(step, number, sentence, delta, rows):
    """Return explain's lines for the delta of a layer."""
    return _step(step, f"The delta of layer {number}: {sentence}",
                 f"layer{number}_delta = layer{number}_error * output_from_layer_{number} * "
                 f"(1 - output_from_layer_{number})", f"layer{number}_delta", delta, rows)


def _explain_adjustments(network, inputs, layer_outputs, deltas, learning_rate, rows):
    """Return explain's lines for every layer's adjustment (and bias adjustment)."""
    step = 3 * len(network.layers) + 2
    lines = ["", f"Step {step}. The adjustments: for each weight, the input it carries times the "
             "delta of the neuron it feeds, summed over the samples, times the learning rate."]
    carried = [inputs] + list(layer_outputs[:-1])      # what each layer takes in
    for number, layer in enumerate(network.layers, 1):
        source = "training_set_inputs" if number == 1 else f"output_from_layer_{number - 1}"
        adjustment = _elementwise(lambda value: learning_rate * value,
                                  dot(transpose(carried[number - 1]), deltas[number]))
        lines += [f"  layer{number}_adjustment = learning_rate * dot(transpose({source}), "
                  f"layer{number}_delta)",
                  _show(f"layer{number}_adjustment", adjustment, rows)]
        if layer.bias is not None:
            lines += [f"  layer{number}_bias_adjustment = learning_rate * (sum of each column "
                      f"of layer{number}_delta)",
                      _show(f"layer{number}_bias_adjustment",
                            [learning_rate * sum(column) for column in transpose(deltas[number])],
                            rows)]
    return lines


def _explain_new_weights(before, after, rows):
    """Return explain's lines for the weights before and after the iteration."""
    lines = ["", f"Step {3 * len(before.layers) + 3}. The new weights: old weights plus adjustment."]
    for number, (old, new) in enumerate(zip(before.layers, after.layers), 1):
        lines += [_show(f"layer{number}.synaptic_weights before", old.synaptic_weights, rows),
                  _show(f"layer{number}.synaptic_weights after", new.synaptic_weights, rows)]
        if old.bias is not None:
            lines += [_show(f"layer{number}.bias before", old.bias, rows),
                      _show(f"layer{number}.bias after", new.bias, rows)]
    return lines


GradientCheckRow = namedtuple("GradientCheckRow", "weight backprop numerical difference")
GradientCheckRow.__doc__ = """One weight of a gradient check: its name, the update backpropagation
made (learning rate 1), the same estimated by finite differences, and their
relative difference |backprop - numerical| / max(|backprop|, |numerical|, 1e-3).
The floor of 1e-3 keeps the rounding noise of the estimate (about 1e-10) in
a tiny gradient from counting as a disagreement."""

GRADIENT_TOLERANCE = 1e-5  # the largest relative difference gradient_check lets pass


def _loss(network, inputs, outputs):
    """Return 1/2 * sum((target - output)**2): the loss whose gradient train follows."""
    output = network.forward_propagate(inputs)[-1]
    return 0.5 * sum((t - o) ** 2 for t_row, o_row in zip(outputs, output)
                     for t, o in zip(t_row, o_row))


def gradient_check(network, training_set_inputs, training_set_outputs, max_weights=20,
                   step=1e-5):
    """Compare train's update with the loss's gradient by finite differences; return the rows.

    For each weight w (all of them, or ``max_weights`` picked at random when
    there are more) the numerical estimate is the central difference
    ``-(loss(w + step) - loss(w - step)) / (2 * step)`` with
    ``loss = 1/2 * sum((target - output)**2)``, and the backpropagation value
    is how far one ``train`` iteration with learning rate 1 moves w.  If
    backpropagation is right the two agree to about 1e-9 (see
    ``GradientCheckRow`` for the relative difference); one above
    ``GRADIENT_TOLERANCE`` means a bug.  The network is left unchanged.

    >>> network = NeuralNetwork(Layer.from_weights([[0.5], [-0.5]]))
    >>> rows = gradient_check(network, [[1, 2]], [1])
    >>> [row.weight for row in rows]
    ['layer1.synaptic_weights[0][0]', 'layer1.synaptic_weights[1][0]']
    >>> max(row.difference for row in rows) < GRADIENT_TOLERANCE
    True

    Raises TinynetError as ``train`` does for inputs or outputs it cannot use.
    """
    inputs = network._check_inputs(training_set_inputs, "training_set_inputs")
    outputs = _check_matrix("training_set_outputs", training_set_outputs, network.output_size)
    _positive_int("max_weights", max_weights)
    probe = _copy_network(network)
    # Each place is (name, matrix, i, j): the weight is matrix[i][j], looked up
    # afresh each time because train replaces the rows.
    places = [(f"layer{number}.synaptic_weights[{i}][{j}]", layer.synaptic_weights, i, j)
              for number, layer in enumerate(probe.layers, 1)
              for i in range(layer.number_of_inputs_per_neuron)
              for j in range(layer.number_of_neurons)]
    places += [(f"layer{number}.bias[{j}]", [layer.bias], 0, j)
               for number, layer in enumerate(probe.layers, 1) if layer.bias is not None
               for j in range(layer.number_of_neurons)]
    if len(places) > max_weights:
        chosen = sorted(random.Random(0).sample(range(len(places)), max_weights))  # fixed sample
        places = [places[index] for index in chosen]
    numerical = []
    for _, matrix, i, j in places:
        kept = matrix[i][j]
        matrix[i][j] = kept + step
        above = _loss(probe, inputs, outputs)
        matrix[i][j] = kept - step
        below = _loss(probe, inputs, outputs)
        matrix[i][j] = kept
        numerical.append(-(above - below) / (2 * step))
    before = [matrix[i][j] for _, matrix, i, j in places]
    probe.train(inputs, outputs, 1, learning_rate=1.0)
    rows = []
    for (name, matrix, i, j), old, estimate in zip(places, before, numerical):
        update = matrix[i][j] - old
        difference = abs(update - estimate) / max(abs(update), abs(estimate), 1e-3)
        rows.append(GradientCheckRow(name, update, estimate, difference))
    return rows


def format_gradient_check(rows, tolerance=GRADIENT_TOLERANCE):
    """Return a gradient check's rows as a table with a verdict line.

    >>> print(format_gradient_check([GradientCheckRow("w", 0.5, 0.5, 0.0)]))
    weight  backprop     numerical    relative difference
    w        0.50000000   0.50000000  0.0e+00
    All 1 weights agree: the largest relative difference is 0.0e+00 (tolerance 1.0e-05).
    """
    width = max(len("weight"), *(len(row.weight) for row in rows))
    lines = [f"{'weight':<{width}}  {'backprop':<11}  {'numerical':<11}  relative difference"]
    for row in rows:
        flag = "  <-- too far apart" if row.difference > tolerance else ""
        lines.append(f"{row.weight:<{width}}  {row.backprop:11.8f}  {row.numerical:11.8f}  "
                     f"{row.difference:.1e}{flag}")
    largest = max(row.difference for row in rows)
    if largest <= tolerance:
        lines.append(f"All {len(rows)} weights agree: the largest relative difference is "
                     f"{largest:.1e} (tolerance {tolerance:.1e}).")
    else:
        bad = sum(row.difference > tolerance for row in rows)
        lines.append(f"FAILED: {bad} of {len(rows)} weights disagree; the largest relative "
                     f"difference is {largest:.1e} (tolerance {tolerance:.1e}).")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Data: JSON or CSV files of labelled points
# --------------------------------------------------------------------------


class Dataset:
    """Labelled training data: ``inputs`` rows, ``outputs`` rows of 0s and 1s.

    ``label_names`` names what 0 and 1 mean (``["blue", "red"]``),
    ``new_situation`` is an optional point to classify after training, and
    ``source`` is the file it came from.

    >>> Dataset([[0, 0], [1, 1]], [[0], [1]])
    Dataset(2 rows, 2 inputs, 1 output, labels ['0', '1'])
    """

    def __init__(self, inputs, outputs, label_names=("0", "1"), new_situation=None, source=None):
        self.inputs = inputs
        self.outputs = outputs
        self.label_names = list(label_names)
        self.new_situation = new_situation
        self.source = source

    @property
    def input_size(self):
        """The number of inputs per row."""
        return len(self.inputs[0])

    @property
    def output_size(self):
        """The number of outputs per row (one output neuron each)."""
        return len(self.outputs[0])

    def __repr__(self):
        outputs = f"{self.output_size} output{'s' * (self.output_size > 1)}"
        return (f"Dataset({len(self.inputs)} rows, {self.input_size} inputs, {outputs}, "
                f"labels {self.label_names!r})")


def load_dataset(path):
    """Read and check a dataset from a JSON file, or a CSV file if its name ends in .csv.

    The JSON file is an object with ``inputs`` (a list of rows of numbers)
    and ``labels`` (one 0 or 1 per row, or a row of them for several
    outputs), and optionally ``label_names`` (two strings naming 0 and 1) and
    ``new_situation`` (a point to classify).  The CSV file has a header row,
    then one row per point with the label (0 or 1) in the last column.

    >>> data = load_dataset(os.path.join(os.path.dirname(__file__), "redblue.json"))
    >>> data
    Dataset(15 rows, 2 inputs, 1 output, labels ['blue', 'red'])
    >>> data.inputs[0], data.outputs[0], data.new_situation
    ([0.0, 0.0], [0.0], [2.0, -3.0])

    Raises TinynetError, naming the file and the row (counted from 1), for a
    file that cannot be read, bad JSON or CSV, a missing key, a row of the
    wrong length, a value that is not a finite number (text, booleans, NaN,
    Infinity), a label other than 0 or 1, no rows, or different counts of
    inputs and labels.
    """
    if str(path).lower().endswith(".csv"):
        return _read_csv(path)
    data = _read_json(path, "data")
    for key in ("inputs", "labels"):
        if key not in data:
            raise TinynetError(f"{path}: missing key {key!r} (a dataset needs 'inputs' and 'labels')")
    inputs = _check_matrix(f"{path}: inputs", data["inputs"])
    outputs = _check_matrix(f"{path}: labels", data["labels"])
    _check_labels(path, outputs, "labels row")
    if len(inputs) != len(outputs):
        raise TinynetError(f"{path}: {len(inputs)} rows of inputs but {len(outputs)} labels")
    names = data.get("label_names", ["0", "1"])
    if (not isinstance(names, list) or len(names) != 2
            or not all(isinstance(name, str) and name for name in names)):
        raise TinynetError(f"{path}: label_names must be two names, for 0 and 1, got {names!r}")
    new_situation = data.get("new_situation")
    if new_situation is not None:
        new_situation = _check_matrix(f"{path}: new_situation", [new_situation], len(inputs[0]))[0]
    return Dataset(inputs, outputs, names, new_situation, path)


def _read_json(path, what):
    """Return the JSON object in a file, or raise TinynetError saying what is wrong."""
    if not path:
        raise TinynetError(f"the {what} file name is empty")
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except FileNotFoundError:
        raise TinynetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise TinynetError(f"{path}: cannot read {what}: {error}") from None
    except json.JSONDecodeError as error:
        raise TinynetError(f"{path}: not valid JSON: {error.msg} "
                           f"(line {error.lineno}, column {error.colno})") from None
    if not isinstance(data, dict):
        raise TinynetError(f"{path}: expected a JSON object {{...}}, got {type(data).__name__}")
    return data


def _check_labels(path, outputs, where):
    """Raise TinynetError unless every label is 0 or 1."""
    for number, row in enumerate(outputs, 1):
        for value in row:
            if value not in (0.0, 1.0):
                raise TinynetError(f"{path}: {where} {number}: a label must be 0 or 1, got {value!r}")


def _read_csv(path):
    """Return the Dataset in a CSV file: a header, then rows whose last column is the label."""
    try:
        with open(path, newline="", encoding="utf-8") as file:
            reader = csv.reader(file)
            rows = [(reader.line_num, row) for row in reader if row]  # skip blank lines
    except FileNotFoundError:
        raise TinynetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TinynetError(f"{path}: cannot read CSV: {error}") from None
    if len(rows) < 2:
        raise TinynetError(f"{path}: no rows (expected a header row, then one row per point)")
    header = rows[0][1]
    if len(header) < 2:
        raise TinynetError(f"{path}: the header needs at least one input column and a label column, "
                           f"got {header!r}")
    inputs, outputs = [], []
    for line, row in rows[1:]:
        if len(row) != len(header):
            raise TinynetError(f"{path}: line {line}: expected {len(header)} values, got {row!r}")
        numbers = []
        for name, text in zip(header, row):
            try:
                value = float(text)
            except ValueError:
                raise TinynetError(f"{path}: line {line}: column {name!r}: "
                                   f"{text!r} is not a number") from None
            if not math.isfinite(value):
                raise TinynetError(f"{path}: line {line}: column {name!r}: "
                                   f"{text!r} is not a finite number")
            numbers.append(value)
        if numbers[-1] not in (0.0, 1.0):
            raise TinynetError(f"{path}: line {line}: a label must be 0 or 1, got {row[-1]!r}")
        inputs.append(numbers[:-1])
        outputs.append(numbers[-1:])
    return Dataset(inputs, outputs, source=path)


# --------------------------------------------------------------------------
# Saving and loading trained models
# --------------------------------------------------------------------------

_MODEL_FORMAT = "tinynet model"


def _write_atomically(path, text):
    """Write text to a file so that it is either all there or not changed at all.

    The text goes to a temporary file in the same folder, which then replaces
    ``path`` in one step (``os.replace``): a crash or Ctrl-C part way never
    leaves half a file, and never destroys the old one.
    """
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise TinynetError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)  # mkstemp makes the file private; give it the usual permissions
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise TinynetError(f"{path}: cannot write: {error.strerror}") from None
        raise


def check_writable(path):
    """Raise TinynetError unless a file can be written at ``path``.

    Call it before a long computation whose result goes there, so a typo in
    the folder name is found at once, not after training.

    >>> check_writable("no/such/folder/model.json")
    Traceback (most recent call last):
    ...
    tinynet.TinynetError: no/such/folder/model.json: the folder 'no/such/folder' does not exist
    """
    if not path:
        raise TinynetError("the file name is empty")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise TinynetError(f"{path}: the folder {folder!r} does not exist")
    if os.path.isdir(path):
        raise TinynetError(f"{path}: is a folder, not a file")
    if not os.access(folder, os.W_OK):
        raise TinynetError(f"{path}: the folder {folder!r} is not writable")


# --------------------------------------------------------------------------
# Pictures: the decision map, in the terminal and as SVG
# --------------------------------------------------------------------------


class DecisionMap:
    """The network's output over the plane of a 2-input dataset, cell by cell.

    The plane spans the data's range plus a margin of a tenth of it on every
    side, cut into ``columns`` x ``rows`` cells; ``probability[r][c]`` is the
    network's output at the centre of the cell in row r (counted from the
    top) and column c.  ``text()`` draws it for a terminal and ``svg()`` as a
    picture.

    >>> network = NeuralNetwork(Layer.from_weights([[1.0], [0.0]]))
    >>> data = Dataset([[-1, -1], [1, 1]], [[0], [1]], ["blue", "red"])
    >>> area = DecisionMap(network, data, columns=4, rows=2)
    >>> area
    DecisionMap(4 x 2 cells, x -1.2..1.2, y -1.2..1.2)
    >>> [round(value, 9) for value in area.centre(0, 3)], area.cell_of([1, 1])
    ([0.9, 0.6], (0, 3))
    >>> round(area.probability[0][3], 3)   # sigmoid(1.0 * 0.9 + 0.0 * 0.6)
    0.711

    Raises TinynetError unless the data has exactly 2 inputs and 1 output.
    """

    def __init__(self, network, data, columns=60, rows=24):
        _check_mappable(data)
        self.network, self.data, self.columns, self.rows = network, data, columns, rows
        (self.x_min, self.x_max), (self.y_min, self.y_max) = (
            _padded_range([point[axis] for point in data.inputs]) for axis in (0, 1))
        centres = [self.centre(row, column) for row in range(rows) for column in range(columns)]
        output = network.forward_propagate(centres)[-1]       # (cells x 1)
        self.probability = [[output[row * columns + column][0] for column in range(columns)]
                            for row in range(rows)]

    def __repr__(self):
        return (f"DecisionMap({self.columns} x {self.rows} cells, x {self.x_min:g}..{self.x_max:g}, "
                f"y {self.y_min:g}..{self.y_max:g})")

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
        """Yield (point, true label, predicted label) for each training point."""
        for point, label in zip(self.data.inputs, self.data.outputs):
            yield point, int(label[0]), int(self.network.predict(point) >= 0.5)

    def _is_boundary(self, row, column):
        """Tell whether the 0.5 line passes between a cell and its right or lower neighbour."""
        side = self.probability[row][column] >= 0.5
        right = column + 1 < self.columns and (self.probability[row][column + 1] >= 0.5) != side
        below = row + 1 < self.rows and (self.probability[row + 1][column] >= 0.5) != side
        return right or below

    def text(self, colour=False):
        """Return the map as text: shaded cells, the boundary, the points, axes and a legend.

        Plain characters: ``-`` and ``.`` for the side of label 0 (sure and
        unsure), ``:`` and ``+`` for the side of label 1, ``#`` where the
        output crosses 0.5, and each training point as the first letter of
        its label name, in lower case when the network gets it wrong.  With
        ``colour`` the shading is ANSI background colour instead.
        """
        names = self.data.label_names
        marks = {}
        for point, label, predicted in self.points():
            letter = names[label][0].upper()
            marks[self.cell_of(point)] = (letter if label == predicted else letter.lower(), label)
        y_labels = {self.cell_of([self.x_min, value])[0]: f"{value:g}"
                    for value in _ticks(self.y_min, self.y_max)}
        lines = [f"{y_labels.get(row, ''):>8} |" +
                 "".join(self._cell(row, column, marks.get((row, column)), colour)
                         for column in range(self.columns)) + ("\033[0m" if colour else "")
                 for row in range(self.rows)]
        axis, labels = ["-"] * self.columns, [" "] * (self.columns + 8)
        for value in _ticks(self.x_min, self.x_max):
            column, label = self.cell_of([value, self.y_min])[1], f"{value:g}"
            start = max(column - len(label) // 2, 0)
            if all(mark == " " for mark in labels[max(start - 1, 0):start + len(label) + 1]):
                axis[column] = "+"
                labels[start:start + len(label)] = label
        lines.append(" " * 9 + "+" + "".join(axis))
        lines.append(" " * 10 + "".join(labels).rstrip())
        sides = ("- .", ": +") if not colour else tuple(
            f"\033[48;5;{a}m \033[48;5;{b}m \033[0m" for a, b in ((111, 153), (224, 210)))
        lines.append(f"{names[0][0].upper()} {names[0]}, {names[1][0].upper()} {names[1]} "
                     f"(lower case: misclassified)   {sides[0]} {names[0]} side   "
                     f"{sides[1]} {names[1]} side   # output 0.5")
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
            return f"\033[0;1;97;48;5;{(27, 160)[mark[1]]}m{mark[0]}"
        shade = (111, 153, 224, 210)[level]  # sure blue, unsure blue, unsure red, sure red
        return f"\033[0;30;48;5;{shade}m" + ("#" if self._is_boundary(row, column) else " ")

    def svg(self, title):
        """Return the map as an SVG picture: colour field, 0.5 contour, points, axes, title."""
        left, top, width, height = 60, 40, 480, 360
        x_of = lambda x: left + (x - self.x_min) / (self.x_max - self.x_min) * width  # noqa: E731
        y_of = lambda y: top + (self.y_max - y) / (self.y_max - self.y_min) * height  # noqa: E731
        cell_w, cell_h = width / self.columns, height / self.rows
        parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" '
                 f'height="{top + height + 50}" font-family="sans-serif" font-size="12">',
                 f'<title>{_xml(title)}</title>',
                 f'<text x="{left + width / 2}" y="24" text-anchor="middle" font-size="14">'
                 f'{_xml(title)}</text>', '<g shape-rendering="crispEdges">']
        for row in range(self.rows):
            colours = [_blend(probability) for probability in self.probability[row]]
            start = 0
            for column in range(1, self.columns + 1):  # one rectangle per run of one colour
                if column == self.columns or colours[column] != colours[start]:
                    parts.append(f'<rect x="{left + start * cell_w:.2f}" y="{top + row * cell_h:.2f}" '
                                 f'width="{(column - start) * cell_w + 0.05:.2f}" '
                                 f'height="{cell_h + 0.05:.2f}" fill="{colours[start]}"/>')
                    start = column
        parts.append("</g>")
        segments = " ".join(f"M{x_of(a[0]):.2f},{y_of(a[1]):.2f} L{x_of(b[0]):.2f},{y_of(b[1]):.2f}"
                            for a, b in self._contour())
        parts.append(f'<path class="boundary" d="{segments}" fill="none" stroke="black" '
                     f'stroke-width="1.5"/>')
        for point, label, predicted in self.points():
            outline = ('stroke="black" stroke-width="3"' if label != predicted
                       else 'stroke="white" stroke-width="1"')
            parts.append(f'<circle cx="{x_of(point[0]):.2f}" cy="{y_of(point[1]):.2f}" r="6" '
                         f'fill="{_POINT_COLOURS[label]}" {outline}>'
                         f'<title>{_xml(_format_point(point))}: {_xml(self.data.label_names[label])}'
                         f'{", misclassified" if label != predicted else ""}</title></circle>')
        parts += self._svg_axes(x_of, y_of, left, top, width, height)
        parts.append("</svg>")
        return "\n".join(parts) + "\n"

    def _contour(self):
        """Return the 0.5 line as segments, by marching squares over the cell centres."""
        segments = []
        for row in range(self.rows - 1):
            for column in range(self.columns - 1):
                corners = [(row, column), (row, column + 1), (row + 1, column + 1), (row + 1, column)]
                crossings = []
                for (r1, c1), (r2, c2) in zip(corners, corners[1:] + corners[:1]):
                    p1, p2 = self.probability[r1][c1] - 0.5, self.probability[r2][c2] - 0.5
                    if (p1 >= 0) != (p2 >= 0):
                        share = p1 / (p1 - p2)             # where along the edge it crosses 0.5
                        a, b = self.centre(r1, c1), self.centre(r2, c2)
                        crossings.append([a[0] + share * (b[0] - a[0]), a[1] + share * (b[1] - a[1])])
                segments += zip(crossings[::2], crossings[1::2])
        return segments

    def _svg_axes(self, x_of, y_of, left, top, width, height):
        """Return the SVG elements of the frame, ticks and axis labels."""
        parts = [f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" '
                 f'stroke="black"/>']
        for value in _ticks(self.x_min, self.x_max):
            x = x_of(value)
            parts.append(f'<line x1="{x:.2f}" y1="{top + height}" x2="{x:.2f}" y2="{top + height + 5}" '
                         f'stroke="black"/><text x="{x:.2f}" y="{top + height + 18}" '
                         f'text-anchor="middle">{value:g}</text>')
        for value in _ticks(self.y_min, self.y_max):
            y = y_of(value)
            parts.append(f'<line x1="{left - 5}" y1="{y:.2f}" x2="{left}" y2="{y:.2f}" stroke="black"/>'
                         f'<text x="{left - 8}" y="{y + 4:.2f}" text-anchor="end">{value:g}</text>')
        parts.append(f'<text x="{left + width / 2}" y="{top + height + 38}" text-anchor="middle">'
                     f'input 1 (x)</text>')
        parts.append(f'<text x="16" y="{top + height / 2}" text-anchor="middle" '
                     f'transform="rotate(-90 16 {top + height / 2})">input 2 (y)</text>')
        return parts


_POINT_COLOURS = ("#1f4fd1", "#d62728")  # label 0 blue, label 1 red


def _check_mappable(data):
    """Raise TinynetError unless the data can be drawn on a plane: 2 inputs, 1 output."""
    if data.input_size != 2 or data.output_size != 1:
        raise TinynetError(
            f"a decision map needs 2 inputs (x and y) and 1 label, but {data.source or 'the data'} "
            f"has {data.input_size} input{'s' * (data.input_size > 1)} and {data.output_size} "
            f"label column{'s' * (data.output_size > 1)}")


def _padded_range(values):
    """Return (low, high): the values' range plus a tenth of it on each side (1 if it is 0)."""
    low, high = min(values), max(values)
    margin = (high - low) / 10 or 1.0
    return low - margin, high + margin


def _ticks(low, high, count=5):
    """Return round numbers between low and high, about ``count`` of them."""
    raw = (high - low) / count
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
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------

_DEFAULT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "redblue.json")


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are TinynetError, printed as one line by main."""

    def error(self, message):
        raise TinynetError(message)


def _file_option(text):
    """Parse a file name: anything but an empty one."""
    if not text:
        raise argparse.ArgumentTypeError("expected a file name, got ''")
    return text


def _positive_int_option(text):
    """Parse a positive whole number, as for --iterations."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def _positive_number_option(text):
    """Parse a positive finite number, as for --learning-rate."""
    value = _number_option(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def _number_option(text):
    """Parse a finite number, as for the coordinates of --predict."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def _hidden_option(text):
    """Parse hidden layer sizes: '4' is one layer of 4, '8,4' two layers."""
    try:
        return [_positive_int_option(part) for part in text.split(",")]
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"expected positive whole numbers separated by commas, like 4 or 8,4; got {text!r}"
        ) from None


def _seed_option(text):
    """Parse a seed NumPy would accept: a whole number from 0 to 2**32 - 1."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2 ** 32:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 4294967295, got {text!r}")
    return value


def _parser():
    """Return the command line's argument parser."""
    parser = _Parser(
        prog="tinynet",
        description="Train a tiny sigmoid neural network by backpropagation and classify points. "
                    "With no options it runs the tutorial's lesson: a 2-4-1 network on 15 red and "
                    "blue points, then the new point (2, -3).")
    parser.add_argument("--data", metavar="FILE", type=_file_option,
                        help="training data, JSON or (ending in .csv) CSV "
                             "(default: redblue.json beside tinynet.py)")
    parser.add_argument("--hidden", metavar="N[,N...]", type=_hidden_option, default=[4],
                        help="hidden layer sizes; 8,4 is two hidden layers (default: 4)")
    parser.add_argument("--iterations", metavar="N", type=_positive_int_option, default=100000,
                        help="training iterations (default: 100000)")
    parser.add_argument("--learning-rate", metavar="R", type=_positive_number_option, default=1.0,
                        help="how far each adjustment moves the weights (default: 1.0)")
    parser.add_argument("--seed", metavar="N", type=_seed_option, default=1,
                        help="random seed for the starting weights, as np.random.seed (default: 1)")
    parser.add_argument("--bias", action="store_true",
                        help="give every neuron a bias (default: off, as in the tutorial)")
    parser.add_argument("--until-error", metavar="E", type=_positive_number_option,
                        help="stop as soon as the mean squared error is below E (default: never)")
    parser.add_argument("--predict", metavar="X", type=_number_option, nargs="+", action="append",
                        help="classify a point, one number per input, e.g. --predict 2 -3; "
                             "repeatable (default: the data's new_situation, if any)")
    parser.add_argument("--save", metavar="FILE", type=_file_option,
                        help="save the trained model as JSON (default: not saved)")
    parser.add_argument("--load", metavar="FILE", type=_file_option,
                        help="use a saved model instead of training (default: train a new one)")
    parser.add_argument("--quiet", action="store_true",
                        help="print results only: no weights, no progress")
    parser.add_argument("--plot", action="store_true",
                        help="draw the decision map in the terminal after training (2-input data only)")
    parser.add_argument("--svg", metavar="FILE", type=_file_option,
                        help="write the decision map as an SVG picture (2-input data only; "
                             "default: none)")
    look = parser.add_mutually_exclusive_group()
    look.add_argument("--explain", action="store_true",
                      help="train for one iteration only and print every step of it with its "
                           "numbers and shapes")
    look.add_argument("--gradcheck", action="store_true",
                      help="check backpropagation against finite differences on the data and "
                           "network; exit status 1 if they disagree")
    parser.add_argument("--version", action="version", version=f"tinynet {__version__}")
    return parser


def _format_point(point):
    """Format a point as [2, -3]: whole numbers without a decimal point."""
    return "[" + ", ".join(f"{value:g}" for value in point) + "]"


def _label(probability, label_names):
    """Return the label name a probability stands for: index 1 from 0.5 up."""
    return label_names[probability >= 0.5]


class _PlainProgress:
    """Print the lesson's progress lines: a line at every tenth of training."""

    def __init__(self, iterations, file):
        self.iterations = iterations
        self.file = file

    def __repr__(self):
        return f"_PlainProgress({self.iterations})"

    def __call__(self, iteration, error):
        if iteration == self.iterations:
            print(f"Training complete: 100% ({iteration} iterations), "
                  f"mean squared error {error:.8f}", file=self.file)
        else:
            percent = 100 * iteration // self.iterations
            print(f"Training: {percent}% (iteration {iteration} of {self.iterations}), "
                  f"mean squared error {error:.8f}", file=self.file)


class _TerminalProgress:
    """Show training on a terminal as one line, rewritten in place about ten times a second."""

    def __init__(self, iterations, file):
        self.iterations = iterations
        self.file = file
        self.started = self.shown = time.perf_counter()

    def __repr__(self):
        return f"_TerminalProgress({self.iterations})"

    def __call__(self, iteration, error):
        now = time.perf_counter()
        done = iteration == self.iterations
        if now - self.shown < 0.1 and iteration and not done:
            return
        self.shown = now
        elapsed = now - self.started
        speed = iteration / elapsed if elapsed > 0 else 0.0
        left = f"{(self.iterations - iteration) / speed:.1f} s left" if speed else "starting"
        if done:
            line = (f"Training complete: 100% ({iteration} iterations) in {elapsed:.1f} s, "
                    f"mean squared error {error:.8f}")
        else:
            line = (f"Training {100 * iteration // self.iterations:3d}% | iteration {iteration} "
                    f"of {self.iterations} | error {error:.8f} | {speed:,.0f} it/s | {left}")
        # \r goes back to the start of the line; \033[K clears what the last one left
        print(f"\r{line}\033[K", end="\n" if done else "", file=self.file, flush=True)


def _check_options(args, parser):
    """Raise TinynetError for options that do not go together."""
    if args.load:
        for name in ("hidden", "iterations", "learning_rate", "seed", "until_error", "save"):
            if getattr(args, name) != parser.get_default(name):
                raise TinynetError(f"--{name.replace('_', '-')} cannot be used with --load "
                                   f"(the saved model is used as it is, not trained)")
        if args.bias:
            raise TinynetError("--bias cannot be used with --load (the saved model says whether it has biases)")
    if args.explain or args.gradcheck:
        look = "--explain" if args.explain else "--gradcheck"
        for name in ("iterations", "until_error", "predict"):
            if getattr(args, name) != parser.get_default(name):
                raise TinynetError(f"--{name.replace('_', '-')} cannot be used with {look} "
                                   f"(it looks at one iteration)")
    for path in (args.save, args.svg):
        if path is not None:  # an empty name, too, is an error
            check_writable(path)


def _network_for(args, data):
    """Return the network to use: loaded from --load, or new from --hidden and --bias."""
    if args.load:
        network = NeuralNetwork.load(args.load)
        if data is not None and (network.input_size, network.output_size) != (
                data.input_size, data.output_size):
            raise TinynetError(
                f"{args.load}: the model takes {network.input_size} inputs and gives "
                f"{network.output_size} outputs, but {data.source} has {data.input_size} and "
                f"{data.output_size}")
        return network
    rng = numpy_like_random(args.seed)
    sizes = [data.input_size] + args.hidden + [data.output_size]
    layers = [Layer(inputs, neurons, bias=args.bias, rng=rng)
              for inputs, neurons in zip(sizes, sizes[1:])]
    return NeuralNetwork(*layers, label_names=data.label_names)


def _points_to_predict(args, data, network):
    """Return the points to classify, each checked against the network's input size."""
    points = args.predict or ([data.new_situation] if data and data.new_situation else [])
    for point in points:
        if len(point) != network.input_size:
            raise TinynetError(
                f"--predict takes {network.input_size} numbers (one per input), "
                f"got {len(point)}: {' '.join(f'{value:g}' for value in point)}")
    return points


def _train(args, data, network, out):
    """Train the network as the options say, printing the lesson unless --quiet."""
    if not args.quiet:
        print("Stage 1) Random starting synaptic weights:", file=out)
        network.print_weights(file=out)
    progress, every = None, None
    if not args.quiet and out.isatty():
        progress, every = _TerminalProgress(args.iterations, out), max(1, args.iterations // 500)
    elif not args.quiet:
        progress = _PlainProgress(args.iterations, out)
    report = network.train(data.inputs, data.outputs, args.iterations,
                           learning_rate=args.learning_rate, until_error=args.until_error,
                           progress=progress, progress_every=every)
    if report.stopped_early:
        print(f"Stopped at iteration {report.iterations}: the mean squared error "
              f"{report.error:.8f} is below {args.until_error:g}", file=out)
    if not args.quiet:
        print("Stage 2) New synaptic weights after training:", file=out)
        network.print_weights(file=out)
    return report


def _print_predictions(points, network, quiet, out):
    """Print each point, the network's output for it and, for one output, its label."""
    names = network.label_names or ["0", "1"]
    for point in points:
        output = network.forward_propagate(point)[-1]
        label = f" {_label(output[0], names)}" if len(output) == 1 else ""
        if quiet:
            print(f"{_format_point(point)} {format_matrix(output)}{label}", file=out)
        else:
            print(f"Stage 3) Considering a new situation {_format_point(point)}", file=out)
            print(format_matrix(output), file=out)
            if label:
                print(f"The network says{label} (0 = {names[0]}, 1 = {names[1]}).", file=out)


def _draw(args, data, network, out):
    """Print the text map (--plot) and write the SVG picture (--svg), as asked."""
    if args.plot:
        colour = out.isatty() and not os.environ.get("NO_COLOR")
        print(DecisionMap(network, data).text(colour=colour), end="", file=out)
    if args.svg:
        sizes = [network.input_size] + [layer.number_of_neurons for layer in network.layers]
        bias = "with biases" if any(layer.bias is not None for layer in network.layers) else "no bias"
        error = network.mean_squared_error(data.inputs, data.outputs)
        title = (f"tinynet {'-'.join(map(str, sizes))} network, {bias}: "
                 f"mean squared error {error:.8f}")
        _write_atomically(args.svg, DecisionMap(network, data, columns=96, rows=72).svg(title))
        if not args.quiet:
            print(f"Wrote the decision map to {args.svg}", file=out)


def main(argv=None):
    """Run tinynet's command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    0 when all went well; 1 when ``--gradcheck`` finds backpropagation and
    the numerical gradient disagree; 2 for any error, printed as one line
    ``tinynet: error: ...`` on stderr; 130 when interrupted by Ctrl-C.
    """
    out = sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        _check_options(args, parser)
        # A loaded model needs data only when told to use some, or to draw.
        needs_data = (not args.load or args.data or args.explain or args.gradcheck
                      or args.plot or args.svg)
        data = load_dataset(args.data or _DEFAULT_DATA) if needs_data else None
        if args.plot or args.svg:
            _check_mappable(data)  # before training, not after
        network = _network_for(args, data)
        if args.explain:
            explain(network, data.inputs, data.outputs, args.learning_rate, file=out)
        elif args.gradcheck:
            rows = gradient_check(network, data.inputs, data.outputs)
            print(format_gradient_check(rows), file=out)
            if max(row.difference for row in rows) > GRADIENT_TOLERANCE:
                return 1
        else:
            points = _points_to_predict(args, data, network)
            if args.load and not (points or args.plot or args.svg):
                raise TinynetError(f"nothing to do with the loaded model: give --predict with "
                                   f"{network.input_size} numbers, or --plot or --svg")
            if not args.load:
                _train(args, data, network, out)
            _print_predictions(points, network, args.quiet, out)
            _draw(args, data, network, out)
        if args.save:
            network.save(args.save)
            if not args.quiet:
                print(f"Saved the model to {args.save}", file=out)
    except TinynetError as error:
        print(f"tinynet: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tinynet: interrupted: nothing saved", file=sys.stderr)
        return 130
    except SystemExit as exit:  # --help and --version
        return exit.code
    return 0


if __name__ == "__main__":
    sys.exit(main())
