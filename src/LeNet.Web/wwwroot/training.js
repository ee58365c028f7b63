// Follows a training run: polls /api/runs/{name}/metrics every 2 s and redraws the curves.
"use strict";

const select = document.getElementById("run");
const status = document.getElementById("status");
const SERIES = [["train", "#1e88e5"], ["validation", "#fb8c00"], ["test", "#43a047"]];
const POLL_MS = 2000;

async function loadRuns() {
  const runs = await (await fetch("/api/runs")).json();
  const current = select.value;
  select.replaceChildren(...runs.map((run) => Object.assign(document.createElement("option"), {
    value: run.name, textContent: `${run.name}${run.finished ? "" : " (running)"}`,
  })));
  if (runs.some((run) => run.name === current)) select.value = current;
  if (!runs.length) status.textContent = "No runs with metrics yet: start one with lenet train --out runs/NAME.";
}

async function poll() {
  if (select.value) {
    const response = await fetch(`/api/runs/${encodeURIComponent(select.value)}/metrics`);
    if (response.ok) show(await response.json());
  }
}

function show(history) {
  const last = history[history.length - 1];
  status.textContent = last ? `${history.length} epoch${history.length === 1 ? "" : "s"} · test accuracy ${(last.testAccuracy * 100).toFixed(2)} %` : "No epoch finished yet.";
  document.getElementById("latest").innerHTML = last
    ? `<tr><td>train loss</td><td>${last.trainLoss.toFixed(4)}</td></tr><tr><td>validation accuracy</td><td>${(last.validationAccuracy * 100).toFixed(2)} %</td></tr>` +
      `<tr><td>epoch time</td><td>${last.seconds.toFixed(1)} s</td></tr><tr><td>examples/s</td><td>${Math.round(last.examplesPerSecond).toLocaleString("en")}</td></tr>`
    : "";
  draw("loss", history, (m, s) => m[`${s}Loss`]);
  draw("accuracy", history, (m, s) => m[`${s}Accuracy`] * 100);
}

function draw(id, history, value) {
  const canvas = document.getElementById(id);
  const g = canvas.getContext("2d");
  const [w, h, pad] = [canvas.width, canvas.height, 40];
  g.clearRect(0, 0, w, h);
  const values = history.flatMap((m) => SERIES.map(([s]) => value(m, s))).filter(Number.isFinite);
  if (!values.length) return;
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const span = high - low || 1;
  const x = (i) => pad + (history.length === 1 ? 0.5 : i / (history.length - 1)) * (w - 2 * pad);
  const y = (v) => h - pad - ((v - low) / span) * (h - 2 * pad);
  g.strokeStyle = "#cfd6e4";
  g.strokeRect(pad, pad, w - 2 * pad, h - 2 * pad);
  g.fillStyle = "#667085";
  g.font = "12px system-ui";
  g.fillText(high.toFixed(3), 2, pad + 4);
  g.fillText(low.toFixed(3), 2, h - pad);
  g.fillText("epoch", w / 2 - 15, h - 8);
  SERIES.forEach(([series, colour], k) => {
    g.strokeStyle = g.fillStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((m, i) => (i ? g.lineTo(x(i), y(value(m, series))) : g.moveTo(x(i), y(value(m, series)))));
    g.stroke();
    history.forEach((m, i) => g.fillRect(x(i) - 2, y(value(m, series)) - 2, 4, 4));
    g.fillText(series, w - pad - 70, pad + 14 + 14 * k);
  });
}

select.addEventListener("change", poll);
loadRuns().then(poll);
setInterval(() => loadRuns().then(poll), POLL_MS);
