// What is drawn over the dungeon's tiles, in tile units: the room graph (a node per room, an edge per door, locked
// doors, keys, start and boss), the agent's path, the selected room and the room being redrawn.
import type { Dungeon, DungeonRole } from '../../../../contract/index.js';
import { dungeonRoom } from '../../../../contract/index.js';
import { dungeonTileSize } from './dungeon-painter.js';

const roleColours: Record<DungeonRole, string> = {
  start: '#7dcf9b',
  boss: '#f7768e',
  key: '#e0af68',
  enemy: '#bb9af7',
  normal: '#a9b1d6',
};
const lockColour = '#ff9e64';
const edgeColour = '#7aa2f7';
const keyColour = '#e0af68';

/** The map tile at the centre of a room. */
function centreOf(dungeon: Dungeon, room: number): { x: number; y: number } {
  const { x, y } = dungeon.rooms[room]!;
  return { x: x * dungeonRoom.width + dungeonRoom.width / 2, y: y * dungeonRoom.height + dungeonRoom.height / 2 };
}

/** A spot's map tile, centred: [x, y] in room `room`. */
function spotOf(dungeon: Dungeon, spot: { room: number; at: [number, number] }): { x: number; y: number } {
  const room = dungeon.rooms[spot.room]!;
  return { x: room.x * dungeonRoom.width + spot.at[0] + 0.5, y: room.y * dungeonRoom.height + spot.at[1] + 0.5 };
}

