// The play head's mark, the same on the piano roll and the Arrange lanes: a light line from just above the ruler's
// foot to the bottom, and a downward triangle in the ruler pointing at it.

/** Paints the mark at x (a half-pixel centre) on a canvas `height` tall whose ruler is `ruler` pixels high. */
export function paintPlayheadMarker(context: CanvasRenderingContext2D, x: number, ruler: number, height: number): void {
  context.fillStyle = '#e6e7ea';
  context.fillRect(x - 0.5, ruler - 4, 1, height - ruler + 4);
  context.beginPath();
  context.moveTo(x - 5, 3);
  context.lineTo(x + 5, 3);
  context.lineTo(x, ruler - 3);
  context.fill();
}
