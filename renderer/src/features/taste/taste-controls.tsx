// The taste controls Music and Levels share: the "For you" order toggle of a variations strip, a card's discard (✕)
// and "why" buttons, and the popover that lists the features that weighed most in a variation's place.
import { useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent, type RefObject } from 'react';
import { useStudio } from '../../state/store-context.js';
import {
  displayOrder,
  forYouActive,
  rankedRow,
  tasteFeatureLabels,
  tasteHasFeedback,
  type TasteWorkspace,
} from '../../state/taste-slice.js';
import './taste.css';

/**
 * The generated indices of a run's `count` variations in the order the strip shows them (displayOrder), recomputed
 * only when what it depends on changes (a selector must not answer a new array each time).
 */
export function useDisplayOrder(workspace: TasteWorkspace, jobId: string | null, count: number): number[] {
  const tasteStatus = useStudio((state) => state.tasteStatus);
  const tasteOrder = useStudio((state) => state.tasteOrder);
  const ranking = useStudio((state) => (jobId ? state.tasteRankings[jobId] : undefined));
  return useMemo(
    () =>
      displayOrder(
        { tasteStatus, tasteOrder, tasteRankings: jobId && ranking ? { [jobId]: ranking } : {} },
        workspace,
        jobId,
        count,
      ),
    [tasteStatus, tasteOrder, ranking, workspace, jobId, count],
  );
}

/** Asks for the shown run's ranking while "For you" is in effect. */
export function useRankShownRun(workspace: TasteWorkspace, jobId: string | null): void {
  const active = useStudio((state) => forYouActive(state, workspace));
  const rankRun = useStudio((state) => state.rankRun);
  useEffect(() => {
    if (active && jobId) void rankRun(jobId);
  }, [active, jobId, rankRun]);
}

export function ForYouToggle({ workspace }: { workspace: TasteWorkspace }) {
  const on = useStudio((state) => state.tasteOrder[workspace]);
  const ready = useStudio((state) => tasteHasFeedback(state, workspace));
  const enabled = useStudio((state) => state.tasteStatus?.enabled ?? false);
  const setOrder = useStudio((state) => state.setTasteOrder);
  const title = !enabled
    ? 'Taste ranking is off (Settings → Taste)'
    : ready
      ? on
        ? 'Showing the variations best first for you (O): click for generated order'
        : 'Show the variations best first for you (O), learnt from what you keep, export, play and discard'
      : 'Keep (F), export, play to the end or discard (X) a few variations first: "For you" learns from them';
  return (
    <button
      type="button"
      className={`for-you ${on && ready ? 'for-you-on' : ''}`}
      aria-pressed={on && ready}
      disabled={!ready}
      title={title}
      data-testid={`${workspace}-for-you`}
      onClick={() => setOrder(workspace, !on)}
    >
      For you
    </button>
  );
}

const stop = (event: MouseEvent) => event.stopPropagation();

export function DiscardButton({ jobId, variation, shortcut }: { jobId: string; variation: number; shortcut?: string }) {
  const discarded = useStudio((state) => (state.tasteDiscarded[jobId] ?? []).includes(variation));
  const enabled = useStudio((state) => state.tasteStatus?.enabled ?? false);
  const sendTaste = useStudio((state) => state.sendTaste);
  if (!enabled) return null;
  const label = discarded
    ? `Variation ${variation + 1} discarded: taste learnt you like it less`
    : `Discard variation ${variation + 1} (taste learns you like it less)`;
  return (
    <button
      type="button"
      className={`taste-discard ${discarded ? 'taste-discard-on' : ''}`}
      aria-pressed={discarded}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      data-testid="taste-discard"
      onClick={(event) => {
        stop(event);
        void sendTaste(jobId, variation, 'discard');
      }}
    >
      ✕
    </button>
  );
}

/** A card's "why" button and, when open, its popover (shown while "For you" orders the strip). */
export function WhyButton({
  workspace,
  jobId,
  variation,
}: {
  workspace: TasteWorkspace;
  jobId: string;
  variation: number;
}) {
  const active = useStudio((state) => forYouActive(state, workspace));
  const row = useStudio((state) => rankedRow(state, jobId, variation));
  const open = useStudio((state) => state.tasteWhy?.jobId === jobId && state.tasteWhy.variation === variation);
  const setWhy = useStudio((state) => state.setTasteWhy);
  const button = useRef<HTMLButtonElement>(null);
  if (!active || !row) return null;
  return (
    <span className="taste-why-anchor" onClick={stop} onDoubleClick={stop}>
      <button
        ref={button}
        type="button"
        className="taste-why"
        aria-expanded={open}
        aria-label={`Why variation ${variation + 1} is here`}
        title={`Why variation ${variation + 1} is here: the features that weighed most`}
        data-testid="taste-why"
        onClick={() => setWhy(open ? null : { jobId, variation })}
      >
        why
      </button>
      {open ? <WhyPopover jobId={jobId} variation={variation} anchor={button} /> : null}
    </span>
  );
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
}

/** The popover's width in pixels (taste.css), to keep it inside the window. */
const popoverWidth = 240;

/**
 * Fixed to the window under its button, so a strip that scrolls (and clips what overflows it) never cuts it; a click
 * outside, a scroll or Escape closes it.
 */
export function WhyPopover({
  jobId,
  variation,
  anchor,
}: {
  jobId: string;
  variation: number;
  anchor: RefObject<HTMLElement | null>;
}) {
  const row = useStudio((state) => rankedRow(state, jobId, variation));
  const setWhy = useStudio((state) => state.setTasteWhy);
  const popover = useRef<HTMLDivElement>(null);
  // Placed under its button and focused (so Escape reaches it) before it is first painted; the node is written
  // directly, no state.
  useLayoutEffect(() => {
    const node = popover.current;
    const rect = anchor.current?.getBoundingClientRect();
    if (!node || !rect) return;
    node.style.top = `${rect.bottom + 4}px`;
    node.style.left = `${Math.max(8, Math.min(window.innerWidth - popoverWidth - 8, rect.right - popoverWidth))}px`;
    node.focus();
  }, [anchor]);
  useEffect(() => {
    const close = (event: Event): void => {
      if (!popover.current?.parentElement?.contains(event.target as Node)) setWhy(null);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('scroll', close, true);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('scroll', close, true);
    };
  }, [setWhy]);
  if (!row) return null;
  return (
    <div
      ref={popover}
      className="taste-why-popover"
      role="dialog"
      aria-label={`Why variation ${variation + 1}`}
      tabIndex={-1}
      data-testid="taste-why-popover"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        setWhy(null);
      }}
    >
      <p className="taste-why-score">
        Score <strong>{signed(row.score)}</strong>
      </p>
      {row.why.length === 0 ? (
        <p className="muted">Nothing in it stands out from your other results.</p>
      ) : (
        <ul>
          {row.why.map((share) => (
            <li key={share.feature}>
              <span>{tasteFeatureLabels[share.feature] ?? share.feature}</span>
              <span className={share.weight >= 0 ? 'taste-up' : 'taste-down'}>{signed(share.weight)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted taste-why-note">Feature × how much it matters to you. Esc closes.</p>
    </div>
  );
}
