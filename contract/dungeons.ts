// The top-down dungeon task (`level.dungeon`): request fields, the dungeon a run answers (rooms on a grid, doors, keys
// and locks, every room's tiles, the agent's route and repairs), and the room geometry every part draws with.
import { z } from 'zod';

/**
 * A room in the original Zelda orientation: 16 tiles wide, 11 tall, walls 2 thick, so the interior is 12 × 7 with its
 * top-left tile at (2, 2). VGLC's processed text is the transpose of this (its rooms are 11 columns × 16 rows).
 */
export const dungeonRoom = { width: 16, height: 11, wall: 2 } as const;
export const dungeonInterior = { width: 12, height: 7, left: 2, top: 2 } as const;

/**
 * VGLC Zelda tiles: F floor, B block, M monster, P element (lava, water), O element + floor, I element + block,
 * D door, S stair, W wall, - void. Walkable for the agent: F, M, S, D and O (O is "lava/block or water/block" in
 * the legend; VGLC draws it where a room's element meets its floor, and the game lets the player stand there, so the
 * agent counts it as floor). Not walkable: B, P, I, W, -.
 */
export const dungeonTiles = 'FBMPOIDSW-';
/** The tiles a room's interior may hold (what the room model draws). */
export const dungeonInteriorTiles = 'FBMPOIS';
export const dungeonWalkableTiles = 'FMSDO';
export const dungeonTileNames: Readonly<Record<string, string>> = {
  F: 'floor',
  B: 'block',
  M: 'monster',
  P: 'element (lava, water)',
  O: 'element + floor',
  I: 'element + block',
  D: 'door',
  S: 'stair',
  W: 'wall',
  '-': 'void',
};

export const dungeonSides = ['north', 'east', 'south', 'west'] as const;
export type DungeonSide = (typeof dungeonSides)[number];

/**
 * The door tiles of a side, as [x, y] in a room: VGLC marks a door with D on the inner layer of the wall only (the
 * outer layer stays W): north/south doors are 2 wide at columns 7–8, east/west doors 3 tall at rows 4–6.
 */
export function doorTiles(side: DungeonSide): [number, number][] {
  switch (side) {
    case 'north':
      return [
        [7, 1],
        [8, 1],
      ];
    case 'south':
      return [
        [7, 9],
        [8, 9],
      ];
    case 'west':
      return [
        [1, 4],
        [1, 5],
        [1, 6],
      ];
    case 'east':
      return [
        [14, 4],
        [14, 5],
        [14, 6],
      ];
  }
}

/** The grid step to the neighbour behind a side: x grows east, y grows south. */
export const sideSteps: Readonly<Record<DungeonSide, readonly [number, number]>> = {
  north: [0, -1],
  east: [1, 0],
  south: [0, 1],
  west: [-1, 0],
};
export const oppositeSide: Readonly<Record<DungeonSide, DungeonSide>> = {
  north: 'south',
  east: 'west',
  south: 'north',
  west: 'east',
};

export const dungeonRoles = ['start', 'normal', 'enemy', 'key', 'boss'] as const;
export type DungeonRole = (typeof dungeonRoles)[number];
export const densityBuckets = ['none', 'some', 'many'] as const;
export type DensityBucket = (typeof densityBuckets)[number];
export const elementBuckets = ['none', 'some'] as const;
export type ElementBucket = (typeof elementBuckets)[number];

/** A tile position [x, y]: x the column from the left, y the row from the top. */
export const dungeonCellSchema = z.tuple([z.number().int(), z.number().int()]);
export type DungeonCell = z.infer<typeof dungeonCellSchema>;

const roomRow = z
  .string()
  .length(dungeonRoom.width)
  .regex(/^[FBMPOIDSW-]+$/, 'VGLC Zelda tiles');

export const dungeonRoomSchema = z
  .object({
    /** The room's index in `rooms`. */
    id: z.number().int().min(0),
    /** Grid cell, in rooms: x grows east, y grows south; the map's top-left room is (0, 0). */
    x: z.number().int().min(0).max(63),
    y: z.number().int().min(0).max(63),
    role: z.enum(dungeonRoles),
    /** What the room was drawn for: monsters, blocks and water/lava (the room model's condition buckets). */
    enemies: z.enum(densityBuckets),
    blocks: z.enum(densityBuckets),
    elements: z.enum(elementBuckets),
    /** 11 rows of 16 VGLC tiles, top row first, walls and doors (D) included. */
    tiles: z.array(roomRow).length(dungeonRoom.height),
  })
  .strict();
export type DungeonRoom = z.infer<typeof dungeonRoomSchema>;

export const dungeonDoorSchema = z
  .object({
    /** Rooms joined: `to` is the neighbour east (side "east") or south (side "south") of `from`. */
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    side: z.enum(['east', 'south']),
    /** The key that opens it (index into `keys`), or null for an open door. */
    lock: z.number().int().min(0).nullable(),
  })
  .strict();
export type DungeonDoor = z.infer<typeof dungeonDoorSchema>;

/** A thing placed on a room's tile: [x, y] in that room. */
export const dungeonSpotSchema = z.object({ room: z.number().int().min(0), at: dungeonCellSchema }).strict();
export type DungeonSpot = z.infer<typeof dungeonSpotSchema>;

export const dungeonRepairSchema = z
  .object({
    room: z.number().int().min(0),
    /** resample: the model redrew the room; carve: a floor path was laid between its doors (and items). */
    kind: z.enum(['resample', 'carve']),
    /** Tiles of the room that changed. */
    tiles: z.number().int().min(0),
    /** What the agent found, e.g. "door east cut off from door north". */
    reason: z.string(),
  })
  .strict();
