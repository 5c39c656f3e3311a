// Statistics charts (Apache ECharts) from the json_script data of each [data-chart] element; no inline script or
// style (CSP): the height is set through the CSSOM, the tooltip renders in the canvas (renderMode "richText").
(function () {
  "use strict";

  // Vietnamese numbers: thousands with dots, decimals with a comma.
  const number = (value) => (typeof value === "number" ? value.toLocaleString("vi-VN") : value);

  function option(data) {
    const horizontal = Boolean(data.horizontal);
    const categoryAxis = { type: "category", data: data.categories, axisLabel: { interval: 0, hideOverlap: true } };
    const valueAxis = { type: "value", minInterval: 1, axisLabel: { formatter: number } };
    return {
      animation: false,
      title: { text: data.title, left: 0, textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: number },
      legend: { top: 24 },
      grid: { top: 64, left: 8, right: horizontal ? 48 : 16, bottom: 8, containLabel: true },
      toolbox: {
        right: 8,
        feature: { saveAsImage: { title: data.saveLabel, name: data.filename, pixelRatio: 2, backgroundColor: "#fff" } },
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: data.series.map((s) => ({
        name: s.name,
        type: "bar",
        stack: data.stack ? "total" : undefined,
        data: s.data,
        // Values on the bars, except zeros (they would crowd an empty year).
        label: { show: !data.stack, position: horizontal ? "right" : "top", formatter: (p) => (p.value ? number(p.value) : "") },
      })),
    };
  }

  function boot() {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("[data-chart]").forEach((element) => {
      const source = document.getElementById(element.dataset.chart);
      if (!source) return;
      const data = JSON.parse(source.textContent);
      const rows = data.categories.length;
      element.style.height = (data.horizontal ? Math.max(240, 80 + rows * 34) : 320) + "px";
      element.style.width = "100%";
      const chart = echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option(data));
      window.addEventListener("resize", () => chart.resize());
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
