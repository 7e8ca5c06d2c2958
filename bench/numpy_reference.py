"""The NumPy reference for tinynet's benchmark: the same network, trained the same way.

It is written for the benchmark only (tinynet.py never imports NumPy): a
2-h-1 sigmoid network trained by full-batch gradient descent with the
tutorial's update, on NumPy arrays.  Run as a program it does the tutorial's
whole run (seed 1, 100000 iterations) and prints the prediction for
(2, -3), so it can be timed as a process beside ``python3 tinynet.py``.
That run keeps the points and labels as integer arrays, as the tutorial
builds them; NumPy then converts them to floats in every iteration, which
makes it about a fifth slower than the float arrays of the workloads.
"""

import sys

import numpy


def train(inputs, targets, hidden_weights, output_weights, iterations, rate=1.0):
    """Train in place: the tutorial's forward pass, deltas and adjustments, on arrays."""
    for _ in range(iterations):
        hidden = 1 / (1 + numpy.exp(-inputs.dot(hidden_weights)))          # (samples x hidden)
        output = 1 / (1 + numpy.exp(-hidden.dot(output_weights)))          # (samples x 1)
        output_delta = (targets - output) * (output * (1 - output))
        hidden_delta = output_delta.dot(output_weights.T) * (hidden * (1 - hidden))
        hidden_adjustment = inputs.T.dot(hidden_delta)
        output_adjustment = hidden.T.dot(output_delta)
        if rate != 1.0:  # the tutorial has no learning rate: spare it the two products
            hidden_adjustment *= rate
            output_adjustment *= rate
        hidden_weights += hidden_adjustment
        output_weights += output_adjustment


def starting_weights(inputs, hidden, seed=1):
    """Draw the starting weights as tinynet's Layer does after seed(seed)."""
    numpy.random.seed(seed)
    hidden_weights = 2 * numpy.random.random((inputs, hidden)) - 1
    output_weights = 2 * numpy.random.random((hidden, 1)) - 1
    return hidden_weights, output_weights


def main():
    points = [[0, 0], [0, 1], [0, 2], [-1, 0], [-2, -2], [-2, -1], [-1, -1],
              [1, -1], [1, 0], [1, 1], [2, 0], [3, 0], [0, -3], [0, -2], [2, -2]]
    inputs = numpy.array(points)                  # integers, as in the tutorial
    targets = numpy.array([[0]] * 7 + [[1]] * 8)
    hidden_weights, output_weights = starting_weights(2, 4)
    train(inputs, targets, hidden_weights, output_weights, 100000)
    hidden = 1 / (1 + numpy.exp(-numpy.array([2, -3]).dot(hidden_weights)))
    print(1 / (1 + numpy.exp(-hidden.dot(output_weights))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
