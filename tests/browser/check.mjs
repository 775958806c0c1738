// Checks generated HTML settings pages in headless Chromium, as a reader
// would use them: no horizontal scroll on a phone, the filter box, anchors,
// permalinks, accessibility (axe-core) and contrast in light and dark mode,
// and the page without JavaScript. Writes screenshots. Run by
// tests/browser.rs:
//
//   node tests/browser/check.mjs SPEC.json
//
// SPEC.json: {"artifacts": DIR, "pages": [{"name", "file", "filters":
// [{"query", "includes": [ids], "excludes": [ids]}], "anchors": [{"hash",
// "section"}], "revealQuery"}]}. Prints one line per check and exits 1 if
// any fails.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
fs.mkdirSync(spec.artifacts, { recursive: true });
let failures = 0;

function check(ok, what, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${!ok && detail !== undefined ? `: ${JSON.stringify(detail)}` : ""}`);
  if (!ok) failures += 1;
}

// WCAG relative luminance and contrast of two rgb()/rgba() colours.
function parse(color) {
  const [r, g, b, a = 1] = color.match(/[\d.]+/g).map(Number);
  return { r, g, b, a };
}
function luminance({ r, g, b }) {
  const c = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function contrast(a, b) {
  const [x, y] = [luminance(parse(a)), luminance(parse(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

async function visibleSections(page) {
  return page.$$eval("section.setting", (all) => all.filter((s) => !s.hidden).map((s) => s.id));
}

async function layout(page, name, width, scheme) {
  const where = `${name} ${width}px ${scheme}`;
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll("section.setting, header, nav"))
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}: ${el.scrollWidth}px`);
    return { page: document.documentElement.scrollWidth, width, wide };
  });
  check(overflow.page <= overflow.width, `${where}: no horizontal scroll`, overflow);
  check(overflow.wide.length === 0, `${where}: every section fits`, overflow.wide);

  const border = await page.evaluate(() => {
    const input = document.getElementById("filter");
    const style = getComputedStyle(input);
    let bg = style.backgroundColor;
    for (let el = input; el && /rgba\(.*, 0\)$|transparent/.test(bg); el = el.parentElement) {
      bg = getComputedStyle(el).backgroundColor;
    }
    return { border: style.borderTopColor, background: bg };
  });
  const ratio = contrast(border.border, border.background);
  check(ratio >= 3, `${where}: filter border contrast ${ratio.toFixed(2)}:1 >= 3:1`, border);

  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  check(violations.length === 0, `${where}: axe-core reports no violations`, violations);
  await page.screenshot({ path: path.join(spec.artifacts, `${name}-${width}-${scheme}.png`), fullPage: true });
}

async function filter(page, entry) {
  const url = pathToFileURL(entry.file).href;
  await page.goto(url);
  const box = page.locator("#filter");
  check(await box.isVisible(), `${entry.name}: the filter box shows with JavaScript`);
  const live = await page.getAttribute("#filter-status", "aria-live");
  check(live === "polite", `${entry.name}: the match count is an aria-live region`, live);
  const all = await visibleSections(page);

  for (const { query, includes = [], excludes = [] } of entry.filters) {
    await box.fill(query);
    const shown = await visibleSections(page);
    const missing = includes.filter((id) => !shown.includes(id));
    const extra = excludes.filter((id) => shown.includes(id));
    check(missing.length === 0 && extra.length === 0 && shown.length > 0, `${entry.name}: filter ${JSON.stringify(query)}`, { shown, missing, extra });
    const status = await page.textContent("#filter-status");
    const count = shown.length === 1 ? "1 setting" : `${shown.length} settings`;
    check(status.includes(count), `${entry.name}: filter ${JSON.stringify(query)} announces ${count}`, status);
    const entries = await page.$$eval("nav.toc li[data-for]", (lis) => lis.filter((li) => !li.hidden).length);
    check(entries === shown.length, `${entry.name}: the contents follow the filter`, { entries, shown: shown.length });
  }

  await box.fill(entry.filters[0].query);
  await page.reload();
  const kept = await page.inputValue("#filter");
  check(kept === entry.filters[0].query, `${entry.name}: the filter survives a reload`, kept);
  check((await visibleSections(page)).length < all.length, `${entry.name}: the reloaded filter applies`);

  await page.focus("#filter");
  await page.keyboard.press("Escape");
  check((await page.inputValue("#filter")) === "" && (await visibleSections(page)).length === all.length,
    `${entry.name}: Escape clears the filter`);

  // A visible link to a setting the filter hides: following it shows it.
  await box.fill(entry.revealQuery);
  const link = await page.evaluate(() => {
    const links = Array.from(document.querySelectorAll("section.setting:not([hidden]) a[href^='#']"));
    for (const a of links) {
      const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      const section = target && target.closest("section.setting");
      if (section && section.hidden) {
        a.setAttribute("data-test-reveal", "");
        return section.id;
      }
    }
    return null;
  });
  check(link !== null, `${entry.name}: filter ${JSON.stringify(entry.revealQuery)} leaves a link to a hidden setting`);
  if (link !== null) {
    await page.click("[data-test-reveal]");
    const revealed = await page.evaluate((id) => {
      const section = document.getElementById(id);
      const box = section.getBoundingClientRect();
      return { hidden: section.hidden, top: box.top, height: innerHeight, filter: document.getElementById("filter").value };
    }, link);
    check(!revealed.hidden && revealed.filter === "" && revealed.top >= 0 && revealed.top < revealed.height,
      `${entry.name}: a link to a hidden setting clears the filter and shows it`, revealed);
  }
}

