// Renders mermaid diagrams to SVG in Debian's chromium, through puppeteer,
// with the mermaid build that mermaid-cli ships and uses (mmdc opens one
// page per diagram; here one page renders them all, ten times faster).
// Input (stdin): JSON [{"name": "docs/x.md:12", "text": "...", "out": "a.svg"}].
// Output: one line per diagram, "ok NAME" or "FAIL NAME: the error";
// exit status 1 when any diagram failed. Used by tools/docs.py.
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import puppeteer from 'puppeteer'

const here = path.dirname(url.fileURLToPath(import.meta.url))
const cliDir = path.join(here, 'node_modules', '@mermaid-js', 'mermaid-cli')
const mermaidJs = path.join(here, 'node_modules', 'mermaid', 'dist', 'mermaid.js')
const chromium = process.env.CHROMIUM || '/usr/bin/chromium'
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'))

// --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: 'shell',
  args: ['--no-sandbox', '--disable-gpu']
})
const page = await browser.newPage()
await page.goto(url.pathToFileURL(path.join(cliDir, 'dist', 'index.html')).href)
await page.addScriptTag({ path: mermaidJs })
await page.evaluate(() => {
  globalThis.mermaid.initialize({ startOnLoad: false, theme: 'default' })
})
let failed = 0
for (const [i, job] of jobs.entries()) {
  try {
    const svg = await page.$eval('#container', async (container, text, id) => {
      // Throws on a diagram mermaid cannot parse or lay out.
      const { svg } = await globalThis.mermaid.render(id, text, container)
      container.innerHTML = svg
      const el = container.querySelector('svg')
      const out = new XMLSerializer().serializeToString(el)
      container.innerHTML = ''
      return out
    }, job.text, `diagram-${i}`)
    fs.writeFileSync(job.out, svg)
    console.log(`ok ${job.name}`)
  } catch (e) {
    failed++
    // "Parse error on line N: ... Expecting <forty token names>": keep a few.
    const msg = String(e && e.message ? e.message : e).replace(/\s+/g, ' ').trim()
      .replace(/(Expecting (?:'[^']*', ){3}).*/, '$1...')
    console.log(`FAIL ${job.name}: ${msg.slice(0, 300)}`)
  }
}
await browser.close()
process.exit(failed ? 1 : 0)
