// Opens every page of the built book (tools/book.py) in Debian's chromium
// and reports, one line each: "console PAGE: MESSAGE" for a console error
// or page error, "diagram PAGE: N" for a diagram without a drawn SVG,
// "link PAGE: HREF" for an internal link whose file or anchor is missing;
// then "checked N pages". Saves a screenshot of argv[3] as argv[4].
// Usage: node check_book.mjs BOOKDIR PAGE.html SHOT.png
import fs from 'node:fs'
import path from 'node:path'
import url from 'node:url'
import puppeteer from 'puppeteer'

const [bookArg, shotPage, shotFile] = process.argv.slice(2)
const book = path.resolve(bookArg)
const pages = []
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name)
    if (e.isDirectory()) walk(p)
    else if (p.endsWith('.html')) pages.push(p)
  }
}
walk(book)
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: 'shell',
  args: ['--no-sandbox', '--disable-gpu']
})
const page = await browser.newPage()
await page.setViewport({ width: 1280, height: 2000 })
let current = ''
page.on('console', (m) => { if (m.type() === 'error') console.log(`console ${current}: ${m.text()}`) })
page.on('pageerror', (e) => console.log(`console ${current}: ${e.message}`))
page.on('requestfailed', (r) => console.log(`console ${current}: failed to load ${r.url()}`))
const ids = new Map()
for (const p of pages) {
  current = path.relative(book, p)
  await page.goto(url.pathToFileURL(p).href, { waitUntil: 'load' })
  const info = await page.evaluate(() => ({
    ids: Array.from(document.querySelectorAll('[id]'), (e) => e.id),
    diagrams: Array.from(document.querySelectorAll('.diagram'), (d) => {
      const svg = d.querySelector('svg')
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 }
      return !!svg && svg.querySelectorAll('g').length > 0 && box.width > 20 && box.height > 20 &&
        svg.textContent.trim().length > 0
    }),
    links: Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href'))
  }))
  ids.set(p, new Set(info.ids))
  info.diagrams.forEach((ok, i) => { if (!ok) console.log(`diagram ${current}: ${i + 1}`) })
  ids.set(p + ':links', info.links)
  if (current === shotPage) await page.screenshot({ path: shotFile, fullPage: false })
}
for (const p of pages) {
  for (const href of ids.get(p + ':links')) {
    if (/^[a-z]+:/.test(href)) continue
    const [file, anchor] = href.split('#')
    const target = file ? path.resolve(path.dirname(p), file) : p
    if (!fs.existsSync(target) || (anchor && !(ids.get(target) || new Set()).has(anchor))) {
      console.log(`link ${path.relative(book, p)}: ${href}`)
    }
  }
}
console.log(`checked ${pages.length} pages`)
await browser.close()
