import { describe, expect, it } from 'vitest';
import { arrangeTrackTitles } from '../../../contract/index.js';
import {
  containsCell,
  describeSelection,
  dragSelection,
  fitSelection,
  moveSelection,
  selectAll,
  selectCell,
  selectionRect,
  spansOf,
} from '../../../renderer/src/state/arrange-selection.js';

describe('arrange cell selection', () => {
  it('starts at the first cell, moves a cursor with arrows and collapses onto it without Shift', () => {
    let selection = moveSelection(null, 'right', false, 0, 8);
    expect(selection).toEqual({ variation: 0, anchor: { lane: 0, bar: 0 }, cursor: { lane: 0, bar: 0 } });
    selection = moveSelection(selection, 'down', false, 0, 8);
    selection = moveSelection(selection, 'down', false, 0, 8);
    selection = moveSelection(selection, 'right', false, 0, 8);
    selection = moveSelection(selection, 'right', false, 0, 8);
    expect(selectionRect(selection)).toEqual({ fromLane: 2, toLane: 2, fromBar: 2, toBar: 2 });
    // Shift extends from the anchor: bass bars 3–4 (from 1), as the e2e test selects them.
    selection = moveSelection(selection, 'right', true, 0, 8);
    expect(spansOf(selection)).toEqual([{ track: 'bass', fromBar: 2, toBar: 3 }]);
    expect(describeSelection(selection, arrangeTrackTitles)).toBe('Bass bars 3–4');
    // Shift+Up grows it over Chords too; an arrow without Shift collapses it again.
    selection = moveSelection(selection, 'up', true, 0, 8);
    expect(spansOf(selection)).toEqual([
      { track: 'chords', fromBar: 2, toBar: 3 },
      { track: 'bass', fromBar: 2, toBar: 3 },
    ]);
    expect(describeSelection(selection, arrangeTrackTitles)).toBe('Chords–Bass bars 3–4');
    selection = moveSelection(selection, 'left', false, 0, 8);
    expect(selectionRect(selection)).toEqual({ fromLane: 1, toLane: 1, fromBar: 2, toBar: 2 });
  });

  it('stays inside the lanes and bars, and Home / End go to the first and last bar', () => {
    let selection = selectCell(1, { lane: 3, bar: 7 }, 8);
    selection = moveSelection(selection, 'down', false, 1, 8);
    selection = moveSelection(selection, 'right', false, 1, 8);
    expect(selection.cursor).toEqual({ lane: 3, bar: 7 });
    selection = moveSelection(selection, 'home', true, 1, 8);
    expect(selectionRect(selection)).toEqual({ fromLane: 3, toLane: 3, fromBar: 0, toBar: 7 });
    expect(selectCell(0, { lane: -2, bar: 40 }, 8).cursor).toEqual({ lane: 0, bar: 7 });
  });

  it('belongs to its variation: a key on another variation starts a new selection there', () => {
    const onFirst = selectCell(0, { lane: 2, bar: 5 }, 8);
    const moved = moveSelection(onFirst, 'right', true, 1, 8);
    expect(moved).toEqual({ variation: 1, anchor: { lane: 0, bar: 0 }, cursor: { lane: 0, bar: 0 } });
  });

  it('drags a rectangle from the press, selects all, and says which cells it holds', () => {
    const pressed = selectCell(0, { lane: 3, bar: 6 }, 8);
    const dragged = dragSelection(pressed, { lane: 1, bar: 2 }, 8);
    expect(selectionRect(dragged)).toEqual({ fromLane: 1, toLane: 3, fromBar: 2, toBar: 6 });
    expect(containsCell(dragged, 2, 4)).toBe(true);
    expect(containsCell(dragged, 0, 4)).toBe(false);
    expect(spansOf(selectAll(0, 4))).toHaveLength(4);
    expect(fitSelection(dragged, 8)).toBe(dragged);
    expect(fitSelection(dragged, 6)).toBeNull();
  });
});
