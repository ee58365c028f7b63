// The LeNet.NET page: draw on a canvas (mouse, touch or pen) or upload a photo; the REST API does the reading.
"use strict";

const STROKE_WIDTH = 20;       // on a 280-px pad: about MNIST's stroke once scaled to 28 px
const DEBOUNCE_MS = 200;

// A drawing pad: every stroke kept as a list of points (so Undo can redraw the rest), white ink on black.
function createPad(canvas, changed, cleared) {
  const context = canvas.getContext("2d");
  const strokes = [];
  let current = null;
  let pending = null;
  const redraw = () => {
    context.fillStyle = "#000";
    context.fillRect(0, 0, canvas.width, canvas.height);
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
  };
  const schedule = () => {
    clearTimeout(pending);
    pending = setTimeout(() => strokes.length && changed(), DEBOUNCE_MS);
  };
  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return { x: (event.clientX - box.left) * (canvas.width / box.width), y: (event.clientY - box.top) * (canvas.height / box.height) };
  };
  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
    redraw();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    current.push(point(event));
    redraw();
    schedule();
  });
  for (const end of ["pointerup", "pointercancel"]) {
    canvas.addEventListener(end, () => {
      if (!current) return;
      current = null;
      schedule();
    });
  }
  redraw();
  return {
    clear() { strokes.length = 0; redraw(); cleared(); },
    undo() { strokes.pop(); redraw(); strokes.length ? schedule() : cleared(); },
    blob: () => new Promise((resolve) => canvas.toBlob(resolve, "image/png")),
  };
}

let inFlight = null;           // the request under way, aborted when a newer drawing supersedes it
const pad = createPad(document.getElementById("pad"), recognizeDrawing, showEmpty);
document.getElementById("clear").addEventListener("click", () => pad.clear());
document.getElementById("undo").addEventListener("click", () => pad.undo());

