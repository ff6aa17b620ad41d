// The admin console's small enhancements. Every page works without this file: the secret can be selected and
// copied by hand, and the usage figures are in the table under the chart.

// "Copy" beside a secret shown once: the button is hidden in the HTML and shown only where the clipboard works.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) {
    continue;
  }
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = 'Copied';
    } catch {
      field.select();
      button.textContent = 'Select and copy';
    }
  });
}

// The usage chart: its figures come from a JSON block the server wrote (no inline script runs, the CSP forbids
// it), and uPlot is loaded from its webjar at the path the page names, so an upgrade cannot leave a stale path.
const chart = document.querySelector('[data-usage-chart]');
if (chart) {
  drawUsage(chart);
}

async function drawUsage(container) {
  const data = JSON.parse(document.getElementById(container.dataset.usageChart).textContent);
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = container.dataset.uplotCss;
  document.head.append(css);
  const { default: uPlot } = await import(container.dataset.uplotJs);
  // Canvas colours are fixed when drawn, so the chart is drawn again when the colour scheme changes.
  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const size = () => ({ width: Math.max(200, container.clientWidth), height: 260 });
  let plot = draw(uPlot, container, data, scheme.matches, size());
  scheme.addEventListener('change', () => {
    plot.destroy();
    plot = draw(uPlot, container, data, scheme.matches, size());
  });
  new ResizeObserver(() => plot.setSize(size())).observe(container);
}

function draw(uPlot, container, data, dark, size) {
  const ink = dark ? '#e8eaed' : '#0b0c0c';
  const grid = dark ? '#2c333b' : '#dde1e4';
  const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return new uPlot({
    ...size,
    series: [
      {},
      { label: 'Spend ($)', stroke: dark ? '#8ab4f8' : '#1d4ed8', width: 2, value: (u, v) => v == null ? '' : '$' + v.toFixed(2) },
      { label: 'Images', stroke: dark ? '#81c995' : '#00703c', width: 2, scale: 'n' },
    ],
    axes: [
      axis,
      { ...axis, values: (u, vals) => vals.map(v => '$' + v.toFixed(2)) },
      { ...axis, side: 1, scale: 'n', grid: { show: false } },
    ],
    scales: { x: { time: true }, n: {} },
  }, [data.days, data.spend, data.images], container);
}
