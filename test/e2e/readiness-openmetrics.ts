/**
 * A strict parser of the OpenMetrics 1.0 text format (the ABNF of the OpenMetrics
 * specification, "Text format" section) for the tests of `sdrs check --format openmetrics`.
 * No OpenMetrics/Prometheus parser is installable here; any deviation from the
 * grammar or its rules below throws, naming the line.
 *
 * Enforced: every line ends in LF; `# EOF` is the last line, with at most a final LF after
 * it; no blank lines; `# TYPE`/`# HELP`/`# UNIT` lines name a family before its samples,
 * once each; a family's lines are contiguous (never interleaved or reopened); metric and
 * label names match their grammar (`[a-zA-Z_:][a-zA-Z0-9_:]*`, `[a-zA-Z_][a-zA-Z0-9_]*`,
 * no `__` prefix); label values use only the `\\`, `\"` and `\n` escapes and no raw LF;
 * a label name appears once per sample; a gauge's samples are named exactly as the
 * family, with distinct label sets; values are OpenMetrics numbers; a UNIT is a suffix
 * of the family name.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface Family {
  name: string;
  type: string;
  help?: string;
  unit?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'stateset', 'info', 'summary', 'unknown']);
const NUMBER = /^(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?(?:inf|Inf)|NaN)$/;

function fail(lineNo: number, why: string, line: string): never {
  throw new Error(`OpenMetrics line ${lineNo}: ${why}: ${JSON.stringify(line)}`);
}

function number(text: string, lineNo: number, line: string): number {
  if (!NUMBER.test(text)) fail(lineNo, `"${text}" is not a number`, line);
  if (/^[+-]?[iI]nf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return text === 'NaN' ? NaN : Number(text);
}

/** An escaped string up to (not including) its closing quote; returns the value and the index after the quote. */
function escapedString(line: string, start: number, lineNo: number): [string, number] {
  let out = '';
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      const n = line[++i];
      if (n === '\\') out += '\\';
      else if (n === '"') out += '"';
      else if (n === 'n') out += '\n';
      else fail(lineNo, `invalid escape \\${n ?? ''}`, line);
    } else out += c;
  }
  return fail(lineNo, 'unterminated label value', line);
}

/** Parses an exposition; returns the families in the order they appear. */
export function parseOpenMetrics(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('OpenMetrics: the exposition must end with a line feed');
  const lines = text.slice(0, -1).split('\n');
  if (lines[lines.length - 1] !== '# EOF') throw new Error(`OpenMetrics: the last line must be "# EOF", not ${JSON.stringify(lines[lines.length - 1])}`);
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  let current: Family | undefined;
  const seenLabelSets = new Map<string, Set<string>>();
  const typed = new Set<string>();

  const open = (name: string, lineNo: number, line: string): Family => {
    if (current?.name === name) return current;
    if (current) closed.add(current.name);
    if (closed.has(name)) fail(lineNo, `family ${name} is interleaved with another`, line);
    const f: Family = { name, type: 'unknown', samples: [] };
    families.set(name, f);
    current = f;
    return f;
  };

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (i === lines.length - 1) return; // # EOF
    if (line === '') fail(lineNo, 'blank line', line);
    if (line === '# EOF') fail(lineNo, '# EOF before the end', line);
    if (line.startsWith('#')) {
      const m = /^# (TYPE|HELP|UNIT) (\S+)(?: (.*))?$/.exec(line);
      if (!m) fail(lineNo, 'a comment line must be "# TYPE", "# HELP" or "# UNIT" with a metric name', line);
      const [, kind, name, rest = ''] = m;
      if (!METRIC_NAME.test(name)) fail(lineNo, `bad metric name ${name}`, line);
      const f = open(name, lineNo, line);
      if (f.samples.length) fail(lineNo, `${kind} after the samples of ${name}`, line);
      if (kind === 'TYPE') {
        if (typed.has(name)) fail(lineNo, `second TYPE for ${name}`, line);
        if (!TYPES.has(rest)) fail(lineNo, `unknown type ${rest}`, line);
        f.type = rest;
        typed.add(name);
      } else if (kind === 'HELP') {
        if (f.help !== undefined) fail(lineNo, `second HELP for ${name}`, line);
        // HELP text: the escapes of escaped-string, no raw double quote restriction beyond that.
        if (/\\(?![\\"n])/.test(rest)) fail(lineNo, 'invalid escape in HELP', line);
        f.help = rest;
      } else {
        if (f.unit !== undefined) fail(lineNo, `second UNIT for ${name}`, line);
        if (rest && !name.endsWith(`_${rest}`)) fail(lineNo, `unit ${rest} is not a suffix of ${name}`, line);
        f.unit = rest;
      }
      return;
    }
    // A sample: name [labels] SP value [SP timestamp]
    const nm = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nm) fail(lineNo, 'a sample must start with a metric name', line);
    const name = nm[0];
    let pos = name.length;
    const labels: Record<string, string> = {};
    if (line[pos] === '{') {
      pos++;
      if (line[pos] === '}') pos++;
      else {
        for (;;) {
          const ln = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(pos));
          if (!ln || !LABEL_NAME.test(ln[0])) fail(lineNo, 'bad label name', line);
          if (ln[0].startsWith('__')) fail(lineNo, `reserved label name ${ln[0]}`, line);
          if (ln[0] in labels) fail(lineNo, `label ${ln[0]} repeated`, line);
          pos += ln[0].length;
          if (line.slice(pos, pos + 2) !== '="') fail(lineNo, `label ${ln[0]} must be followed by ="`, line);
          const [value, next] = escapedString(line, pos + 2, lineNo);
          labels[ln[0]] = value;
          pos = next;
          if (line[pos] === ',') {
            pos++;
            continue;
          }
          if (line[pos] === '}') {
            pos++;
            break;
          }
          fail(lineNo, 'expected , or } after a label', line);
        }
      }
    }
    if (line[pos] !== ' ') fail(lineNo, 'expected a space before the value', line);
    const parts = line.slice(pos + 1).split(' ');
    if (parts.length > 2 || parts.some((p) => p === '')) fail(lineNo, 'expected "value [timestamp]"', line);
    const value = number(parts[0], lineNo, line);
    const timestamp = parts[1] === undefined ? undefined : number(parts[1], lineNo, line);
    const f = families.get(name) === current && current ? current : open(name, lineNo, line);
    if (f.type === 'gauge' && name !== f.name) fail(lineNo, `gauge sample ${name} is not named as its family`, line);
    const key = JSON.stringify(Object.entries(labels).sort());
    const sets = seenLabelSets.get(f.name) ?? new Set<string>();
    if (sets.has(key)) fail(lineNo, `duplicate label set in ${f.name}`, line);
    sets.add(key);
    seenLabelSets.set(f.name, sets);
    f.samples.push({ name, labels, value, ...(timestamp === undefined ? {} : { timestamp }) });
  });
  return families;
}