async function recognizeDrawing() {
  const blob = await pad.blob();
  inFlight?.abort();
  inFlight = new AbortController();
  try {
    const response = await fetch(`/api/predict?maps=true&input=true&profile=${encodeURIComponent(profileName())}`, { method: "POST", headers: { "Content-Type": "image/png" }, body: blob, signal: inFlight.signal });
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

// A sum: drawn on the wide pad, read and computed by /api/calc, shown with the boxes the reader found.
let calcInFlight = null;
const sumPad = createPad(document.getElementById("sum-pad"), computeDrawing, showNoSum);
document.getElementById("sum-clear").addEventListener("click", () => sumPad.clear());
document.getElementById("sum-undo").addEventListener("click", () => sumPad.undo());

async function computeDrawing() {
  const blob = await sumPad.blob();
  calcInFlight?.abort();
  calcInFlight = new AbortController();
  try {
    const response = await fetch("/api/calc?annotate=true", { method: "POST", headers: { "Content-Type": "image/png" }, body: blob, signal: calcInFlight.signal });
    const result = await response.json();
    if (!response.ok) throw new Error(result.detail || response.statusText);
    showSum(result, "sum");
  } catch (error) {
    if (error.name !== "AbortError") document.getElementById("sum-outcome").textContent = `Error: ${error.message}`;
  }
}

// "17−2+76 = 91", "3+4=7 ✓ true", or the reason it cannot be computed; unsure symbols are named.
function describeSum(result) {
  if (result.problem) return `${result.expression || "(nothing read)"}: ${result.problem}`;
  if (result.holds !== null && result.holds !== undefined)
    return result.holds ? `${result.expression} ✓ true` : `${result.expression} ✗ false (the left side is ${result.valueDisplay})`;
  return `${result.expression.replace(/=$/, "")} = ${result.valueDisplay}`;
}

// Every sum of the drawing or photo, one per line (a worksheet holds several); the answer's own fields are the first's.
const sumsOf = (result) => result.lines || [result];

function showSum(result, prefix) {
  const sums = sumsOf(result);
  document.getElementById(`${prefix}-expression`).textContent = sums.map((sum) => sum.expression || "–").join("\n");
  document.getElementById(`${prefix}-outcome`).textContent = sums.map(describeSum).join("\n");
  const unsure = sums.flatMap((sum, line) => sum.symbols.map((s, i) => ({ s, i, line })).filter((x) => x.s.unsure));
  const where = (x) => sums.length > 1 ? `line ${x.line + 1}, symbol ${x.i + 1}` : `symbol ${x.i + 1}`;
  document.getElementById(`${prefix}-unsure`).textContent = unsure.length
    ? `Unsure: ${unsure.map((x) => `${where(x)} ('${x.s.digit}', ${(x.s.probability * 100).toFixed(0)} %)`).join(", ")}`
    : "";
  const image = document.getElementById(`${prefix}-annotated`);
  if (result.annotated) { image.src = result.annotated; image.hidden = false; }
}

function showNoSum() {
  document.getElementById("sum-expression").textContent = "–";
  document.getElementById("sum-outcome").textContent = "";
  document.getElementById("sum-unsure").textContent = "";
  document.getElementById("sum-annotated").hidden = true;
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
    const [single, line, sum] = await Promise.all([
      post("/api/predict?steps=true", form()),
      post("/api/read?annotate=true", form()),
      post("/api/calc", form()),
    ]);
    document.getElementById("upload-result").hidden = false;
    document.getElementById("upload-digit").textContent = single.unsure ? `${single.digit} (unsure)` : single.digit;
    document.getElementById("upload-confidence").textContent = `${(single.probability * 100).toFixed(1)} %`;
    document.getElementById("upload-line").textContent = (line.lines || [line]).map((l) => l.text || "(no digits found)").join("\n");
    document.getElementById("upload-sum").textContent = sumsOf(sum).map(describeSum).join("\n");
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
  if (response.status === 204) return {};
  const result = await response.json();
  if (!response.ok) throw new Error(result.detail || response.statusText);
  return result;
}

// Corrections and adaptation: each correction is stored in the named profile on the server; "Adapt" fine-tunes a
// model for that profile in the background, and from then on the profile's drawings are read with it.
const profileInput = document.getElementById("profile");
profileInput.value = localStorage.getItem("lenet-profile") || `me-${Math.random().toString(36).slice(2, 10)}`;
localStorage.setItem("lenet-profile", profileInput.value);
profileInput.addEventListener("change", () => { localStorage.setItem("lenet-profile", profileInput.value); showProfile(); });
const profileName = () => profileInput.value;
const profileUrl = (suffix = "") => `/api/profiles/${encodeURIComponent(profileName())}${suffix}`;
const status = (text) => { document.getElementById("profile-status").textContent = text; };

async function saveCorrection() {
  const label = document.getElementById("correct-label").value;
  try {
    const profile = await post(profileUrl(`/examples?label=${encodeURIComponent(label)}`), await pad.blob());
    status(`Saved as ${label}. ${describeProfile(profile)}`);
  } catch (error) { status(`Not saved: ${error.message}`); }
}

async function adapt() {
  try {
    let profile = await post(profileUrl("/adapt"));
    const bar = document.getElementById("adapt-progress");
    bar.hidden = false;
    while (profile.adaptation && ["queued", "running"].includes(profile.adaptation.state)) {
      bar.value = profile.adaptation.progress;
      status(`Adapting (${profile.adaptation.state}) … ${(profile.adaptation.progress * 100).toFixed(0)} %`);
      await new Promise((resolve) => setTimeout(resolve, 400));
      profile = await (await fetch(profileUrl())).json();
    }
    bar.value = 1;
    bar.hidden = true;
    status(profile.adaptation?.state === "failed" ? `Adapting failed: ${profile.adaptation.message}` : `Adapted. ${describeProfile(profile)}`);
    recognizeDrawing();
  } catch (error) { status(`Cannot adapt: ${error.message}`); }
}

async function resetProfile() {
  await fetch(profileUrl(), { method: "DELETE" });
  status("Profile reset: reading with the standard model again.");
  recognizeDrawing();
}

function describeProfile(profile) {
  const counts = Object.entries(profile.examples).map(([label, n]) => `${label}: ${n}`).join(", ");
  return `Profile ${profile.name}: ${profile.total} of ${profile.limit} examples${counts ? ` (${counts})` : ""}${profile.adapted ? ", reading with its own model" : ""}.`;
}

async function showProfile() {
  const response = await fetch(profileUrl());
  if (response.ok) status(describeProfile(await response.json()));
}

document.getElementById("correct").addEventListener("click", saveCorrection);
document.getElementById("adapt").addEventListener("click", adapt);
document.getElementById("reset").addEventListener("click", resetProfile);

fetch("/api/model").then((r) => r.json()).then((m) => {
  document.getElementById("correct-label").replaceChildren(...m.classNames.map((c) => Object.assign(document.createElement("option"), { value: c, textContent: c })));
  const accuracy = m.testAccuracy ? ` · ${(m.testAccuracy * 100).toFixed(2)} % on the ${m.dataset} test set` : "";
  document.getElementById("model-info").textContent = `${m.architecture} (${m.parameters.toLocaleString("en")} parameters)${accuracy}`;
});

showEmpty();
showNoSum();
showProfile();
