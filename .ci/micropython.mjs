// A model exported as Python, run in MicroPython (its WebAssembly port, under Node): its chances
// must be tinynet's to within 1e-9 on every row, and its classes the model's own.
//
//   node .ci/micropython.mjs MICROPYTHON_FOLDER PYTHON    (make test-micropython runs it)

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [micropythonFolder, python] = process.argv.slice(2);
const here = join(new URL(".", import.meta.url).pathname, "..");

// CPython trains and exports two models: iris (three classes, scaled, with biases) and the
// lesson's network (two classes that are numbers, no scaling, sums far past e**709).
const EXPORT = `
import json, sys, tinynet
folder = sys.argv[1]
iris = tinynet.load_dataset("examples/iris.csv")
tinynet.seed(1)
cases = {"iris": (tinynet.Classifier(iterations=50).fit(iris), iris.inputs),
         "lesson": (tinynet.Classifier.from_network(tinynet.NeuralNetwork(
                        tinynet.Layer(2, 4), tinynet.Layer(4, 1)), [0, 1]),
                    [[2, -3], [1000, -1000], [-1e6, 3e5]])}
answers = {}
for name, (model, rows) in cases.items():
    model.export(f"{folder}/{name}.py")
    answers[name] = {"rows": rows, "chances": model.predict_proba(rows),
                     "classes": model.predict(rows)}
print(json.dumps(answers))
`;

const folder = mkdtempSync(join(tmpdir(), "tinynet-micropython-"));
try {
  const expected = JSON.parse(execFileSync(python, ["-c", EXPORT, folder],
                                           { cwd: here, encoding: "utf8" }));
  const { loadMicroPython } = await import(
    pathToFileURL(join(micropythonFolder, "micropython.mjs")).href);
  let printed = "";
  const mp = await loadMicroPython({ stdout: (line) => { printed += line + "\n"; } });
  mp.runPython("import sys\nprint(sys.version)");
  console.log(printed.trim());
  for (const [name, want] of Object.entries(expected)) {
    printed = "";
    mp.runPython(readFileSync(join(folder, `${name}.py`), "utf8"));
    mp.runPython(`import json\nprint(json.dumps([[predict_proba(row), predict(row)] ` +
                 `for row in ${JSON.stringify(want.rows)}]))`);
    const got = JSON.parse(printed);
    let worst = 0;
    got.forEach(([chances, answer], row) => {
      chances.forEach((chance, j) => {
        worst = Math.max(worst, Math.abs(chance - want.chances[row][j]));
      });
      if (answer !== want.classes[row]) {
        throw new Error(`${name}.py, row ${row + 1}: MicroPython says ${JSON.stringify(answer)}, ` +
                        `tinynet ${JSON.stringify(want.classes[row])}`);
      }
    });
    if (!(worst <= 1e-9)) {
      throw new Error(`${name}.py: MicroPython's chances differ from tinynet's by ${worst}`);
    }
    console.log(`${name}.py in MicroPython: ${got.length} rows, the classes tinynet gives, ` +
                `chances within ${worst.toExponential(1)} of tinynet's`);
  }
} catch (error) {
  console.error(`tinynet: MicroPython check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(folder, { recursive: true });
}