export function DungeonOverlay({
  dungeon,
  cell,
  showGraph,
  showPath,
  selectedRoom,
  busyRoom,
}: {
  dungeon: Dungeon;
  /** CSS pixels per tile: strokes and labels keep their size in pixels whatever the zoom. */
  cell: number;
  showGraph: boolean;
  showPath: boolean;
  selectedRoom: number | null;
  busyRoom: number | null;
}) {
  const { width, height } = dungeonTileSize(dungeon);
  const px = 1 / cell;
  const node = Math.min(3.2, 11 * px);
  const label = Math.min(2.6, 11 * px);
  const frame = (room: number) => {
    const { x, y } = dungeon.rooms[room]!;
    return {
      x: x * dungeonRoom.width,
      y: y * dungeonRoom.height,
      width: dungeonRoom.width,
      height: dungeonRoom.height,
    };
  };
  const points = dungeon.path.map(([x, y]) => `${x + 0.5},${y + 0.5}`).join(' ');

  return (
    <svg
      className="dungeon-overlay"
      viewBox={`0 0 ${width} ${height}`}
      width={width * cell}
      height={height * cell}
      data-testid="dungeon-overlay"
      aria-hidden="true"
    >
      {busyRoom !== null && dungeon.rooms[busyRoom] ? (
        <rect className="dungeon-room-busy" {...frame(busyRoom)} data-testid="dungeon-room-busy" />
      ) : null}
      {showGraph ? (
        <g data-testid="dungeon-graph">
          {dungeon.doors.map((door) => {
            const from = centreOf(dungeon, door.from);
            const to = centreOf(dungeon, door.to);
            const locked = door.lock !== null;
            return (
              <g key={`${door.from}-${door.to}`} data-testid="dungeon-graph-edge" data-locked={locked}>
                <line
                  x1={from.x}
                  y1={from.y}
                  x2={to.x}
                  y2={to.y}
                  stroke={locked ? lockColour : edgeColour}
                  strokeOpacity={locked ? 1 : 0.7}
                  strokeWidth={(locked ? 4 : 5) * px}
                  strokeDasharray={locked ? `${6 * px} ${4 * px}` : undefined}
                />
              </g>
            );
          })}
        </g>
      ) : null}
      {showPath && dungeon.path.length > 1 ? (
        <g data-testid="dungeon-path" data-steps={dungeon.path.length}>
          <polyline points={points} fill="none" stroke="#0e0f12" strokeWidth={4 * px} strokeLinejoin="round" />
          <polyline points={points} fill="none" stroke="#ffffff" strokeWidth={2 * px} strokeLinejoin="round" />
        </g>
      ) : null}
      {showGraph ? (
        <g data-testid="dungeon-graph-marks">
          {dungeon.doors.map((door) => {
            if (door.lock === null) return null;
            const from = centreOf(dungeon, door.from);
            const to = centreOf(dungeon, door.to);
            return (
              <g
                key={`lock-${door.from}-${door.to}`}
                transform={`translate(${(from.x + to.x) / 2} ${(from.y + to.y) / 2})`}
                data-testid="dungeon-graph-lock"
              >
                <rect
                  x={-node * 0.9}
                  y={-node * 0.7}
                  width={node * 1.8}
                  height={node * 1.4}
                  rx={2 * px}
                  fill="#1a1b26"
                  stroke={lockColour}
                  strokeWidth={2 * px}
                />
                <text className="dungeon-overlay-text" fontSize={label} fill={lockColour} dy="0.35em">
                  L{door.lock + 1}
                </text>
              </g>
            );
          })}
          {[
            { spot: dungeon.spawn, text: 'start', colour: roleColours.start },
            { spot: dungeon.goal, text: 'boss', colour: roleColours.boss },
          ].map(({ spot, text, colour }) => {
            const at = spotOf(dungeon, spot);
            return (
              <g key={text} transform={`translate(${at.x} ${at.y})`} data-testid={`dungeon-graph-${text}`}>
                <circle r={node * 0.55} fill="none" stroke={colour} strokeWidth={3 * px} />
                <text className="dungeon-overlay-text" fontSize={label * 0.9} fill={colour} y={-node * 1.6}>
                  {text}
                </text>
              </g>
            );
          })}
          {dungeon.rooms.map((room) => {
            const at = centreOf(dungeon, room.id);
            return (
              <g
                key={room.id}
                transform={`translate(${at.x} ${at.y})`}
                data-testid="dungeon-graph-node"
                data-room={room.id}
                data-role={room.role}
              >
                <circle r={node} fill="#1a1b26" stroke={roleColours[room.role]} strokeWidth={3 * px} />
                <text className="dungeon-overlay-text" fontSize={label} fill="#e6e8ef" dy="0.35em">
                  {room.id}
                </text>
              </g>
            );
          })}
          {dungeon.keys.map((key, index) => {
            const tile = spotOf(dungeon, key);
            const centre = centreOf(dungeon, key.room);
            // A diamond on the key's own tile, its name beside it; a key lying under its room's node is drawn as a
            // badge on the node's rim instead, so the room's number stays readable.
            const underNode = Math.hypot(tile.x - centre.x, tile.y - centre.y) < node * 1.2;
            const at = underNode ? { x: centre.x + node * 0.95, y: centre.y + node * 0.75 } : tile;
            const size = node * 0.5;
            return (
              <g key={`key-${index}`} transform={`translate(${at.x} ${at.y})`} data-testid="dungeon-graph-key">
                <rect
                  x={-size}
                  y={-size}
                  width={size * 2}
                  height={size * 2}
                  transform="rotate(45)"
                  fill={keyColour}
                  stroke="#1a1b26"
                  strokeWidth={1.5 * px}
                />
                <text
                  className="dungeon-overlay-text dungeon-overlay-label"
                  fontSize={label * 0.9}
                  fill={keyColour}
                  x={size * 1.6}
                  y={-size * 1.2}
                >
                  K{index + 1}
                </text>
              </g>
            );
          })}
        </g>
      ) : null}
      {selectedRoom !== null && dungeon.rooms[selectedRoom] ? (
        <rect
          className="dungeon-room-selected"
          {...frame(selectedRoom)}
          strokeWidth={3 * px}
          data-testid="dungeon-room-selected"
          data-room={selectedRoom}
        />
      ) : null}
    </svg>
  );
}