export type DungeonRepair = z.infer<typeof dungeonRepairSchema>;

export const dungeonSchema = z
  .object({
    variation: z.number().int().min(0),
    /** The grid's size in rooms. */
    columns: z.number().int().min(1).max(64),
    rows: z.number().int().min(1).max(64),
    rooms: z.array(dungeonRoomSchema).min(1).max(64),
    doors: z.array(dungeonDoorSchema).max(256),
    /** Where the player starts (in the start room) and the boss waits (in the goal room). */
    spawn: dungeonSpotSchema,
    goal: dungeonSpotSchema,
    /** Key i opens the doors whose `lock` is i; each lies where it can be reached without passing its doors. */
    keys: z.array(dungeonSpotSchema).max(8),
    /**
     * The agent's route: spawn → each key in order → goal, as map tiles [x, y] (room (rx, ry)'s tile (tx, ty) is
     * (16·rx + tx, 11·ry + ty)), one step per move; through a door it crosses both wall layers.
     */
    path: z.array(dungeonCellSchema).max(100_000),
    /** Rooms in the order the route first enters them. */
    visitOrder: z.array(z.number().int().min(0)),
    /** True when the agent found every room reachable, every door of every room reachable from its others, keys before locks. */
    playable: z.boolean(),
    /** What the agent still found wrong (empty when playable). */
    problems: z.array(z.string()),
    repairs: z.array(dungeonRepairSchema),
    stats: z
      .object({
        /** Rooms whose monsters, blocks and water fall in the buckets asked for (counted by the model's own edges). */
        roomsAsAsked: z.number().int().min(0),
        /** Milliseconds drawing rooms with the model, checking and repairing. */
        decodeMs: z.number(),
        checkMs: z.number(),
        repairMs: z.number(),
      })
      .strict(),
  })
  .strict();
export type Dungeon = z.infer<typeof dungeonSchema>;

const samplingFields = {
  /** Softmax temperature (default from the model's manifest). */
  temperature: z.number().min(0).max(5).optional(),
  topP: z.number().gt(0).max(1).optional(),
  /** Model redraws allowed per room that fails the agent, before a floor path is carved (0 = carve at once). */
  repairBudget: z.number().int().min(0).max(16).optional(),
};

/**
 * The densities run from 0 (every room without) to 1 (every room with the most); each room's bucket is drawn so that
 * with 3 buckets and density d a room gets none (1 - d)², some 2d(1 - d), many d². The defaults give the shares of VGLC
 * Zelda's 417 transcribed rooms (monsters in 25 %, blocks none/some/many 49/28/23 %, water or lava in 28 %).
 */
export const dungeonGenerateFieldsSchema = z
  .object({
    /** Rooms in the dungeon. */
    rooms: z.number().int().min(4).max(32).default(12),
    /** Monsters (never in the start room). */
    enemyDensity: z.number().min(0).max(1).default(0.15),
    /** Blocks inside rooms. */
    blockDensity: z.number().min(0).max(1).default(0.35),
    /** Water or lava inside rooms. */
    elementDensity: z.number().min(0).max(1).default(0.3),
    /** Key → locked-door pairs on the way to the goal. */
    keyLocks: z.number().int().min(0).max(3).default(1),
    /** Unsigned 32-bit seed: variation v of a seed is the same whatever the count. Random when absent. */
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    /** Dungeons generated together. */
    variations: z.number().int().min(1).max(8).default(1),
    ...samplingFields,
  })
  .strict();

export const dungeonGenerateParamsSchema = dungeonGenerateFieldsSchema.extend({
  mode: z.literal('generate').default('generate'),
});

export const dungeonRegenerateRoomFieldsSchema = z
  .object({
    /** The dungeon to edit; every other room is kept as it is. */
    dungeon: dungeonSchema,
    /** The room redrawn (its id). */
    room: z.number().int().min(0),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    ...samplingFields,
  })
  .strict();

export const dungeonRegenerateRoomParamsSchema = dungeonRegenerateRoomFieldsSchema.extend({
  mode: z.literal('regenerateRoom'),
});

export const dungeonTaskParamsSchema = z.discriminatedUnion('mode', [
  dungeonGenerateParamsSchema,
  dungeonRegenerateRoomParamsSchema,
]);
export type DungeonTaskParams = z.output<typeof dungeonTaskParamsSchema>;
export type DungeonGenerateParams = z.input<typeof dungeonGenerateParamsSchema>;

export const dungeonTaskResultSchema = z
  .object({
    mode: z.enum(['generate', 'regenerateRoom']),
    seed: z.number().int().min(0).max(0xffffffff),
    /** One sentence for labels and exports: "12 rooms, 1 key, enemies 0.5, blocks 0.4, elements 0.25". */
    prompt: z.string(),
    dungeons: z.array(dungeonSchema),
    /** Wall time of the whole task in milliseconds. */
    totalMs: z.number(),
  })
  .strict();
export type DungeonTaskResult = z.infer<typeof dungeonTaskResultSchema>;

/** The sentence a dungeon request is labelled with (job lists, exports' provenance). */
export function describeDungeonRequest(request: {
  rooms: number;
  keyLocks: number;
  enemyDensity: number;
  blockDensity: number;
  elementDensity: number;
}): string {
  const keys = `${request.keyLocks} key${request.keyLocks === 1 ? '' : 's'}`;
  return `${request.rooms} rooms, ${keys}, enemies ${request.enemyDensity}, blocks ${request.blockDensity}, elements ${request.elementDensity}`;
}
