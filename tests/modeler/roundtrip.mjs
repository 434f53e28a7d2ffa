// Opens each BPMN file the way a bpmn.io-based modeler does (bpmn-moddle), exports it,
// opens the export again, and checks that no element id was lost on the way.
//
//   node roundtrip.mjs [--json] FILE.bpmn...
//
// A file fails when the import or the re-import reports an error or a warning (unknown
// element, unresolved reference, duplicate id ...), or when an id of the file (process
// elements, lanes, diagram shapes and edges alike) is missing after the import or after
// the export. Exit status 1 when any file fails.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { BpmnModdle } from 'bpmn-moddle';

// Every `id="..."` attribute of an element in the source text: what the file declares.
function declaredIds(xml) {
  const text = xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const ids = new Set();
  const tag = /<[A-Za-z_][\w.:-]*((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  const idAttribute = /(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)')/;
  for (const match of text.matchAll(tag)) {
    const found = idAttribute.exec(match[1]);
    if (found) ids.add(found[1] ?? found[2]);
  }
  return ids;
}

function missing(expected, actual) {
  return [...expected].filter((id) => !actual.has(id)).sort();
}

function describe(warnings) {
  return warnings.map((w) => {
    const where = w.element && w.element.id ? ` (element ${w.element.id})` : '';
    return `${w.message}${where}`.replace(/\s+/g, ' ');
  });
}

async function open(moddle, xml) {
  const { rootElement, warnings, elementsById } = await moddle.fromXML(xml, 'bpmn:Definitions');
  return { rootElement, warnings: describe(warnings), ids: new Set(Object.keys(elementsById)) };
}

async function roundtrip(file) {
  const result = { file: path.basename(file), errors: [], warnings: [], lost_on_import: [], lost_on_export: [], ids: 0 };
  const xml = await readFile(file, 'utf8');
  const declared = declaredIds(xml);
  const moddle = new BpmnModdle();
  let first;
  try {
    first = await open(moddle, xml);
  } catch (error) {
    result.errors.push(`import: ${error.message}`);
    return result;
  }
  result.warnings.push(...first.warnings.map((w) => `import: ${w}`));
  result.lost_on_import = missing(declared, first.ids);
  let exported;
  try {
    ({ xml: exported } = await moddle.toXML(first.rootElement, { format: true }));
  } catch (error) {
    result.errors.push(`export: ${error.message}`);
    return result;
  }
  let second;
  try {
    second = await open(new BpmnModdle(), exported);
  } catch (error) {
    result.errors.push(`re-import: ${error.message}`);
    return result;
  }
  result.warnings.push(...second.warnings.map((w) => `re-import: ${w}`));
  result.lost_on_export = missing(first.ids, second.ids);
  result.ids = second.ids.size;
  return result;
}

function failed(result) {
  return (
    result.errors.length > 0 ||
    result.warnings.length > 0 ||
    result.lost_on_import.length > 0 ||
    result.lost_on_export.length > 0
  );
}

function report(result) {
  if (!failed(result)) return `ok    ${result.file}: ${result.ids} element ids kept`;
  const lines = [`FAIL  ${result.file}`];
  for (const e of result.errors) lines.push(`      error: ${e}`);
  for (const w of result.warnings) lines.push(`      warning: ${w}`);
  if (result.lost_on_import.length) lines.push(`      lost on import: ${result.lost_on_import.join(', ')}`);
  if (result.lost_on_export.length) lines.push(`      lost on export: ${result.lost_on_export.join(', ')}`);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');
if (files.length === 0) {
  console.error('usage: node roundtrip.mjs [--json] FILE.bpmn...');
  process.exit(2);
}
const results = [];
for (const file of files) results.push(await roundtrip(file));
console.log(json ? JSON.stringify(results, null, 2) : results.map(report).join('\n'));
process.exit(results.some(failed) ? 1 : 0);
