// Insight charts: every <div class="chart" data-chart-table="ID"> draws the table with that id
// (Apache ECharts, served from its webjar). The table is the data and stays on the page for screen
// readers and exact values; the chart is drawn from it, so the two never disagree.
//
// The table: the first column holds the x labels (<th scope="row">); every other column is a series
// named by its <thead> <th>; a cell's number is its data-value attribute (its text when absent; an
// empty data-value is a gap). Per series, on the <thead> <th>:
//   data-series-type="bar|line" (default: the chart's data-chart-type, else bar)
//   data-stack="NAME"           stacks bars of the same name
//   data-axis="1"               the right-hand y axis (e.g. the price beside units)
//   data-step="end"             a step line (a day's level holds until the next day's)
// On the chart div: data-chart-type, data-chart-horizontal="true" (bars along the y axis), and
// data-chart-axis-names="left|right" (the axes' names).
(function () {
  function num(td) {
    var v = td.hasAttribute('data-value') ? td.getAttribute('data-value') : td.textContent.replace(/[^0-9.\-]/g, '');
    return v === '' ? null : Number(v);
  }
  function draw(el) {
    var table = document.getElementById(el.dataset.chartTable);
    if (!table || typeof echarts === 'undefined') return;
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th')).slice(1);
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var type = el.dataset.chartType || 'bar';
    var horizontal = el.dataset.chartHorizontal === 'true';
    var twoAxes = heads.some(function (h) { return h.dataset.axis === '1'; });
    var series = heads.map(function (h, i) {
      var s = {
        name: h.textContent.trim(),
        type: h.dataset.seriesType || type,
        data: rows.map(function (r) { return r.cells[i + 1] ? num(r.cells[i + 1]) : null; })
      };
      if (h.dataset.stack) s.stack = h.dataset.stack;
      if (h.dataset.axis === '1') s.yAxisIndex = 1;
      if (h.dataset.step) s.step = h.dataset.step;
      if (s.type === 'line') s.showSymbol = rows.length <= 40;
      return s;
    });
    var names = (el.dataset.chartAxisNames || '').split('|');
    var category = { type: 'category', data: labels };
    var values = [{ type: 'value', name: names[0] || '' }];
    if (twoAxes) values.push({ type: 'value', name: names[1] || '', splitLine: { show: false } });
    // long series names (a channel's name and what is counted) one under another: side by side,
    // ECharts measured Japanese names short and laid them over each other
    var stacked = series.some(function (s) { return s.name.length > 12; });
    var legend = stacked ? { top: 0, left: 'center', orient: 'vertical', itemGap: 4 } : { top: 0, type: 'scroll' };
    var legendHeight = stacked ? series.length * 18 + 6 : 24;
    if (stacked) el.style.height = (el.clientHeight + legendHeight - 24) + 'px';
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: legend,
      grid: { left: 48, right: twoAxes ? 56 : 24, top: legendHeight + 12, bottom: 32, containLabel: true },
      xAxis: horizontal ? values[0] : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true }) : (twoAxes ? values : values[0]),
      series: series
    });
    el.setAttribute('data-chart-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.chart[data-chart-table]').forEach(draw);
  });
})();
