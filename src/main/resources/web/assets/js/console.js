// The account console's usage chart: images per day as bars, spend per day as a line, from the JSON block the
// page renders. The table under the chart holds the same figures, so without this script nothing is lost.
// uPlot's path is versioned in its webjar; the page names it in data-uplot, so this file never hard-codes it.

const holder = document.getElementById('usage-chart');
const source = document.getElementById('usage-data');

if (holder && source) {
  draw().catch((e) => {
    // The table already shows the figures; a chart that cannot be drawn is left out, not half-drawn.
    holder.hidden = true;
    console.warn('usage chart not drawn:', e);
  });
}

async function draw() {
  const data = JSON.parse(source.textContent);
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = holder.dataset.uplotCss;
  document.head.append(css);
  const { default: uPlot } = await import(holder.dataset.uplot);

  const days = data.days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
  const spend = data.spend_micros.map((m) => m / 1e6);
  const series = [days, data.images, spend];

  let plot = null;
  const build = () => {
    const style = getComputedStyle(document.documentElement);
    const colour = (name) => style.getPropertyValue(name).trim();
    const text = colour('--text-muted');
    const grid = colour('--border-subtle');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    if (plot) {
      plot.destroy();
    }
    plot = new uPlot({
      width: holder.clientWidth,
      height: 240,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: false, y: false } },
      // Half a day either side, so the first and last days' bars are whole.
      scales: { x: { time: true, range: (u, min, max) => [min - 43200, max + 43200] }, images: { range: (u, min, max) => [0, Math.max(1, max)] },
        usd: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { ...axis, values: '{MMM} {D}' },
        { ...axis, scale: 'images', label: 'Images', size: 50, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000] },
        { ...axis, scale: 'usd', side: 1, label: 'Spend', size: 60, grid: { show: false },
          values: (u, ticks) => ticks.map((t) => '$' + t.toFixed(t < 1 ? 3 : 2)) },
      ],
      series: [
        { value: '{YYYY}-{MM}-{DD}' },
        { label: 'Images', scale: 'images', fill: colour('--accent') + '66', stroke: colour('--accent'),
          paths: uPlot.paths.bars({ size: [0.6, 40] }), points: { show: false } },
        { label: 'Spend', scale: 'usd', stroke: colour('--ok'), width: 2, points: { show: false },
          value: (u, v) => (v == null ? '—' : '$' + v.toFixed(6).replace(/0{1,4}$/, '')) },
      ],
    }, series, holder);
  };
  build();
  new ResizeObserver(() => plot && plot.setSize({ width: holder.clientWidth, height: 240 })).observe(holder);
  // Colours come from the stylesheet's variables, so the chart follows a switch to or from dark mode.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', build);
}
