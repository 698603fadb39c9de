// The selected room: its role, what it was drawn for, its doors (locks and the keys that open them), what the agent
// repaired in it; Regenerate room redraws only it, and undo/redo step through the takes.
import type { Dungeon } from '../../../../contract/index.js';
import { CommandButton } from '../../commands/command-button.js';
import { findCommand } from '../../commands/command-registry.js';
import { doorsOfRoom, keysInRoom, repairsInRoom } from '../../state/dungeon-rooms.js';
import { shownDungeon } from '../../state/dungeons-slice.js';
import { useStudio } from '../../state/store-context.js';

const roleNames = {
  start: 'Start room',
  boss: 'Boss room (goal)',
  key: 'Key room',
  enemy: 'Enemy room',
  normal: 'Room',
} as const;

/** What a room's interior holds, counted tile by tile: "4 monsters, 10 blocks". */
const interiorNames: Record<string, [string, string]> = {
  M: ['monster', 'monsters'],
  B: ['block', 'blocks'],
  P: ['water/lava tile', 'water/lava tiles'],
  O: ['water/lava edge', 'water/lava edges'],
  I: ['block in water/lava', 'blocks in water/lava'],
  S: ['stair', 'stairs'],
};

function tileCounts(dungeon: Dungeon, room: number): string {
  const counts = new Map<string, number>();
  for (const row of dungeon.rooms[room]!.tiles.slice(2, -2))
    for (const tile of row.slice(2, -2)) counts.set(tile, (counts.get(tile) ?? 0) + 1);
  return Object.entries(interiorNames)
    .filter(([tile]) => counts.has(tile))
    .map(([tile, [one, many]]) => `${counts.get(tile)} ${counts.get(tile) === 1 ? one : many}`)
    .join(', ');
}

function RoomDetails({ dungeon, room }: { dungeon: Dungeon; room: number }) {
  const info = dungeon.rooms[room]!;
  const doors = doorsOfRoom(dungeon, room);
  const keys = keysInRoom(dungeon, room);
  const repairs = repairsInRoom(dungeon, room);
  const visit = dungeon.visitOrder.indexOf(room);
  const inside = tileCounts(dungeon, room);
  return (
    <>
      <h2 className="dungeon-room-title" data-testid="dungeon-room-title">
        Room {room} · {roleNames[info.role]}
      </h2>
      <dl className="dungeon-room-facts">
        <dt>Grid</dt>
        <dd>
          column {info.x}, row {info.y}
        </dd>
        <dt>Drawn for</dt>
        <dd>
          enemies {info.enemies}, blocks {info.blocks}, water/lava {info.elements}
        </dd>
        <dt>Inside</dt>
        <dd>{inside || 'floor only'}</dd>
        <dt>Route</dt>
        <dd>{visit >= 0 ? `entered ${ordinal(visit + 1)} by the agent` : 'not on the route (a side room)'}</dd>
        {keys.length > 0 ? (
          <>
            <dt>Keys</dt>
            <dd>{keys.map((key) => `key ${key + 1}`).join(', ')} lies here</dd>
          </>
        ) : null}
      </dl>
      <h3 className="dungeon-room-subtitle">Doors</h3>
      <ul className="dungeon-room-list" data-testid="dungeon-room-doors">
        {doors.map((door) => (
          <li key={door.side}>
            {door.side} → room {door.to}
            {door.lock !== null ? <span className="dungeon-lock"> · locked, key {door.lock + 1}</span> : null}
          </li>
        ))}
      </ul>
      <h3 className="dungeon-room-subtitle">Agent</h3>
      {repairs.length === 0 ? (
        <p className="muted dungeon-room-note" data-testid="dungeon-room-repairs">
          No repairs: every door of this room reached every other as drawn.
        </p>
      ) : (
        <ul className="dungeon-room-list" data-testid="dungeon-room-repairs">
          {repairs.map((repair, index) => (
            <li key={index}>
              {repair.kind === 'carve' ? 'Carved a floor path' : 'Redrew the room'} ({repair.tiles}{' '}
              {repair.tiles === 1 ? 'tile' : 'tiles'} changed): {repair.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ordinal(value: number): string {
  const suffix = value % 100 >= 11 && value % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${value}${suffix}`;
}

export function DungeonRoomPanel() {
  const dungeon = useStudio(shownDungeon);
  const room = useStudio((state) => state.selectedRoom);
  const activity = useStudio((state) => state.dungeonActivity);
  const take = useStudio((state) => state.dungeonTakes[state.selectedDungeon]);
  if (!dungeon) return null;
  return (
    <aside className="panel dungeon-room" aria-label="Selected room" data-testid="dungeon-room-panel">
      {room !== null && dungeon.rooms[room] ? (
        <RoomDetails dungeon={dungeon} room={room} />
      ) : (
        <p className="muted dungeon-room-note">
          Click a room on the map, or press an arrow key (the start room first), to see its doors and repairs and to
          redraw it.
        </p>
      )}
      <div className="dungeon-room-actions">
        <CommandButton
          command={findCommand('dungeons.room.regenerate')}
          label={activity.state === 'regenerating' ? 'Redrawing…' : 'Regenerate room'}
        />
        <span className="dungeon-room-takes" data-testid="dungeon-takes">
          {take ? `Take ${take.at + 1} of ${take.takes.length}` : ''}
        </span>
        <span className="dungeon-room-undo">
          <CommandButton command={findCommand('dungeons.undo')} label="Undo" />
          <CommandButton command={findCommand('dungeons.redo')} label="Redo" />
        </span>
      </div>
    </aside>
  );
}