async function anchors(page, entry) {
  for (const { hash, section } of entry.anchors) {
    await page.goto(`${pathToFileURL(entry.file).href}#${encodeURIComponent(hash)}`);
    const where = await page.evaluate((id) => {
      const el = document.getElementById(id);
      const style = getComputedStyle(el);
      const bottom = window.scrollY >= document.documentElement.scrollHeight - window.innerHeight - 1;
      return {
        top: el.getBoundingClientRect().top,
        bottom,
        targeted: el.matches(":target, :has(> .alias:target)"),
        background: style.backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
      };
    }, section);
    check(where.targeted && where.background !== where.body, `${entry.name}: #${hash} highlights ${section}`, where);
    // At the top, with a margin; unless the page ends before it can be.
    const placed = where.top >= 8 && (where.top <= 40 || (where.bottom && where.top < 800));
    check(placed, `${entry.name}: #${hash} scrolls ${section} to the top with a margin`, where);
  }
  // Elements are found by id, never by a selector built from a name.
  const first = entry.anchors[0].section;
  const heading = await page.evaluateHandle((id) => document.getElementById(id).querySelector("h2"), first);
  const link = await heading.evaluateHandle((h2) => h2.querySelector(".headerlink"));
  await page.mouse.move(0, 0);
  const before = await link.evaluate((a) => getComputedStyle(a).opacity);
  await heading.hover();
  await page.waitForTimeout(50);
  const after = await link.evaluate((a) => getComputedStyle(a).opacity);
  const href = await link.evaluate((a) => a.getAttribute("href"));
  check(before === "0" && after === "1" && href === `#${first}`, `${entry.name}: a permalink shows on hover`, { before, after, href });
}

async function sticky(page, entry) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pathToFileURL(entry.file).href);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  const top = await page.$eval("nav.toc", (nav) => nav.getBoundingClientRect().top);
  check(top >= 0 && top <= 24, `${entry.name}: the contents stay in view on a wide screen`, top);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "settings-browser-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  const errors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(5000); // a missing element fails fast
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    for (const entry of spec.pages) {
      for (const scheme of ["light", "dark"]) {
        for (const width of [390, 1280]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 800 });
          await page.goto(pathToFileURL(entry.file).href);
          await layout(page, entry.name, width, scheme);
        }
      }
      await page.emulateMedia({ colorScheme: "light" });
      await page.setViewportSize({ width: 1280, height: 800 });
      await filter(page, entry);
      await anchors(page, entry);
      await sticky(page, entry);
    }
    check(errors.length === 0, "no script errors", errors);
  } finally {
    await context.close();
  }

  // Without JavaScript: every setting shows and the filter stays hidden.
  const noScriptProfile = fs.mkdtempSync(path.join(os.tmpdir(), "settings-browser-"));
  const plain = await chromium.launchPersistentContext(noScriptProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    javaScriptEnabled: false,
  });
  try {
    const page = plain.pages()[0] ?? (await plain.newPage());
    for (const entry of spec.pages) {
      await page.goto(`${pathToFileURL(entry.file).href}?filter=zzz`);
      const state = await page.evaluate(() => ({
        hidden: Array.from(document.querySelectorAll("section.setting")).filter((s) => s.offsetParent === null).length,
        filter: document.getElementById("filter").offsetParent !== null,
        status: document.getElementById("filter-status").offsetParent !== null,
      }));
      check(state.hidden === 0 && !state.filter && !state.status, `${entry.name}: without JavaScript every setting shows, no filter`, state);
    }
  } finally {
    await plain.close();
    fs.rmSync(noScriptProfile, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures === 0 ? "browser: every check passed" : `browser: ${failures} checks failed`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
