// Scorecard charts (Chart.js from its webjar): each metric over time against baseline and target, and per ruleset version.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    const data = window.scorecard;
    if (!data || typeof Chart === 'undefined') { return; }
    data.metrics.forEach(function (metric, i) {
      const days = data.days.map(d => d.day);
      const line = (label, value, color) => ({ label, data: days.map(() => value), borderColor: color, borderDash: [6, 4], pointRadius: 0, fill: false });
      const trend = document.getElementById('trend-' + i);
      if (trend) {
        const datasets = [{ label: 'actual', data: data.days.map(d => d.actual[metric.name]), borderColor: '#2457c5', fill: false, spanGaps: true }];
        if (metric.baseline !== null && metric.baseline !== undefined) { datasets.push(line('baseline', metric.baseline, '#9a6200')); }
        if (metric.target !== null && metric.target !== undefined) { datasets.push(line('target', metric.target, '#1f7a3a')); }
        new Chart(trend, { type: 'line', data: { labels: days, datasets }, options: { responsive: true, animation: false } });
      }
      const versions = document.getElementById('versions-' + i);
      if (versions) {
        const byVersion = metric.byRulesetVersion || {};
        const labels = Object.keys(byVersion).map(v => v.substring(0, 12));
        new Chart(versions, { type: 'bar', data: { labels, datasets: [{ label: metric.name + ' by ruleset version',
          data: Object.values(byVersion), backgroundColor: '#7b9be0' }] }, options: { responsive: true, animation: false } });
      }
    });
  });
})();
