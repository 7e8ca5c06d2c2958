// The lesson and a fit on your own data in Pyodide, Python compiled to WebAssembly, under Node:
// each must print what CPython prints, byte for byte.  With no network: everything Pyodide
// loads comes from its npm package.  Where Chromium is installed, the fit runs again in a web
// page that loads Pyodide and tinynet.py from a local server, as a page of your own would.
//
//   node .ci/pyodide.mjs PYODIDE_FOLDER PYTHON    (make test-browser runs it)

import { execFile, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideFolder, python] = process.argv.slice(2);
const here = join(new URL(".", import.meta.url).pathname, "..");

globalThis.fetch = async (url) => {
  throw new Error(`no network here, yet Pyodide asked for ${url}`);
};

const { loadPyodide } = await import(pathToFileURL(join(pyodideFolder, "pyodide.mjs")).href);
let printed = "";
const decoder = new TextDecoder();
const pyodide = await loadPyodide({ indexURL: pyodideFolder });
pyodide.setStdout({ write: (bytes) => { printed += decoder.decode(bytes); return bytes.length; } });
pyodide.FS.mkdirTree("/home/pyodide/examples");
for (const file of ["tinynet.py", "redblue.json", "examples/iris.csv"]) {
  pyodide.FS.writeFile(`/home/pyodide/${file}`, readFileSync(join(here, file)));
}

function inPyodide(code) {
  printed = "";
  const started = Date.now();
  try {
    pyodide.runPython(code);
  } catch (error) {
    console.error(`Pyodide failed to run ${JSON.stringify(code)}:\n${error.message}`);
    process.exit(1);
  }
  return [printed, (Date.now() - started) / 1000];
}

function inCPython(args) {
  return execFileSync(python, ["tinynet.py", ...args], { cwd: here, encoding: "utf8" });
}

function same(what, got, expected) {
  if (got !== expected) {
    console.error(`${what}: Pyodide printed\n${got}\nbut CPython printed\n${expected}`);
    process.exit(1);
  }
}

const version = inPyodide("import sys; print(sys.version.split()[0])")[0].trim();
console.log(`Pyodide ${pyodide.version}, Python ${version}`);

const [lesson, lessonSeconds] = inPyodide("import tinynet\ntinynet.lesson()");
const cpythonLesson = inCPython([]).split("\n").filter((line) => !line.startsWith("Training"));
same("the lesson", lesson, cpythonLesson.join("\n"));
const numbers = lesson.match(/-?\d+\.\d+/g);
if (numbers.length !== 25) {
  console.error(`the lesson printed ${numbers.length} numbers, not 25:\n${lesson}`);
  process.exit(1);
}
console.log(`lesson(): the tutorial's 25 numbers, as CPython prints them (${lessonSeconds} s)`);

const args = ["--data", "examples/iris.csv", "--holdout", "0.3", "--quiet"];
const [fit, fitSeconds] = inPyodide(`tinynet.main(${JSON.stringify(args)})`);
same(`tinynet ${args.join(" ")}`, fit, inCPython(args));
console.log(`iris: ${fit.match(/accuracy: .*/)[0]} on the held-out rows, as in CPython ` +
            `(${fitSeconds} s)`);

// The page: it loads Pyodide, writes tinynet.py and the data into Pyodide's files, runs tinynet.
const PAGE = `<!doctype html>
<pre id="out">not run</pre>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const out = document.getElementById("out");
try {
  const pyodide = await loadPyodide();
  pyodide.FS.mkdirTree("examples");
  for (const file of ["tinynet.py", "examples/iris.csv"]) {
    pyodide.FS.writeFile(file, await (await fetch(file)).text());
  }
  let printed = "";
  pyodide.setStdout({ batched: (line) => { printed += line + "\\n"; } });
  const args = ${JSON.stringify(args)};
  pyodide.runPython("import tinynet\\ntinynet.main(" + JSON.stringify(args) + ")");
  out.textContent = printed;
} catch (error) {
  out.textContent = "failed: " + error;
}
</script>`;

const TYPES = { ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

function serve(request, response) {
  const path = new URL(request.url, "http://localhost").pathname;
  const file = path.startsWith("/pyodide/") ? join(pyodideFolder, path.slice(9))
    : ["/tinynet.py", "/examples/iris.csv"].includes(path) ? join(here, path) : null;
  try {
    const body = path === "/" ? PAGE : readFileSync(file);
    response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/html" });
    response.end(body);
  } catch {
    response.writeHead(404);
    response.end();
  }
}

const chromium = ["chromium", "chromium-browser", "google-chrome"].find((name) => {
  try {
    execFileSync("which", [name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (chromium === undefined) {
  console.log("a web page: not run, no Chromium here");
} else {
  const server = createServer(serve).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.on("listening", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const started = Date.now();
  const dom = await new Promise((resolve, reject) => execFile(chromium, [
    "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=300000", "--dump-dom",
    url], { timeout: 600000, encoding: "utf8" },
  (error, stdout) => (error ? reject(error) : resolve(stdout))));
  server.close();
  const shown = dom.match(/<pre id="out">([^]*?)<\/pre>/)[1]
    .replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  same("a web page with Pyodide", shown, inCPython(args));
  console.log(`a web page in ${chromium}: the same fit, as in CPython ` +
              `(${(Date.now() - started) / 1000} s)`);
}
