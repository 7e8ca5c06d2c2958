"""The NumPy program that ``make bench`` times tinynet against.

Written for the benchmark only (tinynet.py never imports NumPy).  It has
the tutorial's shape, so that a whole run of it costs what a whole run of
the tutorial's own NumPy script costs: a class for a layer's weights, a
class for the network whose ``forward_propagate`` and ``train`` are
methods, and in each iteration the tutorial's work on NumPy arrays - both
layers forward, the output's error and delta, the hidden layer's error and
delta, both adjustments, added - and a line of progress every tenth of the
training.  Run as a program it does the tutorial's whole run: seed 1, the
fifteen points as integer arrays, 100000 iterations, the weights printed
before and after, then the output for the point (2, -3).  bench.py also
trains it on larger workloads, quietly, on float arrays.
"""

import sys

import numpy


class Weights:
    """One layer's weights, (inputs x neurons), each drawn as 2 * random - 1."""

    def __init__(self, inputs, neurons):
        self.values = 2 * numpy.random.random((inputs, neurons)) - 1

    def __repr__(self):
        return f"Weights{self.values.shape}"


class TwoLayerNetwork:
    """A hidden layer and an output layer of sigmoid neurons, trained by backpropagation."""

    def __init__(self, hidden, output):
        self.hidden = hidden
        self.output = output

    def __repr__(self):
        return f"TwoLayerNetwork({self.hidden!r}, {self.output!r})"

    def squash(self, sums):
        """The sigmoid, entry by entry."""
        return 1 / (1 + numpy.exp(-sums))

    def slope(self, squashed):
        """The sigmoid's slope, from its output."""
        return squashed * (1 - squashed)

    def forward_propagate(self, rows):
        """Return the hidden layer's output and the output layer's, one row per sample."""
        hidden_out = self.squash(numpy.dot(rows, self.hidden.values))        # (samples x hidden)
        final_out = self.squash(numpy.dot(hidden_out, self.output.values))   # (samples x 1)
        return hidden_out, final_out

    def train(self, rows, targets, iterations, progress=True):
        """Adjust the weights ``iterations`` times on all rows; print progress at each tenth."""
        tenth = max(1, iterations // 10)
        for step in range(iterations):
            hidden_out, final_out = self.forward_propagate(rows)
            final_error = targets - final_out
            final_delta = final_error * self.slope(final_out)
            hidden_error = numpy.dot(final_delta, self.output.values.T)
            hidden_delta = hidden_error * self.slope(hidden_out)
            hidden_change = numpy.dot(rows.T, hidden_delta)
            final_change = numpy.dot(hidden_out.T, final_delta)
            self.hidden.values += hidden_change
            self.output.values += final_change
            if progress and step % tenth == 0:
                print("Training:", 100 * step // iterations, "%")
        if progress:
            print("Training complete - 100%")

    def print_weights(self):
        """Print both layers' weights."""
        print("  hidden layer:")
        print(self.hidden.values)
        print("  output layer:")
        print(self.output.values)


def main():
    numpy.random.seed(1)
    network = TwoLayerNetwork(Weights(2, 4), Weights(4, 1))
    print("Weights before training:")
    network.print_weights()
    rows = numpy.array([[0, 0], [0, 1], [0, 2], [-1, 0], [-2, -2], [-2, -1], [-1, -1],
                        [1, -1], [1, 0], [1, 1], [2, 0], [3, 0], [0, -3], [0, -2], [2, -2]])
    targets = numpy.array([[0] * 7 + [1] * 8]).T   # integers, as the tutorial builds them
    network.train(rows, targets, 100000)
    print("Weights after training:")
    network.print_weights()
    point = numpy.array([2, -3])
    print("The point", point, "gives", network.forward_propagate(point)[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
