// Renders each HTML report given on the command line in headless Chromium, checks its plots,
// and saves a full-page screenshot beside it (report.html -> report.png) for a person to look at.
// A plot passes when every text in it lies inside the picture's border, none lies over the plot
// area (tick labels, axis titles and the legend all belong outside it), and no two texts
// overlap; the page passes when it is no wider than the window. Exit status 1 names each failure.
//
//   npm install            (once: playwright-core, which drives the machine's own Chromium)
//   node check.mjs ../target/shootout/shootout.html ../target/latency/latency.html
//
// CHROMIUM names the browser binary; /usr/bin/chromium (Debian's chromium package) by default.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const reports = process.argv.slice(2);
if (reports.length === 0) {
  console.error('usage: node check.mjs REPORT.html...');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // The machine has no network: without these, Chromium keeps trying to reach Google's hosts.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = 0;
for (const report of reports) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(pathToFileURL(path.resolve(report)).href);
  const { charts, problems } = await page.evaluate(() => {
    const problems = [];
    const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    let heading = '(top)';
    let charts = 0;
    for (const element of document.querySelectorAll('h1, h2, h3, svg.chart')) {
      if (element.tagName !== 'svg') {
        heading = element.textContent.trim();
        continue;
      }
      charts++;
      const name = `plot ${charts} under "${heading}"`;
      const border = element.getBoundingClientRect();
      const area = element.querySelector('rect[fill="none"]').getBoundingClientRect();
      const texts = [...element.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      for (const { text, box } of texts) {
        if (box.left < border.left - 0.5 || box.right > border.right + 0.5 || box.top < border.top - 0.5 || box.bottom > border.bottom + 0.5) {
          problems.push(`${name}: "${text}" runs out of the picture`);
        }
        if (overlap(box, area)) {
          problems.push(`${name}: "${text}" lies over the plot area`);
        }
      }
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          if (overlap(texts[i].box, texts[j].box)) {
            problems.push(`${name}: "${texts[i].text}" overlaps "${texts[j].text}"`);
          }
        }
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth) {
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide, wider than the ${window.innerWidth}px window`);
    }
    return { charts, problems };
  });
  const screenshot = report.replace(/\.html$/, '') + '.png';
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`${report}: ${charts} plot(s), ${problems.length === 0 ? 'nothing overlaps or is cut off' : problems.length + ' problem(s)'}; screenshot ${screenshot}`);
  for (const problem of problems) {
    console.log(`  ${problem}`);
  }
  failed += problems.length === 0 ? 0 : 1;
  await page.close();
}
await browser.close();
process.exit(failed === 0 ? 0 : 1);
