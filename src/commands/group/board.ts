/**
 * The live view of many watched groups. At a terminal it redraws a block on
 * stderr (a summary line plus the groups still moving); otherwise it writes
 * one plain line per change and a heartbeat summary so CI never sees silence.
 * Group names and row texts are service text: each goes through `safeLine` (the
 * one sanitiser, on one line) before it is put between our colours and cursor moves.
 */
import type { IOStreams } from '../../io/streams.js';
import type { Clock } from '../../context.js';
import { palette } from '../../io/color.js';
import { safeLine } from '../../errors.js';
import type { ProgressReporter } from '../../watch/progress.js';
import { formatElapsed } from '../../watch/progress.js';
import { t } from '../../i18n/index.js';
import { reverse as M } from '../../i18n/catalog/reverse.js';

type RowState = 'queued' | 'submitting' | 'watching' | 'done' | 'failed' | 'stopped';

interface Row {
  name: string;
  state: RowState;
  text: string;
}

/** Options of createBoard. */
export interface BoardOptions {
  io: IOStreams;
  clock: Clock;
  names: string[];
  /** Plain mode: a summary line after this long without output (ms). @default 30000 */
  heartbeatMs?: number;
  /** Terminal mode: most group rows drawn at once. @default 20 */
  maxRows?: number;
}

/** A board shows every group; `reporter(name)` adapts one row for the job watcher. */
export interface Board {
  set(name: string, state: RowState, text: string): void;
  reporter(name: string): ProgressReporter;
  /** Stops redrawing and leaves the final block on screen. */
  close(): void;
}

/** Creates the board for the given groups. */
export function createBoard(o: BoardOptions): Board {
  const p = palette(o.io.colorLevel);
  const start = o.clock.now();
  const rows = new Map<string, Row>(o.names.map((n) => [n, { name: n, state: 'queued', text: t(M.boardQueued) }]));
  const heartbeatMs = o.heartbeatMs ?? 30_000;
  const maxRows = o.maxRows ?? 20;
  const live = o.io.canAnimate;
  let drawn = 0;
  let lastPlain = start;
  let closed = false;

  const elapsed = () => formatElapsed(o.clock.now() - start);
  const counts = () => {
    const c = { queued: 0, moving: 0, done: 0, failed: 0 };
    for (const r of rows.values()) {
      if (r.state === 'done') c.done++;
      else if (r.state === 'failed' || r.state === 'stopped') c.failed++;
      else if (r.state === 'queued') c.queued++;
      else c.moving++;
    }
    return c;
  };
  const summary = () => {
    const c = counts();
    return t(M.boardSummary, { done: c.done, total: rows.size, moving: c.moving, failed: c.failed, queued: c.queued, elapsed: elapsed() });
  };
  const icon = (s: RowState) =>
    s === 'done' ? p.green('✔') : s === 'failed' || s === 'stopped' ? p.red('✖') : s === 'queued' ? p.dim('·') : p.cyan('…');

  const redraw = () => {
    if (!live || closed) return;
    const moving = [...rows.values()].filter((r) => r.state === 'submitting' || r.state === 'watching');
    const shown = moving.slice(0, maxRows);
    const lines = [summary(), ...shown.map((r) => `  ${icon(r.state)} ${safeLine(r.name)}: ${safeLine(r.text)}`)];
    if (moving.length > shown.length) lines.push(p.dim(t(M.boardMore, { n: moving.length - shown.length })));
    // Move to the top of the previous block and clear it before drawing anew.
    const up = drawn > 0 ? `\u001b[${drawn}F` : '';
    o.io.err.write(up + '\u001b[J' + lines.join('\n') + '\n');
    drawn = lines.length;
  };
  const timer = live ? setInterval(redraw, 250) : undefined;
  timer?.unref?.();

  const plain = (line: string) => {
    if (live) return;
    o.io.err.write(`[${elapsed()}] ${line}\n`);
    lastPlain = o.clock.now();
  };

  const board: Board = {
    set(name, state, text) {
      const row = rows.get(name);
      if (!row) return;
      const changed = row.state !== state || row.text !== text;
      row.state = state;
      row.text = text;
      if (!changed) return;
      if (live) {
        // Finished groups scroll up as permanent lines above the live block.
        if (state === 'done' || state === 'failed' || state === 'stopped') {
          const up = drawn > 0 ? `\u001b[${drawn}F\u001b[J` : '';
          o.io.err.write(`${up}${icon(state)} ${safeLine(name)}: ${safeLine(text)}\n`);
          drawn = 0;
        }
        redraw();
      } else {
        plain(safeLine(`${name}: ${text}`));
      }
    },
    reporter(name) {
      return {
        update(s) {
          board.set(name, 'watching', s.groupStatus ? t(M.boardJobGroup, { status: s.jobStatus, group: s.groupStatus }) : t(M.boardJob, { status: s.jobStatus }));
        },
        tick() {
          if (!live && o.clock.now() - lastPlain >= heartbeatMs) plain(t(M.boardStillWaiting, { summary: summary() }));
        },
        stop(outcome, text) {
          board.set(name, outcome === 'success' ? 'done' : outcome === 'fail' ? 'failed' : 'stopped', text);
        },
        nextTickInMs() {
          return live ? 60_000 : Math.max(1, heartbeatMs - (o.clock.now() - lastPlain));
        },
      };
    },
    close() {
      if (closed) return;
      redraw();
      closed = true;
      if (timer) clearInterval(timer);
      if (!live) plain(summary());
    },
  };
  return board;
}
