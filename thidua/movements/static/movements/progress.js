// Progress chart (Chart.js) from the json_script data; no inline script or style (CSP).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("progress-data");
  const canvas = document.getElementById("progress-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  if (!data.labels.length) return;
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: "#a4161a" }] },
    options: { indexAxis: "y", animation: false, scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } },
  });
});
