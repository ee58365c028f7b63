// The LeNet.NET page: draw on a canvas (mouse, touch or pen) or upload a photo; the REST API does the reading.
"use strict";

const pad = document.getElementById("pad");
const context = pad.getContext("2d");
const strokes = [];            // every stroke as a list of points, so Undo can redraw the rest
let current = null;
let pending = null;            // debounce timer
let inFlight = null;           // the request under way, aborted when a newer drawing supersedes it
const STROKE_WIDTH = 20;       // on a 280-px pad: about MNIST's stroke once scaled to 28 px
const DEBOUNCE_MS = 200;

function redraw() {
  context.fillStyle = "#000";
  context.fillRect(0, 0, pad.width, pad.height);
  context.strokeStyle = "#fff";
  context.lineWidth = STROKE_WIDTH;
  context.lineCap = "round";
  context.lineJoin = "round";
  for (const stroke of strokes) {
    context.beginPath();
    stroke.forEach((p, i) => (i === 0 ? context.moveTo(p.x, p.y) : context.lineTo(p.x, p.y)));
    if (stroke.length === 1) context.lineTo(stroke[0].x + 0.1, stroke[0].y);
    context.stroke();
  }
}

function point(event) {
  const box = pad.getBoundingClientRect();
  return { x: (event.clientX - box.left) * (pad.width / box.width), y: (event.clientY - box.top) * (pad.height / box.height) };
}

pad.addEventListener("pointerdown", (event) => {
  pad.setPointerCapture(event.pointerId);
  current = [point(event)];
  strokes.push(current);
  redraw();
});
pad.addEventListener("pointermove", (event) => {
  if (!current) return;
  current.push(point(event));
  redraw();
  schedule();
});
for (const end of ["pointerup", "pointercancel"]) {
  pad.addEventListener(end, () => {
    if (!current) return;
    current = null;
    schedule();
  });
}

document.getElementById("clear").addEventListener("click", () => { strokes.length = 0; redraw(); showEmpty(); });
document.getElementById("undo").addEventListener("click", () => { strokes.pop(); redraw(); strokes.length ? schedule() : showEmpty(); });

function schedule() {
  clearTimeout(pending);
  pending = setTimeout(recognizeDrawing, DEBOUNCE_MS);
}

async function recognizeDrawing() {
  if (!strokes.length) return;
  const blob = await new Promise((resolve) => pad.toBlob(resolve, "image/png"));
  inFlight?.abort();
  inFlight = new AbortController();
  try {
    const response = await fetch("/api/predict?maps=true", { method: "POST", headers: { "Content-Type": "image/png" }, body: blob, signal: inFlight.signal });
    const result = await response.json();
    if (!response.ok) throw new Error(result.detail || response.statusText);
    showPrediction(result);
  } catch (error) {
    if (error.name !== "AbortError") document.getElementById("timing").textContent = `Error: ${error.message}`;
  }
}

function showEmpty() {
  document.getElementById("digit").textContent = "–";
  document.getElementById("confidence").textContent = "";
  document.getElementById("unsure").hidden = true;
  document.getElementById("maps").replaceChildren();
  drawBars(new Array(10).fill(0), -1);
  const input = document.getElementById("input28").getContext("2d");
  input.fillStyle = "#000";
  input.fillRect(0, 0, 112, 112);
}

function showPrediction(result) {
  document.getElementById("digit").textContent = result.unsure ? "?" : result.digit;
  document.getElementById("digit").dataset.label = result.digit;
  document.getElementById("confidence").textContent = `${result.digit} · ${(result.probability * 100).toFixed(1)} %`;
  const unsure = document.getElementById("unsure");
  unsure.hidden = !result.unsure;
  unsure.textContent = result.unsure ? `Unsure: ${result.unsureReason}` : "";
  drawBars(result.probabilities, result.probabilities.indexOf(Math.max(...result.probabilities)));
  const image = new Image();
  image.onload = () => {
    const input = document.getElementById("input28").getContext("2d");
    input.imageSmoothingEnabled = false;
    input.drawImage(image, 0, 0, 112, 112);
  };
  image.src = result.networkInput;
  const maps = document.getElementById("maps");
  maps.replaceChildren(...(result.featureMaps || []).map((layer) => {
    const section = document.createElement("div");
    section.className = "layer";
    const title = document.createElement("p");
    title.textContent = `${layer.layer}: ${layer.channels.length} feature maps of ${layer.height} × ${layer.width}`;
    section.append(title, ...layer.channels.map((src) => Object.assign(document.createElement("img"), { src, alt: "" })));
    return section;
  }));
  document.getElementById("timing").textContent = `Answered in ${result.timing.totalMs.toFixed(1)} ms on the server.`;
}

function drawBars(probabilities, best) {
  const bars = document.getElementById("bars");
  bars.replaceChildren(...probabilities.flatMap((p, digit) => {
    const label = Object.assign(document.createElement("span"), { textContent: digit });
    const bar = Object.assign(document.createElement("div"), { className: digit === best ? "bar best" : "bar" });
    const fill = document.createElement("div");
    fill.style.width = `${(p * 100).toFixed(1)}%`;
    bar.append(fill);
    const value = Object.assign(document.createElement("span"), { textContent: `${(p * 100).toFixed(1)}%` });
    return [label, bar, value];
  }));
}

// Upload: the same photo is read as one digit (with every preprocessing step) and as a line (with boxes).
const drop = document.getElementById("drop");
const fileInput = document.getElementById("file");
fileInput.addEventListener("change", () => fileInput.files[0] && upload(fileInput.files[0]));
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  if (event.dataTransfer.files[0]) upload(event.dataTransfer.files[0]);
});

async function upload(file) {
  const error = document.getElementById("upload-error");
  error.hidden = true;
  const form = () => { const data = new FormData(); data.append("image", file); return data; };
  try {
    const [single, line] = await Promise.all([
      post("/api/predict?steps=true", form()),
      post("/api/read?annotate=true", form()),
    ]);
    document.getElementById("upload-result").hidden = false;
    document.getElementById("upload-digit").textContent = single.unsure ? `${single.digit} (unsure)` : single.digit;
    document.getElementById("upload-confidence").textContent = `${(single.probability * 100).toFixed(1)} %`;
    document.getElementById("upload-line").textContent = line.text || "(no digits found)";
    document.getElementById("annotated").src = line.annotated;
    document.getElementById("steps").replaceChildren(...single.steps.map((step, i) => {
      const figure = document.createElement("figure");
      figure.append(Object.assign(document.createElement("img"), { src: step.png, alt: step.name }),
        Object.assign(document.createElement("figcaption"), { textContent: `${i + 1}. ${step.name}` }));
      return figure;
    }));
  } catch (failure) {
    document.getElementById("upload-result").hidden = true;
    error.hidden = false;
    error.textContent = failure.message;
  }
}

async function post(url, body) {
  const response = await fetch(url, { method: "POST", body });
  const result = await response.json();
  if (!response.ok) throw new Error(result.detail || response.statusText);
  return result;
}

fetch("/api/model").then((r) => r.json()).then((m) => {
  const accuracy = m.testAccuracy ? ` · ${(m.testAccuracy * 100).toFixed(2)} % on the ${m.dataset} test set` : "";
  document.getElementById("model-info").textContent = `${m.architecture} (${m.parameters.toLocaleString("en")} parameters)${accuracy}`;
});

redraw();
showEmpty();
