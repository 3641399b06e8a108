// Scorecard charts (Chart.js from its webjar): each metric per day with its baseline and target drawn as lines across
// the whole range. Rates are shown in percent. Each canvas has a text alternative and a data table beside it.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    const data = window.scorecard;
    if (!data || typeof Chart === 'undefined') { return; }
    const days = data.days.map(d => d.day);
    data.metrics.forEach(function (metric, i) {
      const canvas = document.getElementById('trend-' + i);
      if (!canvas) { return; }
      const scale = v => (v === null || v === undefined) ? null : (metric.percent ? v * 100 : v);
      const flat = (label, value, color) => ({ label, data: days.map(() => value), borderColor: color, borderDash: [6, 4],
        pointRadius: 0, borderWidth: 2, fill: false });
      const datasets = [{ label: 'actual', data: data.days.map(d => scale(d.actual[metric.name])), borderColor: '#2457c5',
        backgroundColor: '#2457c5', pointRadius: 4, fill: false, spanGaps: true }];
      if (metric.baselineValue !== null && metric.baselineValue !== undefined) { datasets.push(flat('baseline', metric.baselineValue, '#9a6200')); }
      if (metric.targetValue !== null && metric.targetValue !== undefined) { datasets.push(flat('target', metric.targetValue, '#1f7a3a')); }
      new Chart(canvas, { type: 'line', data: { labels: days, datasets }, options: { responsive: true, animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: metric.percent ? '%' : (metric.name.endsWith('-hours') ? 'hours' : '') } } } } });
    });
  });
})();
