// Copy the text out of PDFs as Firefox's PDF reader (PDF.js) does: each page's text items joined
// in their order, a line break where an item ends a line (hasEOL), as its text layer is copied.
// Prints JSON, {"<path>": ["<page 1 text>", ...], ...}: node tools/pdf-text.mjs a.pdf b.pdf
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// PDF.js warns on console.log, once loaded, that it cannot draw without its optional canvas
// packages (left out: only text is read here); that would spoil the JSON on standard output.
console.log = () => {};

async function pageTexts(path) {
  const data = new Uint8Array(await readFile(path));
  const pdf = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const { items } = await (await pdf.getPage(number)).getTextContent();
    pages.push(items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
  }
  await pdf.destroy();
  return pages;
}

const texts = {};
for (const path of process.argv.slice(2)) {
  texts[path] = await pageTexts(path);
}
process.stdout.write(JSON.stringify(texts));
